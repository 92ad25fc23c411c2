using System.Text.Json.Nodes;
using Cases.Domain.Benefits;
using Cases.Domain.Injuries;
using Cases.Workflows.Definitions;
using Cases.Workflows.Runtime;

namespace Cases.Application.Benefits;

/// <summary>The monthly benefits by the names definitions use.</summary>
public static class MonthlyBenefits
{
    public static IReadOnlyDictionary<string, MonthlyBenefit> ByName { get; } = new Dictionary<string, MonthlyBenefit>(StringComparer.Ordinal)
    {
        ["disability-allowance"] = MonthlyBenefit.DisabilityAllowance,
        ["nursing-care"] = MonthlyBenefit.NursingCare,
        ["dependants-pension"] = MonthlyBenefit.DependantsPension,
    };

    public static string NameOf(MonthlyBenefit benefit) => ByName.First(b => b.Value == benefit).Key;

    /// <summary>The benefit in the payments' vocabulary, whose labels (伤残津贴 …) every page shows.</summary>
    public static Domain.Payments.BenefitKind KindOf(MonthlyBenefit benefit) => benefit switch
    {
        MonthlyBenefit.DisabilityAllowance => Domain.Payments.BenefitKind.DisabilityAllowance,
        MonthlyBenefit.NursingCare => Domain.Payments.BenefitKind.NursingCareFee,
        _ => Domain.Payments.BenefitKind.DependantsPension,
    };
}

/// <summary>One recipient's monthly amount as the step decided it; a null amount means none is due (any running one stops).</summary>
/// <param name="Name">Null for the injury case's worker.</param>
/// <param name="IdNumber">The recipient's identity number; null for the injury case's worker.</param>
/// <param name="Relation">A dependant's relation to the worker.</param>
/// <param name="MonthlyAmount">The monthly amount from the plan's month; null when none is due.</param>
/// <param name="UnableToWork">A child who has completely lost the ability to work (第六十二条（二）): no end at 18.</param>
/// <param name="Account">The account it is paid to, when the case holds one (第九十七条); otherwise recorded later on the recipient's page.</param>
public sealed record EntitlementRecipient(string? Name, string? IdNumber, DependantRelation? Relation, decimal? MonthlyAmount, bool UnableToWork, Domain.Payments.PaymentAccount? Account = null);

/// <summary>What an "entitlement" step decided, for the writer to record in the command's transaction.</summary>
public sealed record EntitlementPlan(MonthlyBenefit Benefit, string InjuryCaseId, DateOnly FromMonth, string Article, IReadOnlyList<EntitlementRecipient> Recipients) : IProgressEffect;

/// <summary>
/// "entitlement": a decision's monthly benefit recorded as an entitlement the monthly payroll pays (第九十六条), from the
/// month after the day the rule names — the appraisal conclusion for 伤残津贴 and 生活护理费 (第七十五条 "自劳动能力鉴定
/// 结论作出的次月起"), the death for 供养亲属抚恤金 (第八十二条 "从工伤职工死亡次月起"). A running entitlement of the same
/// person and benefit takes the new amount from that month (再次/复查鉴定, 第七十八条: what was paid before is neither
/// paid again nor deducted), or stops when no amount is due any more.
/// Parameters: <c>benefit</c> (disability-allowance, nursing-care, dependants-pension), <c>article</c>, <c>injuryCase</c>
/// (the field holding the injury case), <c>after</c> (the date field), and either <c>amount</c> (the decimal field: the
/// injury case's worker receives it) or <c>list</c> (a list field of recipients with the keys name, idNumber, relation,
/// monthlyAmount and, for a child who has completely lost the ability to work, unableToWork); optional <c>dueWhen</c>, a
/// guard over case data: when it does not hold, nothing is due from the fund (a grade 5–6 allowance the employer pays,
/// 第七十九条), so a running entitlement stops; optional <c>account</c> and <c>bank</c> (string fields: the worker's own
/// social-security card or bank card the benefit is paid to, 第七十六、九十七条) and <c>accountKind</c> (a field; a
/// social-security card by default). Without an account the payroll holds the benefit back until one is recorded.
/// </summary>
public sealed class EntitlementAction : IWorkflowAction
{
    private static readonly string[] ListKeys = ["name", "idNumber", "relation", "monthlyAmount"];
    private static readonly string[] AccountParameters = ["account", "bank", "accountKind"];

