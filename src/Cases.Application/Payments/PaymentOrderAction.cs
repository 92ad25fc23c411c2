using System.Text.Json.Nodes;
using Cases.Domain.Payments;
using Cases.Workflows.Definitions;
using Cases.Workflows.Runtime;

namespace Cases.Application.Payments;

/// <summary>A payment order a step made, written by <see cref="PaymentOrderWriter"/> in the step's transaction.</summary>
public sealed record PaymentOrderPlan(Guid Id, string Step, Guid? InjuryCaseId, string Payee, PayeeKind PayeeKind, PaymentAccount Account, decimal Amount,
    BenefitKind Benefit, string Article, string? Period) : IProgressEffect;

/// <summary>
/// "payment-order": the step that ends a benefit procedure in "this much to this payee's account" (规程 第九十四条:
/// 支付对象、支付金额、支付账户) orders the payment in the command's transaction; the batch, the bank and the ledger
/// (第九十六条 支付台账) take it from there. Parameters: <c>amount</c> (a decimal field), <c>benefit</c> (a
/// <see cref="BenefitKind"/> code, literally), <c>article</c> (literally, e.g. 第九十五条), <c>payee</c>, <c>payeeKind</c>,
/// <c>account</c>, <c>bank</c> (data fields; <c>payeeKind</c> may instead be a payee kind's code, literally), optional <c>injuryCase</c> (a field holding the injury case's id),
/// <c>accountKind</c> (a field: social-security-card, bank-card or bank-account; a person's card by default, an
/// organisation's account otherwise), <c>period</c> (a month field) and <c>dueWhen</c> (a guard over case data: when it
/// does not hold, the step orders nothing — a reimbursement with no rehabilitation cost pays no 康复费). The amount is never rounded here: the procedure's
/// calculation rounds where its rule rounds. A replayed command makes no second order: the runtime answers a replay from
/// its idempotency record without running the step again.
/// </summary>
public sealed class PaymentOrderAction : IWorkflowAction
{
    public const string ParametersRule = "payment-parameters";

    public string Name => "payment-order";

    public bool PostsPayment(IReadOnlyDictionary<string, string> parameters) => true;

    public void Check(ActionCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var (path, parameters) = (check.Path, check.Parameters);
        if (BenefitKind.Find(parameters.GetValueOrDefault("benefit")) is null)
        {
            check.Problem($"{path}.parameters.benefit", ParametersRule, new LocalizedText(
                $"benefit 须为以下之一：{string.Join(", ", BenefitKind.All.Select(k => k.Code))}。",
                $"benefit must be one of {string.Join(", ", BenefitKind.All.Select(k => k.Code))}."));
        }

        if (string.IsNullOrWhiteSpace(parameters.GetValueOrDefault("article")))
        {
            check.Problem($"{path}.parameters.article", ParametersRule, new LocalizedText("支付单须写明支付依据的条款（article，如 第九十五条）。", "A payment order names its article (article, e.g. 第九十五条)."));
        }

        check.Guard("dueWhen", ParametersRule);
        foreach (var (parameter, types, required) in new[]
        {
            ("amount", new[] { "decimal" }, true), ("payee", ["string"], true), ("payeeKind", ["string", "enum"], true),
            ("account", ["string"], true), ("bank", ["string"], true), ("injuryCase", ["string"], false),
            ("accountKind", ["string", "enum"], false), ("period", ["string", "month"], false),
        })
        {
            if (parameters.GetValueOrDefault(parameter) is not { } field)
            {
                if (required)
                {
                    check.Problem($"{path}.parameters.{parameter}", ParametersRule, new LocalizedText(
                        $"支付单需要参数「{parameter}」：案件数据中的字段名。", $"A payment order needs \"{parameter}\": the data field that holds it."));
                }

                continue;
            }

            // The payee's kind may be stated literally ("worker": 第七十六条 pays the worker's own card) instead of read from a field.
            if (parameter == "payeeKind" && PayeeKind.Find(field) is not null && !check.Definition.Data.ContainsKey(field))
            {
                continue;
            }

            check.Field($"{path}.parameters.{parameter}", field, new LocalizedText($"支付单的 {parameter} 字段", $"The payment {parameter} field"));
            if (check.Definition.Data.TryGetValue(field, out var spec) && !types.Contains(spec.Type))
            {
                check.Problem($"{path}.parameters.{parameter}", ParametersRule, new LocalizedText(
                    $"支付单的 {parameter} 字段「{field}」是 {spec.Type}，应为 {string.Join(" 或 ", types)}。",
                    $"The payment {parameter} field \"{field}\" is a {spec.Type}; it must be a {string.Join(" or ", types)}."));
            }
        }
    }

