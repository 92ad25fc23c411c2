using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Cases.Domain.Calendar;

/// <summary>
/// Reads the State Council's yearly holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知) as an administrator pastes
/// it, into the year's holidays and make-up working days. The year comes from the title; each numbered item
/// ("二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。")
/// gives its holiday days and the weekend days worked in exchange, all named after the item. Prose around the items
/// (greeting, preamble, closing, signature) is skipped. Anything in an item that is not fully understood, and any
/// inconsistency the text itself lets us see (a weekday remark that is not the date's weekday, "共N天" that is not
/// the range's length, a make-up day that is not a weekend day, a day listed twice, a date outside the notice's year),
/// refuses the whole text, naming each line: a half-read notice would move statutory deadlines silently.
/// </summary>
public static partial class HolidayNoticeParser
{
    private const int ExcerptLength = 60;

    // One date as the notices write it: an optional year, the month (which a range's end or a later make-up day may
    // leave out, meaning the previous date's month), the day, and an optional bracketed remark (weekday, lunar date).
    private const string DatePattern = "(?:(?:[0-9]{4}年)?[0-9]{1,2}月)?[0-9]{1,2}日(?:（[^（）]*）)?";

    /// <summary>Reads a pasted notice; throws <see cref="HolidayNoticeException"/> listing every problem found.</summary>
    public static ParsedHolidayNotice Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = LineBreak().Split(text);
        if (lines.All(line => Normalize(line).Length == 0))
        {
            throw new HolidayNoticeException([new NoticeProblem(1, string.Empty, "粘贴的内容是空的，请粘贴通知全文。", "The pasted text is empty; paste the whole notice.")]);
        }

