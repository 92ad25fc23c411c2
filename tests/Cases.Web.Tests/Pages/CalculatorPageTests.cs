using System.Net;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Pages;

/// <summary>The calculators speak the user's language: titles, field labels and result names follow the switch.</summary>
public sealed class CalculatorPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task A_calculator_is_titled_and_labelled_in_English_after_the_switch_and_in_Chinese_by_default()
    {
        var officer = await app.As("officer.jinan");
        var chinese = await officer.OpenAsync("/calculations/late-fee");
        Assert.Equal("滞纳金", chinese.QuerySelector("h1").Text());
        Assert.Equal("欠缴金额", chinese.QuerySelector("label[for=f-arrears]")!.Text().Replace("*", "", StringComparison.Ordinal).Trim());

        var switched = await officer.SubmitAsync(chinese, "[data-testid=culture-switch]", []);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        var english = await officer.OpenAsync("/calculations/late-fee");
        Assert.Equal("Late fee", english.QuerySelector("h1").Text());
        Assert.Equal("Arrears", english.QuerySelector("label[for=f-arrears]")!.Text().Replace("*", "", StringComparison.Ordinal).Trim());
        var list = await officer.OpenAsync("/calculations");
        Assert.Contains(list.QuerySelectorAll("h2 a"), a => a.Text() == "Late fee");
    }

    [Fact]
    public async Task A_result_shows_amounts_in_yuan_to_the_fen_rates_as_percentages_and_its_steps_in_the_readers_language()
    {
        // Another officer than the one whose switch the test above turns to English: this one reads the default, Chinese.
        var officer = await app.As("officer2.jinan");
        var form = await officer.OpenAsync("/calculations/disability");
        // Twelve months averaging 6,666.666…: the wage base is carried unrounded, but shown to the fen.
        using var posted = await officer.SubmitAsync(form, "[data-testid=calculator-form]",
        [
            new("grade", "5"), new("injuryOn", "2025-03-01"), new("monthlyWages", string.Join("\n", "7000,7000,6000,7000,7000,6000,7000,7000,6000,7000,7000,6000".Split(','))),
            new("provincialAverageMonthlyWage", "8000"), new("minimumWage", "2200"),
        ]);
        var page = await PageSupport.ParseAsync(posted);

        Assert.Equal("¥6,666.67", page.QuerySelector("[data-testid=result-wageBase]").Text());
        Assert.Equal("¥120,000.00", page.QuerySelector("[data-testid=result-lumpSum]").Text());
        Assert.Equal("70%", page.QuerySelector("[data-testid=result-allowanceRate]").Text());
        Assert.Equal("用人单位", page.QuerySelector("[data-testid=result-allowancePayer]").Text());
        var explanation = page.QuerySelector("[data-testid=explanation]").Text();
        Assert.Contains("本人工资（平均）", explanation, StringComparison.Ordinal);
        Assert.Contains("一次性伤残补助金", explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("6,666.666", explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("Wage base", explanation, StringComparison.Ordinal);

        // The API answers the explanation in the request's language.
        var body = new { grade = 5, injuryOn = "2025-03-01", monthlyWages = new[] { 7000m }, provincialAverageMonthlyWage = 8000m, minimumWage = 2200m };
        var zh = await (await officer.PostJsonAsync("/api/calculations/disability", body)).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(zh.GetProperty("explanation").EnumerateArray(), s => s.GetProperty("step").GetString() == "一次性伤残补助金");
        var en = await (await officer.PostJsonAsync("/api/calculations/disability?culture=en", body)).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(en.GetProperty("explanation").EnumerateArray(), s => s.GetProperty("step").GetString() == "One-time disability subsidy");
    }

    [Fact]
    public async Task A_refused_calculation_says_why_in_Chinese_by_default_and_in_English_when_asked()
    {
        var officer = await app.As("officer2.jinan");
        var zh = await (await officer.PostJsonAsync("/api/calculations/late-fee", new { arrears = -1m, dueOn = "2025-01-01", paidOn = "2025-02-01" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("「欠缴金额」不能为负数（填写的是 -1）。", zh.GetProperty("detail").GetString());
        var en = await (await officer.PostJsonAsync("/api/calculations/late-fee?culture=en", new { arrears = -1m, dueOn = "2025-01-01", paidOn = "2025-02-01" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Arrears must not be negative; got -1.", en.GetProperty("detail").GetString());
    }
}
