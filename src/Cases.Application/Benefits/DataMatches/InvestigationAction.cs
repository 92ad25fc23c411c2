using Cases.Domain.Benefits;
using Cases.Domain.Calendar;
using Cases.Domain.Injuries;
using Cases.Workflows.Definitions;
using Cases.Workflows.Instances;
using Cases.Workflows.Runtime;

namespace Cases.Application.Benefits.DataMatches;

/// <summary>What an investigation found, for the writer to apply in the command's transaction.</summary>
public sealed record InvestigationFinding(bool Confirmed, string FlagId, string IdNumber, string Event, DateOnly On) : IProgressEffect;

/// <summary>
/// "benefit-investigation": the finding of an investigation of a suspected loss of the right to a monthly benefit
/// (第六十四条 "经核实确认不符合待遇享受资格的，停止发放并追回多发待遇"). Parameters: <c>finding</c> (confirmed or
/// cleared), <c>flag</c>, <c>idNumber</c> and <c>event</c> (string fields), and for a confirmation <c>on</c> (the date
/// field of the event). Confirmed: the person's benefits stop from the month after the event — a death (第六十二条（一）;
/// a worker's own death ends the worker's benefits too), a spouse's remarriage (（三）), employment (（四）), adoption
/// (（五）), a basic pension (（六）) — or, for imprisonment, a dependant's pension is suspended (第六十二条) and a
/// worker's own benefits keep being paid (第九十八条). Months already paid become overpaid, which the next payroll run
/// records for recovery. Cleared: nothing stops, and the person counts as certified that day.
/// </summary>
public sealed class InvestigationAction : IWorkflowAction
{
    public string Name => "benefit-investigation";

    /// <summary>A confirmation stops money the fund pays every month: who approves the steps before it is a sensitive change.</summary>
    public bool PostsPayment(IReadOnlyDictionary<string, string> parameters) => parameters?.GetValueOrDefault("finding") == "confirmed";

    public void Check(ActionCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var (path, p) = (check.Path + ".parameters", check.Parameters);
        var finding = p.GetValueOrDefault("finding");
        if (finding is not ("confirmed" or "cleared"))
        {
            check.Problem(path + ".finding", DefinitionRules.EntitlementParameters, new LocalizedText(
                "benefit-investigation 的 finding 须为 confirmed 或 cleared。", "benefit-investigation's finding is confirmed or cleared."));
        }

        var fields = finding == "confirmed" ? new[] { ("flag", "string"), ("idNumber", "string"), ("event", "string"), ("on", "date") } : [("flag", "string"), ("idNumber", "string"), ("event", "string")];
        foreach (var (parameter, type) in fields)
        {
            var field = p.GetValueOrDefault(parameter);
            check.Field($"{path}.{parameter}", field, new LocalizedText($"benefit-investigation 的 {parameter}", $"The investigation's {parameter}"));
            // The event may be an enum field: its values are the events' keys.
            if (field is not null && check.Definition.Data.GetValueOrDefault(field)?.Type is { } actual && actual != type && !(parameter == "event" && actual == "enum"))
            {
                check.Problem($"{path}.{parameter}", DefinitionRules.EntitlementParameters, new LocalizedText($"字段“{field}”是 {actual} 类型，须为 {type}。", $"\"{field}\" is a {actual} field; it must be a {type}."));
            }
        }
    }

    public void Run(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (p, data) = (context.Parameters, context.Progress.Data);
        var confirmed = p["finding"] == "confirmed";
        var on = confirmed ? data.GetDate(p["on"]) ?? throw Lacks(p["on"]) : ChinaTime.DateOf(context.Now);
        context.Progress.Effects.Add(new InvestigationFinding(
            confirmed, data.GetText(p["flag"]) ?? throw Lacks(p["flag"]), data.GetText(p["idNumber"]) ?? throw Lacks(p["idNumber"]),
            data.GetText(p["event"]) ?? throw Lacks(p["event"]), on));
    }

    private static DomainRuleException Lacks(string field) => new(new LocalizedText(
        $"调查核实结论需要案件中的「{field}」，但案件中没有这项数据。", $"The finding needs {field}, which the case does not have."));
}

