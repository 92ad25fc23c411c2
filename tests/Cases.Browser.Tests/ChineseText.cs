using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Cases.Browser.Tests;

/// <summary>
/// What an officer reads on a page, and the checks that it is the officer's language: no run of English words, no raw
/// code of a definition (an enum value, an outcome, a state key), money as ¥48,000.00 or 48,000.00 元, dates as
/// 2026年12月7日. Shared by the walk of every page (<see cref="ChineseEverywhereTests"/>) and the six procedures
/// (<see cref="SixProceduresTests"/>).
/// </summary>
public static partial class ChineseText
{
    // The visible text, without what the user typed or what is a code by nature.
    private const string VisibleTextScript = """
        () => {
          const body = document.body.cloneNode(true);
          body.querySelectorAll('script, style, code, kbd, samp, pre, textarea, input, select, [lang]:not([lang^="zh"]), [hidden], .visually-hidden, [aria-hidden="true"]')
              .forEach(e => e.remove());
          return body.textContent;
        }
        """;

    /// <summary>The page's visible text: not scripts, form fields, codes, hidden text or text marked as another language.</summary>
    public static Task<string> VisibleAsync(IPage page) => page.EvaluateAsync<string>(VisibleTextScript);

    /// <summary>The runs of two or more English words in <paramref name="text"/>; abbreviations in capitals are codes, not words.</summary>
    public static IEnumerable<string> EnglishRuns(string text) =>
        EnglishRun().Matches(text)
            .Select(m => m.Value.Trim())
            .Where(run => WordOf().Matches(run).Count(w => w.Value.Any(char.IsLower)) >= 2);

    /// <summary>The codes among <paramref name="codes"/> (a definition's enum values, outcomes, state keys) shown as words in <paramref name="text"/>.</summary>
    public static IEnumerable<string> RawCodes(string text, IEnumerable<string> codes) =>
        codes.Distinct(StringComparer.Ordinal).Where(code => Regex.IsMatch(text, $@"(?<![A-Za-z0-9._-]){Regex.Escape(code)}(?![A-Za-z0-9_-])"));

    /// <summary>
    /// Amounts not said as money: a decimal with more than two digits after the point (a raw decimal), or four or more
    /// digits before it without thousands separators (48000.00) — a sum of money is ¥48,000.00 or 48,000.00 元.
    /// </summary>
    public static IEnumerable<string> BareAmounts(string text) => BareAmount().Matches(text).Select(m => m.Value);

    /// <summary>Dates in the ISO form data holds (2026-12-07) instead of 2026年12月7日.</summary>
    public static IEnumerable<string> IsoDates(string text) => IsoDate().Matches(text).Select(m => m.Value);

    /// <summary>Amounts said as money (¥48,000.00 or 48,000.00 元).</summary>
    public static IEnumerable<string> Money(string text) => MoneyAmount().Matches(text).Select(m => m.Value);

    // A word of English (letters, with an inner apostrophe or hyphen), then more of them separated by spaces or light punctuation;
    // digits may stand between ("10 working days").
    [GeneratedRegex(@"[A-Za-z][A-Za-z'’]*(?:[-.][A-Za-z]+)*(?:[ ,:;/()0-9]+[A-Za-z][A-Za-z'’]*(?:[-.][A-Za-z]+)*)+")]
    private static partial Regex EnglishRun();

    // A word, not a code: no hyphen or dot inside (final-no-objection, officer.jinan are codes and user names).
    [GeneratedRegex(@"(?<![-.\w])[A-Za-z][a-z'’]+(?![-.\w])")]
    private static partial Regex WordOf();

    // Not inside a longer token (a case number, an invoice number, a version): digits, a point, digits.
    [GeneratedRegex(@"(?<![\w.,¥-])(?:\d+\.\d{3,}|\d{4,}\.\d+)(?![\w.%])")]
    private static partial Regex BareAmount();

    [GeneratedRegex(@"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"¥\d{1,3}(?:,\d{3})*\.\d{2}|\d{1,3}(?:,\d{3})*\.\d{2} ?元")]
    private static partial Regex MoneyAmount();
}
