using System.Globalization;
using System.Text.Json.Nodes;
using Cases.Domain.Catalogues;
using Cases.Domain.Injuries;
using Cases.Workflows.Definitions;
using Cases.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Cases.Application.Catalogues;

/// <summary>
/// What the bill review reads beyond the case's data: the catalogue items in force, and the injury case (its
/// rehabilitation period, 第四十三、四十四条). The runtime's actions are pure and synchronous; this port is the one
/// place the review reaches the registers, reading committed reference data.
/// </summary>
public interface IBillReviewSources
{
    /// <summary>Every item of any catalogue with one of <paramref name="codes"/> in force at some day from <paramref name="firstDay"/> to <paramref name="lastDay"/>.</summary>
    IReadOnlyList<CatalogueItem> Items(IReadOnlyCollection<string> codes, DateOnly firstDay, DateOnly lastDay);

    /// <summary>The injury case, or null when there is none with that id.</summary>
    InjuryCase? InjuryCase(Guid id);
}

/// <summary>The sources as stored: each call reads in a scope of its own (the action is a singleton of the engine).</summary>
public sealed class StoredBillReviewSources(IServiceScopeFactory scopes) : IBillReviewSources
{
    public IReadOnlyList<CatalogueItem> Items(IReadOnlyCollection<string> codes, DateOnly firstDay, DateOnly lastDay)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CasesDb>();
        return db.Set<CatalogueItem>().AsNoTracking()
            .Where(i => codes.Contains(i.Code) && i.ValidFrom <= lastDay && (i.ValidTo == null || i.ValidTo >= firstDay)).ToList();
    }

    public InjuryCase? InjuryCase(Guid id)
    {
        using var scope = scopes.CreateScope();
        return scope.ServiceProvider.GetRequiredService<CasesDb>().InjuryCases.AsNoTracking().FirstOrDefault(i => i.Id == id);
    }
}

/// <summary>
/// "review-bills": reviews a manual reimbursement's bill item by item (规程 第六十六条; 第六十九条 for medical costs, 第七十条
/// for rehabilitation costs; the rules are <see cref="BillReview"/>'s) and writes each decision and the totals into the case.
/// Parameters (data fields): <c>items</c> — a list whose items have <c>code</c> (string), <c>date</c> (the day of the
/// service), <c>quantity</c> and <c>amount</c> (decimal), <c>kind</c> (enum with medical and rehab), optionally
/// <c>name</c> and <c>transfer</c> (boolean: a cost of a referral outside the city, 第三十八条); <c>injuryCase</c> — the
/// injury case's id (string); <c>decisions</c> — a list written row by row with <c>paid</c>, <c>selfPay</c>,
/// <c>refused</c> (decimal), <c>reasonCode</c> and <c>reason</c> (string), and, when declared, <c>row</c> (integer),
/// <c>code</c>, <c>name</c>, <c>class</c>, <c>reasonEn</c>; <c>totals</c> — an object with decimal <c>claimed</c>,
/// <c>payable</c>, <c>refused</c> and optionally <c>selfPay</c>, <c>employerBorne</c> (the part refused because the
/// employer bears it, 第六十九条（一））; optional <c>medical</c>, <c>rehab</c> and <c>refused</c>, decimal fields written
/// with the payable medical part, the payable rehabilitation part (two benefits, paid as two orders, 第九十五条) and the
/// refused total, so later steps can route and order on them; optional <c>employmentEndedOn</c> (第六十条; the injury case's record wins when it has one, with its
/// medical-dependency exception) and <c>transferFiledOn</c> (第三十八条), date fields; optional <c>recognitionAppliedOn</c>,
/// <c>recognitionAcceptedOn</c> (date fields) and <c>recognitionExtended</c> (a boolean field): when the recognition
/// application came later than 30 days after the injury, the employer bears the costs until it was accepted
/// (第六十九条（一）, 《工伤保险条例》第十七条).
/// </summary>
public sealed class ReviewBillsAction(IBillReviewSources sources) : IWorkflowAction
{
    public const string ParametersRule = "review-bills-parameters";

