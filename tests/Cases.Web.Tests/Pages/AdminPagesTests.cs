using System.Net;
using System.Net.Http.Json;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Tests.Pages;

/// <summary>
/// The administrator's pages: the calendar's year view with preview and confirmation, the import of a
/// year, the parameter table and the users. The app's clock: 2025-10-20 09:00 in China, a Monday.
/// </summary>
public sealed class AdminPagesTests(SqliteRuntimeApp app) : IClassFixture<SqliteRuntimeApp>
{
    [Fact]
    public async Task The_year_view_has_twelve_months_and_tells_holidays_make_up_days_and_weekends_apart_by_colour_and_by_text()
    {
        var page = await (await app.As("admin")).OpenAsync("/admin/calendar?year=2026");

        Assert.Equal(12, page.QuerySelectorAll("[data-testid^=month-]").Length);
        Assert.Equal("2026年1月", page.QuerySelector("[data-testid=month-1] caption").Text());
        (string Class, string Mark, string Title) Cell(string date)
        {
            var td = page.QuerySelector($"td[data-date='{date}']")!;
            var mark = td.QuerySelector("abbr");
            return (td.ClassName ?? "", mark.Text(), mark?.GetAttribute("title") ?? "");
        }

        Assert.Equal(("cal-holiday", "休", "法定节假日：国庆节"), Cell("2026-10-01"));
        Assert.Equal(("cal-makeup", "班", "调休上班：国庆节"), Cell("2026-10-10"));
        Assert.Equal(("cal-weekend", "末", "周末"), Cell("2026-10-17"));
        Assert.Equal(("", "", ""), Cell("2026-10-15"));
        // Every day is a labelled link that opens the form for that day.
        var link = page.QuerySelector("[data-testid='day-2026-10-01']")!;
        Assert.Equal("/admin/calendar?year=2026&date=2026-10-01#mark-day", link.GetAttribute("href"));
        Assert.Equal("2026-10-01 法定节假日：国庆节", link.GetAttribute("aria-label"));
        Assert.Contains("休", page.QuerySelector("[data-testid=calendar-legend]").Text(), StringComparison.Ordinal);
        var missing = await (await app.As("admin")).OpenAsync("/admin/calendar?year=2023");
        Assert.NotNull(missing.QuerySelector("[data-testid=year-missing]"));
        // A later year without its notice shows its provisional days, marked so, and cannot be edited day by day.
        var provisional = await (await app.As("admin")).OpenAsync("/admin/calendar?year=2031&date=2031-01-01");
        Assert.NotNull(provisional.QuerySelector("[data-testid=year-provisional]"));
        Assert.Contains("cal-holiday", provisional.QuerySelector("td[data-date='2031-01-01']")!.ClassName, StringComparison.Ordinal);
        Assert.NotNull(provisional.QuerySelector("[data-testid=mark-day-provisional]"));
        Assert.Null(provisional.QuerySelector("[data-testid=mark-day-form]"));
    }