/// <summary>
/// Applies an investigation's finding in the command's unit of work through the entitlements' own rules: a refusal
/// refuses the step and nothing of it is saved. The suspicion is closed either way, so a later match may raise it again.
/// </summary>
public sealed class InvestigationFindings(CasesDb db) : IProgressEffectWriter
{
    public async Task WriteAsync(ProgressEffects effects, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(effects);
        var (@case, now, by) = (effects.Case, effects.Now, effects.Actor);
        foreach (var finding in effects.Effects.OfType<InvestigationFinding>())
        {
            var flag = Guid.TryParse(finding.FlagId, out var flagId)
                ? await db.DataMatchFlags.SingleOrDefaultAsync(f => f.Id == flagId && f.CityCode == @case.CityCode, ct) : null;
            var entitlements = await db.Entitlements
                .Where(e => e.CityCode == @case.CityCode && e.RecipientIdNumber == finding.IdNumber && e.Status != EntitlementStatus.Stopped)
                .OrderBy(e => e.Id).ToListAsync(ct);
            var number = CaseNumbers.Of(@case.Id);
            if (finding.Confirmed)
            {
                Confirm(finding, entitlements, number, @case.Id, by, now);
            }
            else
            {
                var certification = await db.Certifications.SingleOrDefaultAsync(c => c.CityCode == @case.CityCode && c.RecipientIdNumber == finding.IdNumber, ct);
                CertifiedRecipients.Certify(certification, entitlements, finding.On, $"调查核实排除疑似丧失资格情形（案件 {number}）", by, now);
            }

            if (flag is not null)
            {
                (flag.Status, flag.OpenKey, flag.DecidedAt, flag.DecidedBy) =
                    (finding.Confirmed ? DataMatchFlagStatus.Confirmed : DataMatchFlagStatus.Cleared, null, now, by);
            }
        }
    }

    private static void Confirm(InvestigationFinding finding, List<Entitlement> entitlements, string number, Guid caseId, string by, DateTimeOffset at)
    {
        var month = new DateOnly(finding.On.Year, finding.On.Month, 1).AddMonths(1);
        var what = DataMatchVocabulary.EventNamed(finding.Event)?.Zh ?? finding.Event;
        foreach (var e in entitlements)
        {
            var from = month < e.FromMonth ? e.FromMonth : month;
            var pension = e.Benefit == MonthlyBenefit.DependantsPension;
            switch (finding.Event)
            {
                case "death":
                    e.Stop(from, $"经调查核实，领取人于 {DataMatchCsv.Iso(finding.On)} 死亡，自 {Month(from)} 起停发（{(pension ? "第六十二条（一）" : "第六十四条")}；案件 {number}）", caseId, by, at);
                    break;
                case "imprisonment" when pension && e.Status == EntitlementStatus.Active:
                    e.Suspend(from, SuspensionCause.Imprisonment, $"经调查核实，领取人于 {DataMatchCsv.Iso(finding.On)} 被判刑收监或羁押执行，自 {Month(from)} 起暂停发放且不参加待遇调整（第六十二条；案件 {number}）", caseId, by, at);
                    break;
                case "remarriage" when pension && e.Relation == DependantRelation.Spouse:
                case "employment" or "adoption" or "basic-pension" when pension:
                    e.Stop(from, $"经调查核实，{what}（{DataMatchCsv.Iso(finding.On)}），自 {Month(from)} 起停发（{Article(finding.Event)}；案件 {number}）", caseId, by, at);
                    break;
                default:
                    // A worker's own benefits are paid while the worker serves a sentence (第九十八条), and the other
                    // grounds of 第六十二条 concern dependants' pensions only: nothing of this benefit changes.
                    break;
            }
        }
    }

    private static string Article(string @event) => @event switch
    {
        "remarriage" => "第六十二条（三）",
        "employment" => "第六十二条（四）",
        "adoption" => "第六十二条（五）",
        _ => "第六十二条（六）",
    };

    private static string Month(DateOnly month) => month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}
