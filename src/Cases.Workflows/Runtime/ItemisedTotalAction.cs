using System.Globalization;

namespace Cases.Workflows.Runtime;

/// <summary>
/// "itemised-total": totals an itemised claim (a list field whose items have a kind and an amount) into a decimal field,
/// refusing the whole step (422, nothing saved) when an item is of a kind the definition does not pay here — e.g. an
/// advance (规程 第九十三条) pays under 第九十一条 only the benefits the fund itself pays, under 第九十二条 only the
/// medical costs. Amounts are added as decimals, never rounded. Parameters: <c>items</c> (the list field), <c>kind</c>
/// and <c>amount</c> (the item's enum and decimal fields), <c>total</c> (the decimal field set), <c>payable</c> (an NCalc
/// guard over case data and the item's fields, true when the item may be paid) and <c>refusedZh</c> / <c>refusedEn</c>,
/// the refusal, where {item} is the item's kind as labelled in that language and {row} its row number.
/// </summary>
public sealed class ItemisedTotalAction : IWorkflowAction
{
    public string Name => "itemised-total";

    public void Check(ActionCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var path = check.Path + ".parameters";
        var items = check.Parameters.GetValueOrDefault("items");
        check.Field($"{path}.items", items, "The itemised-total list field");
        var list = items is null ? null : check.Definition.Data.GetValueOrDefault(items);
        if (list is not null && list.Type != "list")
        {
            check.Problem($"{path}.items", DefinitionRules.UndeclaredField, $"\"{items}\" is a {list.Type} field, not a list.");
        }

        foreach (var (member, type) in new[] { ("kind", "enum"), ("amount", "decimal") })
        {
            var name = check.Parameters.GetValueOrDefault(member);
            if (list?.Fields is { } fields && (name is null || !fields.TryGetValue(name, out var inner) || inner.Type != type))
            {
                check.Problem($"{path}.{member}", DefinitionRules.UndeclaredField, $"The item field \"{name}\" must be a {type} field of each item of \"{items}\".");
            }
        }

        var total = check.Parameters.GetValueOrDefault("total");
        check.Field($"{path}.total", total, "The itemised-total total field");
        if (total is not null && check.Definition.Data.TryGetValue(total, out var totalSpec) && totalSpec.Type != "decimal")
        {
            check.Problem($"{path}.total", DefinitionRules.UndeclaredField, $"\"{total}\" is a {totalSpec.Type} field, not a decimal.");
        }

        foreach (var member in new[] { "payable", "refusedZh", "refusedEn" })
        {
            if (string.IsNullOrWhiteSpace(check.Parameters.GetValueOrDefault(member)))
            {
                check.Problem($"{path}.{member}", DefinitionRules.UndeclaredField, $"The itemised-total parameter {member} is required.");
            }
        }

        if (check.Parameters.GetValueOrDefault("payable") is { Length: > 0 } payable && new NCalc.Expression(payable).HasErrors())
        {
            check.Problem($"{path}.payable", DefinitionRules.GuardSyntax, $"The guard \"{payable}\" is not a well-formed expression.");
        }
        else if (check.Parameters.GetValueOrDefault("payable") is { Length: > 0 } guard && GuardWordsCheck.Problem(guard) is { } words)
        {
            check.Problem($"{path}.payable", DefinitionRules.GuardWords, words);
        }
    }

    public void Run(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Parameters;
        var list = context.Definition.Data[p["items"]];
        var kindSpec = list.Fields![p["kind"]];
        var items = context.Progress.Data[p["items"]] as JsonArray ?? [];
        if (items.Count == 0)
        {
            var label = list.Label ?? new LocalizedText(p["items"], p["items"]);
            throw new DomainRuleException(new LocalizedText($"「{label.Zh}」须至少列明一项。", $"{label.En}: list at least one item."));
        }

        var total = 0m;
        for (var i = 0; i < items.Count; i++)
        {
            var item = (JsonObject)items[i]!;
            var kind = item[p["kind"]]?.GetValue<string>() ?? "";
            var amount = item[p["amount"]]?.GetValue<decimal>() ?? 0m;
            var extra = new Dictionary<string, object?>(StringComparer.Ordinal) { [p["kind"]] = kind, [p["amount"]] = amount };
            if (!Guards.Evaluate(p["payable"], context.Progress.Data, context.Definition.Data, extra))
            {
                var label = kindSpec.Labels?.GetValueOrDefault(kind) ?? new LocalizedText(kind, kind);
                var row = (i + 1).ToString(CultureInfo.InvariantCulture);
                throw new DomainRuleException(new LocalizedText(
                    p["refusedZh"].Replace("{item}", label.Zh, StringComparison.Ordinal).Replace("{row}", row, StringComparison.Ordinal),
                    p["refusedEn"].Replace("{item}", label.En, StringComparison.Ordinal).Replace("{row}", row, StringComparison.Ordinal)));
            }

            total += amount;
        }

        context.Progress.Data.Set(p["total"], JsonValue.Create(total));
        context.Progress.Journal.Add(new JournalPlan(JournalActions.Recorded, context.State, context.State, new JsonObject
        {
            ["what"] = "itemised-total",
            [p["total"]] = total,
            ["items"] = items.Count,
        }));
    }
}
