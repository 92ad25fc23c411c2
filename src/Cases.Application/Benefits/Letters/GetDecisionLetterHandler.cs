using System.Globalization;
using System.Text.Json.Nodes;
using Cases.Application.Common;
using Cases.Domain.Benefits;
using Cases.Domain.Calendar;
using Cases.Domain.Injuries;
using Cases.Domain.Parties;
using Cases.Domain.Payments;
using Cases.Domain.Privacy;
using Cases.Workflows.Definitions;
using Cases.Workflows.Instances;
using Cases.Workflows.Persistence;

namespace Cases.Application.Benefits.Letters;

/// <summary>
/// Builds the decision letter from what the case left behind: the definition says which steps decide benefits, the
/// payment orders and entitlements those steps wrote say what was decided, the journal keeps the calculations, and the
/// task that ended the case says who approved it. Every number on it is masked (规程 第一百四十条): a letter is sent
/// out, so it never shows a whole identity number or account, and showing masked numbers is no view to record.
/// </summary>
public sealed class GetDecisionLetterHandler(CasesDb db, DefinitionStore definitions) : IQueryHandler<GetDecisionLetter, DecisionLetter>
{
    /// <summary>The actions whose steps decide benefits: a one-time payment, a monthly benefit, a bill's review (第九十四条).</summary>
    public static readonly IReadOnlySet<string> BenefitActions = new HashSet<string>(StringComparer.Ordinal) { "payment-order", "entitlement", "review-bills" };

    /// <summary>
    /// 规程 第一百〇七条 (复核 of the amount decided) and 《工伤保险条例》第五十五条第（四）项 (行政复议 or 行政诉讼 when the worker
    /// or the next of kin disagree with the benefits the agency decided): the regulation names the review, the 条例 the rest.
    /// </summary>
    public static readonly LocalizedText DecisionRecourse = new(
        "对本通知书核定的待遇金额有异议的，可以向本机构申请复核（《山东省工伤保险省级统筹经办规程（试行）》第一百〇七条）；对核定的工伤保险待遇有异议的，也可以依法申请行政复议，或者依法向人民法院提起行政诉讼（《工伤保险条例》第五十五条第（四）项）。",
        "If you disagree with the amounts decided in this letter, you may ask this agency to review them (Shandong procedures, Article 107). If you disagree with the benefits decided, you may also apply for administrative reconsideration or bring an administrative lawsuit before a people's court according to law (Work-Related Injury Insurance Regulations, Article 55 (4)).");

    /// <summary>A refusal decides no amount to review (第一百〇七条 speaks of 核定金额): 《工伤保险条例》第五十五条第（四）项 alone.</summary>
    public static readonly LocalizedText RefusalRecourse = new(
        "对本通知书不予核定工伤保险待遇的决定有异议的，可以依法申请行政复议，或者依法向人民法院提起行政诉讼（《工伤保险条例》第五十五条第（四）项）。",
        "If you disagree with this decision not to grant the benefits, you may apply for administrative reconsideration or bring an administrative lawsuit before a people's court according to law (Work-Related Injury Insurance Regulations, Article 55 (4)).");

    /// <summary>The article of the notice itself: 核定结果……通知申请人.</summary>
    public const string NoticeArticle = "第九十四条";

    /// <summary>The 5–6 grade allowance the employer pays monthly while no suitable work can be arranged.</summary>
    public const string EmployerAllowanceArticle = "《工伤保险条例》第三十六条";

    /// <summary>Whether a case of <paramref name="definition"/> has a decision letter once it ends: some step decides benefits.</summary>
    public static bool DecidesBenefits(WorkflowDefinition definition) =>
        definition?.States.Values.Any(s => s.Kind == StateKind.Action && s.Action is { } a && BenefitActions.Contains(a)) == true;

