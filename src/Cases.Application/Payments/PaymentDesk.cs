using Cases.Domain.Payments;

namespace Cases.Application.Payments;

/// <summary>
/// What the 「支付台账」 page offers to assemble and what it lists beside the ledger: the city's orders a batch may take
/// (pending, neither reversed nor a reversal) with their count and total, and the city's batches, most recent first.
/// </summary>
public sealed record GetPaymentDesk(string? City, Actor By) : IQuery<PaymentDesk>;

/// <summary>A batch as the list of batches shows it: its state, count and total, who assembled and who approved it.</summary>
public sealed record PaymentBatchSummary(
    Guid Id, string City, string Status, int Count, decimal Total, DateTimeOffset AssembledAt, string AssembledBy, DateTimeOffset? ApprovedAt, string? ApprovedBy);

/// <summary>
/// The page's desk: <see cref="Due"/> the orders a batch may take (at most <see cref="PaymentDeskQueries.DueLimit"/>, the
/// oldest first, as the bank pays them), their tally, whether the reader assembles (第一百一十九条: an officer does), and the
/// city's most recent batches.
/// </summary>
public sealed record PaymentDesk(
    string? City, IReadOnlyList<PaymentOrderView> Due, PaymentTally DueTotal, bool DueTruncated, bool MayAssemble, IReadOnlyList<PaymentBatchSummary> Batches);

public sealed class PaymentDeskQueries(CasesDb db) : IQueryHandler<GetPaymentDesk, PaymentDesk>
{
    /// <summary>At most this many due orders are offered on the page (a batch holds up to <see cref="PaymentCommands.MaxBatch"/> through the API).</summary>
    public const int DueLimit = 500;

    /// <summary>The most recent batches listed.</summary>
    public const int BatchLimit = 20;

    public async ValueTask<PaymentDesk> Handle(GetPaymentDesk query, CancellationToken cancellationToken)
    {
        PaymentQueries.EnsureReader(query.By);
        var city = query.By.CityScope(query.City);
        var orders = db.PaymentOrders.AsNoTracking().Where(o => o.Status == PaymentStatus.Pending && o.ReversedBy == null);
        var batches = db.PaymentBatches.AsNoTracking();
        if (city is not null)
        {
            orders = orders.Where(o => o.CityCode == city);
            batches = batches.Where(b => b.CityCode == city);
        }

        // Version 7 ids follow the order of creation: the oldest due order first, the newest batch first.
        var due = await orders.OrderBy(o => o.Id).Take(DueLimit + 1).ToListAsync(cancellationToken);
        var shown = due.Take(DueLimit).ToList();
        var views = await PaymentQueries.Views(db, shown, cancellationToken);
        var recent = await batches.OrderByDescending(b => b.Id).Take(BatchLimit).ToListAsync(cancellationToken);
        // A batch goes to one city's bank account: officers of a city assemble theirs (provincial staff do not assemble).
        var mayAssemble = query.By.May(Permission.AssemblePayments) && city is not null;
        return new PaymentDesk(city, views, PaymentTally.Of(shown), due.Count > DueLimit, mayAssemble, recent.Select(b => new PaymentBatchSummary(
            b.Id, b.CityCode, PaymentBatchView.Name(b.Status), b.Count, b.Total + 0.00m, b.AssembledAt, b.AssembledBy, b.ApprovedAt, b.ApprovedBy)).ToList());
    }
}
