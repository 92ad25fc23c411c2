using Cases.Web.Texts;
using Cases.Web.Forms;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cases.Application.Casework;
using Cases.Application.Common;
using Cases.Application.Persistence;
using Cases.Domain;
using Cases.Domain.Calendar;
using Cases.Web.Infrastructure;
using Cases.Workflows.Definitions;
using Cases.Workflows.Instances;
using Cases.Workflows.Persistence;
using Cases.Workflows.Records;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Cases.Web.Controllers;

/// <summary>What 案件查询 shows: the filters as typed (every value travels in the URL), the rows and the next page's cursor.</summary>
public sealed class CaseSearchPageModel
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

/// <summary>A procedure one may open a case of: its latest version, with its title and the articles it rests on.</summary>
public sealed record OpenableProcedure(string Key, int Version, string Title, IReadOnlyList<string> Basis, bool Demo);

/// <summary>受理新案件: the procedures to choose from, or the chosen one's start form as typed, with what was refused.</summary>
public sealed class NewCasePage
{
    public IReadOnlyList<OpenableProcedure> Procedures { get; init; } = [];

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
}

/// <summary>
/// 案件查询 (<see cref="SearchCases"/>) and 受理新案件 (<see cref="StartCase"/>, the handler of POST /api/cases): an officer
/// at the counter finds a case, or opens one with the form generated from the procedure's start fields.
/// </summary>
// Reading cases is the case staff's, within their city (like GET /api/cases/{id}; designers and auditors read none, 规程
// 第一百四十条); opening them is the OpenCases policy's.
[Route("cases"), Authorize(Policy = Policies.CaseData)]
public sealed class CasesController(
    IMediator mediator, CasesDb db, DefinitionStore definitions, IdempotentCommands commands, WorkflowForm forms, IAuthorizationService authorization,
    IStringLocalizer<SharedResource> L) : Controller
{
    private const string FormKeyPrefix = "form:new-case:";

    [HttpGet("")]
    public async Task<IActionResult> Index(string? procedure, string? status, string? state, string? q, string? openedFrom, string? openedTo, string? city, string? after, CancellationToken ct)
    {
        var actor = User.ToActor();
        var procedures = await OpenableAsync(ct);
        var chosen = procedures.FirstOrDefault(p => p.Key == procedure);
        var states = chosen is null ? [] : (await definitions.GetLatestAsync(db, chosen.Key, ct)).States
            .Select(s => (s.Key, WorkflowText.Of(s.Value.Title, s.Key))).ToList();
        CaseSearchPage page = new([], null);
        string? problem = null;
        var problemField = "";
        try
        {
            page = await mediator.Send(new SearchCases(procedure, status, state, q,
                string.IsNullOrWhiteSpace(openedFrom) ? null : ApiInput.Date(openedFrom, "openedFrom"),
                string.IsNullOrWhiteSpace(openedTo) ? null : ApiInput.Date(openedTo, "openedTo"),
                city, string.IsNullOrWhiteSpace(after) ? null : after, null, actor), ct);
        }
        catch (DomainValidationException e)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            (problem, problemField) = (L["查询条件有误：{0}", e.Message], e.Field);
        }
        catch (ForbiddenException e)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            (problem, problemField) = (L["不能查询其他城市的案件：{0}", e.Message], "city");
        }

        return View(new CaseSearchPageModel
        {
            Procedure = procedure,
            Status = status,
            State = state,
            Q = q,
            OpenedFrom = openedFrom,
            OpenedTo = openedTo,
            City = city,
            Rows = page.Items,
            Next = page.Next,
            Procedures = [.. procedures.Select(p => (p.Key, p.Title))],
            States = states,
            Provincial = actor.IsProvincial,
            CanOpen = (await authorization.AuthorizeAsync(User, Policies.OpenCases)).Succeeded,
            Problem = problem,
            ProblemField = problemField,
        });
    }

    /// <summary>The procedures to choose from; with <paramref name="procedure"/>, its start form.</summary>
    [HttpGet("new"), Authorize(Policy = Policies.OpenCases)]
    public async Task<IActionResult> New(string? procedure, CancellationToken ct)
    {
        var procedures = await OpenableAsync(ct);
        var chosen = procedures.FirstOrDefault(p => p.Key == procedure);
        var definition = chosen is null ? null : await definitions.GetLatestAsync(db, chosen.Key, ct);
        return View(new NewCasePage
        {
            Procedures = procedures,
            Definition = definition,
            Fields = definition is null ? [] : WorkflowForm.ForStart(definition),
            FormKey = Guid.NewGuid().ToString(),
            Provincial = User.ToActor().IsProvincial,
            City = User.ToActor().CityCode,
        });
    }

    /// <summary>
    /// Opens the case through <see cref="StartCase"/>. The form's one-time key is recorded with the case in the same
    /// transaction (the API's Idempotency-Key table), so a second post of the same form — back and submit again, a double
    /// click — opens nothing and leads to the case the first one opened.
    /// </summary>
    [HttpPost("new"), Authorize(Policy = Policies.OpenCases)]
    public async Task<IActionResult> Open(string? procedure, string? city, string? formKey, CancellationToken ct)
    {
        var actor = User.ToActor();
        var form = await Request.ReadFormAsync(ct);
        var procedures = await OpenableAsync(ct);
        var chosen = procedures.FirstOrDefault(p => p.Key == procedure);
        var definition = chosen is null ? null : await definitions.GetLatestAsync(db, chosen.Key, ct);
        var fields = definition is null ? [] : WorkflowForm.ForStart(definition);
        var posted = form.Keys.Where(k => k != "__RequestVerificationToken").ToDictionary(k => k, k => form[k].ToString(), StringComparer.Ordinal);
        var validKey = Guid.TryParse(formKey, out var key);
        var page = new NewCasePage
        {
            Procedures = procedures,
            Definition = definition,
            Fields = fields,
            Values = posted,
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

        // The form's one-time key goes the API's way (IdempotentCommands): recorded with the case in one transaction, and
        // a second post of the form (back and submit again, a double click) opens nothing and leads to the first case —
        // if the user may still see it (they may have moved to another city since): else 404, and its number is not told.
        KeyedOutcome<StartedCase> outcome;
        try
        {
            outcome = await commands.RunOnceAsync(actor, FormKeyPrefix + key, Hash(definition.Key, page.City, data), async () =>
            {
                var started = await mediator.Send(new StartCase(definition.Key, page.City, data, actor), ct);
                return new CommandAnswer<StartedCase>(started, StatusCodes.Status201Created, JsonSerializer.Serialize(started));
            }, ReplayScope.Case, record => [FirstCase(record).CaseId], ct);
        }
        catch (Exception e) when (e is DomainValidationException or ForbiddenException or DomainRuleException or CalendarYearMissingException)
        {
            return Refused(page, e, fields);
        }

        switch (outcome)
        {
            case KeyedOutcome<StartedCase>.Ran { Result: var started }:
                TempData[PageMessages.Notice] = L["已受理「{0}」，案件 {1}。当前环节：{2}。", WorkflowText.Of(definition.Title, definition.Key),
                    WorkflowText.CaseNumber(started.CaseId), WorkflowText.StateTitle(definition, started.State)].Value;
                return RedirectToAction(nameof(CaseController.Show), "Case", new { id = started.CaseId });
            case KeyedOutcome<StartedCase>.Replayed { Record: var record }:
                TempData[PageMessages.Notice] = L["此表单已提交过，案件 {0} 已受理，未重复立案。", WorkflowText.CaseNumber(FirstCase(record).CaseId)].Value;
                return RedirectToAction(nameof(CaseController.Show), "Case", new { id = FirstCase(record).CaseId });
            default:
                var first = FirstCase(((KeyedOutcome<StartedCase>.KeyReused)outcome).Record);
                TempData[PageMessages.Problem] = L["此表单已提交过并受理了案件 {0}；更改后的内容没有受理。如需受理另一案件，请重新打开「受理新案件」。", WorkflowText.CaseNumber(first.CaseId)].Value;
                return RedirectToAction(nameof(CaseController.Show), "Case", new { id = first.CaseId });
        }
    }

    private ViewResult Refused(NewCasePage page, Exception e, IReadOnlyList<WorkflowField> fields)
    {
        switch (e)
        {
            case DomainValidationException { Field: "city" or "procedure" } v:
                ModelState.AddModelError(v.Field, L["输入有误：{0}", v.Message]);
                return Answer(page, StatusCodes.Status400BadRequest);
            case DomainValidationException v:
                var (field, message) = forms.Describe(v, fields);
                ModelState.AddModelError(field, message);
                return Answer(page, StatusCodes.Status400BadRequest);
            case ForbiddenException:
                ModelState.AddModelError("city", L["您只能受理本市的案件：{0}", e.Message]);
                return Answer(page, StatusCodes.Status403Forbidden);
            default:
                return Answer(new NewCasePage
                {
                    Procedures = page.Procedures,
                    Definition = page.Definition,
                    Fields = page.Fields,
                    Values = page.Values,
                    FormKey = page.FormKey,
                    Provincial = page.Provincial,
                    City = page.City,
                    Refusal = L["按规程不能受理：{0}", e.Message],
                }, StatusCodes.Status422UnprocessableEntity);
        }
    }

    private ViewResult Answer(NewCasePage page, int status)
    {
        Response.StatusCode = status;
        return View("New", page);
    }

    private static StartedCase FirstCase(IdempotencyRecord record) => JsonSerializer.Deserialize<StartedCase>(record.ResponseJson)!;

    private static string Hash(string procedure, string? city, JsonObject data) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{procedure}\n{city}\n{data.ToJsonString()}")));

    /// <summary>
    /// Each published procedure's latest version, by title; the demo procedure (demo-filing, for training with the test
    /// clock) last and marked as such, so that a trainer finds it and an officer does not take it for a real one.
    /// </summary>
    private async Task<IReadOnlyList<OpenableProcedure>> OpenableAsync(CancellationToken ct)
    {
        // The versions in use: one waiting for a second person's approval starts no case.
        var latest = await DefinitionStore.InForceVersionsAsync(db, ct);
        var list = new List<OpenableProcedure>();
        foreach (var (key, version) in latest)
        {
            var definition = await definitions.GetAsync(db, key, version, ct);
            list.Add(new OpenableProcedure(key, version, WorkflowText.Of(definition.Title, key), definition.Basis, key == DemoProcedure));
        }

        return [.. list.OrderBy(p => p.Demo).ThenBy(p => p.Key, StringComparer.Ordinal)];
    }

    private const string DemoProcedure = "demo-filing";

    /// <summary>A city's name in the user's language.</summary>
    public static string CityName(string code) =>
        Domain.Parties.City.All.FirstOrDefault(c => c.Code == code) is { } c ? (WorkflowText.English ? c.NameEn : c.NameZh) : code;
}
