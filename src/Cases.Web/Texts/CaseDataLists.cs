using System.Text.Json.Nodes;
using Cases.Workflows.Definitions;

namespace Cases.Web.Texts;

/// <summary>
/// How a list of the case data reads as a table (Views/Shared/_CaseData.cshtml), for any procedure: one column an item
/// field, a text in the reader's language, money right-aligned as ¥1,234.56, and a row whose amount was refused marked
/// so (a reimbursement's item-by-item decisions, 规程 第六十九条、第七十条).
/// </summary>
public static class CaseDataLists
{
    /// <summary>How much of a row was refused: none, part of it, or the whole.</summary>
    public enum Refusal
    {
        None,
        Part,
        Whole,
    }

    /// <summary>
    /// The columns of a list's table: its item fields, but not a text's English twin (<c>reasonEn</c> beside
    /// <c>reason</c>: the reader's language chooses which one the column shows) nor a text's machine key
    /// (<c>reasonCode</c> beside <c>reason</c>: the words say it).
    /// </summary>
    public static IReadOnlyList<(string Name, FieldSpec Spec)> Columns(Dictionary<string, FieldSpec>? fields) =>
        fields is null ? [] : [.. fields.Where(f => !IsTwin(f.Key, fields)).Select(f => (f.Key, f.Value))];

    private static bool IsTwin(string name, Dictionary<string, FieldSpec> fields) =>
        (name.Length > 2 && name.EndsWith("En", StringComparison.Ordinal) && fields.ContainsKey(name[..^2]))
        || (name.Length > 4 && name.EndsWith("Code", StringComparison.Ordinal) && fields.ContainsKey(name[..^4]));

    /// <summary>An item's value for a column, in the reader's language: in English its English twin where the item has one.</summary>
    public static JsonNode? Value(JsonObject item, string name)
    {
        ArgumentNullException.ThrowIfNull(item);
        return WorkflowText.English && item[name + "En"] is JsonValue en && en.TryGetValue<string>(out var text) && text.Length > 0 ? en : item[name];
    }

    /// <summary>A column of money (a decimal that is neither a rate nor a quantity): right-aligned, as ¥1,234.56.</summary>
    public static bool IsMoney(string name, FieldSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Type == "decimal" && !WorkflowText.IsRate(name, spec) && !WorkflowText.IsQuantity(name, spec);
    }

    /// <summary>A cell's layout: money right-aligned, money and dates on one line (the other columns wrap).</summary>
    public static string? CellClass(string name, FieldSpec spec) =>
        IsMoney(name, spec) ? "text-end text-nowrap" : spec?.Type is "date" or "month" ? "text-nowrap" : null;

    /// <summary>
    /// Whether a row was refused: its decimal <c>refused</c> is above zero — the whole of it when its <c>paid</c> (if the
    /// item has one) is zero, else a part (a 乙 item's share, an amount over the price cap).
    /// </summary>
    public static Refusal Refused(JsonObject item, Dictionary<string, FieldSpec>? fields)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (fields?.GetValueOrDefault("refused")?.Type != "decimal" || Amount(item["refused"]) is not > 0m)
        {
            return Refusal.None;
        }

        return Amount(item["paid"]) is > 0m ? Refusal.Part : Refusal.Whole;
    }

    private static decimal? Amount(JsonNode? node) => node is JsonValue v && v.TryGetValue<decimal>(out var amount) ? amount : null;
}
