using System.Net;
using System.Net.Http.Json;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Tests;

/// <summary>Administrators change the calendar. Each test edits its own days so the tests do not depend on each other.</summary>
public sealed class CalendarAdminTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Admin_marks_a_weekday_as_holiday_and_counts_move()
    {
        var admin = await app.As("admin");
        var officer = await app.As("officer.jinan");
        await (await officer.GetAsync("/api/calendar/working-days/add?from=2026-03-09&days=1"))
            .JsonEqualsAsync("""{"from":"2026-03-09","days":1,"result":"2026-03-10","provisional":false}""");

        var response = await admin.PutAsJsonAsync("/api/calendar/days/2026-03-10", new { kind = "holiday", name = "临时休假", reason = "省政府通知（测试）" });

        await response.JsonEqualsAsync("""{"date":"2026-03-10","workingDay":false,"kind":"holiday","name":"临时休假","moved":[]}""");
        await (await officer.GetAsync("/api/calendar/days/2026-03-10"))
            .JsonEqualsAsync("""{"date":"2026-03-10","workingDay":false,"kind":"holiday","name":"临时休假","provisional":false}""");
        await (await officer.GetAsync("/api/calendar/working-days/add?from=2026-03-09&days=1"))
            .JsonEqualsAsync("""{"from":"2026-03-09","days":1,"result":"2026-03-11","provisional":false}""");
        await (await officer.GetAsync("/api/calendar/working-days/add?from=2026-03-06&days=5"))
            .JsonEqualsAsync("""{"from":"2026-03-06","days":5,"result":"2026-03-16","provisional":false}""");
    }

    [Fact]
    public async Task Admin_gives_an_official_holiday_back_as_a_workday()
    {
        var admin = await app.As("admin");

        var response = await admin.PutAsJsonAsync("/api/calendar/days/2026-06-19", new { kind = "workday", reason = "更正（测试）" });

        await response.JsonEqualsAsync("""{"date":"2026-06-19","workingDay":true,"kind":"workday","name":null,"moved":[]}""");
        await (await admin.GetAsync("/api/calendar/working-days/add?from=2026-06-18&days=1"))
            .JsonEqualsAsync("""{"from":"2026-06-18","days":1,"result":"2026-06-19","provisional":false}""");
        Assert.False(await app.InDbAsync(db => db.CalendarDays.AnyAsync(d => d.Date == new DateOnly(2026, 6, 19))));
    }

    [Fact]
    public async Task Admin_makes_a_saturday_a_make_up_workday()
    {
        var admin = await app.As("admin");

        var response = await admin.PutAsJsonAsync("/api/calendar/days/2026-11-07", new { kind = "makeUpWorkday", name = "调休（测试）", reason = "通知（测试）" });

        await response.JsonEqualsAsync("""{"date":"2026-11-07","workingDay":true,"kind":"makeUpWorkday","name":"调休（测试）","moved":[]}""");
        await (await admin.GetAsync("/api/calendar/working-days/add?from=2026-11-06&days=1"))
            .JsonEqualsAsync("""{"from":"2026-11-06","days":1,"result":"2026-11-07","provisional":false}""");
    }

    [Fact]
    public async Task Changes_list_the_change_with_its_author_reason_and_before_and_after()
    {
        var admin = await app.As("admin");
        (await admin.PutAsJsonAsync("/api/calendar/days/2026-04-14", new { kind = "holiday", name = "审计假日", reason = "审计留痕测试" })).EnsureSuccessStatusCode();

        var changes = await (await admin.GetAsync("/api/calendar/changes?year=2026")).JsonAsync(HttpStatusCode.OK);

        var change = Assert.Single(changes.EnumerateArray(), c => c.GetProperty("date").GetString() == "2026-04-14");
        Assert.Equal("admin", change.GetProperty("changedBy").GetString());
        Assert.Equal("审计留痕测试", change.GetProperty("reason").GetString());
        Assert.Equal("workday", change.GetProperty("before").GetString());
        Assert.Equal("holiday", change.GetProperty("after").GetString());
        Assert.Equal("审计假日", change.GetProperty("afterName").GetString());
        Assert.Equal(app.Factory.Clock.GetUtcNow(), change.GetProperty("changedAt").GetDateTimeOffset());
        var otherYear = await (await admin.GetAsync("/api/calendar/changes?year=2025")).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(otherYear.EnumerateArray(), c => c.GetProperty("date").GetString() == "2026-04-14");
    }

    [Fact]
    public async Task Officer_may_not_change_the_calendar()
    {
        var officer = await app.As("officer.jinan");

        var response = await officer.PutAsJsonAsync("/api/calendar/days/2026-03-17", new { kind = "holiday", name = "越权", reason = "越权测试" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(response.Headers.Location);
        await (await officer.GetAsync("/api/calendar/days/2026-03-17"))
            .JsonEqualsAsync("""{"date":"2026-03-17","workingDay":true,"kind":"workday","name":null,"provisional":false}""");
        Assert.False(await app.InDbAsync(db => db.CalendarChanges.AnyAsync(c => c.Date == new DateOnly(2026, 3, 17))));
    }

    [Theory]
    [InlineData("officer.jinan")]
    [InlineData("supervisor.province")]
    public async Task Only_admin_may_read_the_change_journal(string user)
    {
        var client = await app.As(user);

        var response = await client.GetAsync("/api/calendar/changes");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_change_without_reason_is_400_naming_reason_and_changes_nothing()
    {
        var admin = await app.As("admin");

        var response = await admin.PutAsJsonAsync("/api/calendar/days/2026-03-18", new { kind = "holiday", name = "无理由" });

        await response.FieldErrorAsync("reason");
        await (await admin.GetAsync("/api/calendar/days/2026-03-18"))
            .JsonEqualsAsync("""{"date":"2026-03-18","workingDay":true,"kind":"workday","name":null,"provisional":false}""");
        Assert.False(await app.InDbAsync(db => db.CalendarChanges.AnyAsync(c => c.Date == new DateOnly(2026, 3, 18))));
    }

    [Fact]
    public async Task A_make_up_workday_on_a_weekday_is_400_naming_kind()
    {
        var admin = await app.As("admin");

        var response = await admin.PutAsJsonAsync("/api/calendar/days/2026-03-19", new { kind = "makeUpWorkday", name = "调休", reason = "错误测试" });

        var message = await response.FieldErrorAsync("kind");
        Assert.Contains("2026-03-19", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_holiday_without_name_is_400_naming_name()
    {
        var admin = await app.As("admin");

        var response = await admin.PutAsJsonAsync("/api/calendar/days/2026-03-20", new { kind = "holiday", reason = "缺名称测试" });

        await response.FieldErrorAsync("name");
    }

    [Theory]
    [InlineData("""{"name":"x","reason":"y"}""", "kind")]
    [InlineData("""{"kind":"festival","name":"x","reason":"y"}""", "kind")]
    [InlineData("""{"kind":2,"name":"x","reason":"y"}""", "kind")]
    public async Task A_missing_or_unknown_kind_is_400_naming_kind(string body, string field)
    {
        var admin = await app.As("admin");
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var response = await admin.PutAsync("/api/calendar/days/2026-03-23", content);

        await response.FieldErrorAsync(field);
    }

    [Fact]
    public async Task Changing_a_day_of_a_year_without_data_is_422_and_of_a_provisional_year_is_400_pointing_to_the_notice()
    {
        var admin = await app.As("admin");

        var past = await admin.PutAsJsonAsync("/api/calendar/days/2023-01-02", new { kind = "holiday", name = "元旦", reason = "补录" });
        Assert.Equal(2023, (await past.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("year").GetInt32());

        var provisional = await admin.PutAsJsonAsync("/api/calendar/days/2027-01-04", new { kind = "holiday", name = "元旦", reason = "提前录入" });
        await provisional.FieldErrorAsync("date");
    }
}
