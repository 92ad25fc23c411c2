using System.Globalization;
using System.Text.Json.Nodes;
using Cases.Domain;

namespace Cases.Workflows.Runtime;

/// <summary>
/// The ledgers the procedures keep: the advance-payment ledger of 规程 第九十三条 (先行支付台账: advanced, repaid,
/// written off) and the third-party medical ledger of 第九十条 (工伤医疗费用不得重复享受: what was reimbursed,
/// and which invoices, per injury case).
/// </summary>
public static class LedgerKinds
{
    public const string AdvancePayment = "advance-payment";
    public const string ThirdPartyMedical = "third-party-medical";

    /// <summary>Each ledger and the entries it records.</summary>
    public static IReadOnlyDictionary<string, string[]> Entries { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [AdvancePayment] = ["advanced", "repaid", "written-off"],
        [ThirdPartyMedical] = ["reimbursed"],
    };
}

/// <summary>
/// A ledger entry the progress posts (or, with <see cref="CheckOnly"/>, only checks): its items (e.g. invoice numbers)
/// may appear once per ledger and injury case, ever.
/// </summary>
public sealed record LedgerPlan(string Ledger, string Entry, string InjuryCaseId, decimal Amount, DateOnly OccurredOn, IReadOnlyList<string> Items, bool CheckOnly);

/// <summary>
/// "ledger": posts an entry to a ledger in the command's transaction. Parameters: <c>ledger</c>, <c>entry</c>,
/// <c>amount</c>, <c>on</c> and <c>injuryCase</c> (data fields); optional <c>balance</c> (a decimal field kept as the
/// running balance: advanced adds, repaid and written-off subtract), <c>items</c> ("list.key": item keys that may be
/// paid once per injury case, e.g. "invoices.number") and <c>checkOnly</c> ("true": refuse already-paid items, post nothing).
/// </summary>
public sealed class LedgerAction : IWorkflowAction
{
    public string Name => "ledger";

    public void Run(ActionContext context)
    {
        var p = context.Parameters;
        var data = context.Progress.Data;
        var checkOnly = string.Equals(p.GetValueOrDefault("checkOnly"), "true", StringComparison.Ordinal);
        var amount = p.TryGetValue("amount", out var amountField) && data.GetDecimal(amountField) is { } value ? value
            : checkOnly ? 0m : throw new DomainRuleException($"The ledger entry needs {p.GetValueOrDefault("amount")}, which the case does not have.");
        var on = p.TryGetValue("on", out var onField) && data.GetDate(onField) is { } date ? date
            : checkOnly ? default : throw new DomainRuleException($"The ledger entry needs {p.GetValueOrDefault("on")}, which the case does not have.");
        var injuryCase = data.GetText(p["injuryCase"]) ?? throw new DomainRuleException($"The ledger entry needs {p["injuryCase"]}, which the case does not have.");
        var items = new List<string>();
        if (p.GetValueOrDefault("items") is { } itemsPath)
        {
            var parts = itemsPath.Split('.', 2);
            foreach (var item in data[parts[0]] as JsonArray ?? [])
            {
                if ((item as JsonObject)?[parts[1]]?.GetValue<string>() is { Length: > 0 } key)
                {
                    items.Add(key.Trim());
                }
            }

            var repeated = items.GroupBy(i => i, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (repeated is not null)
            {
                throw new DomainRuleException($"{repeated.Key} appears twice in {parts[0]}; each may be claimed once (第九十条).");
            }
        }

        var entry = p["entry"];
        context.Progress.Ledger.Add(new LedgerPlan(p["ledger"], entry, injuryCase, amount, on, items, checkOnly));
        if (checkOnly)
        {
            return;
        }

        var journal = new JsonObject { ["ledger"] = p["ledger"], ["entry"] = entry, ["amount"] = amount, ["on"] = Clocks.Format(on), ["injuryCaseId"] = injuryCase };
        if (items.Count > 0)
        {
            journal["items"] = new JsonArray(items.Select(i => (JsonNode)JsonValue.Create(i)).ToArray());
        }

        if (p.GetValueOrDefault("balance") is { } balanceField)
        {
            var before = data.GetDecimal(balanceField) ?? 0m;
            var after = entry == "advanced" ? before + amount : before - amount;
            if (after < 0)
            {
                throw new DomainRuleException(string.Create(CultureInfo.InvariantCulture, $"{amount:0.00} is more than the outstanding {before:0.00}; nothing was posted."));
            }

            data.Set(balanceField, JsonValue.Create(after));
            journal["balance"] = after;
        }

        context.Progress.Journal.Add(new JournalPlan("ledger-posted", context.State, context.State, journal));
    }
}