    public void Run(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Parameters;
        var data = context.Progress.Data;
        if (p.TryGetValue("dueWhen", out var guard) && !Guards.Evaluate(guard, data, context.Definition.Data))
        {
            return;
        }

        string Field(string parameter) => $"data.{p[parameter]}";
        string? Text(string parameter) => p.TryGetValue(parameter, out var field) ? data.GetText(field) : null;

        var amountField = p["amount"];
        var amount = data.GetDecimal(amountField) ?? throw new DomainValidationException(Field("amount"), new LocalizedText(
            $"支付需要案件中的金额「{amountField}」，但案件中没有这项数据，未生成支付单。", $"The payment needs the amount {amountField}, which the case does not have."));
        var payeeKind = PayeeKind.Parse(
            PayeeKind.Find(p["payeeKind"]) is not null && !context.Definition.Data.ContainsKey(p["payeeKind"]) ? p["payeeKind"] : Text("payeeKind"), Field("payeeKind"));
        var accountKind = Text("accountKind") is { Length: > 0 } kindCode
            ? PaymentAccount.KindOf(kindCode) ?? throw new DomainValidationException(Field("accountKind"), new LocalizedText(
                "账户类别须为 social-security-card（社会保障卡）、bank-card（银行卡）或 bank-account（单位银行账户）。",
                "The account kind must be social-security-card, bank-card or bank-account."))
            : payeeKind.IsPerson ? AccountKind.SocialSecurityCard : AccountKind.BankAccount;
        var account = PaymentAccount.Parse(accountKind, Text("account"), Text("bank"), Field("account"), Field("bank"));
        Guid? injuryCase = null;
        if (p.ContainsKey("injuryCase") && Text("injuryCase") is { Length: > 0 } injuryText)
        {
            injuryCase = Guid.TryParse(injuryText, out var id) ? id : throw new DomainValidationException(Field("injuryCase"), new LocalizedText(
                $"「{injuryText}」不是已登记的工伤案件。", $"\"{injuryText}\" is no registered injury case."));
        }

        var benefit = BenefitKind.Parse(p["benefit"], "benefit");
        var payee = TextInput.Required(Text("payee"), Field("payee"), new LocalizedText("支付对象", "Payee"), PaymentOrder.PayeeMaxLength);
        amount = PaymentOrder.Fen(amount, Field("amount"), positive: true);
        var period = p.ContainsKey("period") ? PaymentOrder.Month(Text("period"), Field("period")) : null;
        var plan = new PaymentOrderPlan(Guid.CreateVersion7(context.Now), context.State, injuryCase, payee, payeeKind, account, amount, benefit, p["article"], period);
        context.Progress.Effects.Add(plan);

        // The journal keeps the account masked: it is hash-chained and read by auditors, and never changes (第一百二十条).
        var journal = new JsonObject
        {
            ["orderId"] = plan.Id.ToString(),
            ["amount"] = amount,
            ["benefit"] = benefit.Code,
            ["article"] = plan.Article,
            ["payee"] = payee,
            ["payeeKind"] = payeeKind.Code,
            ["account"] = account.Masked,
            ["bank"] = account.Bank,
        };
        if (injuryCase is { } ic)
        {
            journal["injuryCaseId"] = ic.ToString();
        }

        if (period is not null)
        {
            journal["period"] = period;
        }

        context.Progress.Journal.Add(new JournalPlan(AgencyJournalActions.PaymentOrdered, context.State, context.State, journal));
    }
}

/// <summary>Writes the orders the "payment-order" steps planned, in the command's unit of work: one order per plan.</summary>
public sealed class PaymentOrderWriter(CasesDb db) : IProgressEffectWriter
{
    public Task WriteAsync(ProgressEffects effects, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(effects);
        foreach (var plan in effects.Effects.OfType<PaymentOrderPlan>())
        {
            db.PaymentOrders.Add(PaymentOrder.Create(plan.Id, effects.Case.CityCode, effects.Case.Id, plan.Step, plan.InjuryCaseId, plan.Payee, plan.PayeeKind,
                plan.Account, plan.Amount, plan.Benefit, plan.Article, plan.Period, effects.Now, effects.Actor));
        }

        return Task.CompletedTask;
    }
}
