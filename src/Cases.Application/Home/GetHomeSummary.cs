using System.Text.Json.Nodes;
using Cases.Application.Common;
using Cases.Application.Inbox;
using Cases.Domain.Calendar;
using Cases.Workflows.Calendar;
using Cases.Workflows.Definitions;
using Cases.Workflows.Persistence;
using Cases.Workflows.Instances;
using Cases.Workflows.Tasks;

namespace Cases.Application.Home;

/// <summary>
/// 工作台: today's date in China as the working-day calendar counts it, and how many employers, workers, construction
/// projects and injury cases are registered in the user's city (every city for provincial staff, 规程 第一百四十条);
/// for the case staff also their own tasks due soonest, how many of them are overdue (supervisors: how many of their
/// city's are), and what others did since <paramref name="Since"/> on the cases where the user holds or completed a task.
/// </summary>
/// <param name="By">Who opens the workbench.</param>
/// <param name="Since">The user's previous visit (<see cref="RecordWorkbenchVisit"/>); null on the first, when nothing is "since".</param>
public sealed record GetHomeSummary(Actor By, DateTimeOffset? Since = null) : IQuery<HomeSummary>;

/// <summary>
/// Records that the user opened 工作台 and answers their previous visit, from which the page counts what changed
/// (<see cref="WorkbenchVisit"/>: a look within half an hour of the last is the same visit).
/// </summary>
public sealed record RecordWorkbenchVisit(Actor By) : ICommand<DateTimeOffset?>;

/// <param name="Today">The calendar date in China.</param>
/// <param name="Day">How today counts; null when the calendar has no data for its year.</param>
/// <param name="Employers">Employers registered in the user's city.</param>
/// <param name="Workers">Workers of those employers.</param>
/// <param name="Projects">Construction projects registered in the city (第九条).</param>
/// <param name="InjuryCases">Injury cases of the city.</param>
public sealed record HomeSummary(DateOnly Today, DayInfo? Day, int Employers, int Workers, int Projects, int InjuryCases)
{
    /// <summary>The user's own claimed tasks, earliest deadline first (at most <see cref="GetHomeSummaryHandler.DueSoonestCount"/>), with working days left.</summary>
    public IReadOnlyList<InboxTask> DueSoonest { get; init; } = [];

    /// <summary>How many of the user's own tasks are past their deadline.</summary>
    public int Overdue { get; init; }

    /// <summary>Supervisors: how many open tasks of their city (the province for provincial ones) are past their deadline; null for everyone else.</summary>
    public int? CityBreached { get; init; }

    /// <summary>The previous visit the changes are counted from; null on the first visit.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>What others did since <see cref="Since"/> on the user's cases, newest first (at most <see cref="GetHomeSummaryHandler.ChangesCount"/>).</summary>
    public IReadOnlyList<WorkbenchChange> Changes { get; init; } = [];

    /// <summary>The users and parties the lists name.</summary>
    public NameBook Names { get; init; } = NameBook.Empty;
}

/// <summary>A journal entry of a case the user works on, with the definition its sentence is read against.</summary>
public sealed record WorkbenchChange(Guid CaseId, JournalView Entry, WorkflowDefinition Definition);