    private static readonly (string Member, string[] Types)[] ItemMembers =
        [("code", ["string"]), ("date", ["date"]), ("quantity", ["decimal", "integer"]), ("amount", ["decimal"]), ("kind", ["enum"])];

    private static readonly (string Member, string[] Types)[] DecisionMembers =
        [("paid", ["decimal"]), ("selfPay", ["decimal"]), ("refused", ["decimal"]), ("reasonCode", ["string", "enum"]), ("reason", ["string", "text"])];

    private static readonly string[] TotalMembers = ["claimed", "payable", "refused"];

    private static readonly (string Parameter, string Type)[] OptionalParameters =
    [
        ("employmentEndedOn", "date"), ("transferFiledOn", "date"), ("recognitionAppliedOn", "date"), ("recognitionAcceptedOn", "date"),
        ("recognitionExtended", "boolean"), ("medical", "decimal"), ("rehab", "decimal"), ("refused", "decimal"),
    ];

    public string Name => "review-bills";

    /// <summary>The review decides what the fund pays: a change of who approves the steps leading to it is sensitive (第一百一十九条).</summary>
    public bool PostsPayment(IReadOnlyDictionary<string, string> parameters) => true;

    public void Check(ActionCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var (path, p, data) = (check.Path, check.Parameters, check.Definition.Data);
        foreach (var parameter in new[] { "items", "injuryCase", "decisions", "totals" })
        {
            check.Field($"{path}.parameters.{parameter}", p.GetValueOrDefault(parameter), $"The review-bills parameter {parameter}");
        }

        foreach (var (optional, type) in OptionalParameters)
        {
            if (p.GetValueOrDefault(optional) is { } field)
            {
                check.Field($"{path}.parameters.{optional}", field, $"The review-bills parameter {optional}");
                if (data.TryGetValue(field, out var spec) && spec.Type != type)
                {
                    check.Problem($"{path}.parameters.{optional}", ParametersRule, $"\"{field}\" is a {spec.Type}; {optional} must name a {type} field.");
                }
            }
        }

        if (p.GetValueOrDefault("injuryCase") is { } injury && data.TryGetValue(injury, out var injurySpec) && injurySpec.Type != "string")
        {
            check.Problem($"{path}.parameters.injuryCase", ParametersRule, $"\"{injury}\" is a {injurySpec.Type}; injuryCase must name a string field (the injury case's id).");
        }

        Members(check, "items", ItemMembers);
        Members(check, "decisions", DecisionMembers);
        if (p.GetValueOrDefault("items") is { } items && data.TryGetValue(items, out var list) && list.Fields?.GetValueOrDefault("kind")?.Values is { } kinds
            && !(kinds.Contains("medical") && kinds.Contains("rehab") && kinds.All(k => k is "medical" or "rehab")))
        {
            check.Problem($"{path}.parameters.items", ParametersRule, $"The kind of \"{items}\" must have the values medical and rehab.");
        }

        if (p.GetValueOrDefault("totals") is { } totals && data.TryGetValue(totals, out var sums)
            && TotalMembers.FirstOrDefault(m => sums.Type != "object" || sums.Fields?.GetValueOrDefault(m)?.Type != "decimal") is { } missing)
        {
            check.Problem($"{path}.parameters.totals", ParametersRule, $"\"{totals}\" must be an object with decimal members claimed, payable and refused (and optionally selfPay); it lacks {missing}.");
        }
    }

    private static void Members(ActionCheck check, string parameter, (string Member, string[] Types)[] members)
    {
        if (check.Parameters.GetValueOrDefault(parameter) is not { } field || !check.Definition.Data.TryGetValue(field, out var spec))
        {
            return;
        }

        var missing = members.Where(m => spec.Type != "list" || !m.Types.Contains(spec.Fields?.GetValueOrDefault(m.Member)?.Type)).ToList();
        if (missing.Count > 0)
        {
            check.Problem($"{check.Path}.parameters.{parameter}", ParametersRule,
                $"\"{field}\" must be a list whose items have {string.Join(", ", members.Select(m => $"{m.Member} ({string.Join(" or ", m.Types)})"))}; it lacks {string.Join(", ", missing.Select(m => m.Member))}.");
        }
    }

