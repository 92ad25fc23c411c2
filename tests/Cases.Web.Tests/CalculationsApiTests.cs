using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests;

public class CalculationsApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Late_fee_returns_days_amount_and_an_explanation_citing_article_28()
    {
        var officer = await app.As("officer.jinan");
        var body = await (await officer.PostJsonAsync("/api/calculations/late-fee", new { arrears = 12345.67m, dueOn = "2024-02-27", paidOn = "2024-03-01" }))
            .JsonAsync(HttpStatusCode.OK);
        // 2/28, 2/29 (leap day), 3/1: 3 days × 0.05% × 12,345.67 = 18.518505 → 18.52.
        Assert.Equal(3, body.GetProperty("result").GetProperty("days").GetInt32());
        Assert.Equal(18.52m, body.GetProperty("result").GetProperty("amount").GetDecimal());
        var steps = body.GetProperty("explanation").EnumerateArray().ToList();
        Assert.NotEmpty(steps);
        Assert.All(steps, s =>
        {
            Assert.False(string.IsNullOrWhiteSpace(s.GetProperty("formula").GetString()));
            Assert.Equal(JsonValueKind.Object, s.GetProperty("values").ValueKind);
        });
        Assert.Contains(steps, s => s.GetProperty("basis").GetString()!.Contains("第二十八条", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_figure_the_table_lacks_is_refused_naming_it_until_an_administrator_enters_it()
    {
        var officer = await app.As("officer.jinan");
        var missing = await (await officer.PostJsonAsync("/api/calculations/contribution-base", new { monthlyWage = 30000m, year = 2026 }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("provincialAverageMonthlyWage", missing.GetProperty("parameter").GetString());

        var admin = await app.As("admin");
        var set = await admin.PutAsJsonAsync("/api/parameters", new { name = "provincialAverageMonthlyWage", year = 2025, value = 8000m, source = "山东省统计局（测试数字）", reason = "test" });
        await set.JsonAsync(HttpStatusCode.OK);

        var capped = await (await officer.PostJsonAsync("/api/calculations/contribution-base", new { monthlyWage = 30000m, year = 2026 })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(24000m, capped.GetProperty("result").GetProperty("base").GetDecimal());
        Assert.Equal("cap", capped.GetProperty("result").GetProperty("clamped").GetString());
        // A figure the request gives wins over the table.
        var given = await (await officer.PostJsonAsync("/api/calculations/contribution-base", new { monthlyWage = 3000m, provincialAverageMonthlyWage = 10000m })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(6000m, given.GetProperty("result").GetProperty("base").GetDecimal());
        Assert.Equal("floor", given.GetProperty("result").GetProperty("clamped").GetString());

        var changes = await (await admin.GetAsync("/api/parameters/changes")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(changes.EnumerateArray(), c => c.GetProperty("name").GetString() == "provincialAverageMonthlyWage" && c.GetProperty("changedBy").GetString() == "admin");
    }

    [Fact]
    public async Task Shandong_months_for_grades_5_to_10_are_parameters_an_administrator_enters_per_grade()
    {
        var officer = await app.As("officer.jinan");
        var body = new { grade = 8, terminatedOn = "2025-08-15", provincialAverageMonthlyWage = 7000m };
        var missing = await (await officer.PostJsonAsync("/api/calculations/termination-lump-sums", body)).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("medicalMonths", missing.GetProperty("parameter").GetString());

        var admin = await app.As("admin");
        foreach (var (name, months) in new[] { ("medicalLumpSumMonthsGrade8", 4m), ("employmentLumpSumMonthsGrade8", 8m) })
        {
            await (await admin.PutAsJsonAsync("/api/parameters", new { name, year = 2021, value = months, source = "山东省实施办法（测试数字）", reason = "test" })).JsonAsync(HttpStatusCode.OK);
        }

        var result = (await (await officer.PostJsonAsync("/api/calculations/termination-lump-sums", body)).JsonAsync(HttpStatusCode.OK)).GetProperty("result");
        Assert.Equal((28000m, 56000m), (result.GetProperty("medicalLumpSum").GetDecimal(), result.GetProperty("employmentLumpSum").GetDecimal()));
        await (await officer.PostJsonAsync("/api/calculations/termination-lump-sums", new { grade = 3, terminatedOn = "2025-08-15" })).FieldErrorAsync("grade");
    }

    [Fact]
    public async Task The_shipped_national_income_figures_serve_the_death_lump_sum()
    {
        var officer = await app.As("officer.jinan");
        var body = await (await officer.PostJsonAsync("/api/calculations/death", new
        {
            injuryOn = "2025-03-01",
            deathOn = "2025-03-02",
            @base = 6000m,
            provincialAverageMonthlyWageAtDeath = 7000m,
            dependants = new[] { new { name = "李娟", relation = "spouse", orphanOrSolitaryElder = false } },
        })).JsonAsync(HttpStatusCode.OK);
        // 20 × 54,188 (2024, the year before the injury year) and 6 × 7,000.
        Assert.Equal(1_083_760m, body.GetProperty("result").GetProperty("deathLumpSum").GetDecimal());
        Assert.Equal(42_000m, body.GetProperty("result").GetProperty("funeralGrant").GetDecimal());
    }

    [Fact]
    public async Task The_insuring_city_may_be_spelled_city_where_a_calculator_takes_one()
    {
        var officer = await app.As("officer.jinan");
        var meal = await (await officer.PostJsonAsync("/api/calculations/hospital-meal", new { days = 3, dailyStandard = 50m, city = "370100" }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal(150m, meal.GetProperty("result").GetProperty("amount").GetDecimal());
        await (await officer.PostJsonAsync("/api/calculations/late-fee", new { arrears = 1m, dueOn = "2024-02-27", paidOn = "2024-03-01", city = "370100" }))
            .FieldErrorAsync("city");
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_field_and_an_unknown_calculator_a_404()
    {
        var officer = await app.As("officer.jinan");
        await (await officer.PostJsonAsync("/api/calculations/late-fee", new { arrears = "abc", dueOn = "2024-02-27", paidOn = "2024-03-01" })).FieldErrorAsync("arrears");
        await (await officer.PostJsonAsync("/api/calculations/late-fee", new { dueOn = "2024-02-27", paidOn = "2024-03-01" })).FieldErrorAsync("arrears");
        await (await officer.PostJsonAsync("/api/calculations/late-fee", new { arrears = -1m, dueOn = "2024-02-27", paidOn = "2024-03-01" })).FieldErrorAsync("arrears");
        await (await officer.PostJsonAsync("/api/calculations/nursing-care", new { level = "some", provincialAverageMonthlyWage = 1000m })).FieldErrorAsync("level");
        Assert.Equal(HttpStatusCode.NotFound, (await officer.PostJsonAsync("/api/calculations/no-such-thing", new { })).StatusCode);
        var catalog = await (await officer.GetAsync("/api/calculations")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(12, catalog.GetArrayLength());
        // A client reads what a calculator is (name, titles, description, articles), never how it is run.
        Assert.All(catalog.EnumerateArray(), c =>
            Assert.Equal(["name", "titleZh", "titleEn", "description", "basis"], c.EnumerateObject().Select(p => p.Name)));
    }

    [Fact]
    public async Task Only_administrators_change_parameters_and_every_field_is_checked()
    {
        var officer = await app.As("officer.jinan");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PutAsJsonAsync("/api/parameters", new { name = "minimumWage", year = 2025, city = "370100", value = 2200m, source = "x", reason = "y" })).StatusCode);
        var admin = await app.As("admin");
        await (await admin.PutAsJsonAsync("/api/parameters", new { name = "minimumWage", year = 2025, value = 2200m, source = "x", reason = "y" })).FieldErrorAsync("city");
        await (await admin.PutAsJsonAsync("/api/parameters", new { name = "bogus", year = 2025, value = 1m, source = "x", reason = "y" })).FieldErrorAsync("name");
        await (await admin.PutAsJsonAsync("/api/parameters", new { name = "minimumWage", year = 2025, city = "370100", value = 2200m, reason = "y" })).FieldErrorAsync("source");
        var list = await (await officer.GetAsync("/api/parameters")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(list.EnumerateArray(), p => p.GetProperty("name").GetString() == "nationalUrbanDisposableIncome" && p.GetProperty("year").GetInt32() == 2024 && p.GetProperty("value").GetDecimal() == 54188m);
    }
}
