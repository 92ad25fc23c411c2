using Cases.Domain.Benefits;
using Cases.Domain.Parties;
using Cases.Workflows.Runtime;

namespace Cases.Application.Benefits;

/// <summary>
/// Records what "entitlement" steps decided, in the command's unit of work, through the entitlement's own rules: a
/// refusal (a month before the latest change, a stopped benefit) refuses the step, and nothing of it is saved.
/// The injury case must be registered in the case's city; the worker's own benefits go to its worker.
/// </summary>
public sealed class EntitlementRecording(CasesDb db) : IProgressEffectWriter
{
    public async Task WriteAsync(ProgressEffects effects, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(effects);
        var (@case, now, by) = (effects.Case, effects.Now, effects.Actor);
        foreach (var plan in effects.Effects.OfType<EntitlementPlan>())
        {
            var injury = Guid.TryParse(plan.InjuryCaseId, out var id)
                ? await db.InjuryCases.AsNoTracking().Where(i => i.Id == id && i.CityCode == @case.CityCode)
                    .Join(db.Workers, i => i.WorkerId, w => w.Id, (i, w) => new { i.Id, w.Name, w.IdNumber }).SingleOrDefaultAsync(ct)
                : null;
            if (injury is null)
            {
                throw new DomainRuleException(new LocalizedText(
                    $"本市的工伤案件登记中没有“{plan.InjuryCaseId}”，未能核定定期待遇。", $"The city's injury-case register has no \"{plan.InjuryCaseId}\"; no monthly benefit was recorded."));
            }

            var running = await db.Entitlements
                .Where(e => e.InjuryCaseId == injury.Id && e.Benefit == plan.Benefit && e.Status != EntitlementStatus.Stopped)
                .ToListAsync(ct);
            foreach (var recipient in plan.Recipients)
            {
                var (name, idNumber) = recipient.Name is null ? (injury.Name, injury.IdNumber.Value) : (recipient.Name, recipient.IdNumber);
                var current = running.FirstOrDefault(e => string.Equals(e.RecipientIdNumber, idNumber?.Trim(), StringComparison.OrdinalIgnoreCase));
                var reason = $"案件 {Cases.Workflows.Instances.CaseNumbers.Of(@case.Id)}（{plan.Article}）";
                if (current is null && recipient.MonthlyAmount is { } granted)
                {
                    var entitlement = Entitlement.Grant(
                        new EntitlementGrant(City.Parse(@case.CityCode), injury.Id, @case.Id, plan.Benefit, name, idNumber, recipient.Relation, granted, plan.FromMonth, plan.Article, reason, recipient.UnableToWork, Guid.CreateVersion7(now)),
                        by, now);
                    if (recipient.Account is { } account)
                    {
                        entitlement.RecordAccount(account, plan.FromMonth, $"{reason}申领时提供的账户（第七十六条）", by, now);
                    }

                    db.Entitlements.Add(entitlement);
                }
                else if (current is not null && recipient.MonthlyAmount is { } changed)
                {
                    current.ChangeAmount(plan.FromMonth, changed, reason, @case.Id, by, now);
                    if (recipient.Account is { } account && current.AccountNumber != account.Number)
                    {
                        current.RecordAccount(account, plan.FromMonth, $"{reason}申领时提供的账户（第七十六条）", by, now);
                    }
                }
                else
                {
                    current?.Stop(plan.FromMonth, reason, @case.Id, by, now);
                }
            }
        }
    }
}
