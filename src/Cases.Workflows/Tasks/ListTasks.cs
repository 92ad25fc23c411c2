using System.Diagnostics;
using System.Globalization;
using Cases.Workflows.Common;
using Cases.Workflows.Instances;

namespace Cases.Workflows.Tasks;

/// <summary>
/// The inbox: "mine" (claimed by me), "available" (open in my roles and city), "done" (completed by me), "all"
/// (supervisors) or "open" (supervisors: every open or claimed task — the dashboard's breached and at-risk lists, where a
/// provincial supervisor may narrow to one <see cref="City"/>), filtered (procedure, status, due date, SLA state), sorted by due date, priority or age, with keyset
/// paging: the cursor is the last row's sort key and id, so page 50 costs what page 1 costs. Sla is onTime, warning or
/// breached as <see cref="TaskView.SlaOf"/> decides it (done tasks at their completion); Sort is due (earliest deadline
/// first, the default), priority (highest first, then due) or age (oldest first). <see cref="Party"/> and
/// <see cref="CaseNumber"/> narrow any scope (<see cref="TaskFilters"/> says how they match); <see cref="Assignee"/> (a user
/// name) narrows the scopes that list other people's tasks (all, open) to the tasks that user holds. <see cref="Clock"/>
/// (statutory or agency) narrows any scope to the tasks whose deadline the regulation, or the agency, sets.
/// </summary>
public sealed record ListTasks(string? Scope, string? Procedure, string? Status, DateOnly? DueBefore, bool? Overdue, string? After, int? Limit, Actor By,
    string? Sla = null, string? Sort = null, string? City = null, string? Party = null, string? CaseNumber = null, string? Assignee = null,
    string? Clock = null) : IQuery<TaskPage>;

public sealed record TaskPage(IReadOnlyList<TaskView> Items, string? Next);

public sealed class ListTasksHandler(IWorkflowDb db, TimeProvider clock, IEnumerable<IPartyRegister> registers) : IQueryHandler<ListTasks, TaskPage>
{
    /// <summary>
    /// A list's clock filter: null (or blank) for every deadline, else statutory or agency; anything else is refused naming
    /// <c>clock</c>. The dashboard's CSV export reads its <c>clock</c> with it too, so a bad value is refused alike there.
    /// </summary>
    public static ClockSource? ClockFilter(string? clock) => string.IsNullOrWhiteSpace(clock)
        ? null
        : ClockSources.Parse(clock) ?? throw new DomainValidationException("clock", new LocalizedText(
            "时限性质须为 statutory（法定时限）或 agency（本机构时限）。", "clock must be statutory (a limit the regulation sets) or agency (the agency's own target)."));