    [Fact]
    public async Task Marking_a_holiday_previews_the_moved_deadline_and_confirming_moves_it()
    {
        var admin = await app.As("admin");
        var (caseId, _) = await PageSupport.StartRateCaseAsync(await app.As("officer.jinan"), "2025-10-20");
        Assert.Equal("2025-11-03", (await PageSupport.TaskAsync(admin, caseId)).Str("dueOn"));
        var year = await admin.OpenAsync("/admin/calendar?year=2025&date=2025-10-28");
        Assert.Contains("2025-10-28 现为：工作日", year.QuerySelector("[data-testid=mark-day]").Text(), StringComparison.Ordinal);

        using var previewed = await admin.SubmitAsync(year, "[data-testid=mark-day-form]", [new("kind", "holiday"), new("name", "地方假日"), new("reason", "市政府通知（测试）")]);
        var preview = await PageSupport.ParseAsync(previewed);

        Assert.Equal(HttpStatusCode.OK, previewed.StatusCode);
        var row = preview.QuerySelector($"[data-testid=moved-row][data-case-id='{caseId}']")!;
        Assert.Equal(("2025-11-03", "2025-11-04"), (row.QuerySelector("[data-testid=moved-from]").Text(), row.QuerySelector("[data-testid=moved-to]").Text()));
        Assert.Contains("第二十二条", row.Text(), StringComparison.Ordinal);
        Assert.Contains("办理期限", row.Text(), StringComparison.Ordinal);
        // The rule in words, the date it counts from by its label.
        Assert.Equal("（自「费率调整日期」起10个工作日）", row.QuerySelector("[data-testid=moved-rule]").Text());
        Assert.Equal("2025-11-03", (await PageSupport.TaskAsync(admin, caseId)).Str("dueOn"));

        using var confirmed = await admin.SubmitAsync(preview, "[data-testid=confirm-form]", []);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var after = await admin.OpenAsync(confirmed.Headers.Location!.OriginalString);
        Assert.Contains("个待办期限已重新计算", after.QuerySelector("[data-testid=notice]").Text(), StringComparison.Ordinal);
        Assert.Equal("cal-holiday cal-selected", after.QuerySelector("td[data-date='2025-10-28']")!.ClassName);
        Assert.Equal("2025-11-04", (await PageSupport.TaskAsync(admin, caseId)).Str("dueOn"));
        Assert.Contains(after.QuerySelectorAll("[data-testid=calendar-changes] tr"), r => r.Text().Contains("市政府通知（测试）", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_confirmation_of_a_preview_that_no_longer_holds_is_refused_and_changes_nothing()
    {
        var admin = await app.As("admin");
        var year = await admin.OpenAsync("/admin/calendar?year=2025&date=2025-11-25");
        using var previewed = await admin.SubmitAsync(year, "[data-testid=mark-day-form]", [new("kind", "holiday"), new("name", "地方假日"), new("reason", "测试")]);
        var preview = await PageSupport.ParseAsync(previewed);
        // Meanwhile an officer opens a case whose deadline the change would move.
        var officer = await app.As("officer.jinan");
        var (caseId, _) = await app.OnDayAsync("2025-11-20", () => PageSupport.StartRateCaseAsync(officer, "2025-11-20"));
        var due = (await PageSupport.TaskAsync(admin, caseId)).Str("dueOn");

        using var confirmed = await admin.SubmitAsync(preview, "[data-testid=confirm-form]", []);

        var back = await admin.OpenAsync(confirmed.Headers.Location!.OriginalString);
        Assert.Contains("请重新预览", back.QuerySelector("[data-testid=problem]").Text(), StringComparison.Ordinal);
        Assert.Equal(due, (await PageSupport.TaskAsync(admin, caseId)).Str("dueOn"));
        Assert.False(await app.InDbAsync(db => db.CalendarDays.AnyAsync(d => d.Date == new DateOnly(2025, 11, 25))));
    }

    [Fact]
    public async Task A_year_file_with_a_mistake_shows_the_field_and_a_good_one_is_previewed_and_imported()
    {
        var admin = await app.As("admin");
        var page = await admin.OpenAsync("/admin/calendar?year=2032");
        const string bad = """{"year":2032,"days":[{"name":"元旦","date":"2032-02-30","isOffDay":true}]}""";

        using var refused = await admin.SubmitAsync(page, "[data-testid=import-form]", [new("content", bad), new("reason", "测试")]);
        var shown = await PageSupport.ParseAsync(refused);
        Assert.Contains("file.days[0].date", shown.QuerySelector("[data-testid=form-errors]").Text(), StringComparison.Ordinal);
        Assert.False(await app.InDbAsync(db => db.CalendarYears.AnyAsync(y => y.Year == 2032)));

        const string good = """{"year":2032,"papers":["https://example.gov.cn/2032（测试）"],"days":[{"name":"元旦","date":"2032-01-01","isOffDay":true}]}""";
        using var previewed = await admin.SubmitAsync(page, "[data-testid=import-form]", [new("content", good), new("reason", "2032 年放假通知（测试）")]);
        var preview = await PageSupport.ParseAsync(previewed);
        Assert.Contains("以正式放假安排取代 2032 年的暂定日历", preview.QuerySelector("[data-testid=preview-summary]").Text(), StringComparison.Ordinal);
        Assert.NotNull(preview.QuerySelector("[data-testid=moved-none]"));

        using var imported = await admin.SubmitAsync(preview, "[data-testid=confirm-form]", []);
        var after = await admin.OpenAsync(imported.Headers.Location!.OriginalString);
        Assert.Contains("已导入 2032 年日历", after.QuerySelector("[data-testid=notice]").Text(), StringComparison.Ordinal);
        Assert.Equal("cal-holiday", after.QuerySelector("td[data-date='2032-01-01']")!.ClassName);
    }

    [Fact]
    public async Task Parameters_are_grouped_with_their_sources_and_a_bad_value_is_shown_on_the_page_and_saves_nothing()
    {
        var admin = await app.As("admin");
        var page = await admin.OpenAsync("/admin/parameters");
        Assert.Contains(page.QuerySelectorAll("[data-testid=parameter-group-nationalUrbanDisposableIncome] [data-testid=parameter-row]"),
            r => r.Text().Contains("56,502.00 元/年", StringComparison.Ordinal) && r.Text().Contains("国家统计局", StringComparison.Ordinal));
        var changes = await app.InDbAsync(db => db.ParameterChanges.CountAsync());

        using var refused = await admin.SubmitAsync(page, "[data-testid=parameter-form]",
            [new("name", "minimumWage"), new("year", "2026"), new("city", "370200"), new("value", "-5"), new("source", "鲁政字（测试）"), new("reason", "测试")]);
        var shown = await PageSupport.ParseAsync(refused);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("value", shown.QuerySelector("[data-testid=form-errors]").Text(), StringComparison.Ordinal);
        Assert.Equal("-5", shown.QuerySelector("#p-value")!.GetAttribute("value"));
        Assert.Equal(changes, await app.InDbAsync(db => db.ParameterChanges.CountAsync()));

        using var saved = await admin.SubmitAsync(shown, "[data-testid=parameter-form]", [new("value", "2100"), new("city", "370200"), new("name", "minimumWage")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await admin.OpenAsync("/admin/parameters");
        // The notice names the parameter by its label and the city by its name, the value as money.
        Assert.Equal("已保存「月最低工资标准」2026年青岛市：2,100.00 元/月。", after.QuerySelector("[data-testid=notice]").Text());
        var row = Assert.Single(after.QuerySelectorAll("[data-testid=parameter-group-minimumWage] [data-testid=parameter-row]"), r => r.Text().Contains("青岛", StringComparison.Ordinal));
        Assert.Equal("2,100.00 元/月", row.QuerySelector("[data-testid=parameter-value]").Text());
        Assert.Contains("鲁政字（测试）", row.Text(), StringComparison.Ordinal);
        Assert.Contains("测试", row.Text(), StringComparison.Ordinal);
        Assert.Contains("孙敏（系统管理员）", row.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_creates_a_user_whose_shown_password_signs_in_then_locks_unlocks_and_resets_it()
    {
        var admin = await app.As("admin");
        var page = await admin.OpenAsync("/admin/users");
        Assert.Contains(page.QuerySelectorAll("[data-testid=user-row]"), r => r.GetAttribute("data-user") == "officer.qingdao" && r.Text().Contains("青岛", StringComparison.Ordinal));

        using var created = await admin.SubmitAsync(page, "[data-testid=new-user-form]",
            [new("userName", "officer.zibo"), new("displayName", "淄博经办（测试）"), new("roles", "officer"), new("city", "370300")]);
        var shown = await PageSupport.ParseAsync(created);
        var password = shown.QuerySelector("[data-testid=shown-password]").Text();
        Assert.True(password.Length >= 16, password);
        Assert.Equal(HttpStatusCode.OK, await SignInAsync("officer.zibo", password));

        // Locking asks first, naming the user and what becomes of their tasks; nothing is locked until confirmed.
        var editPage = await admin.OpenAsync("/admin/users/officer.zibo");
        using var asked = await admin.SubmitAsync(editPage, "form:has([data-testid=lock-user])", []);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var confirm = await PageSupport.ParseAsync(asked);
        var what = confirm.QuerySelector("[data-testid=lock-confirm-what]").Text();
        Assert.Contains("「淄博经办（测试）」（officer.zibo）立即无法登录", what, StringComparison.Ordinal);
        Assert.Contains("已领取的待办仍在其名下，不会自动退回待办池", what, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await SignInAsync("officer.zibo", password));
        using var locked = await admin.SubmitAsync(confirm, "[data-testid=lock-confirm-form]", []);
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        Assert.Contains("已锁定用户「淄博经办（测试）」", (await admin.OpenAsync("/admin/users")).QuerySelector("[data-testid=notice]").Text(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync("officer.zibo", password));
        var list = await admin.OpenAsync("/admin/users");
        Assert.NotNull(list.QuerySelector("[data-testid=user-row][data-user='officer.zibo'] [data-testid=locked]"));
        await PostAsync(admin, "/admin/users/officer.zibo/unlock");
        Assert.Equal(HttpStatusCode.OK, await SignInAsync("officer.zibo", password));

        var edit = await admin.OpenAsync("/admin/users/officer.zibo");
        using var reset = await admin.SubmitAsync(edit, "[data-testid=password-form]", []);
        var newPassword = (await PageSupport.ParseAsync(reset)).QuerySelector("[data-testid=shown-password]").Text();
        Assert.NotEqual(password, newPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync("officer.zibo", password));
        Assert.Equal(HttpStatusCode.OK, await SignInAsync("officer.zibo", newPassword));

        using var updated = await admin.SubmitAsync(edit, "[data-testid=edit-user-form]", [new("roles", "reviewer"), new("city", "370200")]);
        var users = await admin.OpenAsync(updated.Headers.Location!.OriginalString);
        Assert.Contains("已保存用户 officer.zibo", users.QuerySelector("[data-testid=notice]").Text(), StringComparison.Ordinal);
        var row = users.QuerySelector("[data-testid=user-row][data-user='officer.zibo']").Text();
        Assert.Contains("reviewer", row, StringComparison.Ordinal);
        Assert.Contains("青岛", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_administrator_keeps_the_role_and_cannot_be_locked_out()
    {
        var admin = await app.As("admin");
        var edit = await admin.OpenAsync("/admin/users/admin");

        using var demoted = await admin.SubmitAsync(edit, "[data-testid=edit-user-form]", [new("roles", "designer"), new("city", "province")]);
        var page = await admin.OpenAsync(demoted.Headers.Location!.OriginalString);
        Assert.Contains("唯一一位能登录的管理员", page.QuerySelector("[data-testid=problem]").Text(), StringComparison.Ordinal);

        var api = await (await admin.PutAsJsonAsync("/api/admin/users/admin", new { displayName = "管理员", roles = new[] { "designer" } })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("唯一一位能登录的管理员", api.Str("detail"), StringComparison.Ordinal);
        var users = await (await admin.GetAsync("/api/admin/users")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(users.EnumerateArray(), u => u.Str("userName") == "admin" && u.GetProperty("roles").EnumerateArray().Any(r => r.GetString() == "admin"));
        await (await admin.PostAsync("/api/admin/users/admin/lock", null)).ProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Only_administrators_see_the_admin_item_in_the_navigation()
    {
        var adminHome = await (await app.As("admin")).OpenAsync("/");
        var officerHome = await (await app.As("officer.jinan")).OpenAsync("/");

        Assert.Equal("/admin/calendar", adminHome.QuerySelector("[data-testid=nav-admin]")!.GetAttribute("href"));
        Assert.Equal("管理", adminHome.QuerySelector("[data-testid=nav-admin]").Text());
        Assert.Null(officerHome.QuerySelector("[data-testid=nav-admin]"));
    }

    private async Task<HttpStatusCode> SignInAsync(string userName, string password)
    {
        using var client = app.Anonymous();
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password });
        return response.StatusCode;
    }

    private static async Task PostAsync(HttpClient admin, string url)
    {
        var edit = await admin.OpenAsync(url[..url.LastIndexOf('/')]);
        using var response = await admin.SubmitAsync(edit, $"form[action='{url}']", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
