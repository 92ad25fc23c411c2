using System.Globalization;
using System.Text;

namespace Cases.Domain.Texts;

/// <summary>
/// An amount of money in words, as a payment order and its approval state it beside the figures so that a slip of a
/// digit shows: in Chinese capitals (中文大写金额, the rules of the People's Bank's 《支付结算办法》 附件一
/// 《正确填写票据和结算凭证的基本规定》) and in plain English words.
/// </summary>
/// <remarks>
/// The Chinese follows the rules where they are fixed and, where they leave a choice, takes one and keeps to it:
/// <list type="bullet">
/// <item>整 after 元 when there are no 角 and 分, and after 角 when there are no 分 (allowed there); never after 分;</item>
/// <item>one 零 for each run of zeros between non-zero digits of the yuan, across a 万 or 亿 too (壹仟零壹拾元整,
/// 壹亿零壹元整, 壹拾万零柒仟元整), and 零 before 分 when 角 is zero (壹万元零壹分); no 零 between 元 and 角
/// (壹仟陆佰捌拾元叁角贰分), which the rules leave to the writer;</item>
/// <item>壹拾 for a leading ten (壹拾元整, 壹拾万元整), as the rules require, never a bare 拾;</item>
/// <item>groups of four digits under 万 and 亿, up to 9,999,999,999,999,999.99 (玖仟…万亿).</item>
/// </list>
/// A negative amount, or one with a part of a fen, has no words: it is refused.
/// </remarks>
public static class AmountInWords
{
    /// <summary>The largest amount said in words: just under 1 亿亿.</summary>
    public const decimal Max = 9_999_999_999_999_999.99m;

    private const string Digits = "零壹贰叁肆伍陆柒捌玖";
    private static readonly string[] Places = ["", "拾", "佰", "仟"];

    private static readonly string[] Ones =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    private static readonly string[] Scales = ["", " thousand", " million", " billion", " trillion", " quadrillion"];

    /// <summary>The amount in Chinese capitals: 13,250.40 → 壹万叁仟贰佰伍拾元肆角整; 0.05 → 伍分; 0 → 零元整.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, above <see cref="Max"/>, or with a part of a fen.</exception>
    public static string Chinese(decimal amount)
    {
        var (yuan, jiao, fen) = Split(amount);
        var text = new StringBuilder();
        if (yuan > 0)
        {
            Yuan(yuan, text);
            text.Append('元');
        }

        if (jiao > 0)
        {
            text.Append(Digits[jiao]).Append('角');
        }

        if (fen > 0)
        {
            if (jiao == 0 && yuan > 0)
            {
                text.Append('零');
            }

            text.Append(Digits[fen]).Append('分');
        }

        if (text.Length == 0)
        {
            return "零元整";
        }

        return fen == 0 ? text.Append('整').ToString() : text.ToString();
    }

    /// <summary>The amount in English words: 13,250.40 → "thirteen thousand two hundred fifty yuan and 40 fen"; 0.05 → "5 fen".</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, above <see cref="Max"/>, or with a part of a fen.</exception>
    public static string English(decimal amount)
    {
        var (yuan, jiao, fen) = Split(amount);
        var cents = (jiao * 10) + fen;
        if (yuan == 0)
        {
            return cents == 0 ? "zero yuan" : string.Create(CultureInfo.InvariantCulture, $"{cents} fen");
        }

        var words = Words(yuan) + " yuan";
        return cents == 0 ? words : string.Create(CultureInfo.InvariantCulture, $"{words} and {cents} fen");
    }

    private static (long Yuan, int Jiao, int Fen) Split(decimal amount)
    {
        if (amount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "A negative amount is not written in words: say what is paid and what is refunded separately.");
        }

        if (amount > Max)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, $"Amounts above {Max} are not written in words.");
        }

        var fen = amount * 100;
        if (fen != decimal.Truncate(fen))
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "An amount of money is written to the fen (two decimals).");
        }

        var total = (long)fen;
        return (total / 100, (int)(total / 10 % 10), (int)(total % 10));
    }

    // The yuan, most significant group first: a group's zeros before a non-zero digit become one 零, also when they run
    // on from the group before; an all-zero group says no unit (壹亿零壹元, not 壹亿零万零壹元).
    private static void Yuan(long yuan, StringBuilder text)
    {
        var digits = yuan.ToString(CultureInfo.InvariantCulture);
        var zeros = false;
        var groupHasDigit = false;
        for (var i = 0; i < digits.Length; i++)
        {
            var place = digits.Length - 1 - i;
            var digit = digits[i] - '0';
            if (digit == 0)
            {
                zeros = text.Length > 0;
            }
            else
            {
                if (zeros)
                {
                    text.Append('零');
                    zeros = false;
                }

                text.Append(Digits[digit]).Append(Places[place % 4]);
                groupHasDigit = true;
            }

            if (place % 4 == 0 && place > 0)
            {
                if (groupHasDigit)
                {
                    // The group above 亿 is counted in 万亿: it says 亿 itself when the 亿 group is all zeros (壹万亿元整),
                    // and leaves it to that group otherwise (壹万贰仟亿元整).
                    text.Append(place / 4 == 2 ? "亿" : "万");
                    if (place / 4 == 3 && digits[^12..^8] == "0000")
                    {
                        text.Append('亿');
                    }
                }

                groupHasDigit = false;
            }
        }
    }

    // Three-digit groups with thousand, million …: 13250 → "thirteen thousand two hundred fifty".
    private static string Words(long number)
    {
        var groups = new List<string>();
        for (var scale = 0; number > 0; scale++, number /= 1000)
        {
            if (number % 1000 is var group and > 0)
            {
                groups.Insert(0, Hundreds((int)group) + Scales[scale]);
            }
        }

        return string.Join(' ', groups);
    }

    private static string Hundreds(int number)
    {
        var parts = new List<string>();
        if (number >= 100)
        {
            parts.Add(Ones[number / 100] + " hundred");
            number %= 100;
        }

        if (number >= 20)
        {
            parts.Add(number % 10 == 0 ? Tens[number / 10] : $"{Tens[number / 10]}-{Ones[number % 10]}");
        }
        else if (number > 0)
        {
            parts.Add(Ones[number]);
        }

        return string.Join(' ', parts);
    }
}
