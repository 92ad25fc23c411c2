using Cases.Web.Forms;
using Cases.Application.Casework;
using Cases.Application.Common;
using Cases.Domain.Staff;
using Cases.Workflows.Definitions;
using Cases.Workflows.Instances;

namespace Cases.Web.Controllers;

/// <summary>What 案件查询 shows: the filters as typed (every value travels in the URL), the rows and the next page's cursor.</summary>
public sealed record CaseSearchPageModel
{
    public string? Procedure { get; init; }

    public string? Status { get; init; }

    public string? State { get; init; }

    public string? Q { get; init; }

    public string? OpenedFrom { get; init; }

    public string? OpenedTo { get; init; }

    public string? City { get; init; }

    public IReadOnlyList<CaseSearchRow> Rows { get; init; } = [];

    public string? Next { get; init; }

    /// <summary>The procedures to pick from (latest version's title), and the states of the one picked.</summary>
    public IReadOnlyList<(string Key, string Title)> Procedures { get; init; } = [];

    public IReadOnlyList<(string Key, string Title)> States { get; init; } = [];

    /// <summary>Provincial staff pick a city (or every city); a city's staff see their own.</summary>
    public bool Provincial { get; init; }

    /// <summary>The user may open cases (the policy of POST /api/cases).</summary>
    public bool CanOpen { get; init; }

    /// <summary>A filter that was refused, and the field it names ("" when none).</summary>
    public string? Problem { get; init; }

    public string ProblemField { get; init; } = "";

    /// <summary>The route values of these filters, with the cursor of another page.</summary>
    public Dictionary<string, string> Route(string? after)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in new[] { ("q", Q), ("procedure", Procedure), ("state", State), ("status", Status), ("openedFrom", OpenedFrom), ("openedTo", OpenedTo), ("city", City), ("after", after) })
        {
            if (!string.IsNullOrEmpty(value))
            {
                values[key] = value;
            }
        }

        return values;
    }
}

/// <summary>A procedure one may open a case of: its version in use, with its title and the articles it rests on.</summary>
public sealed record ProcedureChoice(string Key, int Version, string Title, IReadOnlyList<string> Basis, bool Demo)
{
    public static ProcedureChoice Of(OpenableProcedure p) => new(p.Key, p.Definition.Version, WorkflowText.Of(p.Definition.Title, p.Key), p.Definition.Basis, p.Demo);
}

/// <summary>受理新案件: the procedures to choose from, or the chosen one's start form as typed, with what was refused.</summary>
public sealed record NewCasePage
{
    public IReadOnlyList<ProcedureChoice> Procedures { get; init; } = [];

    public WorkflowDefinition? Definition { get; init; }

    public IReadOnlyList<WorkflowField> Fields { get; init; } = [];

    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The one-time key of this form: a second post of it opens no second case.</summary>
    public required string FormKey { get; init; }

    /// <summary>Provincial staff choose the city; a city's staff open cases in their own.</summary>
    public bool Provincial { get; init; }

    public string? City { get; init; }

    /// <summary>A refusal that is not about one field (a rule of the procedure, a calendar year without data).</summary>
    public string? Refusal { get; init; }

    public string Value(string field) => Values.GetValueOrDefault(field, "");

    /// <summary>A city's name in the user's language.</summary>
    public static string CityName(string code) =>
        Domain.Parties.City.All.FirstOrDefault(c => c.Code == code) is { } c ? (WorkflowText.English ? c.NameEn : c.NameZh) : code;
}

/// <summary>
/// 案件查询 (<see cref="SearchCases"/>) and 受理新案件 (<see cref="StartCase"/>, the handler of POST /api/cases): an officer
/// at the counter finds a case, or opens one with the form generated from the procedure's start fields.
/// </summary>
// Reading cases is the case staff's, within their city (like GET /api/cases/{id}; designers and auditors read none, 规程
// 第一百四十条); opening them is the OpenCases policy's.
[Route("cases"), Authorize(Policy = Policies.CaseData)]
public sealed class CasesController(IMediator mediator, IdempotentCommands commands, WorkflowForm forms, IStringLocalizer<SharedResource> L) : Controller
{
    private const string FormKeyPrefix = "form:new-case:";