    public void Run(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Parameters;
        var data = context.Progress.Data;
        var itemsField = p["items"];
        var injuryText = data.GetText(p["injuryCase"]);
        if (!Guid.TryParse(injuryText, out var injuryId) || sources.InjuryCase(injuryId) is not { } injury)
        {
            throw new DomainValidationException($"data.{p["injuryCase"]}", new LocalizedText(
                $"审核费用须先确定工伤案件，案件中的「{p["injuryCase"]}」（{injuryText}）不是已登记的工伤案件。",
                $"The review needs the injury case: {p["injuryCase"]} ({injuryText}) is not a registered injury case."));
        }

        // 第六十条: the register's record of the employment's end wins (a medical-dependency exception with it); the case's
        // own field serves while the register has none.
        var employmentEnded = injury.EmploymentEndedOn is not null
            ? injury.FundTreatmentEndsFrom is null ? null : injury.EmploymentEndedOn
            : p.GetValueOrDefault("employmentEndedOn") is { } ended ? data.GetDate(ended) : null;
        DateOnly? employerBears = p.GetValueOrDefault("recognitionAppliedOn") is { } applied && data.GetDate(applied) is { } appliedOn
            ? BillReview.EmployerBearsThrough(injury.InjuryOn, appliedOn,
                p.GetValueOrDefault("recognitionAcceptedOn") is { } accepted ? data.GetDate(accepted) : null,
                p.GetValueOrDefault("recognitionExtended") is { } extended && data[extended] is JsonValue flag && flag.TryGetValue<bool>(out var yes) && yes)
            : null;
        var facts = new BillReviewFacts(injury.RehabStartsOn, injury.RehabEndsOn, employmentEnded,
            p.GetValueOrDefault("transferFiledOn") is { } filed ? data.GetDate(filed) : null, employerBears);
        var bill = Read(data[itemsField] as JsonArray ?? [], itemsField);
        var listed = bill.Count == 0 ? [] : sources.Items(bill.Select(b => b.Code).Distinct(StringComparer.Ordinal).ToList(), bill.Min(b => b.ServedOn), bill.Max(b => b.ServedOn));

        var decisionsSpec = context.Definition.Data[p["decisions"]].Fields ?? [];
        var decisions = new JsonArray();
        var journaled = new JsonArray();
        decimal claimed = 0m, payable = 0m, selfPay = 0m, refused = 0m, employerBorne = 0m, medical = 0m, rehab = 0m;
        for (var i = 0; i < bill.Count; i++)
        {
            var item = bill[i];
            var match = listed.Where(l => l.Code == item.Code && l.InForceOn(item.ServedOn)).OrderBy(l => l.Catalogue).FirstOrDefault();
            var decision = BillReview.Decide(item, match, facts);
            (claimed, payable, selfPay, refused) = (claimed + decision.Claimed, payable + decision.Paid, selfPay + decision.SelfPay, refused + decision.Refused);
            employerBorne += decision.ReasonCode == BillReasons.EmployerLateRecognition ? decision.Refused : 0m;
            (medical, rehab) = item.Kind == BillItemKind.Rehab ? (medical, rehab + decision.Paid) : (medical + decision.Paid, rehab);
            var row = new JsonObject
            {
                ["paid"] = decision.Paid, ["selfPay"] = decision.SelfPay, ["refused"] = decision.Refused,
                ["reasonCode"] = decision.ReasonCode, ["reason"] = decision.Reason.Zh,
            };
            Optional(row, decisionsSpec, "row", JsonValue.Create(i + 1));
            Optional(row, decisionsSpec, "code", JsonValue.Create(item.Code));
            Optional(row, decisionsSpec, "name", JsonValue.Create(decision.Listed?.Name ?? item.Name ?? item.Code));
            Optional(row, decisionsSpec, "class", JsonValue.Create(decision.Listed?.Class.Zh() ?? ""));
            Optional(row, decisionsSpec, "reasonEn", JsonValue.Create(decision.Reason.En));
            decisions.Add(row);
            journaled.Add(new JsonObject
            {
                ["row"] = i + 1, ["code"] = item.Code, ["date"] = Clocks.Format(item.ServedOn), ["amount"] = item.Amount,
                ["catalogue"] = decision.Listed?.Catalogue.Code(), ["class"] = decision.Listed?.Class.Zh(),
                ["paid"] = decision.Paid, ["selfPay"] = decision.SelfPay, ["refused"] = decision.Refused,
                ["reasonCode"] = decision.ReasonCode, ["reason"] = new JsonObject { ["zh"] = decision.Reason.Zh, ["en"] = decision.Reason.En },
            });
        }

        data.Set(p["decisions"], decisions);
        var totals = new JsonObject { ["claimed"] = claimed, ["payable"] = payable, ["refused"] = refused };
        var totalsSpec = context.Definition.Data[p["totals"]].Fields ?? [];
        foreach (var (member, value) in new[] { ("selfPay", selfPay), ("employerBorne", employerBorne) })
        {
            Optional(totals, totalsSpec, member, JsonValue.Create(value));
        }

        foreach (var (parameter, value) in new[] { ("medical", medical), ("rehab", rehab), ("refused", refused) })
        {
            if (p.TryGetValue(parameter, out var field))
            {
                data.Set(field, value);
            }
        }

        data.Set(p["totals"], totals);
        context.Progress.Journal.Add(new JournalPlan(JournalActions.Recorded, context.State, context.State, new JsonObject
        {
            ["what"] = Name, ["basis"] = "第三十八、四十、四十四、六十、六十九、七十条", ["injuryCaseId"] = injuryId.ToString(),
            ["employerBearsThrough"] = employerBears is { } through ? Clocks.Format(through) : null,
            ["items"] = journaled, [p["totals"]] = totals.DeepClone(),
        }));
    }

