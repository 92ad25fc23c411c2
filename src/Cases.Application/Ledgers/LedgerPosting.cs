using Cases.Workflows.Runtime;

namespace Cases.Application.Ledgers;

/// <summary>
/// Posts the ledger entries the "ledger" action planned, in the command's unit of work, refusing (422, nothing saved)
/// an item another posting already paid for the same injury case (第九十条: 工伤医疗费用不得重复享受). The key of
/// ledger_items enforces the same rule when two cases race.
/// </summary>
public sealed class LedgerPosting(CasesDb db) : IProgressEffectWriter
{
    public async Task WriteAsync(ProgressEffects effects, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(effects);
        var (@case, instance, now) = (effects.Case, effects.Instance, effects.Now);
        foreach (var plan in effects.Effects.OfType<LedgerPlan>())
        {
            if (plan.Items.Count > 0)
            {
                var paid = await db.LedgerItems.AsNoTracking()
                    .Where(i => i.Ledger == plan.Ledger && i.InjuryCaseId == plan.InjuryCaseId && plan.Items.Contains(i.ItemKey))
                    .Join(db.LedgerEntries, i => i.EntryId, e => e.Id, (i, e) => new { i.ItemKey, e.CaseId, e.OccurredOn })
                    .OrderBy(x => x.ItemKey).ToListAsync(ct);
                if (paid.Count > 0)
                {
                    var zh = string.Join("；", paid.Select(p => $"{p.ItemKey}（{Clocks.Format(p.OccurredOn)} 已在案件 {p.CaseId} 中支付）"));
                    var en = string.Join("; ", paid.Select(p => $"{p.ItemKey} (paid {Clocks.Format(p.OccurredOn)} in case {p.CaseId})"));
                    throw new DomainRuleException(new LocalizedText(
                        $"工伤案件 {plan.InjuryCaseId} 的以下项目已经报销，不得重复支付（第九十条）：{zh}。",
                        $"Already reimbursed for injury case {plan.InjuryCaseId}, and never paid twice (第九十条): {en}."));
                }
            }

            if (plan.CheckOnly)
            {
                continue;
            }

            var entry = new LedgerEntry
            {
                Id = Guid.CreateVersion7(now),
                Ledger = plan.Ledger,
                Entry = plan.Entry,
                CaseId = @case.Id,
                InstanceId = instance.Id,
                CityCode = @case.CityCode,
                InjuryCaseId = plan.InjuryCaseId,
                Amount = plan.Amount,
                OccurredOn = plan.OccurredOn,
                RecordedAt = now,
                RecordedBy = effects.Actor,
            };
            db.LedgerEntries.Add(entry);
            foreach (var item in plan.Items)
            {
                db.LedgerItems.Add(new LedgerItem { Ledger = plan.Ledger, InjuryCaseId = plan.InjuryCaseId, ItemKey = item, EntryId = entry.Id, CaseId = @case.Id });
            }
        }
    }
}