    /// <summary>What a refused search or form is shown again with.</summary>
    private CaseSearchPageModel? _search;
    private NewCasePage? _form;

    [HttpGet(""), RefusalShown(Page = nameof(SearchRefused), Shows = Refusals.Invalid | Refusals.Forbidden, Invalid = "查询条件有误：{0}", Forbidden = "不能查询其他城市的案件：{0}")]
    public async Task<IActionResult> Index(string? procedure, string? status, string? state, string? q, string? openedFrom, string? openedTo, string? city, string? after, CancellationToken ct)
    {
        var actor = User.ToActor();
        var procedures = await mediator.Send(new ListOpenableProcedures(), ct);
        var chosen = procedures.FirstOrDefault(p => p.Key == procedure);
        var search = _search = new CaseSearchPageModel
        {
            Procedure = procedure,
            Status = status,
            State = state,
            Q = q,
            OpenedFrom = openedFrom,
            OpenedTo = openedTo,
            City = city,
            Procedures = [.. procedures.Select(p => (p.Key, WorkflowText.Of(p.Definition.Title, p.Key)))],
            States = chosen is null ? [] : [.. chosen.Definition.States.Select(s => (s.Key, WorkflowText.Of(s.Value.Title, s.Key)))],
            Provincial = actor.IsProvincial,
            CanOpen = User.May(Permission.OpenCases),
        };
        var page = await mediator.Send(new SearchCases(procedure, status, state, q,
            string.IsNullOrWhiteSpace(openedFrom) ? null : ApiInput.Date(openedFrom, "openedFrom"),
            string.IsNullOrWhiteSpace(openedTo) ? null : ApiInput.Date(openedTo, "openedTo"),
            city, string.IsNullOrWhiteSpace(after) ? null : after, null, actor), ct);
        return View(search with { Rows = page.Items, Next = page.Next });
    }

    /// <summary>The procedures to choose from; with <paramref name="procedure"/>, its start form.</summary>
    [HttpGet("new"), Authorize(Policy = Policies.OpenCases)]
    public async Task<IActionResult> New(string? procedure, CancellationToken ct)
    {
        var procedures = await mediator.Send(new ListOpenableProcedures(), ct);
        var definition = procedures.FirstOrDefault(p => p.Key == procedure)?.Definition;
        var fields = definition is null ? [] : WorkflowForm.ForStart(definition);
        return View(new NewCasePage
        {
            Procedures = [.. procedures.Select(ProcedureChoice.Of)],
            Definition = definition,
            Fields = fields,
            // People: a link from a party's page (/cases/new?procedure=…&injuryCaseId=…) fills the start fields it names; only
            // those, as text the form shows and the post checks like any typed value.
            Values = fields.Where(f => Request.Query.ContainsKey(f.Name)).ToDictionary(f => f.Name, f => Request.Query[f.Name].ToString(), StringComparer.Ordinal),
            FormKey = Guid.NewGuid().ToString(),
            Provincial = User.ToActor().IsProvincial,
            City = User.ToActor().CityCode,
        });
    }