    public async ValueTask<DecisionLetter> Handle(GetDecisionLetter query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (@case, instance) = await CaseAccess.LoadAsync(db, query.CaseId, query.By, track: false, cancellationToken);
        var definition = await definitions.GetAsync(db, instance.DefinitionKey, instance.DefinitionVersion, cancellationToken);
        var title = definition.Title;
        if (!DecidesBenefits(definition))
        {
            throw new DomainRuleException(new LocalizedText(
                $"「{title.Zh}」不核定工伤保险待遇（流程中没有生成支付单、核定定期待遇或审核费用的步骤），没有核定通知书（第九十四条）。",
                $"\"{title.En}\" decides no benefits (no step orders a payment, grants a monthly benefit or reviews bills), so it has no decision letter (第九十四条)."));
        }

        if (instance.Status != InstanceStatus.Completed || !definition.States.TryGetValue(instance.State, out var end) || end.Kind != StateKind.End)
        {
            var now = definition.States.GetValueOrDefault(instance.State)?.Title;
            throw new ConflictException(new LocalizedText(
                $"案件尚未办结（当前环节：{now?.Zh ?? instance.State}），核定通知书在案件办结后出具（第九十四条）。",
                $"The case has not ended yet (now at: {now?.En ?? instance.State}); the decision letter is issued once it ends (第九十四条)."));
        }

        var data = JsonNode.Parse(instance.DataJson) as JsonObject ?? [];
        var decision = TowardEnd(definition, instance.State).AfterBenefit;
        var stem = title.Zh.EndsWith("核定", StringComparison.Ordinal) ? title.Zh[..^2] : title.Zh;
        var letterTitle = decision
            ? new LocalizedText($"{stem}核定通知书", $"{title.En}: decision letter")
            : new LocalizedText($"{stem}不予核定通知书", $"{title.En}: letter of refusal");
        var city = City.All.FirstOrDefault(c => c.Code == @case.CityCode);

        var payments = decision ? await PaymentsAsync(@case.Id, cancellationToken) : [];
        var monthly = decision ? await MonthlyAsync(@case.Id, definition, data, cancellationToken) : [];
        var journal = await db.Journal.AsNoTracking().Where(j => j.InstanceId == instance.Id && j.Action == AgencyJournalActions.Calculated).OrderBy(j => j.Seq).ToListAsync(cancellationToken);
        var signer = await SignerAsync(instance.Id, cancellationToken);

        return new DecisionLetter(
            @case.Id, CaseNumbers.Of(@case.Id), definition.Key, title, @case.CityCode,
            city is null ? new LocalizedText(@case.CityCode, @case.CityCode) : new LocalizedText(city.NameZh, city.NameEn),
            decision ? DecisionLetter.Decision : DecisionLetter.Refusal, letterTitle,
            ChinaTime.DateOf(instance.CompletedAt ?? instance.StateEnteredAt), instance.EndOutcome ?? end.Outcome,
            end.Title ?? new LocalizedText(instance.State, instance.State),
            Addressee(definition, data),
            payments, payments.Count == 0 ? null : LetterAmount.Of(payments.Sum(p => p.Amount.Amount)),
            monthly, decision ? EmployerPays(definition, data) : [], decision ? Bills(definition, data) : null,
            decision ? [] : Notes(definition, instance.State, data),
            Articles(definition, instance.State, decision, payments, monthly),
            decision ? Calculations(definition, journal) : [],
            decision ? DecisionRecourse : RefusalRecourse, signer);
    }

    private static LetterAddressee Addressee(WorkflowDefinition definition, JsonObject data)
    {
        LocalizedText? applicant = null;
        if (Text(data, "applicant") is { } code && definition.Data.GetValueOrDefault("applicant") is { Type: "enum" } spec)
        {
            applicant = spec.Labels?.GetValueOrDefault(code) ?? new LocalizedText(code, code);
        }

        // The worker's number: the field the injury-case register fills (workerIdNumber), or any …IdNumber at the top level.
        var idNumber = Text(data, "workerIdNumber")
            ?? data.Where(p => p.Key.EndsWith("IdNumber", StringComparison.OrdinalIgnoreCase)).Select(p => Text(data, p.Key)).FirstOrDefault(t => t is not null);
        return new LetterAddressee(applicant, Text(data, "workerName"), idNumber is null ? null : PersonalDataMask.IdNumber(idNumber), Text(data, "employerName"));
    }

    private async Task<List<LetterPayment>> PaymentsAsync(Guid caseId, CancellationToken ct)
    {
        // The orders the decision made: not a reversal, not a correction of a returned one (the same payment again), and
        // not one reversed since (a mistake undone is no longer what was decided).
        var orders = await db.PaymentOrders.AsNoTracking()
            .Where(o => o.CaseId == caseId && o.Reverses == null && o.Corrects == null && o.ReversedBy == null)
            .ToListAsync(ct);
        // In the order of 第九十五条's list (BenefitKind.All): the orders of one step share their instant, so their ids do not order them.
        return [.. orders.OrderBy(o => BenefitKind.All.ToList().FindIndex(k => k.Code == o.Benefit)).ThenBy(o => o.Id).Select(o =>
        {
            var benefit = BenefitKind.Find(o.Benefit);
            var payee = PayeeKind.Find(o.PayeeKind);
            return new LetterPayment(o.Benefit, benefit is null ? new(o.Benefit, o.Benefit) : new(benefit.Zh, benefit.En), o.PayeeName,
                payee is null ? new(o.PayeeKind, o.PayeeKind) : new(payee.Zh, payee.En), o.MaskedAccount, o.Bank, LetterAmount.Of(o.Amount), o.Article, o.Period);
        })];
    }

