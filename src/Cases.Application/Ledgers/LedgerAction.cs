using System.Globalization;
using System.Text.Json.Nodes;
using Cases.Workflows.Definitions;
using Cases.Workflows.Runtime;

namespace Cases.Application.Ledgers;

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

    /// <summary>
    /// Whether an entry records money the fund pays out (an advance of 第九十一、九十二条, a top-up of 第九十条), which its
    /// approver confirms with the amount in words; a repayment comes in and a write-off pays nothing.
    /// </summary>
    public static bool PaysOut(string ledger, string entry) =>
        (ledger, entry) is (AdvancePayment, "advanced") or (ThirdPartyMedical, "reimbursed");
}

/// <summary>
/// A ledger entry the progress posts (or, with <see cref="CheckOnly"/>, only checks): its items (e.g. invoice numbers)
/// may appear once per ledger and injury case, ever.
/// </summary>
public sealed record LedgerPlan(string Ledger, string Entry, string InjuryCaseId, decimal Amount, DateOnly OccurredOn, IReadOnlyList<string> Items, bool CheckOnly) : IProgressEffect;

/// <summary>
/// "ledger": posts an entry to a ledger in the command's transaction. Parameters: <c>ledger</c>, <c>entry</c>,
/// <c>amount</c>, <c>on</c> and <c>injuryCase</c> (data fields); optional <c>balance</c> (a decimal field kept as the
/// running balance: advanced adds, repaid and written-off subtract), <c>items</c> ("list.key": item keys that may be
/// paid once per injury case, e.g. "invoices.number") and <c>checkOnly</c> ("true": refuse already-paid items, post nothing).
/// </summary>
public sealed class LedgerAction : IWorkflowAction
{
    public string Name => "ledger";

    /// <summary>A posting pays (or records paying) money; a check of already-paid items pays nothing.</summary>
    public bool PostsPayment(IReadOnlyDictionary<string, string> parameters) =>
        parameters?.GetValueOrDefault("checkOnly") != "true";

    public void Check(ActionCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var (path, parameters) = (check.Path, check.Parameters);
        var ledger = parameters.GetValueOrDefault("ledger");
        if (ledger is null || !LedgerKinds.Entries.ContainsKey(ledger))
        {
            check.Problem($"{path}.parameters.ledger", DefinitionRules.LedgerParameters, $"\"{ledger}\" is not a ledger; known: {string.Join(", ", LedgerKinds.Entries.Keys)}.");
        }
        else if (parameters.GetValueOrDefault("entry") is not { } entry || !LedgerKinds.Entries[ledger].Contains(entry))
        {
            check.Problem($"{path}.parameters.entry", DefinitionRules.LedgerParameters, $"The {ledger} ledger records: {string.Join(", ", LedgerKinds.Entries[ledger])}.");
        }

        foreach (var (parameter, type) in new[] { ("amount", "decimal"), ("on", "date"), ("balance", "decimal"), ("injuryCase", "string") })
        {
            var field = parameters.GetValueOrDefault(parameter);
            if (field is null)
            {
                var checkOnly = parameters.GetValueOrDefault("checkOnly") == "true";
                if (parameter == "injuryCase" || (!checkOnly && parameter is "amount" or "on"))
                {
                    check.Problem($"{path}.parameters.{parameter}", DefinitionRules.LedgerParameters, $"A ledger entry needs \"{parameter}\": the data field of its {type}.");
                }

                continue;
            }

            check.Field($"{path}.parameters.{parameter}", field, $"The ledger {parameter} field");
            if (check.Definition.Data.TryGetValue(field, out var spec) && spec.Type != type)
            {
                check.Problem($"{path}.parameters.{parameter}", DefinitionRules.LedgerParameters, $"The ledger {parameter} field \"{field}\" is a {spec.Type}; it must be a {type}.");
            }
        }

        if (parameters.GetValueOrDefault("items") is { } items)
        {
            var parts = items.Split('.', 2);
            if (!check.Definition.Data.TryGetValue(parts[0], out var list) || list.Type != "list" || parts.Length < 2 || list.Fields?.ContainsKey(parts[1]) != true)
            {
                check.Problem($"{path}.parameters.items", DefinitionRules.LedgerParameters, $"\"{items}\" must name a list field and its key, e.g. \"invoices.number\".");
            }
        }
    }

    public void Run(ActionContext context)
    {
        var p = context.Parameters;
        var data = context.Progress.Data;
        var checkOnly = string.Equals(p.GetValueOrDefault("checkOnly"), "true", StringComparison.Ordinal);
        var amount = p.TryGetValue("amount", out var amountField) && data.GetDecimal(amountField) is { } value ? value
            : checkOnly ? 0m : throw Lacks(p.GetValueOrDefault("amount"));
        var on = p.TryGetValue("on", out var onField) && data.GetDate(onField) is { } date ? date
            : checkOnly ? default : throw Lacks(p.GetValueOrDefault("on"));
        var injuryCase = data.GetText(p["injuryCase"]) ?? throw Lacks(p["injuryCase"]);
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
                throw new DomainRuleException(new LocalizedText(
                    $"「{repeated.Key}」在「{parts[0]}」中出现了两次；同一项目只能申报一次（第九十条）。",
                    $"{repeated.Key} appears twice in {parts[0]}; each may be claimed once (第九十条)."));
            }
        }

        var entry = p["entry"];
        context.Progress.Effects.Add(new LedgerPlan(p["ledger"], entry, injuryCase, amount, on, items, checkOnly));
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
                throw new DomainRuleException(new LocalizedText(
                    string.Create(CultureInfo.InvariantCulture, $"金额 {amount:0.00} 超过了尚未结清的 {before:0.00}，未予记账。"),
                    string.Create(CultureInfo.InvariantCulture, $"{amount:0.00} is more than the outstanding {before:0.00}; nothing was posted.")));
            }

            data.Set(balanceField, JsonValue.Create(after));
            journal["balance"] = after;
        }

        context.Progress.Journal.Add(new JournalPlan(AgencyJournalActions.LedgerPosted, context.State, context.State, journal));
    }

    // A field the definition names for the entry is not in the case's data: nothing is posted.
    private static DomainRuleException Lacks(string? field) => new(new LocalizedText(
        $"记账需要案件中的「{field}」，但案件中没有这项数据，未予记账。",
        $"The ledger entry needs {field}, which the case does not have."));
}
