using System.Text;
using System.Text.RegularExpressions;

namespace Cases.Workflows.Definitions;

/// <summary>
/// Guards say "and", "or" and "not" as symbols (<c>&amp;&amp;</c>, <c>||</c>, <c>!</c>): NCalc reads both, but the designer
/// shows a branch's guard and a rule's condition as written, and English words on a Chinese page are what the
/// 规程's officers cannot read (the product's pages are Chinese: DESIGN.md). Words inside quotes ('…', "…"),
/// brackets ([…]) and dates (#…#) are values or names, not operators, and are left alone.
/// </summary>
internal static partial class GuardWordsCheck
{
    private static readonly Dictionary<string, string> Symbols = new(StringComparer.OrdinalIgnoreCase)
    {
        ["and"] = "&&",
        ["or"] = "||",
        ["not"] = "!",
    };

    public static void Check(CheckContext c, string path, string guard)
    {
        if (Problem(guard) is { } message)
        {
            c.Add(path, DefinitionRules.GuardWords, message.Zh, message.En);
        }
    }

    /// <summary>What is wrong with a guard's words, or null when it writes its operators as symbols.</summary>
    internal static LocalizedText? Problem(string guard)
    {
        var words = Words(guard);
        if (words.Count == 0)
        {
            return null;
        }

        var zh = string.Join("、", words.Select(w => $"“{w}”改为“{Symbols[w]}”"));
        var en = string.Join(", ", words.Select(w => $"\"{w}\" as \"{Symbols[w]}\""));
        return new LocalizedText(
            $"条件“{guard}”用了英文运算词，设计器页面会原样显示：请把{zh}。",
            $"The guard \"{guard}\" uses English operator words, which the designer's pages show as written: write {en}.");
    }

    /// <summary>The operator words of a guard (each once, as written, in order), outside quotes, brackets and dates.</summary>
    internal static List<string> Words(string guard)
    {
        var bare = new StringBuilder(guard.Length);
        char? closing = null;
        foreach (var ch in guard)
        {
            if (closing is { } end)
            {
                if (ch == end)
                {
                    closing = null;
                }

                bare.Append(' ');
                continue;
            }

            closing = ch switch { '\'' => '\'', '"' => '"', '[' => ']', '#' => '#', _ => null };
            bare.Append(closing is null ? ch : ' ');
        }

        return Word().Matches(bare.ToString())
            .Select(m => m.Value)
            .Where(Symbols.ContainsKey)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    [GeneratedRegex(@"(?<![\w.])[A-Za-z_]\w*")]
    private static partial Regex Word();
}
