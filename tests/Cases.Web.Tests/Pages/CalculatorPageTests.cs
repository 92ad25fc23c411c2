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
}
