using Cases.Application.Common;
using Cases.Web.Forms;
using Cases.Application.Inbox;
using Cases.Workflows.Instances;
using Cases.Workflows.Tasks;

namespace Cases.Web.Controllers;

/// <summary>What the inbox shows: a tab, its filters and sort, and the page after a cursor. Every value travels in the URL.</summary>
public sealed record InboxQuery(string Tab, string? Procedure, string? Sla, int? Within, string Sort, string? After,
    string? Party = null, string? CaseNumber = null, string? Assignee = null)
{
    public static readonly string[] Tabs = InboxTabs.All;

    public static readonly string[] Sorts = ["due", "priority", "age"];

    public static readonly string[] SlaStates = ["onTime", "warning", "breached"];

    /// <summary>The inbox's query string with a saved filter applied to a tab.</summary>
    public static string Applied(string tab, SavedFilterView filter) =>
        "tab=" + Uri.EscapeDataString(tab) + (filter.Query.Length > 0 ? "&" + filter.Query : "");

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
        Add("party", Party);
        Add("caseNumber", CaseNumber);
        Add("assignee", Assignee);
        Add("after", after);
        return values;
    }

    /// <summary>This query's tab, filters and sort (the first page) as a query string: what a task link carries to offer 办理下一项.</summary>
    public string From() => string.Join('&', Route().Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));

    /// <summary>Reads the inbox's query from its query string (a task link's <c>from</c>), each value as the inbox reads it.</summary>
    public static InboxQuery Read(string? tab, string? procedure, string? sla, string? within, string? sort, string? after, string? party, string? caseNumber, string? assignee) => new(
        Tabs.Contains(tab) ? tab! : "mine",
        Blank(procedure),
        Blank(sla),
        int.TryParse(within, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n <= 365 ? n : null,
        Sorts.Contains(sort) ? sort! : "due",
        Blank(after),
        Blank(party),
        Blank(caseNumber),
        Blank(assignee));

    /// <summary>Reads a <c>from</c> query string back.</summary>
    public static InboxQuery Parse(string? from)
    {
        var values = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(from ?? "");
        string? Value(string key) => values.TryGetValue(key, out var v) ? v.ToString() : null;
        return Read(Value("tab"), Value("procedure"), Value("sla"), Value("within"), Value("sort"), null, Value("party"), Value("caseNumber"), Value("assignee"));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>A saved filter the user is asked to confirm deleting: the filter, the tab to go back to, and whom it is shared with (null: nobody).</summary>
public sealed record DeleteFilterConfirmPage(SavedFilterView Filter, string Tab, string? SharedWith);

/// <summary>A row of the inbox: the task, its procedure's title, and the working days left until it is due.</summary>
public sealed record InboxRow(TaskView Task, string ProcedureTitle, int? DaysLeft);

/// <summary>A row claimed in place (htmx): the claim's result and the inbox filter its task link carries.</summary>
public sealed record ClaimedRow(ClaimResult Result, InboxQuery From);

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

    /// <summary>Display names of the tasks' holders and completers, and the tasks' parties by name.</summary>
    public NameBook Names { get; init; } = NameBook.Empty;

    /// <summary>A task's party as the list shows it: a name with its code or masked number beside it.</summary>
    public PartyLabel Party(TaskView task) => Names.Party(task.CaseId, task.Party);

    public bool CanClaim => Query.Tab == "available";

    public bool CanRelease => Query.Tab == "mine";

    /// <summary>The 本市在办 tab is shown (supervisors), where the assignee filter means something.</summary>
    public bool ShowsTeam { get; init; }

    /// <summary>The inbox's filter as a task link carries it: the task page's completion then offers 办理下一项.</summary>
    public string From => Query.From();
}

/// <summary>
/// The officer's inbox: 我的待办 (claimed by me), 可领取 (open in my roles and city), 已办 (completed by me), with filters,
/// sorts and keyset paging from <see cref="ListTasks"/>, and claim, bulk claim and release through the task commands.
/// </summary>
// The case staff have an inbox (empty for administrators, who hold no tasks); designers and auditors none, as the tasks API
// says (规程 第一百四十条). Claim and release check the task's role and city.
[Route("inbox"), Authorize(Policy = Policies.CaseData)]
public sealed class InboxController(IMediator mediator, IStringLocalizer<SharedResource> L) : Controller
{
    private const int PageSize = 25;

    /// <summary>The tab a filter form came from, to go back to.</summary>
    private string _tab = "mine";

    [HttpGet("")]
    public async Task<IActionResult> Index(string? tab, string? procedure, string? sla, string? within, string? sort, string? after,
        string? party, string? caseNumber, string? assignee, CancellationToken ct)
    {
        var actor = User.ToActor();
        var query = InboxQuery.Read(tab, procedure, sla, within, sort, after, party, caseNumber, assignee);
        if (!InboxTabs.Shows(query.Tab, actor))
        {
            query = query with { Tab = "mine" };
        }

        var page = await mediator.Send(new GetInboxPage(query.Tab, query.Procedure, query.Sla, query.Within, query.Sort, query.After, PageSize, actor,
            query.Party, query.CaseNumber, query.Assignee), ct);
        var procedures = page.Procedures.Select(d => (d.Key, Title: WorkflowText.English ? d.TitleEn : d.Title)).ToList();
        var titles = procedures.ToDictionary(p => p.Key, p => p.Title, StringComparer.Ordinal);
        return View(new InboxPage
        {
            SavedFilters = page.SavedFilters,
            Provincial = page.Provincial,
            Query = query,
            Procedures = procedures,
            FilterProblem = page.FilterProblem switch
            {
                null => null,
                { MissingYear: int year } => L["工作日日历缺少 {0} 年数据，无法按工作日筛选。", year].Value,
                var problem => L["筛选条件有误：{0}", problem.Message].Value,
            },
            ShowsTeam = InboxTabs.Shows(InboxTabs.Team, actor),
            FullIdNumbers = page.FullIdNumbers,
            Names = page.Names,
            Next = page.Next,
            Rows = [.. page.Tasks.Select(t => new InboxRow(t.Task, titles.GetValueOrDefault(t.Task.Procedure, t.Task.Procedure), t.DaysLeft))],
        });
    }

    /// <summary>
    /// Claims one task (the row's button) or every selected task (bulk) through <see cref="ClaimTasks"/>: one taken by
    /// someone else does not stop the rest. The row's button sent by htmx gets the row's actions back, claimed, in place
    /// (the keyboard stays on the row, at its 办理 link); without script, the list again with a notice.
    /// </summary>
    [HttpPost("claim")]
    public async Task<IActionResult> Claim(Guid? taskId, Guid[] selected, string? returnUrl, string? from, CancellationToken ct)
    {
        var ids = taskId is Guid one ? [one] : selected.Distinct().ToArray();
        if (ids.Length == 0)
        {
            TempData[PageMessages.Problem] = L["请先勾选要领取的任务。"].Value;
            return Back(returnUrl);
        }

        var results = await mediator.Send(new ClaimTasks(ids, User.ToActor()), ct);
        if (taskId is not null && Request.Headers["HX-Request"] == "true")
        {
            return PartialView("_ClaimedRow", new ClaimedRow(results[0], InboxQuery.Parse(from) with { Tab = "mine" }));
        }

        if (results.Count(r => r.Claimed) is > 0 and var claimed)
        {
            TempData[PageMessages.Notice] = L["已领取 {0} 项任务，见「我的待办」。", claimed].Value;
        }

        if (results.Where(r => !r.Claimed).Select(r => TaskOutcomes.Refusal(L, r)).ToList() is { Count: > 0 } refused)
        {
            TempData[PageMessages.Problem] = string.Join("\n", refused);
        }

        return Back(returnUrl);
    }

    /// <summary>
    /// 领取并办理: claims the task through <see cref="ClaimTasks"/> and opens its page, in one step; a task someone else
    /// took first goes back to the list with who has it.
    /// </summary>
    [HttpPost("claim-open")]
    public async Task<IActionResult> ClaimAndOpen(Guid taskId, string? returnUrl, string? from, CancellationToken ct)
    {
        var result = (await mediator.Send(new ClaimTasks([taskId], User.ToActor()), ct))[0];
        if (!result.Claimed)
        {
            TempData[PageMessages.Problem] = TaskOutcomes.Refusal(L, result);
            return Back(returnUrl);
        }

        TempData[PageMessages.Notice] = L["已领取，请办理。"].Value;
        // Claimed, it is one of "mine": the next task after it is the next of the same filter among the user's own.
        return Redirect(Url.Action(nameof(TaskController.Show), "Task", new { id = taskId, from = (InboxQuery.Parse(from) with { Tab = "mine" }).From() })!);
    }

    /// <summary>
    /// 办理下一项: the first task of the inbox filter the completed task was opened from (<c>from</c>), other than the one just
    /// done, through <see cref="GetNextInboxTask"/>; none left, back to that inbox list with a word saying so.
    /// </summary>
    [HttpGet("next")]
    public async Task<IActionResult> Next(string? from, Guid? done, CancellationToken ct)
    {
        var query = InboxQuery.Parse(from);
        var next = await mediator.Send(new GetNextInboxTask(query.Tab, query.Procedure, query.Sla, query.Within, query.Sort, done ?? Guid.Empty, User.ToActor(),
            query.Party, query.CaseNumber, query.Assignee), ct);
        if (next is null)
        {
            TempData[PageMessages.Notice] = L["此筛选下已没有其他任务。"].Value;
            return Redirect(Url.Action(nameof(Index))! + "?" + query.From());
        }

        return Redirect(Url.Action(nameof(TaskController.Show), "Task", new { id = next.Id, from = query.From() })!);
    }

    [HttpPost("release"), RefusalShown(RedirectTo = nameof(Index), ReturnUrlWithin = "/", Shows = Refusals.Conflict | Refusals.Forbidden | Refusals.NotFound,
        Forbidden = "您不能办理此任务：{0}", NotFound = "找不到该任务（不存在或不属于本市）。")]
    public async Task<IActionResult> Release(Guid taskId, string? returnUrl, CancellationToken ct)
    {
        await mediator.Send(new ReleaseTask(taskId, User.ToActor()), ct);
        TempData[PageMessages.Notice] = L["任务已放回待领取，同岗位人员可以领取。"].Value;
        return Back(returnUrl);
    }

    /// <summary>
    /// Saves the filter on screen under a name through <see cref="SaveFilter"/>, optionally shared with a role of the
    /// user's city, and opens the inbox with it. Every value is checked: one that does not fit is refused, not dropped.
    /// </summary>
    [HttpPost("filters"), RefusalShown(Page = nameof(FilterNotSaved), Shows = Refusals.Invalid | Refusals.Rule)]
    public async Task<IActionResult> SaveFilter([FromQuery] string? tab, string? name, string? procedure, string? sla, string? within, string? sort, string? shareWithRole,
        string? party, string? caseNumber, string? assignee, CancellationToken ct)
    {
        _tab = InboxQuery.Tabs.Contains(tab) ? tab! : "mine";
        int? days = string.IsNullOrWhiteSpace(within) ? null
            : int.TryParse(within, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
            : throw new DomainValidationException("within", "within must be a whole number of working days.");
        var filter = await mediator.Send(new SaveFilter(name, procedure, sla, days, sort, shareWithRole, User.ToActor(), party, caseNumber, assignee), ct);
        TempData[PageMessages.Notice] = (filter.SharedWithRole is { } role
            ? L["已保存筛选「{0}」，并共享给{1}。", filter.Name, RoleName(role, User.ToActor().IsProvincial)]
            : L["已保存筛选「{0}」。", filter.Name]).Value;
        return Redirect(Url.Action(nameof(Index))! + "?" + InboxQuery.Applied(_tab, filter));
    }

    /// <summary>
    /// Deletes one of the user's own saved filters through <see cref="DeleteFilter"/>, in two steps: the first post shows
    /// which filter and, when it is shared, who loses it too; only the confirmation's form (<paramref name="confirmed"/>)
    /// deletes. A shared one stays theirs who shared it.
    /// </summary>
    [HttpPost("filters/{filterId:guid}/delete"), RefusalShown(Page = nameof(BackToTab), Shows = Refusals.Forbidden | Refusals.NotFound,
        Forbidden = "这个筛选是别人共享给您的，只有创建人可以删除。", NotFound = "没有找到这个筛选（可能已被删除）。")]
    public async Task<IActionResult> DeleteFilter(Guid filterId, [FromQuery] string? tab, bool confirmed, CancellationToken ct)
    {
        _tab = InboxQuery.Tabs.Contains(tab) ? tab! : "mine";
        // Another's or a missing filter goes straight to the command, whose refusal says why.
        if (!confirmed && (await mediator.Send(new ListFilters(User.ToActor()), ct)).FirstOrDefault(f => f.Id == filterId && f.Mine) is { } filter)
        {
            return View("DeleteFilterConfirm", new DeleteFilterConfirmPage(filter, _tab,
                filter.SharedWithRole is { } role ? RoleName(role, User.ToActor().IsProvincial) : null));
        }

        await mediator.Send(new DeleteFilter(filterId, User.ToActor()), ct);
        TempData[PageMessages.Notice] = L["筛选已删除。"].Value;
        return RedirectToAction(nameof(Index), new { tab = _tab });
    }

    /// <summary>The role a filter is shared with, as the inbox says it: "本市的经办人员" / "全省的经办人员".</summary>
    private string RoleName(string role, bool provincial)
    {
        var name = WorkflowText.RoleGroup(role);
        return provincial ? L["全省的{0}", name] : L["本市的{0}", name];
    }

    private Task<IActionResult> BackToTab(PageRefusal refusal, CancellationToken ct)
    {
        TempData[PageMessages.Problem] = refusal.Message;
        return Task.FromResult<IActionResult>(RedirectToAction(nameof(Index), new { tab = _tab }));
    }

    // A filter is refused by the field it names (said in the page's words) or by the number the user already keeps.
    private Task<IActionResult> FilterNotSaved(PageRefusal refusal, CancellationToken ct)
    {
        TempData[PageMessages.Problem] = (refusal.Kind == Refusals.Rule
            ? L["筛选未保存：您保存的筛选已达 {0} 个，请先删除不用的。", SavedFilterHandlers.MaxPerUser]
            : L["筛选未保存：{0}", FilterFieldProblem(refusal.Field)]).Value;
        return Task.FromResult<IActionResult>(RedirectToAction(nameof(Index), new { tab = _tab }));
    }

    private string FilterFieldProblem(string field) => field switch
    {
        "name" => L["请填写筛选名称（不超过 {0} 字，不含控制字符）。", SavedFilterHandlers.MaxNameLength],
        "procedure" => L["所选业务不存在。"],
        "sla" => L["时限状态只能是按时、临近到期或已超时。"],
        "within" => L["「几个工作日内到期」须为 0 至 {0} 的整数。", InboxFilter.MaxWithin],
        "sort" => L["排序方式不正确。"],
        "party" => L["「当事人」须为名称开头的字、完整的信用代码或身份号码（不超过 {0} 字）。", TaskFilters.MaxPartyLength],
        "caseNumber" => L["「案件编号」须为 8 位数字或字母 A–F，如 3F2A9C1B。"],
        "assignee" => L["「经办人」须为用户名或姓名（不超过 100 字）。"],
        "shareWithRole" => L["共享对象不正确。"],
        _ => field,
    };

    private RedirectResult Back(string? returnUrl) => Redirect(Url.IsLocalUrl(returnUrl) ? returnUrl : Url.Action(nameof(Index))!);
}
