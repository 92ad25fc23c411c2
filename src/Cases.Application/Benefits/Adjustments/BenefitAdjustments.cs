using System.Globalization;
using Cases.Domain.Benefits;
using Cases.Workflows.Common;

namespace Cases.Application.Benefits.Adjustments;

/// <summary>What a rule does to one monthly benefit: exactly one of a percentage (3.5 = 3.5 %) or a fixed amount a month (元).</summary>
public sealed record AdjustmentTermInput(decimal? Percent, decimal? Amount);

/// <summary>
/// An administrator enters the year's adjustment (待遇调整, 第一百〇五条) from the policy document: the year, the effective
/// month ("yyyy-MM"), the document, and per monthly benefit a percentage or a fixed amount. It waits for a supervisor's approval.
/// </summary>
public sealed record EnterBenefitAdjustment(
    int? Year, string? EffectiveMonth, string? Source,
    AdjustmentTermInput? DisabilityAllowance, AdjustmentTermInput? NursingCare, AdjustmentTermInput? DependantsPension, Actor By) : ICommand<BenefitAdjustmentView>;

/// <summary>
/// A supervisor other than who entered it approves the rule (第一百一十九条 岗位不相容), which applies it at once to every
/// entitlement running at the effective month and still running, in one transaction.
/// </summary>
public sealed record ApproveBenefitAdjustment(Guid Id, Actor By) : ICommand<BenefitAdjustmentView>;

/// <summary>An administrator discards a draft rule: it is kept, marked discarded, never applied.</summary>
public sealed record DiscardBenefitAdjustment(Guid Id, Actor By) : ICommand<BenefitAdjustmentView>;

/// <summary>Every rule, the newest year first.</summary>
public sealed record ListBenefitAdjustments(Actor By) : IQuery<IReadOnlyList<BenefitAdjustmentView>>;

public sealed record GetBenefitAdjustment(Guid Id, Actor By) : IQuery<BenefitAdjustmentView>;

/// <summary>
/// What the rule does (before approval) or did (once applied): the province's figures by city and benefit on the first page,
/// and the entitlements of the caller's city (provincial staff: every city, or the one named) a page at a time; with
/// <paramref name="Outcome"/> "adjusted" only those adjusted, "not-adjusted" only those not.
/// </summary>
public sealed record PreviewBenefitAdjustment(Guid Id, string? City, string? Outcome, string? After, int? Limit, Actor By) : IQuery<AdjustmentPreview>;

