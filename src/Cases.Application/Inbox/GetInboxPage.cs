using Cases.Application.Common;
using Cases.Domain.Calendar;
using Cases.Workflows.Calendar;
using Cases.Workflows.Instances;
using Cases.Workflows.Publishing;
using Cases.Workflows.Tasks;

namespace Cases.Application.Inbox;

/// <summary>
/// The officer's inbox as its page shows it: one tab (mine, available, done) of <see cref="ListTasks"/> with its filters,
/// sort and cursor, each task with the working days left until it is due; "due within N working days" counted on the
/// working-day calendar; the procedures a filter can name; the user's saved filters and those shared with their role.
/// A filter that does not fit is named and the list is left empty.
/// </summary>
public sealed record GetInboxPage(string Tab, string? Procedure, string? Sla, int? Within, string Sort, string? After, int PageSize, Actor By) : IQuery<InboxPageView>;

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

public sealed class GetInboxPageHandler(IMediator mediator, CasesDb db, CalendarStore calendars, TimeProvider clock) : IQueryHandler<GetInboxPage, InboxPageView>
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
            // "Due within N working days" is every task due on or before the N-th working day from today (overdue ones too).
            DateOnly? dueBefore = query.Within is int days ? calendar.AddWorkingDays(today, days).AddDays(1) : null;
            page = await mediator.Send(new ListTasks(query.Tab, query.Procedure, null, dueBefore, null, query.After, query.PageSize, query.By, query.Sla, query.Sort), cancellationToken);
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
}
