using Cases.Application.Parameters;
using Cases.Domain.Benefits;
using Cases.Domain.Calendar;
using Cases.Domain.Parties;
using Cases.Domain.Payments;

namespace Cases.Application.Benefits.Payroll;

/// <summary>
/// Computes a city's payroll for a month (第九十六条 当月工伤职工待遇支付台账): one line per monthly benefit with anything
/// to settle, each paying line a payment order, the orders in one batch for a supervisor to approve. A month is computed
/// once: asking again answers the same run and changes nothing.
/// </summary>
public sealed record RunPayroll(string? City, string? Month, Actor By) : ICommand<PayrollRunOutcome>;

/// <summary>Approves a run: a supervisor who did not compute it (第一百一十九条); its batch may then go to the bank.</summary>
public sealed record ApprovePayrollRun(Guid Id, Actor By) : ICommand<PayrollRunView>;

public sealed class RunPayrollHandler(CasesDb db, TimeProvider clock) :
    ICommandHandler<RunPayroll, PayrollRunOutcome>, ICommandHandler<ApprovePayrollRun, PayrollRunView>
{
    /// <summary>The step name the payroll's payment orders carry (the case is the one that granted the benefit).</summary>
    public const string Step = "payroll";

    /// <summary>Ids per query when reading the lines of benefits a change reaches back into.</summary>
    private const int Chunk = 500;

    public async ValueTask<PayrollRunOutcome> Handle(RunPayroll command, CancellationToken cancellationToken)
    {
        if (!command.By.May(Permission.RunPayroll))
        {
            throw new ForbiddenException(new LocalizedText("月度发放由经办人员计算。", "The monthly payroll is computed by officers."));
        }

        var city = City.Parse(command.City);
        _ = command.By.CityScope(city.Code);
        var month = PayrollMonths.Parse(command.Month, "month");
        if (await db.PayrollRuns.AsNoTracking().SingleOrDefaultAsync(r => r.CityCode == city.Code && r.Month == month, cancellationToken) is { } existing)
        {
            return new PayrollRunOutcome(await PayrollQueries.ViewAsync(db, existing, cancellationToken), Created: false);
        }

        var now = clock.GetUtcNow();
        var thisMonth = FirstOf(ChinaTime.DateOf(now));
        if (month > thisMonth)
        {
            throw new DomainValidationException("month", new LocalizedText(
                $"不能计算未到的月份：本月为 {PayrollMonths.Text(thisMonth)}。", $"A month to come is not computed: this month is {PayrollMonths.Text(thisMonth)}."));
        }

        if (await db.PayrollRuns.AsNoTracking().Where(r => r.CityCode == city.Code && r.Month > month).Select(r => (DateOnly?)r.Month).MaxAsync(cancellationToken) is { } later)
        {
            throw new DomainValidationException("month", new LocalizedText(
                $"本市已计算 {PayrollMonths.Text(later)} 的发放；更早的月份由下一次发放补发或扣回，不再单独计算。",
                $"The city's payroll of {PayrollMonths.Text(later)} is computed; an earlier month is settled by the next run, not on its own."));
        }

        var run = PayrollRun.Start(Guid.CreateVersion7(now), city, month, now, command.By.UserName);
        var figures = await ComputeAsync(run, command.By.UserName, now, cancellationToken);
        run.Computed(figures.Lines, figures.Total, figures.Held, figures.BatchId);
        db.PayrollRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two requests for the same month at once: the unique (city, month) index kept the other's run, and this
            // one's whole transaction — lines, orders, settled months — was rolled back.
            if (await RacedAsync(city.Code, month, cancellationToken) is { } raced)
            {
                return new PayrollRunOutcome(await PayrollQueries.ViewAsync(db, raced, cancellationToken), Created: false);
            }

            throw;
        }

        return new PayrollRunOutcome(await PayrollQueries.ViewAsync(db, run, cancellationToken), Created: true);
    }

    public async ValueTask<PayrollRunView> Handle(ApprovePayrollRun command, CancellationToken cancellationToken)
    {
        if (!command.By.May(Permission.ApprovePayroll))
        {
            throw new ForbiddenException(new LocalizedText("月度发放由主管审批（第一百一十九条 岗位不相容）。", "A payroll run is approved by a supervisor (第一百一十九条)."));
        }

        var run = await db.PayrollRuns.SingleOrDefaultAsync(r => r.Id == command.Id, cancellationToken);
        if (run is null || !command.By.CanSeeCity(run.CityCode))
        {
            throw PayrollQueries.NotFound();
        }

        var now = clock.GetUtcNow();
        run.Approve(command.By.UserName, now);
        if (run.BatchId is { } batchId)
        {
            var batch = await db.PaymentBatches.SingleAsync(b => b.Id == batchId, cancellationToken);
            batch.Approve(command.By.UserName, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return await PayrollQueries.ViewAsync(db, run, cancellationToken);
    }

    private async Task<(int Lines, decimal Total, int Held, Guid? BatchId)> ComputeAsync(PayrollRun run, string by, DateTimeOffset now, CancellationToken ct)
    {
        var (city, month) = (run.CityCode, run.Month);

        // Every benefit with a month to settle: running ones, and stopped ones whose last months are unpaid or were
        // changed after they were paid (a death found late: the months since are overpaid).
        var entitlements = await db.Entitlements
            .Where(e => e.CityCode == city && e.FromMonth <= month
                && (e.Status != EntitlementStatus.Stopped || e.RecheckFrom != null || e.PaidThrough == null || e.PaidThrough < e.ToMonth))
            .OrderBy(e => e.Id)
            .ToListAsync(ct);
        var settled = await SettledAsync(entitlements, ct);
        var owed = (await db.Overpayments.Where(o => o.CityCode == city && o.Status == OverpaymentStatus.Open).ToListAsync(ct))
            .GroupBy(o => o.EntitlementId).ToDictionary(g => g.Key, g => g.OrderBy(o => o.FoundAt).ToList());
        var certified = (await db.Certifications.AsNoTracking().Where(c => c.CityCode == city).Select(c => c.RecipientIdNumber).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var cycle = (await TableParameterSource.LoadAsync(db, ct)).CertificationCycleMonths(city, month.Year);

        var orders = new List<PaymentOrder>();
        var (lines, held, total) = (0, 0, 0m);
        foreach (var entitlement in entitlements)
        {
            var debts = entitlement.Status == EntitlementStatus.Stopped ? [] : owed.GetValueOrDefault(entitlement.Id) ?? [];
            var items = PayrollCalculator.ItemsFor(entitlement, month, settled.GetValueOrDefault(entitlement.Id) ?? [], debts.Sum(o => o.Balance));
            if (items.Count == 0)
            {
                entitlement.Settled(month);
                continue;
            }

            var net = items.Sum(i => i.Amount);
            var account = entitlement.Account;
            if (net > 0m && account is null)
            {
                // No account to pay to (第九十七条): nothing is settled, so the next run pays these months in arrears.
                held++;
                continue;
            }

            var lineId = Guid.CreateVersion7(now);
            PaymentOrder? order = null;
            if (net > 0m)
            {
                order = PaymentOrder.Create(
                    Guid.CreateVersion7(now), city, entitlement.CaseId, Step, entitlement.InjuryCaseId, entitlement.RecipientName,
                    entitlement.Relation is null ? PayeeKind.Worker : PayeeKind.Relative, account!, net, MonthlyBenefits.KindOf(entitlement.Benefit),
                    entitlement.Article, PayrollMonths.Text(month), now, by);
                orders.Add(order);
            }

            var line = PayrollLine.Create(lineId, run, entitlement, items, order?.Id);
            db.PayrollLines.Add(line);
            var deducted = -items.Where(i => i.Kind == PayrollItemKind.Deduction).Sum(i => i.Amount);
            foreach (var debt in debts)
            {
                var take = Math.Min(debt.Balance, deducted);
                if (take > 0m)
                {
                    debt.Deduct(take, lineId, by, now);
                    deducted -= take;
                }
            }

            if (net < 0m)
            {
                // 第六十四条 停止发放并追回多发待遇: what this line could not offset is owed.
                db.Overpayments.Add(Overpayment.Found(Guid.CreateVersion7(now), entitlement, items, -net, lineId, by, now));
            }
            else if (net > 0m && certified.Add(entitlement.RecipientIdNumber))
            {
                // The first payment opens the recipient's yearly certification, due a cycle later (第六十三条).
                db.Certifications.Add(Certification.Open(Guid.CreateVersion7(now), City.Parse(city), entitlement.RecipientIdNumber, entitlement.RecipientName, month, cycle));
            }

            entitlement.Settled(month);
            (lines, total) = (lines + 1, total + line.Amount);
        }

        Guid? batchId = null;
        if (orders.Count > 0)
        {
            db.PaymentOrders.AddRange(orders);
            var batch = PaymentBatch.Assemble(Guid.CreateVersion7(now), city, orders, now, by);
            db.PaymentBatches.Add(batch);
            batchId = batch.Id;
        }

        return (lines, total, held, batchId);
    }

    /// <summary>What earlier lines settled per month, for the benefits a change reaches back into (the others need none).</summary>
    private async Task<Dictionary<Guid, Dictionary<DateOnly, decimal>>> SettledAsync(List<Entitlement> entitlements, CancellationToken ct)
    {
        var result = new Dictionary<Guid, Dictionary<DateOnly, decimal>>();
        foreach (var chunk in entitlements.Where(e => e.RecheckFrom is not null).Chunk(Chunk))
        {
            var ids = chunk.Select(e => e.Id).ToList();
            var from = chunk.Min(e => e.RecheckFrom!.Value);
            var lines = await db.PayrollLines.AsNoTracking().Where(l => ids.Contains(l.EntitlementId) && l.Month >= from).ToListAsync(ct);
            foreach (var group in lines.GroupBy(l => l.EntitlementId))
            {
                result[group.Key] = PayrollCalculator.Settled(group);
            }
        }

        return result;
    }

    private async Task<PayrollRun?> RacedAsync(string city, DateOnly month, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await db.PayrollRuns.AsNoTracking().SingleOrDefaultAsync(r => r.CityCode == city && r.Month == month, ct);
    }

    private static DateOnly FirstOf(DateOnly day) => new(day.Year, day.Month, 1);
}