    public async ValueTask<TaskPage> Handle(ListTasks query, CancellationToken cancellationToken)
    {
        CaseAccess.EnsureCaseStaff(query.By);
        var limit = query.Limit ?? 50;
        if (limit is < 1 or > 200)
        {
            throw new DomainValidationException("limit", new LocalizedText("每页条数须在 1 至 200 之间。", "limit must be between 1 and 200."));
        }

        var by = query.By;
        var tasks = db.Tasks.AsNoTracking();
        if (!string.IsNullOrEmpty(query.City) && query.Scope is not ("all" or "open"))
        {
            throw new DomainValidationException("city", new LocalizedText("只有查看“全部”或“待认领”任务时才能按城市筛选。", "city narrows scope all or open only."));
        }

        switch (query.Scope ?? "mine")
        {
            case "mine":
                tasks = tasks.Where(t => t.Assignee == by.UserName && t.Status == HumanTaskStatus.Claimed);
                break;
            case "available":
                var roles = by.Roles.ToList();
                // One role (the usual case) as an equality, not IN/ANY: PostgreSQL then walks ix_human_tasks_claimable
                // in due order and stops after a page, instead of sorting every open task of the city (docs/performance.md).
                if (roles.Count == 1)
                {
                    var role = roles[0];
                    tasks = tasks.Where(t => t.Status == HumanTaskStatus.Open && t.Role == role);
                }
                else
                {
                    tasks = tasks.Where(t => t.Status == HumanTaskStatus.Open && roles.Contains(t.Role));
                }

                break;
            case "all" or "open":
                if (by.SupervisionScope(query.City) is { } city)
                {
                    tasks = tasks.Where(t => t.CityCode == city);
                }

                if (query.Scope == "open")
                {
                    tasks = tasks.Where(t => t.Status == HumanTaskStatus.Open || t.Status == HumanTaskStatus.Claimed);
                }

                break;
            case "done":
                tasks = tasks.Where(t => t.CompletedBy == by.UserName && t.Status == HumanTaskStatus.Completed);
                break;
            default:
                throw new DomainValidationException("scope", new LocalizedText("任务范围须为：我的、可认领、已办、全部或待认领。", "scope must be mine, available, done, all or open."));
        }

        if (!by.IsProvincial)
        {
            tasks = tasks.Where(t => t.CityCode == by.CityCode);
        }

        if (!string.IsNullOrEmpty(query.Procedure))
        {
            // An unknown procedure is a mistake to name, not a filter that quietly matches nothing.
            if (!await db.Definitions.AnyAsync(d => d.Key == query.Procedure, cancellationToken))
            {
                var named = query.Procedure.Length > 40 ? query.Procedure[..40] + "…" : query.Procedure;
                throw new DomainValidationException("procedure", new LocalizedText($"没有名为“{named}”的业务流程。", $"There is no procedure '{named}'; see GET /api/definitions."));
            }

            tasks = tasks.Where(t => t.Procedure == query.Procedure);
        }

        if (!string.IsNullOrWhiteSpace(query.Status))
        {
            var status = Enum.TryParse<HumanTaskStatus>(query.Status, ignoreCase: true, out var s) && Enum.IsDefined(s)
                ? s
                : throw new DomainValidationException("status", new LocalizedText("任务状态须为：待认领、已认领、已办结或已取消。", "status must be open, claimed, completed or cancelled."));
            tasks = tasks.Where(t => t.Status == status);
        }

        var now = clock.GetUtcNow();
        if (query.DueBefore is DateOnly dueBefore)
        {
            tasks = tasks.Where(t => t.DueOn < dueBefore);
        }

        if (query.Overdue == true)
        {
            tasks = tasks.Where(t => t.DueAt <= now);
        }

        tasks = FilterSla(tasks, query.Sla, done: query.Scope == "done", now);
        if (ClockFilter(query.Clock) is { } source)
        {
            tasks = tasks.Where(t => t.ClockSource == source);
        }

        var party = TaskFilters.Party(query.Party);
        var namedParties = new List<string>();
        if (party is not null)
        {
            foreach (var register in registers)
            {
                namedParties.AddRange(await register.NumbersNamedAsync(party, by, TaskFilters.MaxNamedParties, cancellationToken));
            }
        }

        tasks = TaskFilters.Apply(tasks, db.CaseValues.AsNoTracking(), party, namedParties, TaskFilters.CaseNumber(query.CaseNumber));
        if (TaskFilters.Assignee(query.Assignee) is { } assignee)
        {
            if (query.Scope is not ("all" or "open"))
            {
                throw new DomainValidationException("assignee", new LocalizedText(
                    "只有查看全市任务时才能按经办人筛选（我的待办、已办都是您本人的，可领取的任务还没有经办人）。",
                    "assignee narrows scope all or open only (mine and done are your own tasks; available ones are held by nobody yet)."));
            }

            tasks = tasks.Where(t => t.Assignee == assignee);
        }

        var sort = query.Sort ?? "due";
        if (sort is not ("due" or "priority" or "age"))
        {
            throw new DomainValidationException("sort", new LocalizedText("排序方式须为：按到期日、按优先级或按等待时长。", "sort must be due, priority or age."));
        }

        var cursor = query.After is { Length: > 0 } after ? Decode(after, sort) : null;
        IQueryable<HumanTask> ordered = sort switch
        {
            // "due >= cursor" first: the index range then starts at the cursor instead of the first open task (docs/performance.md);
            // the same rows as "due > d or (due = d and id > i)".
            "due" => (cursor is null ? tasks : tasks.Where(t => t.DueAt >= cursor.At && (t.DueAt > cursor.At || t.Id.CompareTo(cursor.Id) > 0)))
                .OrderBy(t => t.DueAt).ThenBy(t => t.Id),
            "priority" => (cursor is null ? tasks : tasks.Where(t => t.Priority < cursor.Priority
                    || (t.Priority == cursor.Priority && (t.DueAt > cursor.At || (t.DueAt == cursor.At && t.Id.CompareTo(cursor.Id) > 0)))))
                .OrderByDescending(t => t.Priority).ThenBy(t => t.DueAt).ThenBy(t => t.Id),
            "age" => (cursor is null ? tasks : tasks.Where(t => t.CreatedAt > cursor.At || (t.CreatedAt == cursor.At && t.Id.CompareTo(cursor.Id) > 0)))
                .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id),
            _ => throw new UnreachableException(),
        };

        var page = await ordered.Take(limit + 1).ToListAsync(cancellationToken);
        var next = page.Count > limit ? Encode(page[limit - 1], sort) : null;
        return new TaskPage(page.Take(limit).Select(t => TaskView.From(t, now)).ToList(), next);
    }

    // The thresholds of TaskView.SlaOf as a filter: breached at or past the deadline, warning at or past the warning instant.
    private static IQueryable<HumanTask> FilterSla(IQueryable<HumanTask> tasks, string? sla, bool done, DateTimeOffset now) => (sla, done) switch
    {
        (null or "", _) => tasks,
        ("breached", false) => tasks.Where(t => now >= t.DueAt),
        ("warning", false) => tasks.Where(t => now < t.DueAt && now >= t.WarnAt),
        ("onTime", false) => tasks.Where(t => now < t.DueAt && now < t.WarnAt),
        ("breached", true) => tasks.Where(t => t.CompletedAt >= t.DueAt),
        ("warning", true) => tasks.Where(t => t.CompletedAt < t.DueAt && t.CompletedAt >= t.WarnAt),
        ("onTime", true) => tasks.Where(t => t.CompletedAt < t.DueAt && t.CompletedAt < t.WarnAt),
        _ => throw new DomainValidationException("sla", new LocalizedText("时限状态须为：按时、预警或超时。", "sla must be onTime, warning or breached.")),
    };

    private sealed record Cursor(int Priority, DateTimeOffset At, Guid Id);

    // The cursor carries the sort it was made for: a cursor of one sort handed to another is refused, not misread.
    private static string Encode(HumanTask t, string sort)
    {
        var at = sort == "age" ? t.CreatedAt : t.DueAt;
        return KeysetCursor.Encode(string.Create(CultureInfo.InvariantCulture, $"{sort}:{t.Priority}:{at.UtcTicks}:{t.Id:N}"));
    }

    private static Cursor Decode(string cursor, string sort)
    {
        var parts = KeysetCursor.Decode(cursor, sort, 4);
        try
        {
            return new Cursor(int.Parse(parts[1], CultureInfo.InvariantCulture), new DateTimeOffset(long.Parse(parts[2], CultureInfo.InvariantCulture), TimeSpan.Zero), Guid.ParseExact(parts[3], "N"));
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentOutOfRangeException)
        {
            throw KeysetCursor.Refused(sort);
        }
    }
}
