using Cases.Application.Common;
using Cases.Domain.Calendar;
using Cases.Workflows.Calendar;
using Cases.Workflows.Instances;
using Cases.Workflows.Publishing;
using Cases.Workflows.Tasks;

namespace Cases.Application.Inbox;

/// <summary>
/// The officer's inbox as its page shows it: one tab (mine, available, done; team for supervisors: every open or claimed
/// task of their city) of <see cref="ListTasks"/> with its filters, sort and cursor, each task with the working days left
/// until it is due; "due within N working days" counted on the working-day calendar; the procedures a filter can name;
/// the user's saved filters and those shared with their role. A filter that does not fit is named and the list is left empty.
/// </summary>
public sealed record GetInboxPage(string Tab, string? Procedure, string? Sla, int? Within, string Sort, string? After, int PageSize, Actor By,
    string? Party = null, string? CaseNumber = null, string? Assignee = null) : IQuery<InboxPageView>
{
    internal InboxSelection Selection => new(Tab, Procedure, Sla, Within, Sort, Party, CaseNumber, Assignee);
}

/// <param name="Procedures">The latest version of each procedure, by key.</param>
/// <param name="Tasks">The tab's page of tasks.</param>
/// <param name="Next">The cursor of the next page; null on the last.</param>
/// <param name="SavedFilters">The user's saved filters and those shared with their role.</param>
/// <param name="FilterProblem">A filter the tasks' query refused; the list is then empty.</param>
/// <param name="FullIdNumbers">The user's role needs whole identity numbers (规程 第一百四十一条); otherwise party labels are masked.</param>
/// <param name="Provincial">The user works for the whole province: a filter they share reaches the role in every city.</param>
/// <param name="Names">The display names of who holds or completed the tasks, and the names of the tasks' parties.</param>
public sealed record InboxPageView(IReadOnlyList<DefinitionVersionView> Procedures, IReadOnlyList<InboxTask> Tasks, string? Next,
    IReadOnlyList<SavedFilterView> SavedFilters, InputRefused? FilterProblem, bool FullIdNumbers, bool Provincial, NameBook Names);

/// <summary>A task of the inbox and the working days left until it is due (null when the calendar cannot count them).</summary>
public sealed record InboxTask(TaskView Task, int? DaysLeft);

/// <summary>
/// 办理下一项: the first task of the same inbox tab, filters and sort other than the one just done, or null when the
/// filter holds no other (the officer goes back to the inbox). A filter that no longer fits answers null too.
/// </summary>
public sealed record GetNextInboxTask(string Tab, string? Procedure, string? Sla, int? Within, string Sort, Guid Done, Actor By,
    string? Party = null, string? CaseNumber = null, string? Assignee = null) : IQuery<TaskView?>;

/// <summary>The inbox's tabs, and the tasks' list scope each one reads.</summary>
public static class InboxTabs
{
    public const string Mine = "mine";
    public const string Available = "available";
    public const string Done = "done";

    /// <summary>Supervisors: every open or claimed task of their city (the province's for provincial ones), by whoever holds it.</summary>
    public const string Team = "team";

    public static readonly string[] All = [Mine, Available, Done, Team];

    /// <summary>Whether the user sees the tab: the team's tasks are the supervisors' (<see cref="Permission.Oversee"/>).</summary>
    public static bool Shows(string tab, Actor by) => tab != Team || by.May(Permission.Oversee);

    internal static string Scope(string tab) => tab == Team ? "open" : tab;
}

/// <summary>What an inbox tab lists: its tab, filters and sort.</summary>
internal sealed record InboxSelection(string Tab, string? Procedure, string? Sla, int? Within, string Sort, string? Party, string? CaseNumber, string? Assignee)
{
    /// <summary>
    /// The tasks' query of this selection: "due within N working days" is every task due on or before the N-th working
    /// day from today (overdue ones too); an assignee is typed as a user name or a display name and read as the user name.
    /// </summary>
    public async Task<ListTasks> ToListAsync(CasesDb db, WorkingDayCalendar calendar, DateOnly today, string? after, int limit, Actor by, CancellationToken ct)
    {
        DateOnly? dueBefore = Within is int days ? calendar.AddWorkingDays(today, days).AddDays(1) : null;
        string? assignee = null;
        if (TaskFilters.Assignee(Assignee) is { } typed)
        {
            assignee = await db.Users.AsNoTracking().Where(u => u.UserName == typed || u.DisplayName == typed)
                .OrderBy(u => u.UserName == typed ? 0 : 1).Select(u => u.UserName).FirstOrDefaultAsync(ct)
                ?? throw new DomainValidationException("assignee", new LocalizedText($"没有用户名或姓名为「{Short(typed)}」的人员。", $"Nobody has the user name or display name '{Short(typed)}'."));
        }

        return new ListTasks(InboxTabs.Scope(Tab), Procedure, null, dueBefore, null, after, limit, by, Sla, Sort, null, Party, CaseNumber, assignee);
    }

    private static string Short(string value) => value.Length > 40 ? value[..40] + "…" : value;
}

public sealed class GetInboxPageHandler(IMediator mediator, CasesDb db, CalendarStore calendars, TimeProvider clock) :
    IQueryHandler<GetInboxPage, InboxPageView>,
    IQueryHandler<GetNextInboxTask, TaskView?>
{
    public async ValueTask<InboxPageView> Handle(GetInboxPage query, CancellationToken cancellationToken)
    {
        var procedures = (await mediator.Send(new ListDefinitions(), cancellationToken))
            .GroupBy(d => d.Key).Select(g => g.MaxBy(d => d.Version)!).OrderBy(d => d.Key, StringComparer.Ordinal).ToList();
        var calendar = await calendars.GetAsync(db, cancellationToken);
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        InputRefused? problem = null;
        TaskPage page;
        try
        {
            page = await mediator.Send(await query.Selection.ToListAsync(db, calendar, today, query.After, query.PageSize, query.By, cancellationToken), cancellationToken);
        }
        catch (DomainValidationException e)
        {
            (problem, page) = (new InputRefused(e.Field, e.Message), new TaskPage([], null));
        }
        catch (CalendarYearMissingException e)
        {
            (problem, page) = (new InputRefused("within", e.Message, e.Year), new TaskPage([], null));
        }

        var names = await Names.ResolveAsync(db, query.By, page.Items.SelectMany(t => new[] { t.Assignee, t.CompletedBy }), page.Items.Select(t => t.CaseId), cancellationToken);
        return new InboxPageView(procedures, [.. page.Items.Select(t => new InboxTask(t, calendar.WorkingDaysLeft(today, t.DueOn)))], page.Next,
            await mediator.Send(new ListFilters(query.By), cancellationToken), problem, query.By.NeedsFullIdNumbers, query.By.IsProvincial, names);
    }

    public async ValueTask<TaskView?> Handle(GetNextInboxTask query, CancellationToken cancellationToken)
    {
        var calendar = await calendars.GetAsync(db, cancellationToken);
        var selection = new InboxSelection(query.Tab, query.Procedure, query.Sla, query.Within, query.Sort, query.Party, query.CaseNumber, query.Assignee);
        try
        {
            // The task just done has left "mine" and "available"; in "done" and "team" it may still be first, so two rows.
            var list = await selection.ToListAsync(db, calendar, ChinaTime.DateOf(clock.GetUtcNow()), null, 2, query.By, cancellationToken);
            var page = await mediator.Send(list, cancellationToken);
            return page.Items.FirstOrDefault(t => t.Id != query.Done);
        }
        catch (Exception e) when (e is DomainValidationException or CalendarYearMissingException)
        {
            return null;
        }
    }
}