        return new Reader(lines).Read();
    }

    /// <summary>
    /// The line as the regular expressions see it: no whitespace at all (Chinese needs none, and pasted text brings
    /// stray spaces, tabs and U+3000), half-width brackets and punctuation made full-width as the notices print them,
    /// and full-width digits made ASCII.
    /// </summary>
    private static string Normalize(string line)
    {
        var builder = new StringBuilder(line.Length);
        foreach (var c in line)
        {
            if (char.IsWhiteSpace(c) || c is '\uFEFF' or '\u200B')
            {
                continue;
            }

            builder.Append(c switch
            {
                '(' => '（',
                ')' => '）',
                ':' => '：',
                ',' => '，',
                ';' => '；',
                >= '０' and <= '９' => (char)('0' + (c - '０')),
                _ => c,
            });
        }

        return builder.ToString();
    }

    private static string Excerpt(string line)
    {
        var trimmed = line.Trim().Trim('\uFEFF', '\u200B');
        if (trimmed.Length <= ExcerptLength)
        {
            return trimmed;
        }

        var cut = ExcerptLength - 1;
        if (char.IsHighSurrogate(trimmed[cut - 1]))
        {
            cut--;
        }

        return string.Concat(trimmed.AsSpan(0, cut), "…");
    }

    private static int Number(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>An item's number: 一 … 九十九 as the notices write it, or ASCII digits.</summary>
    private static int? ItemNumber(string text)
    {
        const string Digits = "一二三四五六七八九";
        if (text.All(char.IsAsciiDigit))
        {
            return Number(text);
        }

        var ten = text.IndexOf('十', StringComparison.Ordinal);
        if (ten < 0)
        {
            return text.Length == 1 ? Digits.IndexOf(text[0], StringComparison.Ordinal) + 1 : null;
        }

        var before = text[..ten];
        var after = text[(ten + 1)..];
        int? tens = before.Length switch
        {
            0 => 1,
            1 when Digits.Contains(before[0], StringComparison.Ordinal) => Digits.IndexOf(before[0], StringComparison.Ordinal) + 1,
            _ => null,
        };
        int? ones = after.Length switch
        {
            0 => 0,
            1 when Digits.Contains(after[0], StringComparison.Ordinal) => Digits.IndexOf(after[0], StringComparison.Ordinal) + 1,
            _ => null,
        };
        return tens * 10 + ones;
    }

    private static string ZhWeekday(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => "星期一",
        DayOfWeek.Tuesday => "星期二",
        DayOfWeek.Wednesday => "星期三",
        DayOfWeek.Thursday => "星期四",
        DayOfWeek.Friday => "星期五",
        DayOfWeek.Saturday => "星期六",
        _ => "星期日",
    };

    private static string Zh(DateOnly date) => string.Create(CultureInfo.InvariantCulture, $"{date.Month}月{date.Day}日");

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\r\n|[\r\n\u0085\u2028\u2029]")]
    private static partial Regex LineBreak();

    [GeneratedRegex("(?:国务院办公厅)?关于(?<year>[1-9][0-9]{3})年部分节假日安排的通知")]
    private static partial Regex Title();

    // The date the notice was issued, alone on its line under the signature.
    [GeneratedRegex("^(?<y>[0-9]{4})年(?<m>[0-9]{1,2})月(?<d>[0-9]{1,2})日$")]
    private static partial Regex IssuedDate();

    [GeneratedRegex("^(?<no>[一二三四五六七八九十]+|[0-9]{1,3})[、.．](?<rest>.*)$")]
    private static partial Regex ItemLine();

    [GeneratedRegex("^(?<name>[^：0-9（）]+)：(?<body>.*)$")]
    private static partial Regex NameAndBody();

    // A line that goes on with the item above it (pasted text sometimes breaks an item after its first sentence).
    [GeneratedRegex("^(?:[0-9]{4}年)?[0-9]{1,2}月[0-9]{1,2}日")]
    private static partial Regex StartsWithDate();

    [GeneratedRegex("^(?<from>" + DatePattern + ")(?:至(?<to>" + DatePattern + "))?放假(?:调休)?(?:(?<days>[0-9]{1,3})天)?(?<tail>(?:，[^，]*)*)$")]
    private static partial Regex HolidaySentence();

    [GeneratedRegex("^(?<dates>" + DatePattern + "(?:、" + DatePattern + ")*)上班$")]
    private static partial Regex MakeUpSentence();

    [GeneratedRegex("(?:^|、)(?<date>" + DatePattern + ")")]
    private static partial Regex MakeUpDate();

    [GeneratedRegex("^(?:(?:(?<y>[0-9]{4})年)?(?<m>[0-9]{1,2})月)?(?<d>[0-9]{1,2})日(?:（(?<remark>[^（）]*)）)?$")]
    private static partial Regex DateParts();

    [GeneratedRegex("^共(?<days>[0-9]{1,3})天$")]
    private static partial Regex DayCount();

    [GeneratedRegex("^(?:周|星期|礼拜)(?<day>[一二三四五六日天])$")]
    private static partial Regex WeekdayRemark();

    // Lunar remarks ("农历腊月二十八", "农历除夕", "正月初七") are not checked: the domain has no lunar calendar, and
    // the weekday remark beside them already catches a mistyped date.
    [GeneratedRegex("^(?:农历.+|除夕|小年|[正腊冬一二三四五六七八九十]{1,2}月(?:初[一二三四五六七八九十]|十[一二三四五六七八九]|二十[一二三四五六七八九]?|廿[一二三四五六七八九]|三十))$")]
    private static partial Regex LunarRemark();

    private sealed class Item(string name, int line, bool readable)
    {
        public string Name { get; } = name;

        public int Line { get; } = line;

        public bool Readable { get; } = readable;

        public bool HasHolidays { get; set; }

        // A sentence of the item could not be read: that problem is reported, and it may be the missing holiday.
        public bool HasUnreadable { get; set; }
    }

    /// <summary>One pass over one pasted text, collecting every problem rather than stopping at the first.</summary>
    private sealed class Reader
    {
        private readonly string[] _raw;
        private readonly string[] _lines;
        private readonly List<NoticeProblem> _problems = [];
        private readonly List<Item> _items = [];
        private readonly List<CalendarEntry> _entries = [];
        private readonly Dictionary<DateOnly, int> _listedOn = [];
        private int? _year;
        private int _lastItemNumber;

        public Reader(string[] raw)
        {
            _raw = raw;
            _lines = [.. raw.Select(Normalize)];
        }

        public ParsedHolidayNotice Read()
        {
            // The title first: every date in the items needs its year, wherever the title stands.
            var (title, titleIndex) = ReadTitle();

            DateOnly? issuedOn = null;
            Item? current = null;
            for (var i = 0; i < _lines.Length; i++)
            {
                var line = _lines[i];
                if (line.Length == 0 || Title().IsMatch(line))
                {
                    continue;
                }

                if (IssuedDate().Match(line) is { Success: true } issued)
                {
                    issuedOn = ReadIssuedOn(issued, i) ?? issuedOn;
                    continue;
                }

                if (ItemLine().Match(line) is { Success: true } item)
                {
                    current = StartItem(item, i);
                    continue;
                }

                if (current is not null && StartsWithDate().IsMatch(line))
                {
                    ReadSentences(current, line, i);
                }

                // Anything else is prose: the greeting, the preamble, the closing paragraph, the signature.
            }

            var firstText = Array.FindIndex(_lines, line => line.Length > 0);
            if (_items.Count == 0)
            {
                Problem(titleIndex ?? firstText, "没有找到放假安排条目（如“一、元旦：1月1日放假”）。", "No numbered holiday items (like “一、元旦：1月1日放假”) were found.");
            }

            foreach (var item in _items.Where(item => item.Readable && !item.HasHolidays && !item.HasUnreadable))
            {
                Problem(item.Line - 1, $"“{item.Name}”这一条没有写放假日期。", $"The item “{item.Name}” gives no holiday dates.");
            }

            if (_problems.Count > 0 || title is null || _year is not { } year)
            {
                throw new HolidayNoticeException([.. _problems.OrderBy(p => p.Line)]);
            }

            return new ParsedHolidayNotice(year, title, issuedOn, [.. _entries.OrderBy(e => e.Date)]);
        }

        private (string? Title, int? Index) ReadTitle()
        {
            string? title = null;
            int? index = null;
            var conflicting = false;
            for (var i = 0; i < _lines.Length; i++)
            {
                if (Title().Match(_lines[i]) is not { Success: true } match)
                {
                    continue;
                }

                var year = Number(match.Groups["year"].Value);
                if (title is null)
                {
                    (title, index, _year) = (match.Value, i, year);
                }
                else if (year != _year)
                {
                    // A title repeated with the same year (a page header above the body) is harmless; two years are not.
                    Problem(i, Invariant($"这里的标题是{year}年，第{index + 1}行的标题却是{_year}年。"), Invariant($"This title is for {year}, but the title on line {index + 1} is for {_year}."));
                    conflicting = true;
                }
            }

            if (conflicting)
            {
                // Which year is meant is unknown: checking every date against either would only bury the real problem.
                _year = null;
            }

            if (title is null)
            {
                Problem(
                    Array.FindIndex(_lines, line => line.Length > 0),
                    "找不到标题“国务院办公厅关于YYYY年部分节假日安排的通知”，无法确定是哪一年的安排。请从标题开始粘贴。",
                    "No title “国务院办公厅关于YYYY年部分节假日安排的通知” was found, so the year is unknown. Paste the notice from its title on.");
            }

            return (title, index);
        }

        private DateOnly? ReadIssuedOn(Match issued, int index)
        {
            var (year, month, day) = (Number(issued.Groups["y"].Value), Number(issued.Groups["m"].Value), Number(issued.Groups["d"].Value));
            if (year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
            {
                return new DateOnly(year, month, day);
            }

            Problem(index, Invariant($"发文日期{year}年{month}月{day}日不存在。"), Invariant($"The date of issue {year}年{month}月{day}日 does not exist."));
            return null;
        }

        private Item StartItem(Match match, int index)
        {
            var number = match.Groups["no"].Value;
            var expected = _lastItemNumber + 1;
            var actual = ItemNumber(number);
            _lastItemNumber = actual ?? expected;
            if (actual != expected)
            {
                // A number out of sequence usually means an item was lost (or doubled) while copying.
                Problem(index, Invariant($"条目序号“{number}”不连续：这里应是第{expected}条。是否漏掉或重复了一条？"), Invariant($"The item number “{number}” is out of sequence: this should be item {expected}. Was an item lost or repeated?"));
            }

            if (NameAndBody().Match(match.Groups["rest"].Value) is not { Success: true } parts)
            {
                Problem(index, "无法识别这一条：条目应写成“序号、节日：放假安排”，如“一、元旦：1月1日放假”。", "Cannot read this item: it should read “number、holiday：arrangement”, like “一、元旦：1月1日放假”.");
                var broken = new Item(string.Empty, index + 1, readable: false);
                _items.Add(broken);
                return broken;
            }

            var item = new Item(parts.Groups["name"].Value, index + 1, readable: true);
            _items.Add(item);
            ReadSentences(item, parts.Groups["body"].Value, index);
            return item;
        }

        private void ReadSentences(Item item, string text, int index)
        {
            foreach (var sentence in text.Split('。', StringSplitOptions.RemoveEmptyEntries))
            {
                // 2024's item on the Spring Festival ends by encouraging rest on 除夕 (2月9日): advice, not an arrangement.
                if (sentence.StartsWith("鼓励", StringComparison.Ordinal))
                {
                    continue;
                }

                if (HolidaySentence().Match(sentence) is { Success: true } holidays)
                {
                    ReadHolidays(item, holidays, index);
                }
                else if (MakeUpSentence().Match(sentence) is { Success: true } makeUp)
                {
                    ReadMakeUpDays(item, makeUp.Groups["dates"].Value, index);
                }
                else
                {
                    item.HasUnreadable = true;
                    Problem(index, $"无法识别这一句：“{Shorten(sentence)}”。", $"Cannot read this sentence: “{Shorten(sentence)}”.");
                }
            }
        }

        private void ReadHolidays(Item item, Match sentence, int index)
        {
            item.HasHolidays = true;
            var (month, from) = ReadDate(sentence.Groups["from"].Value, null, index);
            var (_, to) = sentence.Groups["to"].Success ? ReadDate(sentence.Groups["to"].Value, month, index) : (month, from);

            var counts = new List<int>();
            if (sentence.Groups["days"].Success)
            {
                counts.Add(Number(sentence.Groups["days"].Value));
            }

            foreach (var clause in sentence.Groups["tail"].Value.Split('，').Skip(1))
            {
                if (DayCount().Match(clause) is { Success: true } count)
                {
                    counts.Add(Number(count.Groups["days"].Value));
                }
                else if (MakeUpSentence().Match(clause) is { Success: true } makeUp)
                {
                    ReadMakeUpDays(item, makeUp.Groups["dates"].Value, index);
                }
                else if (clause is not ("与周末连休" or "不调休"))
                {
                    Problem(index, $"无法识别“{Shorten(clause)}”。", $"Cannot read “{Shorten(clause)}”.");
                }
            }

            if (from is not { } first || to is not { } last)
            {
                return;
            }

            if (last < first)
            {
                Problem(index, $"放假的结束日期{Zh(last)}早于开始日期{Zh(first)}。", $"The holiday ends ({Iso(last)}) before it begins ({Iso(first)}).");
                return;
            }

            var length = last.DayNumber - first.DayNumber + 1;
            foreach (var count in counts.Where(count => count != length))
            {
                Problem(
                    index,
                    Invariant($"写的是{count}天，但{Zh(first)}至{Zh(last)}是{length}天。"),
                    Invariant($"The text says {count} day(s), but {Iso(first)} to {Iso(last)} is {length} day(s)."));
            }

            for (var date = first; date <= last; date = date.AddDays(1))
            {
                Add(date, DayKind.Holiday, item, index);
            }
        }

        private void ReadMakeUpDays(Item item, string dates, int index)
        {
            int? month = null;
            foreach (Match match in MakeUpDate().Matches(dates))
            {
                var (dateMonth, date) = ReadDate(match.Groups["date"].Value, month, index);
                month = dateMonth ?? month;
                if (date is not { } day)
                {
                    continue;
                }

                if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    Problem(index, $"调休上班日{Zh(day)}是{ZhWeekday(day.DayOfWeek)}，不是周末；调休上班只会安排在周六或周日。", $"The make-up working day {Iso(day)} is a {day.DayOfWeek}, not a weekend day; make-up working days are Saturdays or Sundays.");
                    continue;
                }

                Add(day, DayKind.MakeUpWorkday, item, index);
            }
        }

        /// <summary>
        /// One date of an item: its month (given, or <paramref name="month"/> when left out), and the date itself
        /// when the notice's year is known and the date is real, in that year, and agrees with its weekday remark.
        /// </summary>
        private (int? Month, DateOnly? Date) ReadDate(string text, int? month, int index)
        {
            var parts = DateParts().Match(text);
            var remarks = ReadRemark(parts.Groups["remark"], index);
            var day = Number(parts.Groups["d"].Value);
            if (parts.Groups["m"].Success)
            {
                month = Number(parts.Groups["m"].Value);
            }
            else if (month is null)
            {
                Problem(index, $"“{text}”没有写月份。", $"“{text}” gives no month.");
                return (null, null);
            }

            if (_year is not { } noticeYear)
            {
                return (month, null);
            }

            var year = parts.Groups["y"].Success ? Number(parts.Groups["y"].Value) : noticeYear;
            if (year != noticeYear)
            {
                Problem(index, Invariant($"{year}年{month}月{day}日不在本通知的{noticeYear}年内；这里只接受本年的日期。"), Invariant($"{year}年{month}月{day}日 lies outside the notice's year {noticeYear}; only dates of that year are accepted."));
                return (month, null);
            }

            if (month is not (>= 1 and <= 12) || day < 1 || day > DateTime.DaysInMonth(year, month.Value))
            {
                Problem(index, Invariant($"{year}年{month}月{day}日不存在。"), Invariant($"{year}年{month}月{day}日 (month {month}, day {day}) does not exist."));
                return (month, null);
            }

            var date = new DateOnly(year, month.Value, day);
            foreach (var (remark, weekday) in remarks.Where(r => r.Day != date.DayOfWeek))
            {
                Problem(index, $"{Zh(date)}是{ZhWeekday(date.DayOfWeek)}，括号里却写着“{remark}”。", $"{Iso(date)} is a {date.DayOfWeek}, but the remark in brackets says “{remark}” ({weekday}).");
            }

            return (month, date);
        }

        /// <summary>The weekdays a bracketed remark states ("农历腊月二十八、周日" → Sunday); other parts must be lunar dates.</summary>
        private List<(string Text, DayOfWeek Day)> ReadRemark(Group remark, int index)
        {
            var weekdays = new List<(string, DayOfWeek)>();
            if (!remark.Success)
            {
                return weekdays;
            }

            foreach (var part in remark.Value.Split('、', '，'))
            {
                if (WeekdayRemark().Match(part) is { Success: true } weekday)
                {
                    weekdays.Add((part, weekday.Groups["day"].Value switch
                    {
                        "一" => DayOfWeek.Monday,
                        "二" => DayOfWeek.Tuesday,
                        "三" => DayOfWeek.Wednesday,
                        "四" => DayOfWeek.Thursday,
                        "五" => DayOfWeek.Friday,
                        "六" => DayOfWeek.Saturday,
                        _ => DayOfWeek.Sunday,
                    }));
                }
                else if (!LunarRemark().IsMatch(part))
                {
                    Problem(index, $"括号里的“{part}”无法识别：应为星期（如“周日”“星期日”）或农历日期。", $"The remark “{part}” in brackets is neither a weekday (like 周日, 星期日) nor a lunar date.");
                }
            }

            return weekdays;
        }

        private void Add(DateOnly date, DayKind kind, Item item, int index)
        {
            if (!_listedOn.TryAdd(date, index + 1))
            {
                var first = _listedOn[date];
                Problem(index, Invariant($"{Zh(date)}列了两次（第{first}行已列出）。"), Invariant($"{Iso(date)} is listed twice (already on line {first})."));
                return;
            }

            if (item.Readable)
            {
                _entries.Add(new CalendarEntry(date, kind, item.Name));
            }
        }

        private void Problem(int index, string zh, string en) =>
            _problems.Add(new NoticeProblem(index + 1, Excerpt(_raw[index]), zh, en));

        private static string Shorten(string text) => text.Length <= 30 ? text : string.Concat(text.AsSpan(0, 29), "…");
    }
}
