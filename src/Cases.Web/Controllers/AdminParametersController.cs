using Cases.Application.Common;
using Cases.Web.Forms;
using Cases.Application.Records;
using Cases.Application.Parameters;

namespace Cases.Web.Controllers;

/// <summary>The values typed into the parameter form, shown again with the problems found.</summary>
public sealed record ParameterForm(string? Name, string? Year, string? City, string? Value, string? Source, string? Reason);

/// <summary>One figure of the table with the reason of its last change.</summary>
public sealed record ParameterRow(ParameterValue Value, string? LastReason);

public sealed class ParametersPage
{
    /// <summary>The figures by parameter (in the order of <see cref="ParameterNames.All"/>), each newest year first.</summary>
    public required IReadOnlyList<(string Name, string Title, string Unit, bool PerCity, IReadOnlyList<ParameterRow> Rows)> Groups { get; init; }

    public required ParameterForm Form { get; init; }

    public IReadOnlyList<(string Field, string Message)> Errors { get; init; } = [];

    public IReadOnlyList<ParameterChange> Changes { get; init; } = [];

    /// <summary>Display names of who set the figures and made the changes.</summary>
    public NameBook Names { get; init; } = NameBook.Empty;

    /// <summary>A figure with its unit as an administrator reads it: "2,200.00 元/月", "13 个月".</summary>
    public required Func<string, decimal, string> Amount { get; init; }
}

/// <summary>
/// The parameter table by year (and city) with sources, for administrators: each figure with its value, source and
/// last change; a figure set or corrected with its source and a reason through <see cref="SetParameter"/>, journaled.
/// </summary>
[Route("admin/parameters"), Authorize(Policy = Policies.Admin)]
public sealed class AdminParametersController(IMediator mediator, IStringLocalizer<SharedResource> L) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? name, string? year, string? city, CancellationToken ct)
    {
        // "Edit" on a row fills the form with that figure.
        var values = await mediator.Send(new ListParameters(), ct);
        var row = values.FirstOrDefault(v => v.Name == name && v.Year.ToString(CultureInfo.InvariantCulture) == year && v.CityCode == (city ?? ""));
        var form = row is null
            ? new ParameterForm(ParameterNames.All.ContainsKey(name ?? "") ? name : null, null, null, null, null, null)
            : new ParameterForm(row.Name, year, row.CityCode, row.Value.ToString(CultureInfo.InvariantCulture), row.Source, null);
        return View("Index", await PageAsync(form, [], ct));
    }

    /// <summary>The form as typed, shown again with what was refused.</summary>
    private ParameterForm? _form;

    [HttpPost(""), RefusalShown(Page = nameof(SetRefused), Status = StatusCodes.Status200OK)]
    public async Task<IActionResult> Set(string? name, string? year, string? city, string? value, string? source, string? reason, CancellationToken ct)
    {
        _form = new ParameterForm(name, year, city, value, source, reason);
        var y = int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
            : throw new DomainValidationException("year", L["年份应为 2000–2100 之间的整数。"]);
        var v = decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? d
            : throw new DomainValidationException("value", L["数值应为正数，例如 8250.50。"]);
        var set = await mediator.Send(new SetParameter(name, y, city, v, source, reason, User.ToActor()), ct);
        TempData[PageMessages.Notice] = set.CityCode.Length > 0
            ? L["已保存「{0}」{1}年{2}：{3}。", Title(set.Name), set.Year, CityName(set.CityCode), Amount(set.Name, set.Value)].Value
            : L["已保存「{0}」{1}年：{2}。", Title(set.Name), set.Year, Amount(set.Name, set.Value)].Value;
        return RedirectToAction(nameof(Index));
    }

    /// <summary>A parameter's title in the reader's language ("月最低工资标准"), else its name.</summary>
    private string Title(string name) => ParameterNames.All.TryGetValue(name, out var p) ? L[p.TitleZh].Value : name;

    private static string CityName(string code) =>
        Cases.Domain.Parties.City.All.FirstOrDefault(c => c.Code == code) is { } city ? (WorkflowText.English ? city.NameEn : city.NameZh) : code;

    /// <summary>A figure with its unit as an administrator reads it: "2,200.00 元/月", "13 个月".</summary>
    private string Amount(string name, decimal value)
    {
        var unit = ParameterNames.All.TryGetValue(name, out var p) ? p.Unit : "";
        return unit switch
        {
            "月" => L["{0}个月", value.ToString("0.##", CultureInfo.InvariantCulture)].Value,
            "" => value.ToString("#,0.##", CultureInfo.InvariantCulture),
            _ => value.ToString("#,0.00", CultureInfo.InvariantCulture) + " " + L[unit].Value,
        };
    }

    private async Task<IActionResult> SetRefused(PageRefusal refusal, CancellationToken ct) =>
        View("Index", await PageAsync(_form!, [(refusal.Field, refusal.Message)], ct));

    private async Task<ParametersPage> PageAsync(ParameterForm form, IReadOnlyList<(string, string)> errors, CancellationToken ct)
    {
        var values = await mediator.Send(new ListParameters(), ct);
        var changes = await mediator.Send(new ListParameterChanges(), ct);
        // The reason of each figure's latest change (the change list is newest first).
        var reasons = changes.GroupBy(c => (c.Name, c.Year, c.CityCode)).ToDictionary(g => g.Key, g => g.First().Reason);
        var groups = ParameterNames.All
            .Select(p => (p.Key, L[p.Value.TitleZh].Value, L[p.Value.Unit].Value, p.Value.PerCity,
                (IReadOnlyList<ParameterRow>)values.Where(v => v.Name == p.Key).OrderByDescending(v => v.Year).ThenBy(v => v.CityCode, StringComparer.Ordinal)
                    .Select(v => new ParameterRow(v, reasons.GetValueOrDefault((v.Name, v.Year, v.CityCode)))).ToList()))
            .ToList();
        var shown = changes.Take(20).ToList();
        var names = await mediator.Send(new ResolveNames([.. values.Select(v => v.UpdatedBy), .. shown.Select(c => c.ChangedBy)], [], User.ToActor()), ct);
        return new ParametersPage { Groups = groups, Form = form, Errors = errors, Changes = shown, Names = names, Amount = Amount };
    }
}