    private async Task<List<LetterMonthly>> MonthlyAsync(Guid caseId, WorkflowDefinition definition, JsonObject data, CancellationToken ct)
    {
        // The injury cases the case's entitlement steps name: a re-appraisal changes an entitlement another case granted.
        var injuryCases = definition.States.Values.Where(s => s.Action == "entitlement")
            .Select(s => s.Parameters?.GetValueOrDefault("injuryCase") is { } field && Guid.TryParse(Text(data, field), out var id) ? id : (Guid?)null)
            .OfType<Guid>().Distinct().ToList();
        var rows = await db.Entitlements.AsNoTracking().Where(e => e.CaseId == caseId || injuryCases.Contains(e.InjuryCaseId)).ToListAsync(ct);
        var letters = new List<LetterMonthly>();
        foreach (var e in rows.OrderBy(e => e.Benefit).ThenBy(e => e.Id))
        {
            if (e.History.LastOrDefault(h => h.CaseId == caseId) is not { } change)
            {
                continue;
            }

            var kind = MonthlyBenefits.KindOf(e.Benefit);
            var stopped = change.Kind == EntitlementChangeKind.Stopped;
            var until = stopped ? null : e.AdulthoodOn is { } adult ? Month(adult) : null;
            letters.Add(new LetterMonthly(
                MonthlyBenefits.NameOf(e.Benefit), new LocalizedText(kind.Zh, kind.En),
                change.Kind switch { EntitlementChangeKind.Granted => "granted", EntitlementChangeKind.AmountChanged => "changed", _ => "stopped" },
                e.RecipientName, IdNumber.TryParse(e.RecipientIdNumber, out var number, out _) ? number.Masked : "",
                e.Relation is { } relation ? Relation(relation) : null,
                stopped ? null : LetterAmount.Of(change.MonthlyAmount), Month(change.FromMonth), until, stopped ? null : e.AdulthoodOn, e.Article));
        }

        return letters;
    }

    /// <summary>
    /// What the employer pays and the letter states (not an order of the fund): the monthly disability allowance of grades
    /// 5–6 when no suitable work can be arranged (《工伤保险条例》第三十六条), which the calculation leaves in the case as
    /// allowancePayer = employer with the monthly amount.
    /// </summary>
    private static List<LetterStatedAmount> EmployerPays(WorkflowDefinition definition, JsonObject data)
    {
        if (Text(data, "allowancePayer") != "employer" || Decimal(data, "monthlyAllowance") is not { } amount || amount <= 0)
        {
            return [];
        }

        var label = BenefitKind.DisabilityAllowance;
        var payer = definition.Data.GetValueOrDefault("allowancePayer")?.Labels?.GetValueOrDefault("employer");
        return [new LetterStatedAmount(new(label.Zh, label.En), payer ?? new("用人单位", "The employer"), LetterAmount.Of(amount), EmployerAllowanceArticle)];
    }

    /// <summary>The bill review's decisions and totals, from the fields the definition's review-bills step writes.</summary>
    private static LetterBillReview? Bills(WorkflowDefinition definition, JsonObject data)
    {
        var step = definition.States.Values.FirstOrDefault(s => s.Action == "review-bills");
        if (step?.Parameters is not { } p || !p.TryGetValue("decisions", out var decisionsField) || !p.TryGetValue("totals", out var totalsField)
            || data[decisionsField] is not JsonArray decisions || data[totalsField] is not JsonObject totals)
        {
            return null;
        }

        var items = new List<LetterBillItem>();
        var row = 0;
        foreach (var item in decisions.OfType<JsonObject>())
        {
            row++;
            var (paid, selfPay, refused) = (Decimal(item, "paid") ?? 0m, Decimal(item, "selfPay") ?? 0m, Decimal(item, "refused") ?? 0m);
            var zh = Text(item, "reason") ?? "";
            items.Add(new LetterBillItem(
                item["row"] is JsonValue r && r.TryGetValue<int>(out var n) ? n : row, Text(item, "code"), Text(item, "name"), Text(item, "class"),
                LetterAmount.Of(paid + selfPay + refused), paid, selfPay, refused, Text(item, "reasonCode") ?? "", new LocalizedText(zh, Text(item, "reasonEn") ?? zh)));
        }

        return new LetterBillReview(items, LetterAmount.Of(Decimal(totals, "claimed") ?? 0m), LetterAmount.Of(Decimal(totals, "payable") ?? 0m),
            Decimal(totals, "selfPay") is { } self ? LetterAmount.Of(self) : null, LetterAmount.Of(Decimal(totals, "refused") ?? 0m),
            Decimal(totals, "employerBorne") is > 0m and var borne ? LetterAmount.Of(borne) : null);
    }

