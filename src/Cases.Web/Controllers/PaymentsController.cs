using Cases.Application.Payments;
using Cases.Domain.Parties;

namespace Cases.Web.Controllers;

/// <summary>What the 支付台账 page shows: its filters (all in the URL), the cities to pick from and the ledger.</summary>
public sealed class PaymentsPage
{
    public string? City { get; init; }

    public IReadOnlyList<City> Cities { get; init; } = [];

    public string? Status { get; init; }

    public string? Benefit { get; init; }

    public string? Month { get; init; }

    public string? Person { get; init; }

    public required PaymentLedger Ledger { get; init; }

    /// <summary>The export of the same filtered list.</summary>
    public string ExportUrl => "/api/payments/export" + QueryString.Create(new[] { ("city", City), ("status", Status), ("benefit", Benefit), ("month", Month), ("person", Person) }
        .Where(p => p.Item2 is not null).Select(p => new KeyValuePair<string, string?>(p.Item1, p.Item2)));
}

/// <summary>A batch's page: the batch and the display names of who assembled and approved it.</summary>
public sealed record PaymentBatchPage(PaymentBatchView Batch, Cases.Application.Common.NameBook Names);

/// <summary>
/// 「支付台账」 (规程 第九十六条): the payment orders of the city (provincial staff: every city or the one they pick) filtered
/// by status, benefit, month and person, with the totals per status, as CSV too; and a batch's page (第一百一十九条: its
/// approver is not its assembler). The same use cases as /api/payments.
/// </summary>
[Route("payments"), Authorize(Policy = Policies.Ledgers)]
public sealed class PaymentsController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? city, string? status, string? benefit, string? month, string? person, CancellationToken ct)
    {
        var (c, s, b, m, p) = (Blank(city), Blank(status), Blank(benefit), Blank(month), Blank(person));
        var actor = User.ToActor();
        var ledger = await mediator.Send(new GetPaymentLedger(c, s, b, m, p, null, null, actor), ct);
        return View(new PaymentsPage { City = c, Cities = actor.IsProvincial ? City.All : [], Status = s, Benefit = b, Month = m, Person = p, Ledger = ledger });
    }

    [HttpGet("batches/{id:guid}")]
    public async Task<IActionResult> Batch(Guid id, CancellationToken ct)
    {
        var batch = await mediator.Send(new GetPaymentBatch(id, User.ToActor()), ct);
        var names = await mediator.Send(new Cases.Application.Common.ResolveNames([batch.AssembledBy, batch.ApprovedBy], [], User.ToActor()), ct);
        return View(new PaymentBatchPage(batch, names));
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