public sealed class BenefitAdjustments(CasesDb db, TimeProvider clock) :
    ICommandHandler<EnterBenefitAdjustment, BenefitAdjustmentView>, ICommandHandler<ApproveBenefitAdjustment, BenefitAdjustmentView>,
    ICommandHandler<DiscardBenefitAdjustment, BenefitAdjustmentView>, IQueryHandler<ListBenefitAdjustments, IReadOnlyList<BenefitAdjustmentView>>,
    IQueryHandler<GetBenefitAdjustment, BenefitAdjustmentView>, IQueryHandler<PreviewBenefitAdjustment, AdjustmentPreview>
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>Entitlements read and written at a time while applying: the tracker is cleared between chunks, the transaction is one.</summary>
    public const int Chunk = 2000;

    private const string CursorKind = "adjustment-items";

    public async ValueTask<BenefitAdjustmentView> Handle(EnterBenefitAdjustment command, CancellationToken cancellationToken)
    {
        if (!command.By.May(Permission.AdjustBenefits))
        {
            throw new ForbiddenException(new LocalizedText("待遇调整由系统管理员录入，主管审批（第一百一十九条）。", "Administrators enter adjustments; supervisors approve them."));
        }

        var year = command.Year ?? throw new DomainValidationException("year", new LocalizedText("调整年度必须填写。", "Year is required."));
        var month = ParseMonth(command.EffectiveMonth);
        var now = clock.GetUtcNow();
        var adjustment = BenefitAdjustment.Enter(Guid.CreateVersion7(now), year, month, command.Source,
            Term(command.DisabilityAllowance, "disabilityAllowance"), Term(command.NursingCare, "nursingCare"), Term(command.DependantsPension, "dependantsPension"),
            command.By.UserName, now);

        // One adjustment a year: a second one while the first stands would adjust the same benefits twice.
        if (await db.BenefitAdjustments.AsNoTracking().Where(a => a.Year == year && a.Status != AdjustmentStatus.Discarded).Select(a => (AdjustmentStatus?)a.Status).FirstOrDefaultAsync(cancellationToken) is { } taken)
        {
            throw new DomainValidationException("year", new LocalizedText(
                $"{year}年已有待遇调整（{BenefitAdjustment.StatusZh(taken)}）；如需重新录入，请先作废原调整。",
                $"There is an adjustment for {year} already ({taken.ToString().ToLowerInvariant()}); discard it first."));
        }

        db.BenefitAdjustments.Add(adjustment);
        await db.SaveChangesAsync(cancellationToken);
        return BenefitAdjustmentView.From(adjustment);
    }

    public async ValueTask<BenefitAdjustmentView> Handle(ApproveBenefitAdjustment command, CancellationToken cancellationToken)
    {
        // Who may approve is asked before the rule is looked up.
        if (!command.By.May(Permission.ApprovePayroll))
        {
            throw new ForbiddenException(new LocalizedText(
                "待遇调整由主管审批，录入人不得审批（第一百一十九条 岗位不相容）。", "Supervisors approve adjustments, never who entered them (第一百一十九条)."));
        }

        // 第一百〇五条 统一进行调整: one approval changes every city's amounts, so it is the province's, not a city's.
        if (!command.By.IsProvincial)
        {
            throw new ForbiddenException(new LocalizedText(
                "待遇调整全省统一执行（第一百〇五条），由省级主管审批；市级主管可以预览本市领取人。",
                "An adjustment applies to the whole province (第一百〇五条): a provincial supervisor approves it; a city's supervisor previews the city's recipients."));
        }

        var adjustment = await FindAsync(command.Id, command.By, tracked: true, cancellationToken);
        var now = clock.GetUtcNow();
        adjustment.Approve(command.By.UserName, now);

        // One transaction: a failure half-way leaves every entitlement as it was and the rule a draft; the rule's row is
        // written first (its revision a concurrency token), so a second approval at once waits and then loses with 409.
        // Under an Idempotency-Key the filter's transaction is the one.
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            var (count, increase) = await ApplyAsync(adjustment, command.By.UserName, now, cancellationToken);
            adjustment = await db.BenefitAdjustments.SingleAsync(a => a.Id == command.Id, cancellationToken);
            adjustment.MarkApplied(count, increase, now);
            await db.SaveChangesAsync(cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
        catch
        {
            if (own is not null)
            {
                await own.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
            }

            throw;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }

        return BenefitAdjustmentView.From(adjustment);
    }

    public async ValueTask<BenefitAdjustmentView> Handle(DiscardBenefitAdjustment command, CancellationToken cancellationToken)
    {
        if (!command.By.May(Permission.AdjustBenefits))
        {
            throw new ForbiddenException(new LocalizedText("待遇调整由系统管理员作废。", "Administrators discard adjustments."));
        }

        var adjustment = await FindAsync(command.Id, command.By, tracked: true, cancellationToken);
        adjustment.Discard(command.By.UserName, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return BenefitAdjustmentView.From(adjustment);
    }

    public async ValueTask<IReadOnlyList<BenefitAdjustmentView>> Handle(ListBenefitAdjustments query, CancellationToken cancellationToken)
    {
        EnsureReader(query.By);
        var rows = await db.BenefitAdjustments.AsNoTracking().ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(a => a.Year).ThenByDescending(a => a.EnteredAt).Select(BenefitAdjustmentView.From)];
    }

    public async ValueTask<BenefitAdjustmentView> Handle(GetBenefitAdjustment query, CancellationToken cancellationToken) =>
        BenefitAdjustmentView.From(await FindAsync(query.Id, query.By, tracked: false, cancellationToken));

    public async ValueTask<AdjustmentPreview> Handle(PreviewBenefitAdjustment query, CancellationToken cancellationToken)
    {
        var adjustment = await FindAsync(query.Id, query.By, tracked: false, cancellationToken);
        var limit = query.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            throw new DomainValidationException("limit", new LocalizedText($"每页条数须在 1 至 {MaxLimit} 之间。", $"limit must be between 1 and {MaxLimit}."));
        }

        Func<AdjustmentOutcome, bool> wanted = query.Outcome switch
        {
            null or "" => _ => true,
            "adjusted" => o => o == AdjustmentOutcome.Adjusted,
            "not-adjusted" => o => o != AdjustmentOutcome.Adjusted,
            _ => throw new DomainValidationException("outcome", new LocalizedText("outcome 须为 adjusted（调整）或 not-adjusted（不调整）。", "outcome is adjusted or not-adjusted.")),
        };

        // Names only of the caller's city (第一百四十条); the figures, which name nobody, of the whole province the rule applies to.
        var city = query.By.CityScope(query.City);
        Guid? after = query.After is { } a ? KeysetCursor.IdOf(a, CursorKind) : null;
        var applied = adjustment.Status == AdjustmentStatus.Applied;
        var (items, more) = applied
            ? await AppliedItemsAsync(adjustment, city, wanted, after, limit, cancellationToken)
            : await LiveItemsAsync(adjustment, city, wanted, after, limit, cancellationToken);
        var summary = after is null
            ? applied ? await AppliedSummaryAsync(adjustment.Id, cancellationToken) : await LiveSummaryAsync(adjustment, cancellationToken)
            : null;
        var note = new LocalizedText(
            $"只调整执行月份 {adjustment.EffectiveMonth.Year}年{adjustment.EffectiveMonth.Month}月 正在发放且执行时仍在发放的待遇；暂停发放的不参加调整（第六十二条），此后才开始享受的已按新基数核定；已发放月份的差额由下次月度发放补发。",
            $"Only benefits running at the effective month {Adjustments.Month(adjustment.EffectiveMonth)} and still running are adjusted; suspended ones take none (第六十二条); benefits first paid later were computed on the new base; the next monthly run pays the difference for months already paid.").Current;
        return new AdjustmentPreview(BenefitAdjustmentView.From(adjustment), applied, summary, items,
            more ? KeysetCursor.OfId(CursorKind, items[^1].EntitlementId) : null, note);
    }

    /// <summary>Adjusts every entitlement the rule takes, a chunk at a time, recording what it did to each (the applied set).</summary>
    private async Task<(int Count, decimal Increase)> ApplyAsync(BenefitAdjustment adjustment, string by, DateTimeOffset at, CancellationToken ct)
    {
        var (count, increase) = (0, 0m);
        // The set is written with the rule's status in one transaction, so a draft has none; read it anyway, so that an
        // entitlement this rule adjusted is never adjusted again whatever happened before.
        var done = await db.BenefitAdjustmentEntries.AnyAsync(e => e.AdjustmentId == adjustment.Id, ct)
            ? (await db.BenefitAdjustmentEntries.Where(e => e.AdjustmentId == adjustment.Id).Select(e => e.EntitlementId).ToListAsync(ct)).ToHashSet()
            : [];
        Guid? after = null;
        while (true)
        {
            var chunk = await Candidates(adjustment, tracked: true, city: null, after).Take(Chunk).ToListAsync(ct);
            if (chunk.Count == 0)
            {
                break;
            }

            foreach (var entitlement in chunk.Where(e => !done.Contains(e.Id)))
            {
                var assessment = adjustment.Assess(entitlement);
                if (assessment.Outcome == AdjustmentOutcome.Adjusted)
                {
                    try
                    {
                        entitlement.Adjust(adjustment.EffectiveMonth, assessment.NewAmount, adjustment.Reason, by, at);
                    }
                    catch (LocalizedException refused)
                    {
                        // The assessment mirrors the entitlement's own guards; should one still refuse, nothing is applied
                        // (a conflict rolls the whole transaction back, where a rule refusal would be kept).
                        throw new ConflictException(new LocalizedText(
                            $"待遇调整未执行：{entitlement.RecipientName}的待遇不能调整（{refused.Text.Zh}）。",
                            $"The adjustment was not applied: {entitlement.RecipientName}'s benefit refused it ({refused.Text.En})."));
                    }

                    (count, increase) = (count + 1, increase + assessment.Difference);
                }

                db.BenefitAdjustmentEntries.Add(BenefitAdjustmentEntry.Of(adjustment, entitlement, assessment));
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            after = chunk[^1].Id;
        }

        return (count, increase);
    }

    /// <summary>
    /// The entitlements the rule may concern, by id: of the benefits it sets, not stopped before the effective month
    /// (a stopped one that ran then is listed as stopped; one stopped before is no concern of the rule).
    /// </summary>
    private IQueryable<Entitlement> Candidates(BenefitAdjustment adjustment, bool tracked, string? city, Guid? after)
    {
        var benefits = Enum.GetValues<MonthlyBenefit>().Where(b => adjustment.TermFor(b) is not null).ToList();
        var effective = adjustment.EffectiveMonth;
        var rows = (tracked ? db.Entitlements : db.Entitlements.AsNoTracking())
            .Where(e => benefits.Contains(e.Benefit) && (e.Status != EntitlementStatus.Stopped || e.ToMonth >= effective));
        if (city is not null)
        {
            rows = rows.Where(e => e.CityCode == city);
        }

        if (after is { } id)
        {
            rows = rows.Where(e => e.Id.CompareTo(id) > 0);
        }

        return rows.OrderBy(e => e.Id);
    }

    private async Task<(List<AdjustmentItemView> Items, bool More)> LiveItemsAsync(
        BenefitAdjustment adjustment, string? city, Func<AdjustmentOutcome, bool> wanted, Guid? after, int limit, CancellationToken ct)
    {
        var items = new List<AdjustmentItemView>();
        while (items.Count <= limit)
        {
            var chunk = await Candidates(adjustment, tracked: false, city, after).Take(500).ToListAsync(ct);
            foreach (var e in chunk)
            {
                var a = adjustment.Assess(e);
                if (wanted(a.Outcome) && items.Count <= limit)
                {
                    items.Add(Adjustments.Item(e.Id, e.CityCode, e.RecipientName, e.Benefit, a.Outcome, a.OldAmount, a.NewAmount, adjustment.EffectiveMonth));
                }
            }

            if (chunk.Count < 500)
            {
                break;
            }

            after = chunk[^1].Id;
        }

        return items.Count > limit ? (items[..limit], true) : (items, false);
    }

    private async Task<(List<AdjustmentItemView> Items, bool More)> AppliedItemsAsync(
        BenefitAdjustment adjustment, string? city, Func<AdjustmentOutcome, bool> wanted, Guid? after, int limit, CancellationToken ct)
    {
        var rows = db.BenefitAdjustmentEntries.AsNoTracking().Where(e => e.AdjustmentId == adjustment.Id);
        if (city is not null)
        {
            rows = rows.Where(e => e.CityCode == city);
        }

        if (wanted(AdjustmentOutcome.Adjusted) != wanted(AdjustmentOutcome.Suspended))
        {
            rows = wanted(AdjustmentOutcome.Adjusted) ? rows.Where(e => e.Outcome == AdjustmentOutcome.Adjusted) : rows.Where(e => e.Outcome != AdjustmentOutcome.Adjusted);
        }

        if (after is { } id)
        {
            rows = rows.Where(e => e.EntitlementId.CompareTo(id) > 0);
        }

        var page = await rows.OrderBy(e => e.EntitlementId).Take(limit + 1).ToListAsync(ct);
        var items = page.Take(limit).Select(e => Adjustments.Item(e.EntitlementId, e.CityCode, e.RecipientName, e.Benefit, e.Outcome, e.OldAmount, e.NewAmount, adjustment.EffectiveMonth)).ToList();
        return (items, page.Count > limit);
    }

    private async Task<AdjustmentSummary> LiveSummaryAsync(BenefitAdjustment adjustment, CancellationToken ct)
    {
        var tally = new Tally();
        Guid? after = null;
        while (true)
        {
            var chunk = await Candidates(adjustment, tracked: false, city: null, after).Take(Chunk).ToListAsync(ct);
            foreach (var e in chunk)
            {
                var a = adjustment.Assess(e);
                tally.Add(e.CityCode, e.Benefit, a.Outcome, a.OldAmount, a.NewAmount, 1);
            }

            if (chunk.Count < Chunk)
            {
                break;
            }

            after = chunk[^1].Id;
        }

        return tally.Summary();
    }

    private async Task<AdjustmentSummary> AppliedSummaryAsync(Guid id, CancellationToken ct)
    {
        // Summed here, not in SQL: SQLite keeps decimals as text and cannot add them up exactly.
        var rows = await db.BenefitAdjustmentEntries.AsNoTracking().Where(e => e.AdjustmentId == id)
            .Select(e => new { e.CityCode, e.Benefit, e.Outcome, e.OldAmount, e.NewAmount })
            .ToListAsync(ct);
        var tally = new Tally();
        foreach (var e in rows)
        {
            tally.Add(e.CityCode, e.Benefit, e.Outcome, e.OldAmount, e.NewAmount, 1);
        }

        return tally.Summary();
    }

    private async Task<BenefitAdjustment> FindAsync(Guid id, Actor by, bool tracked, CancellationToken ct)
    {
        EnsureReader(by);
        var rows = tracked ? db.BenefitAdjustments : db.BenefitAdjustments.AsNoTracking();
        return await rows.SingleOrDefaultAsync(a => a.Id == id, ct)
            ?? throw new NotFoundException(new LocalizedText("没有这项待遇调整。", "No such benefit adjustment."));
    }

    private static void EnsureReader(Actor by)
    {
        if (!by.May(Permission.AdjustBenefits) && !by.May(Permission.ApprovePayroll))
        {
            throw new ForbiddenException(new LocalizedText("待遇调整仅供系统管理员和主管查看。", "Adjustments are for administrators and supervisors."));
        }
    }

    private static DateOnly ParseMonth(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainValidationException("effectiveMonth", new LocalizedText("执行月份必须填写。", "Effective month is required."));
        }

        var trimmed = text.Trim();
        return DateOnly.TryParseExact(trimmed.Length == 7 ? trimmed + "-01" : trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            ? month
            : throw new DomainValidationException("effectiveMonth", new LocalizedText("执行月份格式须为 yyyy-MM（如 2026-07）。", "The effective month is yyyy-MM (e.g. 2026-07)."));
    }

    private static AdjustmentTerm? Term(AdjustmentTermInput? input, string field) => input switch
    {
        null or { Percent: null, Amount: null } => null,
        { Percent: { } p, Amount: null } => new AdjustmentTerm(AdjustmentMethod.Percent, p),
        { Percent: null, Amount: { } m } => new AdjustmentTerm(AdjustmentMethod.Amount, m),
        _ => throw new DomainValidationException(field, new LocalizedText("同一待遇只能按比例或按定额调整，二者择一。", "A benefit is adjusted by a percentage or by an amount, not both.")),
    };

    /// <summary>Adds up outcomes by city and benefit.</summary>
    private sealed class Tally
    {
        private readonly SortedDictionary<(string City, MonthlyBenefit Benefit), int[]> counts = new();
        private readonly Dictionary<(string City, MonthlyBenefit Benefit), decimal[]> sums = new();

        public void Add(string city, MonthlyBenefit benefit, AdjustmentOutcome outcome, decimal old, decimal @new, int count)
        {
            var key = (city, benefit);
            if (!counts.TryGetValue(key, out var c))
            {
                (counts[key], sums[key]) = (c = new int[7], new decimal[2]);
            }

            c[(int)outcome] += count;
            if (outcome == AdjustmentOutcome.Adjusted)
            {
                sums[key][0] += old;
                sums[key][1] += @new;
            }
        }

        public AdjustmentSummary Summary()
        {
            var byCity = counts.Select(kv => Totals(kv.Key.City, kv.Key.Benefit, [kv])).ToList();
            var byBenefit = counts.GroupBy(kv => kv.Key.Benefit).OrderBy(g => g.Key).Select(g => Totals("", g.Key, g)).ToList();
            return new AdjustmentSummary(byCity, byBenefit, Totals("", null, counts));
        }

        private AdjustmentTotals Totals(string city, MonthlyBenefit? benefit, IEnumerable<KeyValuePair<(string City, MonthlyBenefit Benefit), int[]>> rows)
        {
            var list = rows.ToList();
            int Count(AdjustmentOutcome o) => list.Sum(kv => kv.Value[(int)o]);
            var old = list.Sum(kv => sums[kv.Key][0]);
            var @new = list.Sum(kv => sums[kv.Key][1]);
            var kind = benefit is { } b ? MonthlyBenefits.KindOf(b) : null;
            return new AdjustmentTotals(city, benefit is { } n ? MonthlyBenefits.NameOf(n) : "", kind is null ? "" : LocalizedText.English ? kind.En : kind.Zh,
                Count(AdjustmentOutcome.Adjusted), old, @new, @new - old,
                Count(AdjustmentOutcome.Suspended), Count(AdjustmentOutcome.GrantedLater), Count(AdjustmentOutcome.Stopped), Count(AdjustmentOutcome.ChangedLater));
        }
    }
}
