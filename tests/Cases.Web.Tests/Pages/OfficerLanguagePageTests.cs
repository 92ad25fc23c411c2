using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Pages;

/// <summary>
/// The officer's pages speak the officer's language: parties by name (an employer's name with its credit code beside
/// it), users by display name, option and outcome labels, money as ¥48,000.00 and rates as percentages, the journal as
/// sentences, dates of notices in Chinese.
/// </summary>
public sealed class OfficerLanguagePageTests(SqliteRuntimeApp app) : IClassFixture<SqliteRuntimeApp>
{
    private const string Officer = "张伟（济南经办）";

    private static async Task<(string Code, string Name)> EmployerAsync(HttpClient officer, string name)
    {
        var code = TestParties.NewCreditCode();
        (await officer.PostJsonAsync("/api/employers", new { creditCode = code, name, riskClass = 3, city = "370100" })).EnsureSuccessStatusCode();
        return (code, name);
    }

    [Fact]
    public async Task The_inbox_and_case_search_name_the_employer_with_its_credit_code_and_the_done_tab_says_when_and_by_whom()
    {
        var officer = await app.As("officer.jinan");
        var (code, name) = await EmployerAsync(officer, "济南语言测试机械有限公司");
        var (caseId, taskId) = await PageSupport.StartRateCaseAsync(officer, "2025-10-17", code);

        var party = (await officer.OpenAsync("/inbox?tab=available")).Row(taskId).QuerySelector("[data-testid=party]")!;
        Assert.Equal(name, party.QuerySelector(".party-name").Text());
        Assert.Equal(code, party.QuerySelector("small.party-code").Text());

        var found = (await officer.OpenAsync("/cases?q=" + Uri.EscapeDataString(name))).QuerySelector($"[data-testid=case-row][data-case-id='{caseId}'] [data-testid=case-party]")!;
        Assert.Equal(name, found.QuerySelector(".party-name").Text());
        Assert.Equal(code, found.QuerySelector(".party-code").Text());

        await (await officer.PostJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "notified", data = new { noticeReceivedOn = "2025-10-17" } })).JsonAsync(HttpStatusCode.OK);
        var done = (await officer.OpenAsync("/inbox?tab=done")).Row(taskId);
        Assert.Matches(@"^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 由" + Regex.Escape(Officer) + "完成$", done.QuerySelector("[data-testid=completed]").Text());
        Assert.DoesNotContain("officer.jinan", done.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_claimed_task_is_put_back_to_claim_not_sent_back_and_the_case_says_who_holds_it_by_name()
    {
        var officer = await app.As("officer.jinan");
        var (caseId, taskId) = await PageSupport.StartRateCaseAsync(officer, "2025-10-17");
        await (await officer.PostAsync(new Uri($"/api/tasks/{taskId}/claim", UriKind.Relative), null)).JsonAsync(HttpStatusCode.OK);

        var row = (await officer.OpenAsync("/inbox?tab=mine")).Row(taskId);
        var release = row.QuerySelector("button[formaction='/inbox/release']")!;
        Assert.Equal("放回待领取", release.Text());
        Assert.StartsWith("放回待领取：", release.GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.DoesNotContain("退回", row.Text(), StringComparison.Ordinal);
        Assert.Equal("放回待领取", (await officer.OpenAsync($"/tasks/{taskId}")).QuerySelector("form[action$='/release'] button").Text());

        var page = await officer.OpenAsync($"/cases/{caseId}");
        Assert.Equal($"办理中（{Officer}）", page.QuerySelector("[data-testid=task-holder]").Text());
        var claimed = page.QuerySelectorAll("[data-testid=timeline-entry][data-action=task-claimed]").Single();
        Assert.EndsWith($"{Officer} 领取「告知用人单位浮动费率」", claimed.QuerySelector("[data-testid=timeline-sentence]").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Case_data_shows_rates_as_percentages_money_in_yuan_and_received_materials_by_name()
    {
        var officer = await app.As("officer.jinan");
        var (rateCase, _) = await PageSupport.StartRateCaseAsync(officer, "2025-10-17");
        var rates = await officer.OpenAsync($"/cases/{rateCase}");
        Assert.Equal("0.5%", rates.QuerySelector("[data-testid=case-data] tr[data-field=previousRate] td").Text());
        Assert.Equal("0.45%", rates.QuerySelector("[data-testid=case-data] tr[data-field=newRate] td").Text());

        var code = TestParties.NewCreditCode();
        var started = await (await officer.PostAsJsonAsync("/api/cases", new
        {
            procedure = "advance-payment",
            city = "370100",
            data = new
            {
                variant = "employer-refuses", appliedOn = "2025-09-01", injuryCaseId = await TestInjuries.RegisterAsync(officer), workerIdNumber = "370102198503120011", employerCreditCode = "91370100MA3C4E5F61", claimItems = new[] { new { kind = "medical", amount = 48000m } },
                liableParty = new { name = "济南语言测试建材有限公司", creditCode = code },
                materialsReceived = new[] { "written-application", "enforcement-suspended-employer" },
            },
        })).JsonAsync(HttpStatusCode.Created);
        var caseId = started.GetProperty("caseId").GetGuid();

        var page = await officer.OpenAsync($"/cases/{caseId}");
        var data = page.QuerySelector("[data-testid=case-data]")!;
        Assert.Equal("¥48,000.00", data.QuerySelector("tr[data-field=claimedAmount] td").Text());
        Assert.Equal("工伤职工或近亲属先行支付书面申请材料、依法经仲裁、诉讼后仍不能获得工伤保险待遇，法院出具的中止执行文书",
            data.QuerySelector("tr[data-field=materialsReceived] td").Text());
        // The form names the injured worker (the applicant, registered as 王建国): the case's party is the worker by name
        // with the masked number, in the lists and on the case; the liable employer is a line of the case data.
        var masked = Cases.Domain.Parties.IdNumber.Parse("370102198503120011").Masked;
        var party = page.QuerySelector("[data-testid=case-party]")!;
        Assert.Equal("王建国", party.QuerySelector(".party-name").Text());
        Assert.Equal(masked, party.QuerySelector(".party-code").Text());
        Assert.Contains("济南语言测试建材有限公司", data.QuerySelector("tr[data-field=liableParty] td").Text(), StringComparison.Ordinal);
        var api = await (await officer.GetAsync(new Uri($"/api/cases/{caseId}", UriKind.Relative))).JsonAsync(HttpStatusCode.OK);
        // The case takes the worker from the registered injury case: the label carries the name beside the masked number.
        Assert.Equal($"王建国 {masked}", api.GetProperty("party").GetString());
        // The journal says the start as a sentence and its data formatted, never as JSON.
        var startedEntry = page.QuerySelectorAll("[data-testid=timeline-entry][data-action=started]").Single();
        Assert.EndsWith($"{Officer} 立案，进入「核对申请项目并合计申请金额（第九十三条）」", startedEntry.QuerySelector("[data-testid=timeline-sentence]").Text(), StringComparison.Ordinal);
        Assert.Contains("¥48,000.00", startedEntry.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("{\"", startedEntry.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_one_time_notice_names_its_addressee_each_missing_item_with_its_article_the_deadline_and_what_follows()
    {
        var officer = await app.As("officer.jinan");
        var started = await (await officer.PostAsJsonAsync("/api/cases", new
        {
            procedure = "advance-payment",
            city = "370100",
            data = new
            {
                variant = "third-party-unpaid", appliedOn = "2025-09-01", injuryCaseId = await TestInjuries.RegisterAsync(officer), workerIdNumber = "370102198503120011", employerCreditCode = "91370100MA3C4E5F61", claimItems = new[] { new { kind = "medical", amount = 12000m } },
                liableParty = new { name = "济南告知测试有限公司", creditCode = TestParties.NewCreditCode() },
                thirdPartyIdentified = true, materialsReceived = new[] { "written-application", "injury-decision", "civil-judgment" },
            },
        })).JsonAsync(HttpStatusCode.Created);
        var caseId = started.GetProperty("caseId").GetGuid();
        var task = await PageSupport.TaskAsync(officer, caseId);
        await (await officer.PostJsonAsync($"/api/tasks/{task.GetProperty("id").GetGuid()}/complete", new { outcome = "missing-materials", data = new { reviewNote = "请补充法院中止执行文书" } }))
            .JsonAsync(HttpStatusCode.OK);
        var deadline = (await (await officer.GetAsync(new Uri($"/api/cases/{caseId}", UriKind.Relative))).JsonAsync(HttpStatusCode.OK))
            .GetProperty("data").GetProperty("materialsDeadline").GetString()!;
        var due = DateOnly.ParseExact(deadline, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var link = (await officer.OpenAsync($"/cases/{caseId}")).QuerySelector("[data-testid=notice-link] a")!.GetAttribute("href")!;
        var notice = await officer.OpenAsync(link);

        // Addressed to the applicant, the injured worker (第九十条: the worker or the next of kin applies).
        Assert.Equal("王建国：", notice.QuerySelector("[data-testid=notice-addressee]").Text());
        var item = notice.QuerySelectorAll("[data-testid=notice-item]").Single();
        Assert.Contains("法院出具的中止执行文书", item.Text(), StringComparison.Ordinal);
        Assert.Contains("第九十二条", item.Text(), StringComparison.Ordinal);
        Assert.Equal($"请于{due.Year}年{due.Month}月{due.Day}日前（含当日）补正上述全部材料（规程 第十五条）。逾期未补正的，案件将按「逾期未补正，申请失效」办结。",
            string.Join(' ', notice.QuerySelector("[data-testid=notice-deadline]").Text().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal("济南市社会保险经办机构", notice.QuerySelector("[data-testid=notice-agency]").Text());
        Assert.Matches(@"^\d{4}年\d{1,2}月\d{1,2}日$", notice.QuerySelector("[data-testid=notice-date]").Text());
    }

    [Fact]
    public async Task In_English_the_journal_sentence_dates_and_names_come_back_in_English()
    {
        var officer = await app.As("officer2.jinan");
        var (caseId, taskId) = await PageSupport.StartRateCaseAsync(officer, "2025-10-17");
        await (await officer.PostJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "notified", data = new { noticeReceivedOn = "2025-10-20" } })).JsonAsync(HttpStatusCode.OK);
        var home = await officer.OpenAsync("/inbox");
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitAsync(home, "[data-testid=culture-switch]", [])).StatusCode);
        try
        {
            var page = await officer.OpenAsync($"/cases/{caseId}");
            var completed = page.QuerySelectorAll("[data-testid=timeline-entry][data-action=task-completed]").Single();
            Assert.Matches(@"\d{1,2} [A-Z][a-z]+ \d{4} \d{2}:\d{2} 王芳（济南经办） Completed “Notify the employer of the rate”: Notified; moved to “Objection window”$",
                completed.QuerySelector("[data-testid=timeline-sentence]").Text());
            Assert.Contains("20 October 2025", completed.Text(), StringComparison.Ordinal);
        }
        finally
        {
            await officer.SubmitAsync(await officer.OpenAsync("/inbox"), "[data-testid=culture-switch]", []);
        }
    }
}
