using System.Text.Json.Nodes;
using Cases.Domain.Parties;
using Cases.Domain.Privacy;

namespace Cases.Application.Common;

/// <summary>
/// A case's party as a list shows it: a name, and small beside it what identifies it — an employer's credit code, a
/// worker's identity number (always masked: a list is not a recorded view, 规程 第一百四十条), a project's code. When
/// nobody is named, <see cref="Name"/> is the case's own label (masked) and <see cref="Detail"/> is null. <see cref="Kind"/>
/// says what the party is (<see cref="Worker"/>, <see cref="Employer"/>, <see cref="Project"/>, <see cref="InjuryCase"/>
/// when only an injury case's number is known), null when unknown. <see cref="EmployerName"/>: for a worker's case whose form
/// also names the employer (a transfer, an advance payment, a third-party top-up), the employer's name (its credit code
/// when unregistered or out of sight), so a list says whose worker it is.
/// </summary>
public sealed record PartyLabel(string Name, string? Detail, string? Kind = null, string? EmployerName = null)
{
    public const string Worker = "worker";
    public const string Employer = "employer";
    public const string Project = "project";
    public const string InjuryCase = "injury-case";

    public override string ToString() => (Detail is null ? Name : $"{Name} {Detail}") + (EmployerName is null ? "" : $" · {EmployerName}");

    /// <summary>People: the party's page (「当事人」) when the register holds it in the user's city; null otherwise.</summary>
    public string? Url { get; init; }
}

/// <summary>
/// Who is who on a page: users by display name (「张伟」, not the sign-in name) and cases by their party's name, resolved
/// once by the page's query (<see cref="Names"/>) so a view never shows a user name or a bare code.
/// </summary>
public sealed record NameBook(IReadOnlyDictionary<string, string> Users, IReadOnlyDictionary<Guid, PartyLabel> Parties)
{
    public static NameBook Empty { get; } = new(new Dictionary<string, string>(), new Dictionary<Guid, PartyLabel>());

    /// <summary>A user's display name; the user name itself when the user is unknown (a system actor, a deleted account).</summary>
    public string User(string? userName) =>
        userName is null ? "" : Users.TryGetValue(userName, out var name) && name.Length > 0 ? name : userName;

    /// <summary>A case's party; <paramref name="fallback"/> (the case's masked label) when the page did not resolve it.</summary>
    public PartyLabel Party(Guid caseId, string fallback) => Parties.TryGetValue(caseId, out var label) ? label : new(fallback, null);

    public NameBook With(NameBook other) => new(
        Users.Concat(other.Users).GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal),
        Parties.Concat(other.Parties).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value));
}

/// <summary>
/// Resolves display names of users and the parties of cases for the pages' queries, in one place. A party is read from
/// the case's data: a worker (a field …IdNumber, or an object with idNumber) before a construction project (projectCode)
/// before an employer (…CreditCode, or an object with creditCode: a project's contractor is not its party); its name from the data when the form recorded one
/// (…Name beside the number, or the object's name), else from the registers within the user's city.
/// </summary>
public static class Names
{
    public static async Task<NameBook> ResolveAsync(CasesDb db, Actor by, IEnumerable<string?> userNames, IEnumerable<Guid> caseIds, CancellationToken ct)
    {
        var users = await UsersAsync(db, userNames, ct);
        var parties = await PartiesAsync(db, by, caseIds, ct);
        return new NameBook(users, parties);
    }

