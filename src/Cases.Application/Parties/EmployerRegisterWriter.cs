using Cases.Domain.Calendar;
using Cases.Domain.Parties;
using Cases.Workflows.Instances;
using Cases.Workflows.Runtime;

namespace Cases.Application.Parties;

/// <summary>
/// Writes what the employer procedures planned (<see cref="EmployerRegisterPlan"/>) to the register, in the command's unit
/// of work: the register changes in the same transaction as the case's step, or neither does. It refuses (nothing saved)
/// a registration of a credit code the province's register holds (409, as <see cref="RegisterEmployer"/>), a change or
/// deregistration of an employer not in the case's city, and a deregistration while cases of the employer still run
/// (their procedures may still owe or pay something the deregistration would cut off, 第十七、十九条).
/// </summary>
public sealed class EmployerRegisterWriter(CasesDb db) : IProgressEffectWriter
{
    /// <summary>The running cases named in a refusal; more are counted, not listed.</summary>
    private const int CasesShown = 5;

    public async Task WriteAsync(ProgressEffects effects, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(effects);
        var today = ChinaTime.DateOf(effects.Now);
        foreach (var plan in effects.Effects.OfType<EmployerRegisterPlan>())
        {
            if (plan.Operation == EmployerRegisterOperation.Register)
            {
                if (await db.Employers.AnyAsync(e => e.CreditCode == plan.CreditCode, ct))
                {
                    throw new ConflictException(RegisterEmployerHandler.DuplicateMessage(plan.CreditCode.Value));
                }

                if (!plan.CheckOnly)
                {
                    var city = City.Parse(effects.Case.CityCode);
                    db.Employers.Add(Employer.Register(plan.CreditCode, plan.Name!, plan.RiskClass ?? default, city, today, details: plan.Details));
                }

                continue;
            }

            var employer = await db.Employers.SingleOrDefaultAsync(e => e.CreditCode == plan.CreditCode, ct);
            if (employer is null || employer.CityCode != effects.Case.CityCode)
            {
                throw new DomainValidationException(plan.CodeField, new LocalizedText(
                    $"本市没有登记统一社会信用代码为 {plan.CreditCode} 的用人单位。", $"No employer with credit code {plan.CreditCode} is registered in this city."));
            }

            switch (plan.Operation)
            {
                case EmployerRegisterOperation.Change:
                    try
                    {
                        // Checked at the start as an empty change: a deregistered employer is refused before any review.
                        employer.Change(plan.CheckOnly ? new EmployerChange() : plan.Change ?? new EmployerChange());
                    }
                    catch (DomainValidationException e) when (e.Field == "creditCode")
                    {
                        throw new DomainValidationException("data.newCreditCode", e.Text);
                    }

                    break;
                case EmployerRegisterOperation.PreDeregister when !plan.CheckOnly:
                    employer.MarkPreDeregistered(today);
                    break;
                case EmployerRegisterOperation.Deregister:
                    await EnsureNoRunningCasesAsync(employer, effects.Case.Id, ct);
                    if (plan.CheckOnly)
                    {
                        // Refused now, not after the review, when it could never end otherwise (第十八条 marks, it does not repeat).
                        if (employer.Status == EmployerStatus.Deregistered)
                        {
                            employer.Deregister(today);
                        }
                    }
                    else
                    {
                        employer.Deregister(today);
                    }

                    break;
            }
        }
    }

    /// <summary>Refuses (422, naming the cases) while a case of any procedure whose data names the employer still runs.</summary>
    private async Task EnsureNoRunningCasesAsync(Employer employer, Guid thisCase, CancellationToken ct)
    {
        var code = employer.CreditCode.Value;
        var running = await (from v in db.CaseValues.AsNoTracking()
                             where v.Field == EmployerRegisterAction.CreditCodeField && v.Text == code && v.CaseId != thisCase
                             join i in db.Instances.AsNoTracking() on v.CaseId equals i.CaseId
                             where i.Status == InstanceStatus.Running
                             select new { i.CaseId, i.DefinitionKey }).Distinct().ToListAsync(ct);
        if (running.Count == 0)
        {
            return;
        }

        var shown = running.OrderBy(r => r.CaseId).Take(CasesShown).Select(r => $"{CaseNumbers.Of(r.CaseId)}（{r.DefinitionKey}）").ToList();
        var more = running.Count > CasesShown ? $" 等 {running.Count} 件" : "";
        var moreEn = running.Count > CasesShown ? $" and {running.Count - CasesShown} more" : "";
        throw new DomainRuleException(new LocalizedText(
            $"用人单位 {code} 尚有办理中的案件：{string.Join("、", shown)}{more}；案件办结前不能注销登记（第十七、十九条：注销前应结清费用、依法支付工伤保险待遇）。",
            $"Employer {code} still has running cases: {string.Join(", ", shown)}{moreEn}; it is not deregistered before they end (第十七、十九条)."));
    }
}
