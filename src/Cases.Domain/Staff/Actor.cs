namespace Cases.Domain.Staff;

/// <summary>Who is acting: the user name, their city (null for provincial staff) and their roles.</summary>
public sealed record Actor(string UserName, string? CityCode, IReadOnlySet<string> Roles)
{
    public bool IsProvincial => CityCode is null;

    /// <summary>Whether the actor holds <paramref name="role"/>: for a role the record names (a task's candidate role, a filter shared with a role).</summary>
    public bool IsIn(string role) => Roles.Contains(role);

    /// <summary>Whether one of the actor's roles holds <paramref name="permission"/> (<see cref="Permissions"/>).</summary>
    public bool May(Permission permission) => Roles.Any(r => Permissions.Holds(r, permission));

    /// <summary>规程 第一百四十条: staff see their own city's records; provincial staff see every city.</summary>
    public bool CanSeeCity(string? cityCode) => IsProvincial || string.Equals(CityCode, cityCode, StringComparison.Ordinal);

    /// <summary>
    /// The city a list or a report covers: the actor's own city, or — for provincial staff — all cities (null) or the
    /// one asked for. A city user asking for another city is refused (403: 规程 第一百四十条).
    /// </summary>
    public string? CityScope(string? requested)
    {
        if (IsProvincial)
        {
            return string.IsNullOrWhiteSpace(requested) ? null : Domain.Parties.City.Parse(requested).Code;
        }

        if (!string.IsNullOrWhiteSpace(requested) && requested != CityCode)
        {
            throw new ForbiddenException(new LocalizedText($"您只能办理本市（{CityCode}）的业务。", $"You work in city {CityCode} only."));
        }

        return CityCode;
    }

    /// <summary>
    /// The city a supervision figure or list covers: city supervisors and administrators their own city, provincial
    /// ones every city (null) or the one they pick. Anyone else is refused (403).
    /// </summary>
    public string? SupervisionScope(string? requested) =>
        May(Permission.Oversee)
            ? CityScope(requested)
            : throw new ForbiddenException(new LocalizedText("只有主管和系统管理员可以查看全市的任务及办理时限统计。", "Only supervisors and administrators see every task of a city and its SLA figures."));

    /// <summary>Whether the actor reads real case data at all (<see cref="Permission.ReadCaseData"/>): designers and auditors do not.</summary>
    public bool SeesCaseData => May(Permission.ReadCaseData);

    /// <summary>
    /// Officers and reviewers handle cases and need the full identity number; everyone else sees it masked. An auditor
    /// never does, whatever other role they hold: who checks the views must not add to them.
    /// </summary>
    public bool NeedsFullIdNumbers => May(Permission.SeeFullIdNumbers) && !May(Permission.Audit);
}
