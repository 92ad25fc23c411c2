using Cases.Application.Ledgers;
using Cases.Domain.Parties;
using Cases.Workflows.Definitions;

namespace Cases.Web.Controllers;

/// <summary>What the ledger page shows: its filters (all in the URL) and the two ledgers for its city or the province.</summary>
public sealed class LedgersPage
{
    /// <summary>The city shown; null for every city (provincial staff only).</summary>
    public string? City { get; init; }

    /// <summary>The cities to pick from: every city for provincial staff, none for a city's (they see their own).</summary>
    public IReadOnlyList<City> Cities { get; init; } = [];

    /// <summary>Only advances of this standing (<see cref="AdvancePaymentStanding"/>); null for all.</summary>
    public string? Standing { get; init; }

    public bool OutstandingOnly { get; init; }

    /// <summary>The injury case looked up in the third-party medical ledger, if any.</summary>
    public string? InjuryCaseId { get; init; }

    public required AdvancePaymentLedger Advances { get; init; }

    public required IReadOnlyList<ThirdPartyReimbursement> Reimbursements { get; init; }

    /// <summary>The looked-up injury case's reimbursements (null: no lookup).</summary>
    public IReadOnlyList<ThirdPartyReimbursement>? Lookup { get; init; }

    /// <summary>The advance-payment procedure's latest definition, for the current step's title of a running case.</summary>
    public WorkflowDefinition? Definition { get; init; }

    /// <summary>A filter the query refused, with its reason.</summary>
    public string? FilterProblem { get; init; }

    /// <summary>The query string of the advance-payment list (city and filters), for its export link.</summary>
    public string AdvanceExportUrl => "/api/ledgers/advance-payments/export" + QueryString.Create(Values(("city", City), ("standing", Standing), ("outstandingOnly", OutstandingOnly ? "true" : null)));

    /// <summary>The third-party list's export (the whole list of the city, or the looked-up injury case's).</summary>
    public string ReimbursementExportUrl(string? injuryCaseId) =>
        "/api/ledgers/third-party-medical/export" + QueryString.Create(Values(("city", City), ("injuryCaseId", injuryCaseId)));

    private static IEnumerable<KeyValuePair<string, string?>> Values(params (string Key, string? Value)[] pairs) =>
        pairs.Where(p => p.Value is not null).Select(p => new KeyValuePair<string, string?>(p.Key, p.Value));
}

/// <summary>What Views/Ledgers/_Reimbursements.cshtml draws: third-party top-ups, their total, and whether to name each one's city.</summary>
public sealed record ReimbursementTable(IReadOnlyList<ThirdPartyReimbursement> Rows, decimal Total, bool ShowCity, string TestId, string Caption);

/// <summary>
/// 「台账」: the 先行支付台账 (规程 第九十三条: advanced, recovered, written off, outstanding per city and per case, filtered
/// by standing or to what is outstanding) and the third-party medical ledger (第九十条: each paid top-up with its
/// invoices, and a lookup by injury case of what was reimbursed before paying again), through the same queries as
/// GET /api/ledgers/*; both as CSV through their /export routes. A city's staff see their city, provincial staff every
/// city or the one they pick; another city from a city's staff is refused (403) as the API refuses it.
/// </summary>
[Route("ledgers"), Authorize(Policy = Policies.Ledgers)]
public sealed class LedgersController(IMediator mediator, IStringLocalizer<SharedResource> L) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? city, string? standing, string? outstandingOnly, string? injuryCaseId, CancellationToken ct)
    {
        static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        var page = await mediator.Send(new GetLedgersPage(Blank(city), Blank(standing), outstandingOnly is "true" or "on", Blank(injuryCaseId), User.ToActor()), ct);
        return View(new LedgersPage
        {
            City = page.City,
            Cities = page.Provincial ? City.All : [],
            Standing = page.Standing,
            OutstandingOnly = page.OutstandingOnly,
            InjuryCaseId = page.InjuryCaseId,
            Advances = page.Advances,
            Reimbursements = page.Reimbursements,
            Lookup = page.Lookup,
            Definition = page.Definition,
            FilterProblem = page.FilterProblem is { } problem ? L["筛选条件有误：{0}", problem.Message].Value : null,
        });
    }
}
