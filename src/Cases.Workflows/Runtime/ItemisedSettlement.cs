using System.Globalization;

namespace Cases.Workflows.Runtime;

/// <summary>
/// "settle-items": settles claimed costs item by item — each item of a list field with its <c>type</c> (an enum),
/// <c>date</c>, <c>amount</c>, the officer's <c>decision</c> ("approved" or "refused") and, for a refusal, its
/// <c>reason</c> — and stores the approved total of each type in an object field. Only costs that arose inside a
/// window of two date fields may be approved: 规程 第三十八条 pays what the referral produced 经…备案后, and the filing
/// is valid for one round trip, so the window runs from the filing to the return. Parameters: <c>items</c> (the list),
/// <c>from</c> and <c>to</c> (the window's date fields), <c>totals</c> (an object field with a decimal member per type,
/// and optionally <c>total</c>) and <c>basis</c> (the article the window comes from, named in a refusal).
/// </summary>
public sealed class ItemisedSettlementAction : IWorkflowAction
{
    public const string Approved = "approved";
    public const string Refused = "refused";

    public string Name => "settle-items";

    public void Check(ActionCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var data = check.Definition.Data;
        foreach (var parameter in new[] { "items", "from", "to", "totals" })
        {
            check.Field($"{check.Path}.parameters.{parameter}", check.Parameters.GetValueOrDefault(parameter), $"The settle-items parameter {parameter}");
        }

        if (check.Parameters.GetValueOrDefault("items") is { } items && data.TryGetValue(items, out var list))
        {
            var members = list.Fields ?? [];
            if (list.Type != "list" || members.GetValueOrDefault("type")?.Type != "enum" || members.GetValueOrDefault("date")?.Type != "date"
                || members.GetValueOrDefault("amount")?.Type != "decimal" || members.GetValueOrDefault("decision")?.Values is not { } decisions
                || !decisions.Contains(Approved) || !decisions.Contains(Refused) || members.GetValueOrDefault("reason") is null)
            {
                check.Problem($"{check.Path}.parameters.items", DefinitionRules.UndeclaredField,
                    $"\"{items}\" must be a list whose items have type (enum), date, amount (decimal), decision (approved, refused) and reason.");
            }
            else if (check.Parameters.GetValueOrDefault("totals") is { } totals && data.TryGetValue(totals, out var sums)
                && members["type"].Values!.FirstOrDefault(v => sums.Fields?.GetValueOrDefault(v)?.Type != "decimal") is { } missing)
            {
                check.Problem($"{check.Path}.parameters.totals", DefinitionRules.UndeclaredField, $"\"{totals}\" needs a decimal member for the type \"{missing}\".");
            }
        }
    }

    public void Run(ActionContext context)
    {
        var p = context.Parameters;
        var data = context.Progress.Data;
        var listSpec = context.Definition.Data[p["items"]];
        var typeSpec = listSpec.Fields!["type"];
        var from = data.GetDate(p["from"]);
        var to = data.GetDate(p["to"]);
        var basis = p.GetValueOrDefault("basis", "");
        var totals = (typeSpec.Values ?? []).ToDictionary(v => v, _ => 0m, StringComparer.Ordinal);
        var settled = new JsonArray();
        var items = data[p["items"]] as JsonArray ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i] as JsonObject ?? [];
            var field = $"data.{p["items"]}[{i}]";
            var type = item["type"]?.GetValue<string>() ?? "";
            var date = DateOnly.ParseExact(item["date"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var amount = item["amount"]!.GetValue<decimal>();
            var label = typeSpec.Labels?.GetValueOrDefault(type) ?? new LocalizedText(type, type);
            var row = new LocalizedText(
                $"「{listSpec.Label?.Zh ?? p["items"]}」第 {i + 1} 行（{label.Zh}，{FieldBounds.Said(date).Zh}，{Money(amount)}）",
                $"{listSpec.Label?.En ?? p["items"]}, row {i + 1} ({label.En}, {FieldBounds.Said(date).En}, {Money(amount)})");
            var decision = item["decision"]?.GetValue<string>();
            if (decision is null)
            {
                throw new DomainValidationException($"{field}.decision", new LocalizedText($"{row.Zh}须逐项选择核准或不予支付。", $"{row.En}: approve or refuse each item."));
            }

            if (decision == Approved && ((from is { } first && date < first) || (to is { } last && date > last)))
            {
                var (zh, en) = from is { } f && date < f
                    ? ($"发生在备案（{FieldBounds.Said(f).Zh}）之前", $"arose before the filing ({FieldBounds.Said(f).En})")
                    : ($"发生在返回（{FieldBounds.Said(to!.Value).Zh}）之后", $"arose after the return ({FieldBounds.Said(to!.Value).En})");
                throw new DomainValidationException($"{field}.decision", new LocalizedText(
                    $"{row.Zh}{zh}，不能核准：{basis}只支付经备案后本次往返中产生的费用，请选择不予支付并写明理由。",
                    $"{row.En} {en}: it cannot be approved; {basis} pays only what arose after the filing during this one round trip. Refuse it with a reason."));
            }

            if (decision == Refused && string.IsNullOrWhiteSpace(item["reason"]?.GetValue<string>()))
            {
                throw new DomainValidationException($"{field}.reason", new LocalizedText($"{row.Zh}不予支付的，须写明理由。", $"{row.En}: a refused item needs its reason."));
            }

            if (decision == Approved)
            {
                totals[type] = totals.GetValueOrDefault(type) + amount;
            }

            settled.Add(new JsonObject { ["row"] = i + 1, ["type"] = type, ["date"] = Clocks.Format(date), ["amount"] = amount, ["decision"] = decision, ["reason"] = item["reason"]?.DeepClone() });
        }

        var sums = new JsonObject();
        foreach (var (type, sum) in totals)
        {
            sums[type] = sum;
        }

        if (context.Definition.Data[p["totals"]].Fields?.ContainsKey("total") == true)
        {
            sums["total"] = totals.Values.Sum();
        }

        data.Set(p["totals"], sums);
        context.Progress.Journal.Add(new JournalPlan(JournalActions.Recorded, context.State, context.State, new JsonObject
        {
            ["what"] = Name, ["basis"] = basis, ["items"] = settled, [p["totals"]] = sums.DeepClone(),
        }));
    }

    private static string Money(decimal amount) => "¥" + amount.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
