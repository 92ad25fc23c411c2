using Cases.Web.Texts;
using Cases.Web.Forms;
using Cases.Application.Inbox;
using Cases.Application.Persistence;
using Cases.Domain;
using Cases.Domain.Calendar;
using Cases.Web.Infrastructure;
using Cases.Workflows.Calendar;
using Cases.Workflows.Instances;
using Cases.Workflows.Publishing;
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

    /// <summary>The user's role needs whole identity numbers (规程 第一百四十条); otherwise party labels are masked.</summary>
    public bool FullIdNumbers { get; init; }

    /// <summary>The user's saved filters and those shared with their role (<see cref="ListFilters"/>).</summary>
    public IReadOnlyList<SavedFilterView> SavedFilters { get; init; } = [];

    /// <summary>The user works for the whole province: a filter they share reaches the role in every city.</summary>
    public bool Provincial { get; init; }

    public bool CanClaim => Query.Tab == "available";

    public bool CanRelease => Query.Tab == "mine";
}

/// <summary>
/// The officer's inbox: 我的待办 (claimed by me), 可领取 (open in my roles and city), 已办 (completed by me), with filters,
/// sorts and keyset paging from <see cref="ListTasks"/>, and claim, bulk claim and release through the task commands.
/// </summary>
// The case staff have an inbox (empty for administrators, who hold no tasks); designers and auditors none, as the tasks API
// says (规程 第一百四十条). Claim and release check the task's role and city.
[Route("inbox"), Authorize(Policy = Policies.CaseData)]
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
        var saved = await mediator.Send(new ListFilters(User.ToActor()), ct);
        var model = new InboxPage
        {
            SavedFilters = saved,
            Provincial = User.ToActor().IsProvincial,
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

    /// <summary>
    /// Saves the filter on screen under a name through <see cref="SaveFilter"/>, optionally shared with a role of the
    /// user's city, and opens the inbox with it. Every value is checked: one that does not fit is refused, not dropped.
    /// </summary>
    [HttpPost("filters")]
    public async Task<IActionResult> SaveFilter([FromQuery] string? tab, string? name, string? procedure, string? sla, string? within, string? sort, string? shareWithRole, CancellationToken ct)
    {
        var current = InboxQuery.Tabs.Contains(tab) ? tab! : "mine";
        try
        {
            int? days = string.IsNullOrWhiteSpace(within) ? null
                : int.TryParse(within, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
                : throw new DomainValidationException("within", "within must be a whole number of working days.");
            var filter = await mediator.Send(new SaveFilter(name, procedure, sla, days, sort, shareWithRole, User.ToActor()), ct);
            TempData[PageMessages.Notice] = (filter.SharedWithRole is { } role
                ? L["已保存筛选「{0}」，并共享给{1}。", filter.Name, RoleName(role, User.ToActor().IsProvincial)]
                : L["已保存筛选「{0}」。", filter.Name]).Value;
            return Redirect(Url.Action(nameof(Index))! + "?" + Applied(current, filter));
        }
        catch (DomainValidationException e)
        {
            TempData[PageMessages.Problem] = L["筛选未保存：{0}", FilterFieldProblem(e.Field)].Value;
        }
        catch (DomainRuleException)
        {
            TempData[PageMessages.Problem] = L["筛选未保存：您保存的筛选已达 {0} 个，请先删除不用的。", SavedFilterHandlers.MaxPerUser].Value;
        }

        return RedirectToAction(nameof(Index), new { tab = current });
    }

    /// <summary>Deletes one of the user's own saved filters through <see cref="DeleteFilter"/>; a shared one stays theirs who shared it.</summary>
    [HttpPost("filters/{filterId:guid}/delete")]
    public async Task<IActionResult> DeleteFilter(Guid filterId, [FromQuery] string? tab, CancellationToken ct)
    {
        try
        {
            await mediator.Send(new DeleteFilter(filterId, User.ToActor()), ct);
            TempData[PageMessages.Notice] = L["筛选已删除。"].Value;
        }
        catch (ForbiddenException)
        {
            TempData[PageMessages.Problem] = L["这个筛选是别人共享给您的，只有创建人可以删除。"].Value;
        }
        catch (NotFoundException)
        {
            TempData[PageMessages.Problem] = L["没有找到这个筛选（可能已被删除）。"].Value;
        }

        return RedirectToAction(nameof(Index), new { tab = InboxQuery.Tabs.Contains(tab) ? tab : "mine" });
    }

    /// <summary>The inbox's query string with a saved filter applied to a tab.</summary>
    public static string Applied(string tab, SavedFilterView filter) =>
        "tab=" + Uri.EscapeDataString(tab) + (filter.Query.Length > 0 ? "&" + filter.Query : "");

    /// <summary>The role a filter is shared with, as the inbox says it: "本市的经办人员" / "全省的经办人员".</summary>
    internal string RoleName(string role, bool provincial)
    {
        var name = WorkflowText.RoleGroup(role);
        return provincial ? L["全省的{0}", name] : L["本市的{0}", name];
    }

    private string FilterFieldProblem(string field) => field switch
    {
        "name" => L["请填写筛选名称（不超过 {0} 字，不含控制字符）。", SavedFilterHandlers.MaxNameLength],
        "procedure" => L["所选业务不存在。"],
        "sla" => L["时限状态只能是按时、临近到期或已超时。"],
        "within" => L["「几个工作日内到期」须为 0 至 {0} 的整数。", InboxFilter.MaxWithin],
        "sort" => L["排序方式不正确。"],
        "shareWithRole" => L["共享对象不正确。"],
        _ => field,
    };

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
