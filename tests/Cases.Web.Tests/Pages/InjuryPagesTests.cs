using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Pages;

/// <summary>
/// Injury pages: 登记工伤案件 from the worker's page (the worker picked, his employer filled in, each refusal at its field
/// in Chinese), the appraisal conclusion and its re-appraisal recorded on the injury case's page (第七十八条, the first kept),
/// China dates, grades as 三级 and self-care by its name — never a raw code or an English word.
/// </summary>
public sealed class InjuryPagesTests(SqliteRuntimeApp app) : IClassFixture<SqliteRuntimeApp>
{
    private static readonly Regex EnglishWord = new("[A-Za-z]{3,}", RegexOptions.CultureInvariant);

    /// <summary>The page's own content (the layout's language switch says "English" on purpose) has no English word.</summary>
    private static void AllChinese(IDocument page)
    {
        var main = page.QuerySelector("main") ?? page.Body!;
        var words = EnglishWord.Matches(main.TextContent).Select(m => m.Value).Distinct().ToList();
        Assert.True(words.Count == 0, "English on a zh page: " + string.Join(", ", words.Select(w => w + " in 「" + Around(main.TextContent, w) + "」")));
    }

    private static string Around(string text, string word)
    {
        var at = text.IndexOf(word, StringComparison.Ordinal);
        return text[Math.Max(0, at - 40)..Math.Min(text.Length, at + 40)];
    }

    private static async Task<(Guid Id, string Number)> NewWorkerAsync(HttpClient officer, string name)
    {
        var number = TestParties.NewIdNumber();
        var created = await (await officer.PostJsonAsync("/api/workers", new { idNumber = number, name, employerCreditCode = TestInjuries.Hengda })).JsonAsync(HttpStatusCode.Created);
        return (created.GetProperty("id").GetGuid(), number);
    }

