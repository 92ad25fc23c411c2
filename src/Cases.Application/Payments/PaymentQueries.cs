using Cases.Domain.Calendar;
using Cases.Domain.Payments;
using Cases.Workflows.Common;

namespace Cases.Application.Payments;

/// <summary>The payment orders, newest first, a page at a time (keyset: <paramref name="After"/> is the previous page's Next).</summary>
public sealed record ListPayments(string? City, string? InjuryCaseId, string? Status, string? After, int? Limit, Actor By) : IQuery<PaymentOrderPage>;

public sealed record GetPayment(Guid Id, Actor By) : IQuery<PaymentOrderView>;

public sealed record GetPaymentBatch(Guid Id, Actor By) : IQuery<PaymentBatchView>;

/// <summary>
/// The 支付台账 (第九十六条) filtered by city, status, benefit, month (the period paid for, else the month ordered), and
/// person (the payee's name, or an injury case's worker by name).
/// </summary>
public sealed record GetPaymentLedger(string? City, string? Status, string? Benefit, string? Month, string? Person, Guid? InjuryCaseId, Guid? WorkerId, Actor By) : IQuery<PaymentLedger>;

public sealed class PaymentQueries(CasesDb db) :
    IQueryHandler<ListPayments, PaymentOrderPage>, IQueryHandler<GetPayment, PaymentOrderView>, IQueryHandler<GetPaymentBatch, PaymentBatchView>,
    IQueryHandler<GetPaymentLedger, PaymentLedger>
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;
    public const int LedgerLimit = 2000;
    private const string CursorKind = "payments";

    public async ValueTask<PaymentOrderPage> Handle(ListPayments query, CancellationToken cancellationToken)
    {
        EnsureReader(query.By);
        var limit = query.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            throw new DomainValidationException("limit", new LocalizedText($"每页条数须在 1 至 {MaxLimit} 之间。", $"limit must be between 1 and {MaxLimit}."));
        }

        var orders = db.PaymentOrders.AsNoTracking();
        if (query.By.CityScope(query.City) is { } city)
        {
            orders = orders.Where(o => o.CityCode == city);
        }

        if (!string.IsNullOrWhiteSpace(query.InjuryCaseId))
        {
            var injury = Guid.TryParse(query.InjuryCaseId, out var id) ? id : throw new DomainValidationException("injuryCaseId", new LocalizedText("工伤案件编号格式不正确。", "injuryCaseId is not an injury case id."));
            orders = orders.Where(o => o.InjuryCaseId == injury);
        }

        if (!string.IsNullOrWhiteSpace(query.Status))
        {
            var status = Status(query.Status);
            orders = orders.Where(o => o.Status == status);
        }

        if (query.After is { } after)
        {
            var last = KeysetCursor.IdOf(after, CursorKind);
            orders = orders.Where(o => o.Id.CompareTo(last) < 0);
        }

        var page = await orders.OrderByDescending(o => o.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var items = await ViewsAsync(page.Take(limit).ToList(), cancellationToken);
        return new PaymentOrderPage(items, page.Count > limit ? KeysetCursor.OfId(CursorKind, items[^1].Id) : null);
    }

    public async ValueTask<PaymentOrderView> Handle(GetPayment query, CancellationToken cancellationToken)
    {
        EnsureReader(query.By);
        var order = await db.PaymentOrders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == query.Id, cancellationToken);
        return order is not null && query.By.CanSeeCity(order.CityCode) ? (await ViewsAsync([order], cancellationToken))[0] : throw NotFound();
    }

    public async ValueTask<PaymentBatchView> Handle(GetPaymentBatch query, CancellationToken cancellationToken)
    {
        EnsureReader(query.By);
        var batch = await db.PaymentBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == query.Id, cancellationToken);
        return batch is not null && query.By.CanSeeCity(batch.CityCode) ? await BatchViewAsync(db, batch, query.By, cancellationToken) : throw BatchNotFound();
    }

    public async ValueTask<PaymentLedger> Handle(GetPaymentLedger query, CancellationToken cancellationToken)
    {
        EnsureReader(query.By);
        var orders = db.PaymentOrders.AsNoTracking();
        if (query.By.CityScope(query.City) is { } city)
        {
            orders = orders.Where(o => o.CityCode == city);
        }

        if (!string.IsNullOrWhiteSpace(query.Status))
        {
            var status = Status(query.Status);
            orders = orders.Where(o => o.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(query.Benefit))
        {
            var benefit = BenefitKind.Parse(query.Benefit, "benefit").Code;
            orders = orders.Where(o => o.Benefit == benefit);
        }

        if (query.InjuryCaseId is { } injuryCaseId)
        {
            orders = orders.Where(o => o.InjuryCaseId == injuryCaseId);
        }

        if (query.WorkerId is { } workerId)
        {
            var injuries = db.InjuryCases.Where(i => i.WorkerId == workerId).Select(i => (Guid?)i.Id);
            orders = orders.Where(o => injuries.Contains(o.InjuryCaseId));
        }

        if (TextInput.Optional(query.Person, "person", new LocalizedText("人员", "person"), 50) is { } person)
        {
            var workers = from i in db.InjuryCases join w in db.Workers on i.WorkerId equals w.Id where w.Name.StartsWith(person) select (Guid?)i.Id;
            orders = orders.Where(o => o.PayeeName.StartsWith(person) || workers.Contains(o.InjuryCaseId));
        }

        var month = PaymentOrder.Month(query.Month, "month");
        // Summed here rather than in SQL: SQLite stores decimals as text and cannot add them exactly (as the other ledgers).
        var all = await orders.OrderByDescending(o => o.Id).ToListAsync(cancellationToken);
        if (month is not null)
        {
            all = all.Where(o => o.LedgerMonth(ChinaTime.DateOf(o.OrderedAt)) == month).ToList();
        }

        var byStatus = all.GroupBy(o => PaymentOrderView.Name(o.Status)).ToDictionary(g => g.Key, g => PaymentTally.Of(g), StringComparer.Ordinal);
        var shown = await ViewsAsync(all.Take(LedgerLimit).ToList(), cancellationToken);
        return new PaymentLedger(shown, byStatus, PaymentTally.Of(all), all.Count > LedgerLimit);
    }

    /// <summary>Who reads payments: who reads ledgers or works cases (第九十六条's ledger is theirs).</summary>
    public static void EnsureReader(Actor by)
    {
        if (!by.May(Permission.ReadLedgers) && !by.May(Permission.WorkCases))
        {
            throw new ForbiddenException(new LocalizedText("支付台账仅供经办、复核、主管和管理人员查阅。", "Payments are for officers, reviewers, supervisors and administrators."));
        }
    }

    public static NotFoundException NotFound() => new(new LocalizedText("本市没有这个支付单。", "No such payment order in your city."));

    public static NotFoundException BatchNotFound() => new(new LocalizedText("本市没有这个支付批次。", "No such payment batch in your city."));

    private static PaymentStatus Status(string name) => PaymentOrderView.StatusOf(name) ?? throw new DomainValidationException("status", new LocalizedText(
        "状态须为 pending、batched、paid、returned 或 posted。", "status must be pending, batched, paid, returned or posted."));

    private Task<IReadOnlyList<PaymentOrderView>> ViewsAsync(IReadOnlyList<PaymentOrder> orders, CancellationToken ct) => Views(db, orders, ct);

    internal static async Task<IReadOnlyList<PaymentOrderView>> Views(CasesDb db, IReadOnlyList<PaymentOrder> orders, CancellationToken ct)
    {
        var labels = await Common.InjuryCaseLabels.OfAsync(db, orders.Where(o => o.InjuryCaseId is not null).Select(o => o.InjuryCaseId!.Value.ToString()), ct);
        return orders.Select(o => PaymentOrderView.From(o, o.InjuryCaseId is { } id ? labels.GetValueOrDefault(id.ToString()) : null)).ToList();
    }

    internal static async Task<PaymentBatchView> BatchViewAsync(CasesDb db, PaymentBatch batch, Actor by, CancellationToken ct)
    {
        var orders = await db.PaymentOrders.AsNoTracking().Where(o => o.BatchId == batch.Id).ToListAsync(ct);
        orders = orders.OrderBy(o => o.PayeeName, StringComparer.Ordinal).ThenBy(o => o.Id).ToList();
        var views = await Views(db, orders, ct);
        var mayAssemble = by.May(Permission.AssemblePayments) && by.CanSeeCity(batch.CityCode);
        return new PaymentBatchView(
            batch.Id, batch.CityCode, PaymentBatchView.Name(batch.Status), batch.Count, batch.Total + 0.00m, batch.AssembledAt, batch.AssembledBy,
            batch.ApprovedAt, batch.ApprovedBy, batch.SentAt, batch.ReconciledAt,
            PaymentTally.Of(orders.Where(o => o.Status == PaymentStatus.Paid)),
            PaymentTally.Of(orders.Where(o => o.Status == PaymentStatus.Returned)),
            PaymentTally.Of(orders.Where(o => o.Status == PaymentStatus.Batched)),
            views,
            MayApprove: batch.Status == BatchStatus.Draft && by.May(Permission.ApprovePayments) && !string.Equals(by.UserName, batch.AssembledBy, StringComparison.OrdinalIgnoreCase),
            MayDownload: batch.Status != BatchStatus.Draft && (mayAssemble || by.May(Permission.ApprovePayments)),
            MayImport: batch.Status is BatchStatus.Sent or BatchStatus.Reconciled && mayAssemble);
    }
}
