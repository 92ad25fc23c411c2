using Cases.Domain.Benefits;
using Cases.Workflows.Common;

namespace Cases.Application.Benefits.Payroll;

/// <summary>One run of the caller's city (another city's answers as not found, 规程 第一百四十条).</summary>
public sealed record GetPayrollRun(Guid Id, Actor By) : IQuery<PayrollRunView>;

/// <summary>The runs of the caller's city (provincial staff: every city, or the one named), newest month first.</summary>
public sealed record ListPayrollRuns(string? City, string? After, int? Limit, Actor By) : IQuery<PayrollRunPage>;

/// <summary>
/// The lines of a run, by id; <paramref name="Changed"/>: only those that differ from the benefit's line of the month
/// before (new, more, less) — the supervisor's check before approving.
/// </summary>
public sealed record ListPayrollLines(Guid RunId, bool Changed, string? After, int? Limit, Actor By) : IQuery<PayrollLinePage>;

/// <summary>The benefits the month before paid that this run does not, each with its status and the change that explains it.</summary>
public sealed record ListPayrollDropped(Guid RunId, Actor By) : IQuery<IReadOnlyList<PayrollDroppedView>>;

public sealed class PayrollQueries(CasesDb db) :
    IQueryHandler<GetPayrollRun, PayrollRunView>, IQueryHandler<ListPayrollRuns, PayrollRunPage>,
    IQueryHandler<ListPayrollLines, PayrollLinePage>, IQueryHandler<ListPayrollDropped, IReadOnlyList<PayrollDroppedView>>
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;
    public const int MaxDropped = 2000;
    private const string RunCursor = "payroll-runs";
    private const string LineCursor = "payroll-lines";

    public async ValueTask<PayrollRunView> Handle(GetPayrollRun query, CancellationToken cancellationToken) =>
        await ViewAsync(db, await RunAsync(query.Id, query.By, cancellationToken), cancellationToken);

    public async ValueTask<PayrollRunPage> Handle(ListPayrollRuns query, CancellationToken cancellationToken)
    {
        EnsureReader(query.By);
        var limit = Limit(query.Limit, 25, 100);
        var runs = db.PayrollRuns.AsNoTracking();
        if (query.By.CityScope(query.City) is { } city)
        {
            runs = runs.Where(r => r.CityCode == city);
        }

        if (query.After is { } after)
        {
            var id = KeysetCursor.IdOf(after, RunCursor);
            runs = runs.Where(r => r.Id.CompareTo(id) < 0);
        }

        // Ids are version 7: newest computed first.
        var page = await runs.OrderByDescending(r => r.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var items = new List<PayrollRunView>();
        foreach (var run in page.Take(limit))
        {
            items.Add(await ViewAsync(db, run, cancellationToken));
        }

        return new PayrollRunPage(items, page.Count > limit ? KeysetCursor.OfId(RunCursor, items[^1].Id) : null);
    }

    public async ValueTask<PayrollLinePage> Handle(ListPayrollLines query, CancellationToken cancellationToken)
    {
        var run = await RunAsync(query.RunId, query.By, cancellationToken);
        var limit = Limit(query.Limit, DefaultLimit, MaxLimit);
        var previousMonth = run.Month.AddMonths(-1);
        var previous = db.PayrollLines.Where(p => p.CityCode == run.CityCode && p.Month == previousMonth);
        var lines = from l in db.PayrollLines.AsNoTracking()
                    where l.RunId == run.Id
                    join p in previous on l.EntitlementId equals p.EntitlementId into before
                    from p in before.DefaultIfEmpty()
                    select new { Line = l, Previous = p == null ? (decimal?)null : p.Amount };
        if (query.Changed)
        {
            lines = lines.Where(x => x.Previous == null || x.Previous != x.Line.Amount);
        }

        if (query.After is { } after)
        {
            var id = KeysetCursor.IdOf(after, LineCursor);
            lines = lines.Where(x => x.Line.Id.CompareTo(id) > 0);
        }

        var page = await lines.OrderBy(x => x.Line.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var shown = page.Take(limit).ToList();
        var since = await PreviousRunAtAsync(run, cancellationToken);
        var ids = shown.Select(x => x.Line.EntitlementId).ToList();
        var histories = await db.Entitlements.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var items = shown.Select(x => new PayrollLineView(
            x.Line.Id, x.Line.EntitlementId, MonthlyBenefits.NameOf(x.Line.Benefit), x.Line.RecipientName, x.Line.Amount, x.Previous,
            [.. x.Line.Items.Select(i => new PayrollItemView(PayrollMonths.Text(i.Period), i.Amount, PayrollMonths.KindName(i.Kind)))],
            x.Line.PaymentOrderId,
            histories.TryGetValue(x.Line.EntitlementId, out var e) ? Reasons(e, run, since) : [])).ToList();
        return new PayrollLinePage(items, page.Count > limit ? KeysetCursor.OfId(LineCursor, items[^1].Id) : null);
    }

    public async ValueTask<IReadOnlyList<PayrollDroppedView>> Handle(ListPayrollDropped query, CancellationToken cancellationToken)
    {
        var run = await RunAsync(query.RunId, query.By, cancellationToken);
        var previousMonth = run.Month.AddMonths(-1);
        var current = db.PayrollLines.Where(l => l.RunId == run.Id).Select(l => l.EntitlementId);
        var dropped = await db.PayrollLines.AsNoTracking()
            .Where(p => p.CityCode == run.CityCode && p.Month == previousMonth && p.Amount > 0m && !current.Contains(p.EntitlementId))
            .Join(db.Entitlements.AsNoTracking(), p => p.EntitlementId, e => e.Id, (p, e) => new { p.Amount, Entitlement = e })
            .OrderBy(x => x.Entitlement.Id).Take(MaxDropped).ToListAsync(cancellationToken);
        return [.. dropped.Select(x => new PayrollDroppedView(
            x.Entitlement.Id, MonthlyBenefits.NameOf(x.Entitlement.Benefit), x.Entitlement.RecipientName, x.Amount,
            x.Entitlement.Status.ToString().ToLowerInvariant(),
            x.Entitlement.History.LastOrDefault(c => c.Kind != EntitlementChangeKind.AccountRecorded) is { } c ? PayrollMonths.Reason(c) : null,
            // Still running with a month to settle, yet no line: held back for want of an account.
            x.Entitlement.Status == EntitlementStatus.Active && x.Entitlement.PaidThrough < run.Month))];
    }

    internal static async Task<PayrollRunView> ViewAsync(CasesDb db, PayrollRun run, CancellationToken ct)
    {
        var totals = await db.PayrollLines.AsNoTracking().Where(l => l.RunId == run.Id)
            .GroupBy(l => l.Benefit).Select(g => new { Benefit = g.Key, Lines = g.Count(), Amount = g.Sum(l => l.Amount) }).ToListAsync(ct);
        return PayrollRunView.From(run, [.. totals.OrderBy(t => t.Benefit).Select(t => new PayrollBenefitTotal(MonthlyBenefits.NameOf(t.Benefit), t.Lines, t.Amount + 0.00m))]);
    }

    internal static NotFoundException NotFound() => new(new LocalizedText("本市没有这次月度发放。", "No such payroll run in your city."));

    /// <summary>The changes that explain a line: recorded since the month before's run, or taking effect this month.</summary>
    private static List<PayrollReasonView> Reasons(Entitlement e, PayrollRun run, DateTimeOffset? since) =>
        [.. e.History.Where(c => c.Kind != EntitlementChangeKind.AccountRecorded && (c.FromMonth == run.Month || (since is { } s && c.At > s && c.At <= run.CreatedAt)))
            .Select(PayrollMonths.Reason)];

    private async Task<DateTimeOffset?> PreviousRunAtAsync(PayrollRun run, CancellationToken ct)
    {
        var previousMonth = run.Month.AddMonths(-1);
        return (await db.PayrollRuns.AsNoTracking().Where(r => r.CityCode == run.CityCode && r.Month == previousMonth).ToListAsync(ct))
            .Select(r => (DateTimeOffset?)r.CreatedAt).FirstOrDefault();
    }

    private async Task<PayrollRun> RunAsync(Guid id, Actor by, CancellationToken ct)
    {
        EnsureReader(by);
        var run = await db.PayrollRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        return run is not null && by.CanSeeCity(run.CityCode) ? run : throw NotFound();
    }

    private static void EnsureReader(Actor by)
    {
        if (!by.May(Permission.ReadLedgers))
        {
            throw new ForbiddenException(new LocalizedText("月度发放仅供经办、复核、主管和管理人员查看。", "Payroll runs are for officers, reviewers, supervisors and administrators."));
        }
    }

    private static int Limit(int? limit, int fallback, int max)
    {
        var value = limit ?? fallback;
        return value is >= 1 && value <= max ? value
            : throw new DomainValidationException("limit", new LocalizedText($"每页条数须在 1 至 {max} 之间。", $"limit must be between 1 and {max}."));
    }
}