    private static void Optional(JsonObject row, Dictionary<string, FieldSpec> spec, string member, JsonNode? value)
    {
        if (spec.ContainsKey(member))
        {
            row[member] = value;
        }
    }

    private static List<BillItem> Read(JsonArray items, string field)
    {
        var bill = new List<BillItem>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i] as JsonObject ?? [];
            var at = $"data.{field}[{i}]";
            var code = item["code"]?.GetValue<string>()?.Trim();
            if (string.IsNullOrEmpty(code))
            {
                throw new DomainValidationException($"{at}.code", new LocalizedText($"第 {i + 1} 项须填写目录编码。", $"Item {i + 1} needs its catalogue code."));
            }

            var date = item["date"]?.GetValue<string>() is { } d && DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? day : throw new DomainValidationException($"{at}.date", new LocalizedText($"第 {i + 1} 项须填写服务日期。", $"Item {i + 1} needs its date of service."));
            var amount = item["amount"] is JsonValue a && a.TryGetValue<decimal>(out var value) && value >= 0 && decimal.Round(value, 2) == value
                ? value : throw new DomainValidationException($"{at}.amount", new LocalizedText($"第 {i + 1} 项的金额须为不小于零的金额（元，最多两位小数）。", $"Item {i + 1}: amount must be a non-negative amount with at most two decimals."));
            var quantity = item["quantity"] is JsonValue q && q.TryGetValue<decimal>(out var count) && count > 0
                ? count : throw new DomainValidationException($"{at}.quantity", new LocalizedText($"第 {i + 1} 项的数量须大于零。", $"Item {i + 1}: quantity must be more than zero."));
            var kind = item["kind"]?.GetValue<string>() == "rehab" ? BillItemKind.Rehab : BillItemKind.Medical;
            var transfer = item["transfer"] is JsonValue t && t.TryGetValue<bool>(out var flag) && flag;
            bill.Add(new BillItem(code, item["name"]?.GetValue<string>(), date, quantity, amount, kind, transfer));
        }

        return bill;
    }
}
