using System.Text.RegularExpressions;
using Cases.Web.Forms;
using Cases.Application.Calculations;
using Cases.Domain.Calculations;

namespace Cases.Web.Controllers;

/// <summary>A calculator's page: its form, the values as posted, and after a run its figures and explanation.</summary>
public sealed record CalculatorPage
{
    public required CalculatorDescriptor Calculator { get; init; }

    public required IReadOnlyList<FormField> Fields { get; init; }

    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public CalculationResponse? Response { get; init; }

    /// <summary>The Chinese label of a parameter neither the form nor the parameter table gave.</summary>
    public string? MissingParameter { get; init; }

    /// <summary>A statutory rule refused the request (DomainRuleException).</summary>
    public string? RuleMessage { get; init; }

    public string Value(string field) => Values.GetValueOrDefault(field, "");
}

/// <summary>The benefit and fee calculators for any signed-in user: a list, and a form per calculator (第二十二条 … 第九十条).</summary>
[Route("calculations"), Authorize]
public sealed partial class CalculationsController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View(CalculatorCatalog.All);

    [HttpGet("{name}")]
    public IActionResult Form(string name)
    {
        if (CalculatorCatalog.Find(name) is not { } calculator || CalculatorForm.Fields(name) is not { } fields)
        {
            return NotFound();
        }

        var defaults = fields.Where(f => f.Kind == FieldKind.Choice && f.Required).ToDictionary(f => f.Name, f => f.Options[0].Value, StringComparer.Ordinal);
        return View("Calculator", new CalculatorPage { Calculator = calculator, Fields = fields, Values = defaults });
    }

    /// <summary>The form as posted, shown again with what the calculation refused.</summary>
    private CalculatorPage? _posted;

    /// <summary>
    /// Runs the calculator through <see cref="RunCalculation"/>: a refused value is said at its field, a missing parameter
    /// and a rule's refusal above the form (the page answers 200 with them, as it always did).
    /// </summary>
    [HttpPost("{name}"), RefusalShown(Page = nameof(Refused), Shows = Refusals.Invalid | Refusals.Rule, Status = StatusCodes.Status200OK)]
    public async Task<IActionResult> Run(string name, CancellationToken ct)
    {
        if (CalculatorCatalog.Find(name) is not { } calculator || CalculatorForm.Fields(name) is not { } fields)
        {
            return NotFound();
        }

        var form = await Request.ReadFormAsync(ct);
        var values = fields.ToDictionary(f => f.Name, f => form[f.Name].ToString(), StringComparer.Ordinal);
        var errors = new List<(string Field, string Message)>();
        var body = CalculatorForm.Bind(name, f => values.GetValueOrDefault(f), errors);
        CalculatorPage Page(CalculationResponse? response = null, string? missing = null, string? rule = null) => new()
        {
            Calculator = calculator,
            Fields = fields,
            Values = values,
            Response = response,
            MissingParameter = missing,
            RuleMessage = rule,
        };

        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError(field, message);
        }

        if (errors.Count > 0)
        {
            return View("Calculator", Page());
        }

        _posted = Page();
        var response = await mediator.Send(new RunCalculation(name, body), ct);
        return View("Calculator", Page(response));
    }

    private Task<IActionResult> Refused(PageRefusal refusal, CancellationToken ct)
    {
        var page = _posted!;
        if (refusal.Kind == Refusals.Invalid)
        {
            ModelState.AddModelError(FieldKey(refusal.Field, page.Fields), Describe(refusal.Field, refusal.Message));
        }
        else
        {
            page = refusal.MissingParameter is { } missing ? page with { MissingParameter = CalculatorForm.LabelOf(missing) } : page with { RuleMessage = refusal.Message };
        }

        return Task.FromResult<IActionResult>(View("Calculator", page));
    }

    /// <summary>
    /// The calculators name a field in the reader's language themselves (「欠缴金额」不能为负数（填写的是 -1）。); a line of a
    /// list is shown at the list's field, so the message says which line: 「月工资总额」第 2 行「月份」：….
    /// </summary>
    private static string Describe(string field, string message)
    {
        var item = ItemPath().Match(field);
        if (!item.Success)
        {
            return message;
        }

        var list = CalculatorForm.LabelOf(item.Groups["list"].Value);
        var row = int.Parse(item.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture) + 1;
        var member = item.Groups["member"].Success ? CalculatorForm.LabelOf(item.Groups["member"].Value) : null;
        return new LocalizedText(
            $"「{list}」第 {row} 行{(member is null ? "" : $"「{member}」")}：{message}",
            $"{list}, line {row}{(member is null ? "" : $", {member}")}: {message}").Current;
    }

    [GeneratedRegex(@"^(?<list>[A-Za-z0-9]+)\[(?<index>\d+)\](\.(?<member>[A-Za-z0-9]+))?$")]
    private static partial Regex ItemPath();

    /// <summary>"monthlyWages[1]" and "dependants[0].relation" are shown at their list's field; unknown fields in the summary only.</summary>
    private static string FieldKey(string field, IReadOnlyList<FormField> fields)
    {
        var root = field.Split('[', '.')[0];
        return fields.Any(f => f.Name == root) ? root : "";
    }
}
