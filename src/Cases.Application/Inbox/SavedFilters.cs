using System.Globalization;
using Cases.Workflows.Tasks;

namespace Cases.Application.Inbox;

/// <summary>
/// An inbox filter as saved: procedure, SLA state, due within N working days, sort, party, case number and assignee
/// (checked as the tasks' list checks them, <see cref="TaskFilters"/>). Kept in
/// <see cref="SavedFilter.Query"/> as the inbox's own query string, so applying one is opening the inbox with it.
/// </summary>
public sealed record InboxFilter(string? Procedure, string? Sla, int? Within, string Sort, string? Party = null, string? CaseNumber = null, string? Assignee = null)
{
    public static readonly string[] SlaStates = ["onTime", "warning", "breached"];

    public static readonly string[] Sorts = ["due", "priority", "age"];

    /// <summary>The longest "due within" a filter may say: a year of working days is more than any statutory clock.</summary>
    public const int MaxWithin = 365;

    /// <summary>Checks each value and names the field of the first bad one (400).</summary>
    public static InboxFilter Checked(string? procedure, string? sla, int? within, string? sort, string? party = null, string? caseNumber = null, string? assignee = null)
    {
        procedure = string.IsNullOrWhiteSpace(procedure) ? null : procedure.Trim();
        sla = string.IsNullOrWhiteSpace(sla) ? null : sla.Trim();
        sort = string.IsNullOrWhiteSpace(sort) ? "due" : sort.Trim();
        if (sla is not null && !SlaStates.Contains(sla, StringComparer.Ordinal))
        {
            throw new DomainValidationException("sla", new LocalizedText("时限状态须为 onTime（正常）、warning（临近到期）或 breached（已超期），留空表示全部。", "sla must be onTime, warning or breached (or empty for all)."));
        }

        if (within is < 0 or > MaxWithin)
        {
            throw new DomainValidationException("within", new LocalizedText($"到期天数须为 0 至 {MaxWithin} 个工作日（或留空）。", $"within must be a number of working days from 0 to {MaxWithin} (or empty)."));
        }

        if (!Sorts.Contains(sort, StringComparer.Ordinal))
        {
            throw new DomainValidationException("sort", new LocalizedText("排序方式须为 due（到期日）、priority（优先级）或 age（等待时间）。", "sort must be due, priority or age."));
        }

        return new InboxFilter(procedure, sla, within, sort, TaskFilters.Party(party), TaskFilters.CaseNumber(caseNumber), TaskFilters.Assignee(assignee));
    }