    /// <summary>
    /// Opens the case through <see cref="StartCase"/>, sent once under the form's one-time key (<see cref="IdempotentCommands.SendOnceAsync"/>,
    /// the API's Idempotency-Key table): a second post of the same form — back and submit again, a double click — opens
    /// nothing and leads to the case the first one opened, if the user may still see it (they may have moved to another
    /// city since: else 404, and its number is not told).
    /// </summary>
    [HttpPost("new"), Authorize(Policy = Policies.OpenCases), RefusalShown(Page = nameof(OpeningRefused),
        Shows = Refusals.Invalid | Refusals.Forbidden | Refusals.Rule, Forbidden = "您只能受理本市的案件：{0}", Rule = "按规程不能受理：{0}")]
    public async Task<IActionResult> Open(string? procedure, string? city, string? formKey, CancellationToken ct)
    {
        var actor = User.ToActor();
        var form = await Request.ReadFormAsync(ct);
        var procedures = await mediator.Send(new ListOpenableProcedures(), ct);
        var definition = procedures.FirstOrDefault(p => p.Key == procedure)?.Definition;
        var fields = definition is null ? [] : WorkflowForm.ForStart(definition);
        var validKey = Guid.TryParse(formKey, out var key);
        var page = _form = new NewCasePage
        {
            Procedures = [.. procedures.Select(ProcedureChoice.Of)],
            Definition = definition,
            Fields = fields,
            Values = form.Keys.Where(k => k != "__RequestVerificationToken").ToDictionary(k => k, k => form[k].ToString(), StringComparer.Ordinal),
            FormKey = validKey ? key.ToString() : Guid.NewGuid().ToString(),
            Provincial = actor.IsProvincial,
            // A city's staff post their own city (the form holds it); another one is refused by StartCase (403).
            City = string.IsNullOrWhiteSpace(city) ? actor.CityCode : city.Trim(),
        };

        if (!validKey)
        {
            ModelState.AddModelError("", L["表单已失效，请重新提交。"]);
            return Answer(page, StatusCodes.Status400BadRequest);
        }

        if (definition is null)
        {
            ModelState.AddModelError("procedure", L["请选择要受理的流程。"]);
            return Answer(page, StatusCodes.Status400BadRequest);
        }

        var errors = new List<(string Field, string Message)>();
        var data = forms.Bind(fields, k => form[k], errors);
        if (errors.Count == 0)
        {
            errors.AddRange(forms.Check(data, definition.Data, WorkflowForm.StartFields(definition), fields));
        }

        if (actor.IsProvincial && !Domain.Parties.City.TryParse(city, out _, out _))
        {
            errors.Add(("city", L["请选择受理的城市。"]));
        }

        if (errors.Count > 0)
        {
            foreach (var (field, message) in errors)
            {
                ModelState.AddModelError(field, message);
            }

            return Answer(page, StatusCodes.Status400BadRequest);
        }

        var sent = await commands.SendOnceAsync(new StartCase(definition.Key, page.City, data, actor), actor, FormKeyPrefix + key, ReplayScope.Case, started => [started.CaseId], ct);
        var number = WorkflowText.CaseNumber(sent.Answer.CaseId);
        if (sent.Kind == SentOnceKind.KeyReused)
        {
            TempData[PageMessages.Problem] = L["此表单已提交过并受理了案件 {0}；更改后的内容没有受理。如需受理另一案件，请重新打开「受理新案件」。", number].Value;
        }
        else
        {
            TempData[PageMessages.Notice] = (sent.Kind == SentOnceKind.Replayed
                ? L["此表单已提交过，案件 {0} 已受理，未重复立案。", number]
                : L["已受理「{0}」，案件 {1}。当前环节：{2}。", WorkflowText.Of(definition.Title, definition.Key), number, WorkflowText.StateTitle(definition, sent.Answer.State)]).Value;
        }

        return RedirectToAction(nameof(CaseController.Show), "Case", new { id = sent.Answer.CaseId });
    }

    /// <summary>A refused filter is said above an empty list, at its field (another city: at the city).</summary>
    private Task<IActionResult> SearchRefused(PageRefusal refusal, CancellationToken ct) =>
        Task.FromResult<IActionResult>(View(nameof(Index), _search! with { Problem = refusal.Message, ProblemField = refusal.Kind == Refusals.Forbidden ? "city" : refusal.Field }));

    /// <summary>The form again as typed: a refused field at its control (another city at the city), a rule above the form.</summary>
    private Task<IActionResult> OpeningRefused(PageRefusal refusal, CancellationToken ct)
    {
        var page = _form!;
        switch (refusal.Kind)
        {
            case Refusals.Invalid when refusal.Field is "city" or "procedure":
                ModelState.AddModelError(refusal.Field, L["输入有误：{0}", refusal.Message]);
                break;
            case Refusals.Invalid:
                var (field, message) = forms.Describe(refusal.Field, refusal.Message, page.Fields);
                ModelState.AddModelError(field, message);
                break;
            case Refusals.Forbidden:
                ModelState.AddModelError("city", refusal.Message);
                break;
            default:
                page = page with { Refusal = refusal.Message };
                break;
        }

        return Task.FromResult<IActionResult>(View("New", page));
    }

    private ViewResult Answer(NewCasePage page, int status)
    {
        Response.StatusCode = status;
        return View("New", page);
    }
}