    public string Name => "entitlement";

    /// <summary>An entitlement is money the fund pays every month: who approves the steps before it is a sensitive change.</summary>
    public bool PostsPayment(IReadOnlyDictionary<string, string> parameters) => true;

    public void Check(ActionCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var (path, p) = (check.Path + ".parameters", check.Parameters);
        if (p.GetValueOrDefault("benefit") is not { } benefit || !MonthlyBenefits.ByName.ContainsKey(benefit))
        {
            check.Problem(path + ".benefit", DefinitionRules.EntitlementParameters, new LocalizedText(
                $"entitlement 的 benefit 须为：{string.Join("、", MonthlyBenefits.ByName.Keys)}。", $"entitlement's benefit is one of: {string.Join(", ", MonthlyBenefits.ByName.Keys)}."));
        }

        if (string.IsNullOrWhiteSpace(p.GetValueOrDefault("article")))
        {
            check.Problem(path + ".article", DefinitionRules.EntitlementParameters, new LocalizedText("entitlement 须写明依据条款（article）。", "entitlement names its article."));
        }

        check.Guard("dueWhen", DefinitionRules.EntitlementParameters);

        Typed(check, path, "injuryCase", "string");
        foreach (var optional in AccountParameters.Where(p.ContainsKey))
        {
            check.Field($"{path}.{optional}", p[optional], new LocalizedText($"entitlement 的 {optional}", $"The entitlement's {optional}"));
        }

        if (p.ContainsKey("account") != p.ContainsKey("bank"))
        {
            check.Problem(path, DefinitionRules.EntitlementParameters, new LocalizedText("entitlement 的 account 与 bank 须同时写明。", "entitlement names account and bank together."));
        }

        Typed(check, path, "after", "date");
        var (amount, list) = (p.GetValueOrDefault("amount"), p.GetValueOrDefault("list"));
        if ((amount is null) == (list is null))
        {
            check.Problem(path, DefinitionRules.EntitlementParameters, new LocalizedText(
                "entitlement 须写明 amount（职工本人的月待遇字段）或 list（领取人列表字段）之一。", "entitlement takes either amount (the worker's monthly amount field) or list (a list field of recipients)."));
        }
        else if (amount is not null)
        {
            Typed(check, path, "amount", "decimal");
        }
        else if (check.Definition.Data.GetValueOrDefault(list!) is not { Type: "list" } spec || ListKeys.Any(k => spec.Fields?.ContainsKey(k) != true))
        {
            check.Problem(path + ".list", DefinitionRules.EntitlementParameters, new LocalizedText(
                $"“{list}”须是列表字段，其项目含 {string.Join("、", ListKeys)}。", $"\"{list}\" must be a list field whose items have {string.Join(", ", ListKeys)}."));
        }
    }

    private static void Typed(ActionCheck check, string path, string parameter, string type)
    {
        var field = check.Parameters.GetValueOrDefault(parameter);
        if (field is null)
        {
            check.Problem($"{path}.{parameter}", DefinitionRules.EntitlementParameters, new LocalizedText($"entitlement 须写明 {parameter}（{type} 字段）。", $"entitlement needs {parameter}: a {type} field."));
            return;
        }

        check.Field($"{path}.{parameter}", field, new LocalizedText($"entitlement 的 {parameter}", $"The entitlement's {parameter}"));
        if (check.Definition.Data.GetValueOrDefault(field)?.Type is { } actual && actual != type)
        {
            check.Problem($"{path}.{parameter}", DefinitionRules.EntitlementParameters, new LocalizedText($"字段“{field}”是 {actual} 类型，须为 {type}。", $"\"{field}\" is a {actual} field; it must be a {type}."));
        }
    }