    /// <summary>
    /// The notes of a case that ended without benefits: the text fields required by the task outcomes (and events) that
    /// lead forward to that end without passing a benefit step — what the definition makes the officer write when
    /// refusing (e.g. checkNote, 审核意见), also when a reviewer confirms the refusal afterwards. A way back (退回重新核验)
    /// is not one of them: its note is internal.
    /// </summary>
    private static List<LetterNote> Notes(WorkflowDefinition definition, string endState, JsonObject data)
    {
        var toward = TowardEnd(definition, endState);
        var fields = definition.States
            .SelectMany(s => (s.Value.Outcomes ?? []).Where(o => toward.Contains(o.Value.To) && !toward.BackEdges.Contains((s.Key, o.Value.To))).SelectMany(o => o.Value.Requires ?? [])
                .Concat((s.Value.Events ?? []).Values.Where(e => toward.Contains(e.To) && !toward.BackEdges.Contains((s.Key, e.To))).SelectMany(e => e.Fields ?? [])))
            .Select(f => f.Field)
            .Where(f => definition.Data.GetValueOrDefault(f)?.Type == "text")
            .Distinct(StringComparer.Ordinal);
        return [.. fields.Select(f => (Field: f, Text: Text(data, f)))
            .Where(f => !string.IsNullOrWhiteSpace(f.Text))
            .Select(f => new LetterNote(f.Field, definition.Data[f.Field].Label ?? new LocalizedText(f.Field, f.Field), f.Text!))];
    }

