using System.Net;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Pages;

/// <summary>
/// A page's failure is a page of the site (its layout, the user's language, a way back), never a JSON body in the
/// browser; the API's paths keep answering ProblemDetails.
/// </summary>
public sealed class ErrorPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task A_page_that_is_not_there_is_the_sites_404_page_with_a_way_back_and_the_api_still_answers_problem_details()
    {
        var officer = await app.As("officer.jinan");

        var (status, page) = await officer.PageAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("404", page.QuerySelector("[data-testid=error-page]")!.GetAttribute("data-status"));
        Assert.Equal("页面不存在", page.QuerySelector("[data-testid=error-page] h1").Text());
        Assert.Equal("/", page.QuerySelector("[data-testid=error-home]")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("nav.navbar")); // inside the layout, with its navigation
        Assert.NotNull(page.QuerySelector("[data-testid=current-user]"));

        using var api = await officer.GetAsync(new Uri("/api/no-such-thing", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Reloading_a_form_address_shows_the_405_page_that_leads_back_to_the_form_in_the_readers_language()
    {
        var admin = await app.As("admin");

        var (status, page) = await admin.PageAsync("/admin/users/officer.jinan/lock");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
        Assert.Equal("请从页面上的按钮提交", page.QuerySelector("[data-testid=error-page] h1").Text());
        Assert.Equal("/admin/users/officer.jinan", page.QuerySelector("[data-testid=error-back]")!.GetAttribute("href"));
        Assert.DoesNotContain("\"status\"", page.Body!.TextContent, StringComparison.Ordinal);

        var (_, englishPage) = await admin.PageAsync("/admin/users/officer.jinan/lock?culture=en");
        Assert.Equal("Please submit from the page's button", englishPage.QuerySelector("[data-testid=error-page] h1").Text());
        Assert.Equal("Back to the home page", englishPage.QuerySelector("[data-testid=error-home]").Text());
    }
}