    public static async Task<IReadOnlyDictionary<string, string>> UsersAsync(CasesDb db, IEnumerable<string?> userNames, CancellationToken ct)
    {
        var wanted = userNames.OfType<string>().Where(u => u.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        var found = await db.Users.AsNoTracking().Where(u => wanted.Contains(u.UserName!)).Select(u => new { u.UserName, u.DisplayName }).ToListAsync(ct);
        return found.Where(u => u.UserName is not null && u.DisplayName.Length > 0)
            .GroupBy(u => u.UserName!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().DisplayName, StringComparer.Ordinal);
    }

    public static async Task<IReadOnlyDictionary<Guid, PartyLabel>> PartiesAsync(CasesDb db, Actor by, IEnumerable<Guid> caseIds, CancellationToken ct)
    {
        var ids = caseIds.Distinct().ToList();
        var result = new Dictionary<Guid, PartyLabel>();
        if (ids.Count == 0)
        {
            return result;
        }

        var rows = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Join(db.Instances.AsNoTracking(), c => c.Id, i => i.CaseId, (c, i) => new { c.Id, c.Party, i.DataJson })
            .ToListAsync(ct);
        var registers = new Registers(db, by);
        var data = rows.Select(r => (r.Id, r.Party, Data: JsonNode.Parse(r.DataJson) as JsonObject)).ToList();
        // Every number the page's cases name is looked up in one query per register, not one per row.
        await registers.PrefetchAsync(data.Select(d => d.Data).OfType<JsonObject>(), ct);
        foreach (var (id, party, json) in data)
        {
            result[id] = await registers.LabelAsync(party, json, ct);
        }

        return result;
    }

    /// <summary>
    /// A registered worker's name, when the actor may see it: a worker's name only within the user's city, as the case
    /// page shows it (规程 第一百四十条); null when unregistered or out of sight.
    /// </summary>
    public static async Task<string?> WorkerNameAsync(CasesDb db, Actor by, IdNumber id, CancellationToken ct)
    {
        var worker = await (from w in db.Workers.AsNoTracking()
                            where w.IdNumber == id
                            join e in db.Employers.AsNoTracking() on w.EmployerId equals e.Id into es
                            from e in es.DefaultIfEmpty()
                            select new { w.Name, City = e == null ? null : e.CityCode }).FirstOrDefaultAsync(ct);
        return worker is not null && (by.IsProvincial || (worker.City is not null && by.CanSeeCity(worker.City))) ? worker.Name : null;
    }

    /// <summary>A registered employer's name, when the actor may see its city; null otherwise.</summary>
    public static async Task<string?> EmployerNameAsync(CasesDb db, Actor by, CreditCode code, CancellationToken ct)
    {
        var employer = await db.Employers.AsNoTracking().Where(e => e.CreditCode == code).Select(e => new { e.Name, e.CityCode }).FirstOrDefaultAsync(ct);
        return employer is not null && by.CanSeeCity(employer.CityCode) ? employer.Name : null;
    }

    /// <summary>The registers read for one page, each number looked up once.</summary>
    private sealed class Registers(CasesDb db, Actor by)
    {
        private readonly Dictionary<string, string?> _workers = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string?> _employers = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string?> _projects = new(StringComparer.Ordinal);

        /// <summary>
        /// Reads the registers once for every identity number, credit code and project code the cases' data name, so
        /// that labelling a page's rows asks the database nothing more; what is not found (or out of sight) is null.
        /// </summary>
        public async Task PrefetchAsync(IEnumerable<JsonObject> cases, CancellationToken ct)
        {
            var ids = new HashSet<IdNumber>();
            var codes = new HashSet<CreditCode>();
            var projects = new HashSet<string>(StringComparer.Ordinal);
            foreach (var data in cases)
            {
                foreach (var (field, node) in data)
                {
                    var inner = node as JsonObject;
                    var number = Text(node) ?? Text(inner?["idNumber"]) ?? Text(inner?["creditCode"]);
                    if (number is null)
                    {
                        continue;
                    }

                    if (IdNumber.TryParse(number, out var id, out _))
                    {
                        ids.Add(id);
                    }
                    else if (CreditCode.TryParse(number, out var code, out _))
                    {
                        codes.Add(code);
                    }
                    else if (field == "projectCode")
                    {
                        projects.Add(number);
                    }
                }
            }

            if (ids.Count > 0)
            {
                var wanted = ids.ToList();
                var found = await (from w in db.Workers.AsNoTracking()
                                   where wanted.Contains(w.IdNumber)
                                   join e in db.Employers.AsNoTracking() on w.EmployerId equals e.Id into es
                                   from e in es.DefaultIfEmpty()
                                   select new { w.IdNumber, w.Name, City = e == null ? null : e.CityCode }).ToListAsync(ct);
                foreach (var id in wanted)
                {
                    var worker = found.FirstOrDefault(w => w.IdNumber == id);
                    _workers[id.Value] = worker is not null && (by.IsProvincial || (worker.City is not null && by.CanSeeCity(worker.City))) ? worker.Name : null;
                }
            }

            if (codes.Count > 0)
            {
                var wanted = codes.ToList();
                var found = await db.Employers.AsNoTracking().Where(e => wanted.Contains(e.CreditCode)).Select(e => new { e.CreditCode, e.Name, e.CityCode }).ToListAsync(ct);
                foreach (var code in wanted)
                {
                    var employer = found.FirstOrDefault(e => e.CreditCode == code);
                    _employers[code.Value] = employer is not null && by.CanSeeCity(employer.CityCode) ? employer.Name : null;
                }
            }

            if (projects.Count > 0)
            {
                var wanted = projects.ToList();
                var found = await db.ConstructionProjects.AsNoTracking().Where(p => wanted.Contains(p.ProjectCode)).Select(p => new { p.ProjectCode, p.Name, p.CityCode }).ToListAsync(ct);
                foreach (var code in wanted)
                {
                    var project = found.FirstOrDefault(p => p.ProjectCode == code);
                    _projects[code] = project is not null && by.CanSeeCity(project.CityCode) ? project.Name : null;
                }
            }
        }

        public async Task<PartyLabel> LabelAsync(string stored, JsonObject? data, CancellationToken ct)
        {
            var fallback = new PartyLabel(PersonalDataMask.Label(stored, full: false), null);
            if (data is null)
            {
                return fallback;
            }

            if (Find(data, "IdNumber", "idNumber") is { } worker && IdNumber.TryParse(worker.Number, out var id, out _))
            {
                var name = worker.Name ?? await WorkerAsync(id, ct);
                return new PartyLabel(name ?? id.Masked, name is null ? null : id.Masked, PartyLabel.Worker, await EmployerOfAsync(data, ct)) { Url = await WorkerUrlAsync(id, ct) };
            }

            if (Text(data["projectCode"]) is { } project)
            {
                var name = Text(data["projectName"]) ?? await ProjectAsync(project, ct);
                return new PartyLabel(name ?? project, name is null ? null : project, PartyLabel.Project)
                {
                    Url = await ProjectAsync(project, ct) is null ? null : $"/projects/{Uri.EscapeDataString(project)}",
                };
            }

            if (Find(data, "CreditCode", "creditCode") is { } employer)
            {
                var registered = CreditCode.TryParse(employer.Number, out var code, out _) ? await EmployerAsync(code, ct) : null;
                var name = employer.Name ?? registered;
                return new PartyLabel(name ?? employer.Number, name is null ? null : employer.Number, PartyLabel.Employer)
                {
                    Url = registered is null ? null : $"/employers/{Uri.EscapeDataString(code.Value)}",
                };
            }

            // Only an injury case's number (the form names no worker or employer; a third party named without a code is
            // whom the fund recovers from, not the case's party).
            return Text(data["injuryCaseId"]) == stored ? fallback with { Kind = PartyLabel.InjuryCase } : fallback;
        }

        /// <summary>The employer a worker's case names (a top-level …CreditCode), by name when registered and in sight; else its code.</summary>
        private async Task<string?> EmployerOfAsync(JsonObject data, CancellationToken ct)
        {
            foreach (var (field, node) in data)
            {
                if (field.EndsWith("CreditCode", StringComparison.Ordinal) && Text(node) is { } number)
                {
                    return Text(data[field[..^"CreditCode".Length] + "Name"])
                        ?? (CreditCode.TryParse(number, out var code, out _) ? await EmployerAsync(code, ct) : null)
                        ?? number;
                }
            }

            return null;
        }

        /// <summary>A number and the name beside it: a top-level field …{suffix} with …Name, or an object with {member} and name.</summary>
        private static (string Number, string? Name)? Find(JsonObject data, string suffix, string member)
        {
            foreach (var (field, node) in data)
            {
                if (field.EndsWith(suffix, StringComparison.Ordinal) && Text(node) is { } number)
                {
                    return (number, Text(data[field[..^suffix.Length] + "Name"]));
                }
            }

            foreach (var (_, node) in data)
            {
                if (node is JsonObject inner && Text(inner[member]) is { } number)
                {
                    return (number, Text(inner["name"]));
                }
            }

            return null;
        }

        private static string? Text(JsonNode? node) =>
            node is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;

        /// <summary>People: the page of a worker registered in the user's city, addressed by the register's id (never the number).</summary>
        private async Task<string?> WorkerUrlAsync(IdNumber id, CancellationToken ct)
        {
            if (await WorkerAsync(id, ct) is null)
            {
                return null;
            }

            if (!_workerIds.TryGetValue(id.Value, out var workerId))
            {
                workerId = await db.Workers.AsNoTracking().Where(w => w.IdNumber == id).Select(w => w.Id).FirstAsync(ct);
                _workerIds[id.Value] = workerId;
            }

            return $"/workers/{workerId}";
        }

        private readonly Dictionary<string, Guid> _workerIds = new(StringComparer.Ordinal);

        private async Task<string?> WorkerAsync(IdNumber id, CancellationToken ct)
        {
            if (!_workers.TryGetValue(id.Value, out var name))
            {
                name = await WorkerNameAsync(db, by, id, ct);
                _workers[id.Value] = name;
            }

            return name;
        }

        private async Task<string?> EmployerAsync(CreditCode code, CancellationToken ct)
        {
            if (!_employers.TryGetValue(code.Value, out var name))
            {
                name = await EmployerNameAsync(db, by, code, ct);
                _employers[code.Value] = name;
            }

            return name;
        }

        private async Task<string?> ProjectAsync(string projectCode, CancellationToken ct)
        {
            if (!_projects.TryGetValue(projectCode, out var name))
            {
                var project = await db.ConstructionProjects.AsNoTracking().Where(p => p.ProjectCode == projectCode).Select(p => new { p.Name, p.CityCode }).FirstOrDefaultAsync(ct);
                name = project is not null && by.CanSeeCity(project.CityCode) ? project.Name : null;
                _projects[projectCode] = name;
            }

            return name;
        }
    }
}

/// <summary>
/// Who is who for a page or an export that lists tasks from several queries (the dashboard, its CSV files): display
/// names of <see cref="Users"/> and the parties of <see cref="Cases"/>, as <see cref="Names"/> resolves them.
/// </summary>
public sealed record ResolveNames(IReadOnlyCollection<string?> Users, IReadOnlyCollection<Guid> Cases, Actor By) : IQuery<NameBook>;

public sealed class ResolveNamesHandler(CasesDb db) : IQueryHandler<ResolveNames, NameBook>
{
    public async ValueTask<NameBook> Handle(ResolveNames query, CancellationToken cancellationToken) =>
        await Names.ResolveAsync(db, query.By, query.Users, query.Cases, cancellationToken);
}