    /// <summary>
    /// The articles the conclusion rests on: 第九十四条 (the notice itself), then for a decision each payment's and monthly
    /// benefit's article, for a refusal the basis of each step (task deadline, or timer) leading forward to the end.
    /// </summary>
    private static List<string> Articles(WorkflowDefinition definition, string endState, bool decision, List<LetterPayment> payments, List<LetterMonthly> monthly)
    {
        IEnumerable<string?> articles;
        if (decision)
        {
            articles = payments.Select(p => p.Article).Concat(monthly.Select(m => m.Article));
        }
        else
        {
            var toward = TowardEnd(definition, endState);
            articles = definition.States.SelectMany(s =>
                ((s.Value.Outcomes ?? []).Values.Any(o => toward.Contains(o.To) && !toward.BackEdges.Contains((s.Key, o.To)))
                 || (s.Value.Events ?? []).Values.Any(e => toward.Contains(e.To) && !toward.BackEdges.Contains((s.Key, e.To)))
                    ? [s.Value.Deadline?.Basis] : Array.Empty<string?>())
                .Append(s.Value.Timer is { } t && t.To is { } to && toward.Contains(to) ? t.Basis : null));
        }

        return [.. articles.OfType<string>().Prepend(NoticeArticle).Where(a => a.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The states that lead forward to an end state without a benefit step on the way, and the ways back of the definition.</summary>
    private sealed class Toward(HashSet<string> states, HashSet<(string From, string To)> backEdges, bool afterBenefit)
    {
        public HashSet<(string From, string To)> BackEdges { get; } = backEdges;

        /// <summary>A benefit step leads forward to the end: the end of a decision of benefits (核定), not of a refusal.</summary>
        public bool AfterBenefit { get; } = afterBenefit;

        public bool Contains(string state) => states.Contains(state);
    }

    /// <summary>
    /// The states from which <paramref name="endState"/> is reached going forward and no benefit step is: the way to a
    /// refusal (check → 复核不予核定 → refused). Forward means without the ways back (an outcome that returns to an earlier
    /// task, 退回): a depth-first walk from the initial state finds them as the edges to a state still on its path.
    /// </summary>
    private static Toward TowardEnd(WorkflowDefinition definition, string endState)
    {
        var back = new HashSet<(string, string)>();
        var onPath = new HashSet<string>(StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var forward = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Walk(string state)
        {
            if (!definition.States.TryGetValue(state, out var spec) || !onPath.Add(state))
            {
                return;
            }

            var next = forward[state] = [];
            foreach (var to in spec.Transitions().Select(t => t.To).OfType<string>())
            {
                if (onPath.Contains(to))
                {
                    back.Add((state, to));
                    continue;
                }

                next.Add(to);
                if (!done.Contains(to))
                {
                    Walk(to);
                }
            }

            onPath.Remove(state);
            done.Add(state);
        }

        Walk(definition.Initial);
        var benefit = definition.States.Where(s => s.Value.Action is { } a && BenefitActions.Contains(a)).Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        bool Reaches(string from, Func<string, bool> target, HashSet<string> seen) =>
            target(from) || (seen.Add(from) && forward.GetValueOrDefault(from, []).Any(n => Reaches(n, target, seen)));
        var states = forward.Keys.Where(s => Reaches(s, x => x == endState, new(StringComparer.Ordinal)) && !Reaches(s, benefit.Contains, new(StringComparer.Ordinal)))
            .Append(endState).ToHashSet(StringComparer.Ordinal);
        return new Toward(states, back, benefit.Any(b => Reaches(b, x => x == endState, new(StringComparer.Ordinal))));
    }

    /// <summary>Each calculation's last run (a case returned and computed again keeps only what was decided), as journaled.</summary>
    private static List<LetterCalculation> Calculations(WorkflowDefinition definition, List<Workflows.Records.JournalEntry> journal)
    {
        var last = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var entry in journal)
        {
            if (JsonNode.Parse(entry.DataJson) is JsonObject o)
            {
                last[entry.FromState ?? ""] = o;
            }
        }

        return [.. last.Select(kv =>
        {
            var steps = (kv.Value["explanation"] as JsonArray ?? []).OfType<JsonObject>().Select(s => new LetterCalculationStep(
                JournalFields.Text(s["step"]) ?? new("", ""), JournalFields.Text(s["formula"]) ?? new("", ""),
                Value(s["value"]), Text(s, "kind"), Text(s, "basis"))).ToList();
            var stateTitle = definition.States.GetValueOrDefault(kv.Key)?.Title ?? new LocalizedText(kv.Key, kv.Key);
            return new LetterCalculation(kv.Key, stateTitle, Text(kv.Value, "calculator") ?? "", steps);
        })];
    }

    /// <summary>The person who completed the last task before the end: the reviewer who approved, or the officer who refused.</summary>
    private async Task<LetterSigner?> SignerAsync(Guid instanceId, CancellationToken ct)
    {
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.InstanceId == instanceId && t.CompletedBy != null).ToListAsync(ct);
        var last = tasks.Where(t => t.CompletedAt is not null).OrderBy(t => t.CompletedAt).LastOrDefault();
        if (last is null)
        {
            return null;
        }

        var names = await Names.UsersAsync(db, [last.CompletedBy], ct);
        return new LetterSigner(last.Role, names.GetValueOrDefault(last.CompletedBy!) ?? last.CompletedBy!, new LocalizedText(last.TitleZh, last.TitleEn.Length > 0 ? last.TitleEn : last.TitleZh), last.CompletedAt!.Value);
    }

    /// <summary>A dependant's relation as the letter says it (《因工死亡职工供养亲属范围规定》).</summary>
    public static LocalizedText Relation(DependantRelation relation) => relation switch
    {
        DependantRelation.Spouse => new("配偶", "Spouse"),
        DependantRelation.Child => new("子女", "Child"),
        DependantRelation.Parent => new("父母", "Parent"),
        DependantRelation.Grandparent => new("祖父母、外祖父母", "Grandparent"),
        DependantRelation.Grandchild => new("孙子女、外孙子女", "Grandchild"),
        _ => new("兄弟姐妹", "Sibling"),
    };

    private static string Month(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string? Text(JsonObject data, string field) =>
        data[field] is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    private static decimal? Decimal(JsonObject data, string field) =>
        data[field] is JsonValue v ? v.TryGetValue<decimal>(out var d) ? d : v.TryGetValue<string>(out var s) && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var p) ? p : null : null;

    private static string? Value(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<decimal>(out var d) => d.ToString(CultureInfo.InvariantCulture),
        _ => node.ToJsonString(),
    };
}