    /// <summary>The inbox query string of this filter ("procedure=…&amp;sla=…&amp;within=…&amp;sort=…"), empty values left out.</summary>
    public string ToQuery()
    {
        var values = new List<KeyValuePair<string, string?>>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                values.Add(new(key, value));
            }
        }

        Add("procedure", Procedure);
        Add("sla", Sla);
        Add("within", Within?.ToString(CultureInfo.InvariantCulture));
        Add("sort", Sort);
        Add("party", Party);
        Add("caseNumber", CaseNumber);
        Add("assignee", Assignee);
        return QueryString(values);
    }

    /// <summary>Reads a stored query back; a value that no longer checks (a stored row edited by hand) is dropped, never trusted.</summary>
    public static InboxFilter FromQuery(string query)
    {
        var values = (query ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .GroupBy(pair => Uri.UnescapeDataString(pair[0]), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Uri.UnescapeDataString(g.First().ElementAtOrDefault(1) ?? ""), StringComparer.Ordinal);
        string? Value(string key) => values.GetValueOrDefault(key);
        var within = int.TryParse(Value("within"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= MaxWithin ? n : (int?)null;
        var sla = Value("sla");
        var sort = Value("sort");
        return new InboxFilter(
            string.IsNullOrWhiteSpace(Value("procedure")) ? null : Value("procedure"),
            SlaStates.Contains(sla, StringComparer.Ordinal) ? sla : null,
            within,
            Sorts.Contains(sort, StringComparer.Ordinal) ? sort! : "due",
            Kept(TaskFilters.Party, Value("party")),
            Kept(TaskFilters.CaseNumber, Value("caseNumber")),
            Kept(TaskFilters.Assignee, Value("assignee")));
    }

    private static string? Kept(Func<string?, string?> check, string? value)
    {
        try
        {
            return check(value);
        }
        catch (DomainValidationException)
        {
            return null;
        }
    }

    private static string QueryString(IEnumerable<KeyValuePair<string, string?>> values) =>
        string.Join('&', values.Select(v => $"{Uri.EscapeDataString(v.Key)}={Uri.EscapeDataString(v.Value ?? "")}"));
}

/// <summary>
/// A saved filter as the inbox lists it: whose, shared with whom (a role, in a city or — shared by provincial staff —
/// in every city), what it filters and its inbox query string; <c>Mine</c> when the user owns it and may delete it.
/// </summary>
public sealed record SavedFilterView(Guid Id, string Name, string Owner, string? SharedWithRole, string? City, InboxFilter Filter, string Query, bool Mine, DateTimeOffset CreatedAt)
{
    /// <summary>Who shared it, by display name (「张伟」); the user name until a list resolves it.</summary>
    public string OwnerName { get; init; } = Owner;
}

/// <summary>
/// Saves the inbox's current filter under a name, privately or shared with everyone of a role in the user's city
/// (provincial users share with the role in every city). Saving a name the user already has replaces that filter.
/// </summary>
public sealed record SaveFilter(string? Name, string? Procedure, string? Sla, int? Within, string? Sort, string? ShareWithRole, Actor By,
    string? Party = null, string? CaseNumber = null, string? Assignee = null) : ICommand<SavedFilterView>;

/// <summary>Deletes one of the user's own saved filters; a filter someone shared with them is theirs to keep (403).</summary>
public sealed record DeleteFilter(Guid FilterId, Actor By) : ICommand<Guid>;

/// <summary>The user's own filters and those shared with one of their roles in their city, own first, each by name.</summary>
public sealed record ListFilters(Actor By) : IQuery<IReadOnlyList<SavedFilterView>>;

public sealed class SavedFilterHandlers(CasesDb db, TimeProvider clock) :
    ICommandHandler<SaveFilter, SavedFilterView>,
    ICommandHandler<DeleteFilter, Guid>,
    IQueryHandler<ListFilters, IReadOnlyList<SavedFilterView>>
{
    /// <summary>How many filters one user keeps: enough for every procedure and state, not an unbounded table.</summary>
    public const int MaxPerUser = 50;

    public const int MaxNameLength = 100;

    public async ValueTask<SavedFilterView> Handle(SaveFilter command, CancellationToken cancellationToken)
    {
        var by = command.By;
        Cases.Workflows.Instances.CaseAccess.EnsureCaseStaff(by);
        var name = TextInput.Required(command.Name, "name", "The filter's name", MaxNameLength);
        var filter = InboxFilter.Checked(command.Procedure, command.Sla, command.Within, command.Sort, command.Party, command.CaseNumber, command.Assignee);
        if (filter.Procedure is { } procedure && !await db.Definitions.AnyAsync(d => d.Key == procedure, cancellationToken))
        {
            throw new DomainValidationException("procedure", new LocalizedText($"没有业务「{Shorten(procedure)}」。", $"There is no procedure '{Shorten(procedure)}'."));
        }

        var share = string.IsNullOrWhiteSpace(command.ShareWithRole) ? null : command.ShareWithRole.Trim();
        if (share is not null && !Roles.All.Contains(share, StringComparer.Ordinal))
        {
            throw new DomainValidationException("shareWithRole", new LocalizedText(
                $"共享对象须为以下角色之一：{string.Join("、", Roles.All)}（留空则仅自己使用）。",
                $"shareWithRole must be one of {string.Join(", ", Roles.All)} (or empty to keep the filter to yourself)."));
        }

        try
        {
            return await SaveAsync(by, name, filter, share, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same name was saved at the same moment (two tabs, a double click): the unique key kept one row; this
            // save updates it instead, as saving an existing name always does.
            db.ChangeTracker.Clear();
            return await SaveAsync(by, name, filter, share, cancellationToken);
        }
    }

    private async Task<SavedFilterView> SaveAsync(Actor by, string name, InboxFilter filter, string? share, CancellationToken cancellationToken)
    {
        var existing = await db.SavedFilters.SingleOrDefaultAsync(f => f.Owner == by.UserName && f.Name == name, cancellationToken);
        if (existing is null)
        {
            if (await db.SavedFilters.CountAsync(f => f.Owner == by.UserName, cancellationToken) >= MaxPerUser)
            {
                throw new DomainRuleException(new LocalizedText($"您已保存了 {MaxPerUser} 个筛选条件，请先删除一个。", $"You already keep {MaxPerUser} saved filters; delete one first."));
            }

            existing = new SavedFilter { Id = Guid.CreateVersion7(clock.GetUtcNow()), Owner = by.UserName, Name = name, CreatedAt = clock.GetUtcNow() };
            db.SavedFilters.Add(existing);
        }

        existing.Query = filter.ToQuery();
        existing.SharedWithRole = share;
        existing.CityCode = share is null ? null : by.CityCode;
        await db.SaveChangesAsync(cancellationToken);
        return View(existing, by);
    }

    public async ValueTask<Guid> Handle(DeleteFilter command, CancellationToken cancellationToken)
    {
        Cases.Workflows.Instances.CaseAccess.EnsureCaseStaff(command.By);
        var filter = await db.SavedFilters.SingleOrDefaultAsync(f => f.Id == command.FilterId, cancellationToken);
        if (filter is null || (filter.Owner != command.By.UserName && !AppliesTo(filter, command.By)))
        {
            throw new NotFoundException(new LocalizedText($"您没有编号为 {command.FilterId} 的已保存筛选条件。", $"You have no saved filter {command.FilterId}."));
        }

        if (filter.Owner != command.By.UserName)
        {
            var owner = (await Common.Names.UsersAsync(db, [filter.Owner], cancellationToken)).GetValueOrDefault(filter.Owner, filter.Owner);
            throw new ForbiddenException(new LocalizedText(
                $"筛选条件「{Cases.Domain.Privacy.PersonalDataMask.Text(filter.Name)}」由 {owner} 共享给您，只有创建者可以删除。",
                $"The filter '{Cases.Domain.Privacy.PersonalDataMask.Text(filter.Name)}' was shared with you by {owner}; only its owner deletes it."));
        }

        db.SavedFilters.Remove(filter);
        await db.SaveChangesAsync(cancellationToken);
        return filter.Id;
    }

    public async ValueTask<IReadOnlyList<SavedFilterView>> Handle(ListFilters query, CancellationToken cancellationToken)
    {
        var by = query.By;
        Cases.Workflows.Instances.CaseAccess.EnsureCaseStaff(by);
        var roles = by.Roles.ToList();
        var city = by.CityCode;
        // A filter shared in a city applies to the role in that city; one shared by provincial staff (no city) applies in every city.
        var rows = await db.SavedFilters.AsNoTracking()
            .Where(f => f.Owner == by.UserName
                || (f.SharedWithRole != null && roles.Contains(f.SharedWithRole) && (f.CityCode == null || f.CityCode == city)))
            .ToListAsync(cancellationToken);
        // Who shared a filter is named as every page names people: by display name.
        var owners = await Common.Names.UsersAsync(db, rows.Select(f => (string?)f.Owner), cancellationToken);
        return rows.Select(f => View(f, by) with { OwnerName = owners.GetValueOrDefault(f.Owner, f.Owner) })
            .OrderByDescending(v => v.Mine).ThenBy(v => v.Name, StringComparer.Ordinal).ThenBy(v => v.Id)
            .ToList();
    }

    private static bool AppliesTo(SavedFilter filter, Actor by) =>
        filter.SharedWithRole is { } role && by.IsIn(role) && (filter.CityCode is null || filter.CityCode == by.CityCode);

    // A filter's name is shown to everyone it is shared with and serves no duty that needs a person's number: a number
    // typed into it is masked for every reader, its owner included (规程 第一百四十条), so there is no view to record.
    private static SavedFilterView View(SavedFilter f, Actor by) =>
        new(f.Id, Cases.Domain.Privacy.PersonalDataMask.Text(f.Name), f.Owner, f.SharedWithRole, f.CityCode, InboxFilter.FromQuery(f.Query), f.Query, f.Owner == by.UserName, f.CreatedAt);

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
