using Cases.Domain;
using Cases.Domain.Calendar;
using Cases.Web.Infrastructure;
using Cases.Workflows.Calendar;
using Cases.Workflows.Casework;
using Cases.Workflows.Common;
using Cases.Workflows.Definitions;
using Cases.Workflows.Persistence;
using Cases.Workflows.Tasks;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Cases.Web.Controllers;

/// <summary>What the inbox shows: a tab, its filters and sort, and the page after a cursor. Every value travels in the URL.</summary>
public sealed record InboxQuery(string Tab, string? Procedure, string? Sla, int? Within, string Sort, string? After)
{
    public static readonly string[] Tabs = ["mine", "available", "done"];

    public static readonly string[] Sorts = ["due", "priority", "age"];

    public static readonly string[] SlaStates = ["onTime", "warning", "breached"];

    /// <summary>The route values of this query, with another tab or cursor when given (the first page when not).</summary>
    public Dictionary<string, string> Route(string? tab = null, string? after = null)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["tab"] = tab ?? Tab };
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                values[key] = value;
            }
        }

        Add("procedure", Procedure);
        Add("sla", Sla);
        Add("within", Within?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("sort", Sort == "due" ? null : Sort);
        Add("after", after);
        return values;
    }
}

/// <summary>A row of the inbox: the task, its procedure's title, and the working days left until it is due.</summary>
public sealed record InboxRow(TaskView Task, string ProcedureTitle, int? DaysLeft);

public sealed class InboxPage
{
    public required InboxQuery Query { get; init; }

    public IReadOnlyList<InboxRow> Rows { get; init; } = [];

    public string? Next { get; init; }

    /// <summary>The procedures a filter can name: key and title.</summary>
    public IReadOnlyList<(string Key, string Title)> Procedures { get; init; } = [];

    /// <summary>A filter the application layer refused (unknown SLA state, stale cursor …).</summary>
    public string? FilterProblem { get; init; }

    /// <summary>The user's role needs whole identity numbers (规程 第一百四十一条); otherwise party labels are masked.</summary>
    public bool FullIdNumbers { get; init; }

    public bool CanClaim => Query.Tab == "available";

    public bool CanRelease => Query.Tab == "mine";
}

/// <summary>
/// The officer's inbox: 我的待办 (claimed by me), 可领取 (open in my roles and city), 已办 (completed by me), with filters,
/// sorts and keyset paging from <see cref="ListTasks"/>, and claim, bulk claim and release through the task commands.
/// </summary>
// Every signed-in user has an inbox (empty for roles without tasks); claim and release check the task's role and city.
[Route("inbox"), Authorize]
public sealed class InboxController(IMediator mediator, CasesDb db, CalendarStore calendars, TimeProvider clock, IStringLocalizer<SharedResource> L) : Controller
{
    private const int PageSize = 25;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? tab, string? procedure, string? sla, string? within, string? sort, string? after, CancellationToken ct)
    {
        var query = new InboxQuery(
            InboxQuery.Tabs.Contains(tab) ? tab! : "mine",
            string.IsNullOrWhiteSpace(procedure) ? null : procedure,
            string.IsNullOrWhiteSpace(sla) ? null : sla,
            int.TryParse(within, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n <= 365 ? n : null,
            InboxQuery.Sorts.Contains(sort) ? sort! : "due",
            string.IsNullOrWhiteSpace(after) ? null : after);
        var definitions = await mediator.Send(new ListDefinitions(), ct);
        var procedures = definitions.GroupBy(d => d.Key)
            .Select(g => g.MaxBy(d => d.Version)!)
            .Select(d => (d.Key, Title: WorkflowText.English ? d.TitleEn : d.Title))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ToList();

        var calendar = await calendars.GetAsync(db, ct);
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        string? problem = null;
        TaskPage page;
        try
        {
            // "Due within N working days" is every task due on or before the N-th working day from today (overdue ones too).
            DateOnly? dueBefore = query.Within is int days ? calendar.AddWorkingDays(today, days).AddDays(1) : null;
            page = await mediator.Send(new ListTasks(query.Tab, query.Procedure, null, dueBefore, null, query.After, PageSize, User.ToActor(), query.Sla, query.Sort), ct);
        }
        catch (DomainValidationException e)
        {
            problem = L["筛选条件有误：{0}", e.Message];
            page = new TaskPage([], null);
        }
        catch (CalendarYearMissingException e)
        {
            problem = L["工作日日历缺少 {0} 年数据，无法按工作日筛选。", e.Year];
            page = new TaskPage([], null);
        }

        var titles = procedures.ToDictionary(p => p.Key, p => p.Title, StringComparer.Ordinal);
        var model = new InboxPage
        {
            Query = query,
            Procedures = procedures,
            FilterProblem = problem,
            FullIdNumbers = User.ToActor().NeedsFullIdNumbers,
            Next = page.Next,
            Rows = [.. page.Items.Select(t => new InboxRow(t, titles.GetValueOrDefault(t.Procedure, t.Procedure), DaysLeft(calendar, today, t.DueOn)))],
        };
        return View(model);
    }

    /// <summary>Claims one task (the row's button) or every selected task (bulk); each is claimed on its own, so one taken by someone else does not stop the rest.</summary>
    [HttpPost("claim")]
    public async Task<IActionResult> Claim(Guid? taskId, Guid[] selected, string? returnUrl, CancellationToken ct)
    {
        var ids = taskId is Guid one ? [one] : selected.Distinct().ToArray();
        if (ids.Length == 0)
        {
            TempData[PageMessages.Problem] = L["请先勾选要领取的任务。"].Value;
            return Back(returnUrl);
        }

        var claimed = 0;
        var refused = new List<string>();
        foreach (var id in ids)
        {
            try
            {
                await mediator.Send(new ClaimTask(id, User.ToActor()), ct);
                claimed++;
            }
            catch (Exception e) when (e is ConflictException or ForbiddenException or NotFoundException)
            {
                refused.Add(await TaskOutcomes.RefusalAsync(mediator, L, id, e, User.ToActor(), ct));
            }
        }

        if (claimed > 0)
        {
            TempData[PageMessages.Notice] = L["已领取 {0} 项任务，见「我的待办」。", claimed].Value;
        }

        if (refused.Count > 0)
        {
            TempData[PageMessages.Problem] = string.Join("\n", refused);
        }

        return Back(returnUrl);
    }

    [HttpPost("release")]
    public async Task<IActionResult> Release(Guid taskId, string? returnUrl, CancellationToken ct)
    {
        try
        {
            await mediator.Send(new ReleaseTask(taskId, User.ToActor()), ct);
            TempData[PageMessages.Notice] = L["任务已退回，同岗位人员可以领取。"].Value;
        }
        catch (Exception e) when (e is ConflictException or ForbiddenException or NotFoundException)
        {
            TempData[PageMessages.Problem] = await TaskOutcomes.RefusalAsync(mediator, L, taskId, e, User.ToActor(), ct);
        }

        return Back(returnUrl);
    }

    private RedirectResult Back(string? returnUrl) => Redirect(Url.IsLocalUrl(returnUrl) ? returnUrl : Url.Action(nameof(Index))!);

    /// <summary>Working days from today to the due date; null when the calendar has no data for a year in between.</summary>
    internal static int? DaysLeft(WorkingDayCalendar calendar, DateOnly today, DateOnly due)
    {
        try
        {
            return calendar.WorkingDaysBetween(today, due);
        }
        catch (CalendarYearMissingException)
        {
            return null;
        }
    }
}