    [Fact]
    public async Task An_officer_registers_an_injury_case_from_the_workers_page_each_refusal_said_at_its_field()
    {
        app.Factory.Clock.SetUtcNow(new DateTimeOffset(2025, 9, 29, 2, 0, 0, TimeSpan.Zero));
        var officer = await app.As("officer.jinan");
        var (workerId, idNumber) = await NewWorkerAsync(officer, "钱国栋");

        var workerPage = await officer.OpenAsync($"/workers/{workerId}");
        var link = workerPage.QuerySelector("[data-testid=register-injury-case]")!;
        Assert.Equal("登记工伤案件", link.Text());
        var form = await officer.OpenAsync(link.GetAttribute("href")!);
        Assert.Contains("钱国栋", form.QuerySelector("[data-testid=picked-worker]").Text(), StringComparison.Ordinal);
        Assert.DoesNotContain(idNumber, form.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.Equal(TestInjuries.Hengda, form.QuerySelector("#f-employerCreditCode")!.GetAttribute("value"));
        AllChinese(form);

        // Refused at the field, in Chinese, the form kept as typed.
        var number = "济人社工认字〔2025〕第" + Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture) + "号";
        using var missing = await officer.SubmitAsync(form, "[data-testid=register-injury-form]", [new("recognizedOn", "2025-06-20"), new("recognitionNumber", number)]);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var again = await PageSupport.ParseAsync(missing);
        Assert.Equal("请填写受伤日期。", again.QuerySelector("[data-testid=error-injuredOn]").Text());
        Assert.Equal(number, again.QuerySelector("#f-recognitionNumber")!.GetAttribute("value"));
        AllChinese(again);
        using var late = await officer.SubmitAsync(again, "[data-testid=register-injury-form]", [new("injuredOn", "2025-06-21")]);
        Assert.Contains("早于受伤日期", (await PageSupport.ParseAsync(late)).QuerySelector("[data-testid=error-recognizedOn]").Text(), StringComparison.Ordinal);

        // Registered: to the injury case's page, its dates as China dates.
        using var done = await officer.SubmitAsync(again, "[data-testid=register-injury-form]", [new("injuredOn", "2025-05-10"), new("description", "在车间搬运时扭伤腰部")]);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var page = await officer.OpenAsync(done.Headers.Location!.OriginalString);
        Assert.Equal(number, page.QuerySelector("[data-testid=recognition-number]").Text());
        Assert.Equal("2025年5月10日", page.QuerySelector("[data-testid=injured-on]").Text());
        Assert.Contains("已登记工伤案件", page.QuerySelector("[data-testid=notice]").Text(), StringComparison.Ordinal);
        AllChinese(page);

        // The same decision twice is said above the form.
        var another = await officer.OpenAsync($"/injury-cases/new?workerId={workerId}");
        using var twice = await officer.SubmitAsync(another, "[data-testid=register-injury-form]", [new("injuredOn", "2025-05-10"), new("recognizedOn", "2025-06-20"), new("recognitionNumber", number)]);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("不能重复登记", (await PageSupport.ParseAsync(twice)).QuerySelector("[data-testid=refusal]").Text(), StringComparison.Ordinal);

        // Found by name on the registration page: the number masked.
        var found = await officer.OpenAsync("/injury-cases/new?find=" + Uri.EscapeDataString("钱国栋"));
        Assert.Contains(found.QuerySelectorAll("[data-testid=worker-candidate]"), r => r.GetAttribute("value") == workerId.ToString());
        Assert.DoesNotContain(idNumber, found.Body!.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_appraisal_and_its_re_appraisal_are_recorded_on_the_page_the_first_kept_and_grades_said_as_officers_say_them()
    {
        app.Factory.Clock.SetUtcNow(new DateTimeOffset(2025, 9, 29, 2, 0, 0, TimeSpan.Zero));
        var officer = await app.As("officer.jinan");
        var (_, idNumber) = await NewWorkerAsync(officer, "孔祥瑞");
        var id = await TestInjuries.RegisterAsync(officer, idNumber);

        var page = await officer.OpenAsync($"/injury-cases/{id}");
        Assert.Equal("尚未鉴定", page.QuerySelector("[data-testid=disability-grade]").Text());
        using var first = await officer.SubmitAsync(page, "[data-testid=appraisal-form]",
            [new("disabilityGrade", "3"), new("selfCareLevel", "partial"), new("appraisedOn", "2024-08-15"), new("conclusionNumber", "济劳鉴字〔2024〕第0456号")]);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        page = await officer.OpenAsync($"/injury-cases/{id}");
        Assert.Equal(("三级", "生活部分不能自理", "2024年8月15日"),
            (page.QuerySelector("[data-testid=disability-grade]").Text(), page.QuerySelector("[data-testid=self-care]").Text(), page.QuerySelector("[data-testid=appraised-on]").Text()));

        // A re-appraisal dated before the one in force is refused, and said on the page.
        using var earlier = await officer.SubmitAsync(page, "[data-testid=appraisal-form]", [new("disabilityGrade", "5"), new("selfCareLevel", "none"), new("appraisedOn", "2024-08-01")]);
        Assert.Equal(HttpStatusCode.Redirect, earlier.StatusCode);
        Assert.Contains("早于上一次鉴定日期", (await officer.OpenAsync($"/injury-cases/{id}")).QuerySelector("[data-testid=problem]").Text(), StringComparison.Ordinal);

        // 第七十八条: the re-appraisal is in force, the first stays in the history.
        using var second = await officer.SubmitAsync(page, "[data-testid=appraisal-form]", [new("disabilityGrade", "5"), new("selfCareLevel", "none"), new("appraisedOn", "2025-03-01")]);
        page = await officer.OpenAsync($"/injury-cases/{id}");
        Assert.Equal(("五级", "无生活自理障碍"), (page.QuerySelector("[data-testid=disability-grade]").Text(), page.QuerySelector("[data-testid=self-care]").Text()));
        var rows = page.QuerySelectorAll("[data-testid=appraisal-row]");
        Assert.Equal(2, rows.Length);
        Assert.Contains("三级", rows[0].Text(), StringComparison.Ordinal);
        Assert.Contains("济劳鉴字〔2024〕第0456号", rows[0].Text(), StringComparison.Ordinal);
        Assert.Contains("已被再次鉴定取代", rows[0].Text(), StringComparison.Ordinal);
        Assert.Contains("张伟", rows[0].Text(), StringComparison.Ordinal);
        Assert.Contains("现行结论", rows[1].Text(), StringComparison.Ordinal);
        AllChinese(page);

        // The period form records 第四十三条's period; the list shows the grade and China dates.
        using var rehab = await officer.SubmitAsync(page, "[data-testid=rehabilitation-form]", [new("startsOn", "2025-04-01"), new("endsOn", "2025-07-31")]);
        Assert.Equal(HttpStatusCode.Redirect, rehab.StatusCode);
        Assert.Equal("2025年4月1日 至 2025年7月31日", (await officer.OpenAsync($"/injury-cases/{id}")).QuerySelector("[data-testid=rehab-period]").Text());
        var list = await officer.OpenAsync("/injury-cases?q=" + Uri.EscapeDataString("孔祥瑞"));
        var row = Assert.Single(list.QuerySelectorAll("[data-testid=injury-case-row]"), r => r.GetAttribute("data-id") == id);
        Assert.Equal("五级", row.QuerySelector("[data-testid=grade]").Text());
        Assert.Contains("2024年3月10日", row.Text(), StringComparison.Ordinal);
        AllChinese(list);

        // A reviewer reads the page without the forms.
        var reviewer = await (await app.As("reviewer.jinan")).OpenAsync($"/injury-cases/{id}");
        Assert.Null(reviewer.QuerySelector("[data-testid=appraisal-form]"));
    }
}
