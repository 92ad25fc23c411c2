using System.Text.RegularExpressions;

namespace Cases.Browser.Tests;

/// <summary>
/// Every page a user can reach by following the site's own links, as each demo role, in a zh-CN browser: what it shows
/// is Chinese. A visible run of two or more English words fails the walk unless it is a code (shown in
/// <c>code</c>/<c>kbd</c>/<c>samp</c>/<c>pre</c>), something the user typed (form fields), an abbreviation in capitals
/// (CSV, PDF, OFD), or text marked as another language on purpose (<c>lang="en"</c>: the switch to English).
/// </summary>
public partial class ChineseEverywhereTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    // Pages of one shape (a case, a task, a designer's version) are visited a few times, not once per row of demo data.
    private const int VisitsPerShape = 2;

    private const int PagesPerRole = 80;

    private const string LinksScript = """
        () => [...document.querySelectorAll('a[href]')]
          .filter(a => !a.hasAttribute('download'))
          .map(a => a.href)
          .filter(h => h.startsWith(location.origin))
        """;

    [Theory]
    [InlineData("officer.jinan")]
    [InlineData("reviewer.jinan")]
    [InlineData("supervisor.jinan")]
    [InlineData("supervisor.province")]
    [InlineData("designer")]
    [InlineData("admin")]
    [InlineData("auditor")]
    public async Task Every_page_a_role_reaches_speaks_Chinese(string userName)
    {
        var page = await browser.SignedInAsync(userName);
        var origin = browser.App.ServerAddress.ToString().TrimEnd('/');
        var queue = new Queue<string>(["/"]);
        var shapes = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var found = new List<string>();
        var visited = 0;

        while (queue.Count > 0 && visited < PagesPerRole)
        {
            var path = queue.Dequeue();
            var shape = Shape(path);
            if (!seen.Add(path) || shapes.GetValueOrDefault(shape) >= VisitsPerShape)
            {
                continue;
            }

            shapes[shape] = shapes.GetValueOrDefault(shape) + 1;
            var response = await page.GotoAsync(path);
            visited++;
            if (response is null || !(response.Headers.GetValueOrDefault("content-type") ?? "").StartsWith("text/html", StringComparison.Ordinal))
            {
                continue;
            }

            var text = await ChineseText.VisibleAsync(page);
            found.AddRange(ChineseText.EnglishRuns(text).Select(run => $"{path}: 「{run}」"));

            foreach (var link in await page.EvaluateAsync<string[]>(LinksScript))
            {
                var next = link[origin.Length..];
                if (Followed(next))
                {
                    queue.Enqueue(next.Split('#')[0]);
                }
            }
        }

        Assert.True(visited >= 5, $"{userName} reached only {visited} pages: the walk did not get past the home page.");
        Assert.True(found.Count == 0, $"English on the zh-CN pages of {userName} ({found.Count}):\n" + string.Join('\n', found.Distinct().Take(60)));
    }

    [Fact]
    public void The_check_finds_English_sentences_and_passes_codes_names_and_Chinese()
    {
        Assert.Equal(["The request body is not valid"], ChineseText.EnglishRuns("错误：The request body is not valid。"));
        Assert.Equal(["working days from"], ChineseText.EnglishRuns("10 working days from 「受理日期」"));
        Assert.Empty(ChineseText.EnglishRuns("导出 CSV · PDF 或 OFD 文件 · 第二十二条 · 2026-12-07 · ¥48,000.00 · final-no-objection"));
        Assert.Empty(ChineseText.EnglishRuns("经办人员 officer.jinan 已领取"));
    }

    // Where the walk goes: the site's pages, not sign-out, the language switch, downloads, the API or the job dashboard.
    private static bool Followed(string path) =>
        path.StartsWith('/')
        && !path.StartsWith("/api/", StringComparison.Ordinal)
        && !path.StartsWith("/hangfire", StringComparison.Ordinal)
        && !path.Contains("logout", StringComparison.OrdinalIgnoreCase)
        && !path.Contains("culture", StringComparison.OrdinalIgnoreCase)
        && !path.Contains("export", StringComparison.OrdinalIgnoreCase)
        && !path.Contains(".csv", StringComparison.OrdinalIgnoreCase)
        && !path.Contains("download", StringComparison.OrdinalIgnoreCase)
        && !path.Contains("/attachments/", StringComparison.OrdinalIgnoreCase);

    // /cases/1b2c…/tasks/… and /designer/fee-rate-objection/3 are the same page for different rows.
    private static string Shape(string path) => Digits().Replace(Guid().Replace(path.Split('?')[0], "{id}"), "{n}");

    [GeneratedRegex("[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", RegexOptions.IgnoreCase)]
    private static partial Regex Guid();

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();
}
