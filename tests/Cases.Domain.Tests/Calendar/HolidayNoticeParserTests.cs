using System.Globalization;
using System.Text.Json;
using Cases.Domain.Calendar;

namespace Cases.Domain.Tests.Calendar;

public class HolidayNoticeParserTests
{
    // Line numbers in the 2026 notice as published, which the error tests edit.
    private const int NewYearLine = 7;
    private const int SpringFestivalLine = 9;
    private const int QingmingLine = 11;
    private const int LabourDayLine = 13;
    private const int MidAutumnLine = 17;
    private const int NationalDayLine = 19;

    [Theory]
    [InlineData(2024, "2023-10-25")]
    [InlineData(2025, "2024-11-12")]
    [InlineData(2026, "2025-11-04")]
    public void Parse_each_notice_yields_the_shipped_file_day_for_day(int year, string issuedOn)
    {
        var notice = HolidayNoticeParser.Parse(Notice(year));

        Assert.Equal(year, notice.Year);
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"国务院办公厅关于{year}年部分节假日安排的通知"), notice.Title);
        Assert.Equal(DateOnly.ParseExact(issuedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture), notice.IssuedOn);
        Assert.Equal(Official(year), notice.Entries);
    }

    [Fact]
    public void Parse_2025_notice_names_every_day_of_the_joint_item_after_both_festivals()
    {
        var notice = HolidayNoticeParser.Parse(Notice(2025));

        var joint = notice.Entries.Where(e => e.Name == "国庆节、中秋节").ToList();
        Assert.Equal(10, joint.Count);
        Assert.Equal([new DateOnly(2025, 9, 28), new DateOnly(2025, 10, 11)], joint.Where(e => e.IsWorkingDay).Select(e => e.Date));
    }

    [Fact]
    public void Parse_2024_notice_ignores_the_encouragement_to_rest_on_new_years_eve()
    {
        // "鼓励…安排职工在除夕（2月9日）休息" names a date that is no holiday.
        var notice = HolidayNoticeParser.Parse(Notice(2024));

        Assert.DoesNotContain(notice.Entries, e => e.Date == new DateOnly(2024, 2, 9));
    }

    [Fact]
    public void Parse_returns_entries_in_date_order_with_make_up_days_among_holidays()
    {
        var entries = HolidayNoticeParser.Parse(Notice(2026)).Entries;

        Assert.Equal(entries.OrderBy(e => e.Date).Select(e => e.Date), entries.Select(e => e.Date));
        Assert.Equal(new CalendarEntry(new DateOnly(2026, 9, 20), DayKind.MakeUpWorkday, "国庆节"), entries.Single(e => e.Date == new DateOnly(2026, 9, 20)));
    }

    [Fact]
    public void Parse_refuses_null()
    {
        Assert.Throws<ArgumentNullException>(() => HolidayNoticeParser.Parse(null!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \r\n\t\n\u3000")]
    public void Parse_refuses_an_empty_text(string text)
    {
        var problem = SingleProblem(text);

        Assert.Equal(1, problem.Line);
    }

    [Fact]
    public void Parse_refuses_a_weekday_remark_that_is_not_the_dates_weekday()
    {
        // 2026-01-04 is a Sunday.
        var problem = SingleProblem(Edit(Notice(2026), "1月4日（周日）上班", "1月4日（周一）上班"));

        Assert.Equal(NewYearLine, problem.Line);
        Assert.StartsWith("一、元旦：1月1日（周四）", problem.Excerpt, StringComparison.Ordinal);
        Assert.Contains("周一", problem.Zh, StringComparison.Ordinal);
        Assert.Contains("Sunday", problem.En, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_checks_the_weekday_of_a_ranges_end_and_the_xingqi_form()
    {
        var problem = SingleProblem(Edit(Notice(2024), "9月14日（星期六）上班", "9月14日（星期日）上班"));

        Assert.Equal(17, problem.Line);
        Assert.Contains("星期日", problem.Zh, StringComparison.Ordinal);

        var end = SingleProblem(Edit(Notice(2026), "至7日（周三）", "至7日（周二）"));
        Assert.Equal(NationalDayLine, end.Line);
    }

    [Fact]
    public void Parse_refuses_a_date_that_does_not_exist()
    {
        var problem = SingleProblem(Edit(Notice(2026), "2月28日（周六）上班", "2月30日（周六）上班"));

        Assert.Equal(SpringFestivalLine, problem.Line);
        Assert.Contains("2月30日", problem.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_refuses_a_day_count_that_disagrees_with_the_range()
    {
        var problem = SingleProblem(Edit(Notice(2026), "共9天", "共8天"));

        Assert.Equal(SpringFestivalLine, problem.Line);
        Assert.Contains("9天", problem.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_refuses_a_day_count_given_as_fang_jia_n_tian_that_disagrees()
    {
        var problem = SingleProblem(Edit(Notice(2025), "放假1天", "放假2天"));

        Assert.Equal(NewYearLine + 3, problem.Line);
    }

    [Fact]
    public void Parse_refuses_an_item_line_it_cannot_fully_read()
    {
        var problem = SingleProblem(Edit(Notice(2026), "4月4日（周六）至6日（周一）放假，共3天。", "4月4日（周六）起放假三天。"));

        Assert.Equal(QingmingLine, problem.Line);
        Assert.StartsWith("三、清明节", problem.Excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_refuses_an_unknown_clause_after_the_holiday()
    {
        var problem = SingleProblem(Edit(Notice(2026), "放假，共3天。\n\n四、", "放假，共3天，另行通知。\n\n四、"));

        Assert.Equal(QingmingLine, problem.Line);
        Assert.Contains("另行通知", problem.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_refuses_a_numbered_item_without_name_and_colon()
    {
        var problem = SingleProblem(Edit(Notice(2026), "三、清明节：", "三、清明节"));

        Assert.Equal(QingmingLine, problem.Line);
    }

    [Fact]
    public void Parse_refuses_an_unknown_remark_in_brackets()
    {
        var problem = SingleProblem(Edit(Notice(2026), "5月9日（周六）上班", "5月9日（补班）上班"));

        Assert.Equal(LabourDayLine, problem.Line);
        Assert.Contains("补班", problem.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_refuses_a_text_with_no_year()
    {
        var problem = SingleProblem(Edit(Notice(2026), "国务院办公厅关于2026年部分节假日安排的通知", "国务院办公厅关于部分节假日安排的通知"));

        Assert.Equal(1, problem.Line);
        Assert.Contains("YYYY", problem.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_refuses_items_pasted_without_their_title()
    {
        var items = string.Join('\n', Notice(2026).Split('\n').Skip(NewYearLine - 1));

        var problem = SingleProblem(items);

        Assert.Equal(1, problem.Line);
        Assert.StartsWith("一、元旦", problem.Excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_refuses_a_make_up_working_day_on_a_weekday()
    {
        var problem = SingleProblem(Edit(Notice(2026), "5月9日（周六）上班", "5月8日（周五）上班"));

        Assert.Equal(LabourDayLine, problem.Line);
        Assert.Contains("星期五", problem.Zh, StringComparison.Ordinal);
        Assert.Contains("Friday", problem.En, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_refuses_a_date_listed_twice_naming_both_lines()
    {
        // 9/27 is already a Mid-Autumn holiday two items earlier.
        var problem = SingleProblem(Edit(Notice(2026), "9月20日（周日）", "9月27日（周日）"));

        Assert.Equal(NationalDayLine, problem.Line);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"第{MidAutumnLine}行"), problem.Zh, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"line {MidAutumnLine}"), problem.En, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_refuses_a_date_outside_the_notices_year()
    {
        var problem = SingleProblem(Edit(Notice(2026), "1月4日（周日）上班", "2025年12月28日（周日）、1月4日（周日）上班"));

        Assert.Equal(NewYearLine, problem.Line);
        Assert.Contains("2025年12月28日", problem.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_refuses_a_range_that_ends_before_it_begins()
    {
        var problem = SingleProblem(Edit(Notice(2026), "5月1日（周五）至5日（周二）放假调休，共5天", "5月5日（周二）至1日（周五）放假调休，共5天"));

        Assert.Equal(LabourDayLine, problem.Line);
    }

    [Fact]
    public void Parse_refuses_items_out_of_sequence_as_a_lost_item()
    {
        var lost = Edit(Notice(2026), "三、清明节：4月4日（周六）至6日（周一）放假，共3天。\n", string.Empty);

        var problem = SingleProblem(lost);

        Assert.Equal(QingmingLine + 1, problem.Line);
        Assert.StartsWith("四、劳动节", problem.Excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_refuses_a_notice_with_a_title_but_no_items()
    {
        var problem = SingleProblem("国务院办公厅关于2026年部分节假日安排的通知\n\n经国务院批准，现将放假安排通知如下。\n");

        Assert.Equal(1, problem.Line);
    }

    [Fact]
    public void Parse_collects_every_problem_in_line_order_and_returns_nothing()
    {
        var text = Edit(Edit(Notice(2026), "共9天", "共8天"), "5月9日（周六）上班", "5月8日（周五）上班");

        var problems = Assert.Throws<HolidayNoticeException>(() => HolidayNoticeParser.Parse(text)).Problems;

        Assert.Equal([SpringFestivalLine, LabourDayLine], problems.Select(p => p.Line));
    }

    [Fact]
    public void Parse_shortens_a_long_line_in_the_problem()
    {
        var problem = SingleProblem(Edit(Notice(2026), "共9天", "共8天"));

        Assert.True(problem.Excerpt.Length <= 60);
        Assert.EndsWith("…", problem.Excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_reads_windows_line_breaks()
    {
        var notice = HolidayNoticeParser.Parse(Notice(2026).ReplaceLineEndings("\r\n"));

        Assert.Equal(Official(2026), notice.Entries);
        Assert.Equal(new DateOnly(2025, 11, 4), notice.IssuedOn);
    }

    [Fact]
    public void Parse_reads_lines_with_leading_and_trailing_whitespace()
    {
        var padded = "\uFEFF" + string.Join("\n", Notice(2025).Split('\n').Select(line => "  \t\u3000" + line + " \u3000"));

        var notice = HolidayNoticeParser.Parse(padded);

        Assert.Equal(Official(2025), notice.Entries);
        Assert.Equal("国务院办公厅关于2025年部分节假日安排的通知", notice.Title);
    }

    [Fact]
    public void Parse_reads_items_split_over_extra_blank_lines()
    {
        var spread = string.Join("\n\n\n", Notice(2026).Split('\n'));
        Assert.Equal(Official(2026), HolidayNoticeParser.Parse(spread).Entries);

        // An item broken after its holiday sentence, its make-up days on a line of their own.
        var broken = Edit(Notice(2026), "共9天。2月14日", "共9天。\n\n2月14日");
        Assert.Equal(Official(2026), HolidayNoticeParser.Parse(broken).Entries);
    }

    [Fact]
    public void Parse_reads_half_width_brackets_colons_and_commas()
    {
        var halfWidth = Notice(2025).Replace('（', '(').Replace('）', ')').Replace('：', ':').Replace('，', ',');

        Assert.Equal(Official(2025), HolidayNoticeParser.Parse(halfWidth).Entries);
    }

    [Fact]
    public void Parse_reads_spaces_inside_a_line_and_full_width_digits()
    {
        var spaced = Edit(Notice(2026), "5月1日（周五）至5日（周二）", "５月１日 （周五） 至 ５日（周二）");

        Assert.Equal(Official(2026), HolidayNoticeParser.Parse(spaced).Entries);
    }

    [Fact]
    public void Parse_reads_make_up_days_whose_month_is_left_out()
    {
        var text = Edit(Notice(2026), "2月14日（周六）、2月28日（周六）上班", "2月14日（周六）、28日（周六）上班");

        Assert.Equal(Official(2026), HolidayNoticeParser.Parse(text).Entries);
    }

    [Fact]
    public void Parse_reads_make_up_days_in_the_holiday_sentence_itself()
    {
        var text = Edit(Notice(2024), "共3天。9月14日（星期六）上班。", "共3天，9月14日（星期六）上班。");

        Assert.Equal(Official(2024), HolidayNoticeParser.Parse(text).Entries);
    }

    [Fact]
    public void Parse_ignores_the_title_repeated_above_the_body_but_refuses_two_years()
    {
        var header = "国务院办公厅关于2026年部分节假日安排的通知\n发文机关：国务院办公厅\n" + Notice(2026);
        Assert.Equal(Official(2026), HolidayNoticeParser.Parse(header).Entries);

        var problem = SingleProblem("国务院办公厅关于2025年部分节假日安排的通知\n" + Notice(2026));
        Assert.Equal(2, problem.Line);
    }

    private static string Notice(int year) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Calendar", "Notices", string.Create(CultureInfo.InvariantCulture, $"{year}.txt")));

    /// <summary>The shipped official year, as entries in date order.</summary>
    private static List<CalendarEntry> Official(int year)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Calendar", "Official", string.Create(CultureInfo.InvariantCulture, $"cn-{year}.json"));
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal(year, json.RootElement.GetProperty("year").GetInt32());
        return
        [
            .. json.RootElement.GetProperty("days").EnumerateArray()
                .Select(day => new CalendarEntry(
                    DateOnly.ParseExact(day.GetProperty("date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    day.GetProperty("isOffDay").GetBoolean() ? DayKind.Holiday : DayKind.MakeUpWorkday,
                    day.GetProperty("name").GetString()!))
                .OrderBy(e => e.Date),
        ];
    }

    /// <summary>The text with one passage changed; the passage must occur exactly once, so the edit is the one meant.</summary>
    private static string Edit(string text, string from, string to)
    {
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0 && text.IndexOf(from, at + 1, StringComparison.Ordinal) < 0, $"“{from}” should occur exactly once.");
        return string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length));
    }

    /// <summary>The one problem the parser reports; each problem must say what is wrong in both languages.</summary>
    private static NoticeProblem SingleProblem(string text)
    {
        var refusal = Assert.Throws<HolidayNoticeException>(() => HolidayNoticeParser.Parse(text));
        var problem = Assert.Single(refusal.Problems);
        Assert.False(string.IsNullOrWhiteSpace(problem.Zh));
        Assert.False(string.IsNullOrWhiteSpace(problem.En));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"第{problem.Line}行"), refusal.Message, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"line {problem.Line}"), refusal.Text.En, StringComparison.Ordinal);
        return problem;
    }
}