public sealed class GetHomeSummaryHandler(IMediator mediator, CasesDb db, CalendarStore calendars, DefinitionStore definitions, TimeProvider clock) :
    IQueryHandler<GetHomeSummary, HomeSummary>,
    ICommandHandler<RecordWorkbenchVisit, DateTimeOffset?>
{
    public const int DueSoonestCount = 5;

    public const int ChangesCount = 10;

    public async ValueTask<HomeSummary> Handle(GetHomeSummary query, CancellationToken cancellationToken)
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var calendar = await calendars.GetAsync(db, cancellationToken);
        var city = query.By.CityCode;
        var employers = db.Employers.AsNoTracking();
        var workers = db.Workers.AsNoTracking();
        var cases = db.InjuryCases.AsNoTracking();
        var projects = db.ConstructionProjects.AsNoTracking();
        if (city is not null)
        {
            employers = employers.Where(e => e.CityCode == city);
            cases = cases.Where(c => c.CityCode == city);
            projects = projects.Where(p => p.CityCode == city);
            workers = workers.Where(w => db.Employers.Any(e => e.Id == w.EmployerId && e.CityCode == city));
        }

        var summary = new HomeSummary(
            today,
            calendar.Covers(today) ? calendar.Describe(today) : null,
            await employers.CountAsync(cancellationToken),
            await workers.CountAsync(cancellationToken),
            await projects.CountAsync(cancellationToken),
            await cases.CountAsync(cancellationToken));
        return query.By.SeesCaseData ? await WithWorkAsync(summary, calendar, query, cancellationToken) : summary;
    }

    private async Task<HomeSummary> WithWorkAsync(HomeSummary summary, WorkingDayCalendar calendar, GetHomeSummary query, CancellationToken ct)
    {
        var by = query.By;
        var me = by.UserName;
        var now = clock.GetUtcNow();
        var due = (await mediator.Send(new ListTasks("mine", null, null, null, null, null, DueSoonestCount, by), ct)).Items;
        var overdue = await db.Tasks.AsNoTracking().CountAsync(t => t.Assignee == me && t.Status == HumanTaskStatus.Claimed && t.DueAt <= now, ct);
        int? cityBreached = null;
        if (by.May(Permission.Oversee))
        {
            var open = db.Tasks.AsNoTracking().Where(t => (t.Status == HumanTaskStatus.Open || t.Status == HumanTaskStatus.Claimed) && t.DueAt <= now);
            cityBreached = await (by.CityCode is { } city ? open.Where(t => t.CityCode == city) : open).CountAsync(ct);
        }

        var changes = new List<WorkbenchChange>();
        if (query.Since is { } since && by.May(Permission.ReadCaseJournal))
        {
            // The cases the user holds a task of or completed one in (a completed task keeps its assignee: the assignee
            // index answers both); what anyone else — a colleague, a supervisor, the clocks — wrote in their journal since.
            var mine = db.Tasks.Where(t => t.Assignee == me && (t.Status == HumanTaskStatus.Claimed || t.Status == HumanTaskStatus.Completed))
                .Select(t => t.InstanceId).Distinct();
            var rows = await (from j in db.Journal.AsNoTracking()
                              where mine.Contains(j.InstanceId) && j.At > since && j.Actor != me
                              join i in db.Instances.AsNoTracking() on j.InstanceId equals i.Id
                              orderby j.At descending, j.Id descending
                              select new { Entry = j, i.CaseId, i.DefinitionKey, i.DefinitionVersion })
                .Take(ChangesCount).ToListAsync(ct);
            foreach (var row in rows)
            {
                changes.Add(new WorkbenchChange(row.CaseId, JournalView.Of(row.Entry), await definitions.GetAsync(db, row.DefinitionKey, row.DefinitionVersion, ct)));
            }
        }

        // Who did it, and whom a task was assigned to (the sentence names both).
        var people = changes.SelectMany(c => new[] { c.Entry.Actor, c.Entry.Data?["to"] is JsonValue to && to.TryGetValue<string>(out var user) ? user : null });
        var names = await Names.ResolveAsync(db, by, people, due.Select(t => t.CaseId).Concat(changes.Select(c => c.CaseId)), ct);
        return summary with
        {
            DueSoonest = [.. due.Select(t => new InboxTask(t, calendar.WorkingDaysLeft(summary.Today, t.DueOn)))],
            Overdue = overdue,
            CityBreached = cityBreached,
            Since = query.Since,
            Changes = changes,
            Names = names,
        };
    }

    public async ValueTask<DateTimeOffset?> Handle(RecordWorkbenchVisit command, CancellationToken cancellationToken)
    {
        try
        {
            return await SeenAsync(command.By.UserName, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The page opened twice at once (two tabs): the first look was stored; this one updates it.
            db.ChangeTracker.Clear();
            return await SeenAsync(command.By.UserName, cancellationToken);
        }
    }

    private async Task<DateTimeOffset?> SeenAsync(string userName, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var visit = await db.WorkbenchVisits.SingleOrDefaultAsync(v => v.UserName == userName, ct);
        if (visit is null)
        {
            db.WorkbenchVisits.Add(WorkbenchVisit.First(userName, now));
        }
        else
        {
            visit.Seen(now);
        }

        await db.SaveChangesAsync(ct);
        return visit?.PreviousAt;
    }
}