    public void Run(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (p, data) = (context.Parameters, context.Progress.Data);
        var benefit = MonthlyBenefits.ByName[p["benefit"]];
        var injuryCase = data.GetText(p["injuryCase"]) ?? throw Lacks(p["injuryCase"]);
        var after = data.GetDate(p["after"]) ?? throw Lacks(p["after"]);
        var fromMonth = new DateOnly(after.Year, after.Month, 1).AddMonths(1);
        var due = !p.TryGetValue("dueWhen", out var guard) || Guards.Evaluate(guard, data, context.Definition.Data);
        var recipients = p.TryGetValue("amount", out var amountField)
            ? [new EntitlementRecipient(null, null, null, Positive(data.GetDecimal(amountField)), false, Account(context))]
            : Listed(data[p["list"]] as JsonArray);
        if (!due)
        {
            recipients = [.. recipients.Select(r => r with { MonthlyAmount = null })];
        }

        context.Progress.Effects.Add(new EntitlementPlan(benefit, injuryCase, fromMonth, p["article"], recipients));
        context.Progress.Journal.Add(new JournalPlan(AgencyJournalActions.EntitlementRecorded, context.State, context.State, new JsonObject
        {
            ["benefit"] = p["benefit"],
            ["fromMonth"] = fromMonth.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            ["article"] = p["article"],
            ["injuryCaseId"] = injuryCase,
            ["recipients"] = new JsonArray([.. recipients.Select(r => (JsonNode)new JsonObject { ["name"] = r.Name, ["monthlyAmount"] = r.MonthlyAmount })]),
        }));
    }

    private static List<EntitlementRecipient> Listed(JsonArray? items)
    {
        var list = new List<EntitlementRecipient>();
        foreach (var item in (items ?? []).OfType<JsonObject>())
        {
            var relation = item["relation"]?.GetValue<string>() is { } r && Enum.TryParse<DependantRelation>(r, ignoreCase: true, out var parsed) ? parsed : (DependantRelation?)null;
            var amount = item["monthlyAmount"] is JsonValue v && v.TryGetValue<decimal>(out var d) ? d : (decimal?)null;
            var unable = item["unableToWork"] is JsonValue u && u.TryGetValue<bool>(out var b) && b;
            list.Add(new EntitlementRecipient(item["name"]?.GetValue<string>(), item["idNumber"]?.GetValue<string>(), relation, Positive(amount), unable));
        }

        return list;
    }

    /// <summary>The worker's account from the case, when the step names one and the case holds it.</summary>
    private static Domain.Payments.PaymentAccount? Account(ActionContext context)
    {
        var (p, data) = (context.Parameters, context.Progress.Data);
        if (!p.TryGetValue("account", out var accountField) || data.GetText(accountField) is not { Length: > 0 } number)
        {
            return null;
        }

        var kind = p.TryGetValue("accountKind", out var kindField) && data.GetText(kindField) is { Length: > 0 } code
            ? Domain.Payments.PaymentAccount.KindOf(code) ?? Domain.Payments.AccountKind.SocialSecurityCard
            : Domain.Payments.AccountKind.SocialSecurityCard;
        return Domain.Payments.PaymentAccount.Parse(kind, number, data.GetText(p["bank"]), accountField, p["bank"]);
    }

    private static decimal? Positive(decimal? amount) => amount > 0m ? amount : null;

    private static DomainRuleException Lacks(string field) => new(new LocalizedText(
        $"核定定期待遇需要案件中的「{field}」，但案件中没有这项数据。", $"The monthly benefit needs {field}, which the case does not have."));
}
