using System.Net;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests;

public sealed class CalendarApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Add_working_days_across_the_2025_national_day_holiday()
    {
        var client = await app.As("officer.jinan");

        var response = await client.GetAsync("/api/calendar/working-days/add?from=2025-09-26&days=10");

        await response.JsonEqualsAsync("""{"from":"2025-09-26","days":10,"result":"2025-10-16","provisional":false}""");
    }

    [Theory]
    [InlineData("officer.jinan")]
    [InlineData("reviewer.jinan")]
    [InlineData("designer")]
    [InlineData("supervisor.province")]
    public async Task Any_signed_in_user_may_read_the_calendar(string user)
    {
        var client = await app.As(user);

        var response = await client.GetAsync("/api/calendar/days/2025-10-11");

        await response.JsonEqualsAsync("""{"date":"2025-10-11","workingDay":true,"kind":"makeUpWorkday","name":"国庆节、中秋节","provisional":false}""");
    }

    [Theory]
    [InlineData("2025-10-01", false, "holiday", "国庆节、中秋节")]
    [InlineData("2025-10-08", false, "holiday", "国庆节、中秋节")]
    [InlineData("2025-10-12", false, "weekend", null)]
    [InlineData("2025-10-13", true, "workday", null)]
    [InlineData("2025-09-28", true, "makeUpWorkday", "国庆节、中秋节")]
    [InlineData("2025-01-28", false, "holiday", "春节")] // 除夕: a statutory holiday from 2025 on
    [InlineData("2025-01-26", true, "makeUpWorkday", "春节")]
    [InlineData("2025-02-04", false, "holiday", "春节")]
    [InlineData("2025-05-02", false, "holiday", "劳动节")] // the second Labour Day holiday, new in 2025
    [InlineData("2025-05-31", false, "holiday", "端午节")]
    [InlineData("2024-02-10", false, "holiday", "春节")]
    [InlineData("2024-02-04", true, "makeUpWorkday", "春节")]
    [InlineData("2024-09-14", true, "makeUpWorkday", "中秋节")]
    [InlineData("2024-10-07", false, "holiday", "国庆节")]
    [InlineData("2024-10-08", true, "workday", null)]
    [InlineData("2026-01-02", false, "holiday", "元旦")]
    [InlineData("2026-01-04", true, "makeUpWorkday", "元旦")]
    [InlineData("2026-02-23", false, "holiday", "春节")]
    [InlineData("2026-09-25", false, "holiday", "中秋节")]
    [InlineData("2026-10-10", true, "makeUpWorkday", "国庆节")]
    [InlineData("2026-12-31", true, "workday", null)]
    public async Task Day_reads_as_the_official_notice_says(string date, bool workingDay, string kind, string? name)
    {
        var client = await app.As("officer.jinan");

        var day = await (await client.GetAsync($"/api/calendar/days/{date}")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(date, day.GetProperty("date").GetString());
        Assert.Equal(workingDay, day.GetProperty("workingDay").GetBoolean());
        Assert.Equal(kind, day.GetProperty("kind").GetString());
        Assert.Equal(name, day.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("2025-01-24", 1, "2025-01-26")] // Friday + 1 lands on the make-up Sunday
    [InlineData("2025-01-26", 1, "2025-01-27")]
    [InlineData("2025-01-27", 1, "2025-02-05")] // over the whole Spring Festival holiday
    [InlineData("2025-04-30", 1, "2025-05-06")]
    [InlineData("2024-12-31", 1, "2025-01-02")] // across the year boundary and New Year's Day
    [InlineData("2026-02-13", 1, "2026-02-14")]
    [InlineData("2025-10-16", -10, "2025-09-26")] // counting backwards
    [InlineData("2025-10-13", 0, "2025-10-13")]
    public async Task Add_working_days_follows_holidays_and_make_up_days(string from, int days, string expected)
    {
        var client = await app.As("reviewer.jinan");

        var result = await (await client.GetAsync($"/api/calendar/working-days/add?from={from}&days={days}")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(expected, result.GetProperty("result").GetString());
    }

    [Theory]
    [InlineData("/api/calendar/days/2023-12-29", 2023)]
    [InlineData("/api/calendar/working-days/add?from=2024-01-02&days=-1", 2023)]
    [InlineData("/api/calendar/working-days/add?from=2023-03-01&days=1", 2023)]
    public async Task A_year_before_the_official_data_is_422_naming_the_year(string url, int year)
    {
        var client = await app.As("officer.jinan");

        var problem = await (await client.GetAsync(url)).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(year, problem.GetProperty("year").GetInt32());
        Assert.Equal("https://workinjurycases.local/problems/calendar-year-missing", problem.GetProperty("type").GetString());
        Assert.Contains(year.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_count_that_runs_past_2026_counts_on_2027s_statutory_holidays_and_is_marked_provisional()
    {
        var client = await app.As("officer.jinan");

        // 12/21–12/25, 12/28–12/31, then 1/1 元旦 (第二条 of 《全国年节及纪念日放假办法》) and the weekend: Monday 1/4.
        var response = await client.GetAsync("/api/calendar/working-days/add?from=2026-12-20&days=10");

        await response.JsonEqualsAsync("""{"from":"2026-12-20","days":10,"result":"2027-01-04","provisional":true}""");
    }

    [Theory]
    [InlineData("2025-02-30")]
    [InlineData("abc")]
    [InlineData("2025-1-5")]
    [InlineData("20251005")]
    public async Task A_bad_date_in_the_route_is_400_naming_date(string date)
    {
        var client = await app.As("officer.jinan");

        var message = await (await client.GetAsync($"/api/calendar/days/{date}")).FieldErrorAsync("date");

        Assert.Contains(date, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/calendar/working-days/add?from=2025-02-30&days=1")]
    [InlineData("/api/calendar/working-days/add?from=abc&days=1")]
    [InlineData("/api/calendar/working-days/add?days=1")]
    public async Task A_bad_or_missing_from_is_400_naming_from(string url)
    {
        var client = await app.As("officer.jinan");

        await (await client.GetAsync(url)).FieldErrorAsync("from");
    }

    [Theory]
    [InlineData("/api/calendar/working-days/add?from=2025-09-26")]
    [InlineData("/api/calendar/working-days/add?from=2025-09-26&days=")]
    [InlineData("/api/calendar/working-days/add?from=2025-09-26&days=ten")]
    [InlineData("/api/calendar/working-days/add?from=2025-09-26&days=1.5")]
    [InlineData("/api/calendar/working-days/add?from=2025-09-26&days=100000")]
    public async Task A_bad_or_missing_days_is_400_naming_days(string url)
    {
        var client = await app.As("officer.jinan");

        await (await client.GetAsync(url)).FieldErrorAsync("days");
    }

    [Fact]
    public async Task Years_lists_the_shipped_years_with_their_sources()
    {
        var client = await app.As("officer.jinan");

        var years = await (await client.GetAsync("/api/calendar/years")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal([2024, 2025, 2026], years.EnumerateArray().Select(y => y.GetProperty("year").GetInt32()));
        Assert.All(years.EnumerateArray(), y => Assert.StartsWith("https://www.gov.cn/", y.GetProperty("source").GetString(), StringComparison.Ordinal));
    }
}
