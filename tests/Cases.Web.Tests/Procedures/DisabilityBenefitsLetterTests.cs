using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Cases.Web.Tests.Pages;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Procedures;

/// <summary>
/// Letters — the 核定通知书 of a disability-benefits case (规程 第九十四条: 支付对象、支付金额、支付账户), through the same
/// scenario as the decision itself (its ApplyAsync and Checked): the one-time subsidy and the monthly benefits in figures
/// and in words, from the month after the appraisal; a refusal's letter with the officer's note; no letter before the
/// end or for a procedure that decides no benefits; another city's case is not found.
/// </summary>
public abstract partial class DisabilityBenefitsScenarios
{
    private static async Task<JsonElement> LetterAsync(HttpClient client, Guid caseId) =>
        await (await client.GetAsync($"/api/cases/{caseId}/decision-letter")).JsonAsync(HttpStatusCode.OK);

    private static string Zh(JsonElement text) => text.GetProperty("zh").GetString()!;

    [Fact]
    public async Task The_decision_letter_of_a_grade_3_worker_states_the_subsidy_and_the_monthly_benefits_in_figures_and_words()
    {
        At("2026-03-16 09:00");
        var (_, caseId) = await ApplyAsync(3, "major", "2026-03-10");
        var approve = Task(await CompleteAsync(Task(await CaseAsync(caseId)), "eligible", Checked()));
        var officer = await App.As("officer.jinan");

        // Before the end there is no letter: the case is still to be approved (409, in Chinese, naming why).
        var early = await (await officer.GetAsync($"/api/cases/{caseId}/decision-letter")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("尚未办结", early.Str("detail"), StringComparison.Ordinal);
        var (earlyStatus, earlyPage) = await officer.PageAsync($"/cases/{caseId}/decision-letter");
        Assert.Equal(HttpStatusCode.Conflict, earlyStatus);
        Assert.Contains("尚未办结", earlyPage.QuerySelector("[data-testid=letter-refusal]")!.TextContent, StringComparison.Ordinal);

        At("2026-03-18 10:00");
        await CompleteAsync(approve, "approved", null, "reviewer.jinan");
        var letter = await LetterAsync(officer, caseId);

        Assert.Equal(("decision", "伤残待遇核定通知书", "decided"), (letter.Str("kind"), Zh(letter.GetProperty("title")), letter.Str("outcome")));
        Assert.Equal(caseId.ToString("N")[^8..].ToUpperInvariant(), letter.Str("number"));
        Assert.Equal(("2026-03-18", "济南市"), (letter.Str("decidedOn"), Zh(letter.GetProperty("cityName"))));
        var to = letter.GetProperty("to");
        Assert.Equal(("工伤职工本人", "周立军"), (Zh(to.GetProperty("applicant")), to.Str("workerName")));
        Assert.Contains("********", to.Str("workerIdNumber"), StringComparison.Ordinal);

        // 一次性伤残补助金 138,000.00 (23 months × 6,000.00, hand-computed in the decision's scenario): in capitals
        // 壹拾叁万捌仟元整 — 壹拾 for the leading ten, 叁万, 捌仟, and 整 with no 角 or 分.
        var payment = Assert.Single(letter.GetProperty("payments").EnumerateArray());
        var amount = payment.GetProperty("amount");
        Assert.Equal(("disability-lump-sum", "一次性伤残补助金", "周立军", "第七十五条"), (payment.Str("benefit"), Zh(payment.GetProperty("benefitLabel")), payment.Str("payee"), payment.Str("article")));
        Assert.Equal((138_000.00m, "¥138,000.00", "人民币壹拾叁万捌仟元整"), (amount.GetProperty("amount").GetDecimal(), amount.Str("figures"), Zh(amount.GetProperty("words"))));
        Assert.Equal("RMB one hundred thirty-eight thousand yuan", amount.GetProperty("words").Str("en"));
        Assert.Equal("6222***********4568", payment.Str("account"));
        Assert.Equal("人民币壹拾叁万捌仟元整", Zh(letter.GetProperty("paymentsTotal").GetProperty("words")));

        // 伤残津贴 4,800.00 (肆仟捌佰元整) and 生活护理费 3,120.00 (叁仟壹佰贰拾元整), both from April 2026: the month after
        // the appraisal of 2026-03-10 (第七十五条).
        Assert.Equal(
            [("disability-allowance", "granted", "¥4,800.00", "人民币肆仟捌佰元整", "2026-04"), ("nursing-care", "granted", "¥3,120.00", "人民币叁仟壹佰贰拾元整", "2026-04")],
            letter.GetProperty("monthly").EnumerateArray().Select(m => (m.Str("benefit")!, m.Str("change")!, m.GetProperty("monthlyAmount").Str("figures")!,
                Zh(m.GetProperty("monthlyAmount").GetProperty("words")), m.Str("fromMonth")!)));
        Assert.Empty(letter.GetProperty("employerPays").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, letter.GetProperty("bills").ValueKind);

        // The approving reviewer by name, not by user name; the recourse with its articles; the calculations explained.
        var signer = letter.GetProperty("signer");
        Assert.Equal("reviewer", signer.Str("role"));
        Assert.NotEqual("reviewer.jinan", signer.Str("name"));
        Assert.Contains("第一百〇七条", Zh(letter.GetProperty("recourse")), StringComparison.Ordinal);
        Assert.Contains("第五十五条", Zh(letter.GetProperty("recourse")), StringComparison.Ordinal);
        Assert.Contains(letter.GetProperty("articles").EnumerateArray(), a => a.GetString() == "第九十四条");
        Assert.Contains(letter.GetProperty("calculations").EnumerateArray(), c => c.Str("calculator") == "disability" && c.GetProperty("steps").GetArrayLength() > 0);

        // The page: linked from the case, the same figures and words, the months as a China month, nothing whole.
        var casePage = await officer.OpenAsync($"/cases/{caseId}");
        Assert.Equal($"/cases/{caseId}/decision-letter", casePage.QuerySelector("[data-testid=decision-letter-link]")!.GetAttribute("href"));
        var page = await officer.OpenAsync($"/cases/{caseId}/decision-letter");
        Assert.Equal("伤残待遇核定通知书", page.QuerySelector("[data-testid=letter-title]")!.TextContent);
        Assert.Equal("济南市社会保险经办机构", page.QuerySelector("[data-testid=letter-agency]")!.TextContent);
        var row = page.QuerySelector("[data-testid=letter-payment]")!.TextContent;
        Assert.Contains("¥138,000.00", row, StringComparison.Ordinal);
        Assert.Contains("人民币壹拾叁万捌仟元整", row, StringComparison.Ordinal);
        Assert.Equal(["2026年4月起", "2026年4月起"], page.QuerySelectorAll("[data-testid=letter-months]").Select(e => e.TextContent.Trim()));
        Assert.Contains(signer.Str("name")!, page.QuerySelector("[data-testid=letter-signer]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2026年3月18日", page.QuerySelector("[data-testid=letter-footer-date]")!.TextContent);
        Assert.NotNull(page.QuerySelector("button[data-print]"));
        Assert.DoesNotContain("6222021602001234568", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        NoEnglish(page, letter.Str("number")!);

        // In English, the words too.
        var english = await officer.OpenAsync($"/cases/{caseId}/decision-letter?culture=en");
        Assert.Contains("RMB one hundred thirty-eight thousand yuan", english.QuerySelector("[data-testid=letter-payment]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Disability benefits: decision letter", english.QuerySelector("[data-testid=letter-title]")!.TextContent, StringComparison.Ordinal);

        // Another city's officer: not found, on the API and the page (规程 第一百四十条).
        var qingdao = await App.As("officer.qingdao");
        await (await qingdao.GetAsync($"/api/cases/{caseId}/decision-letter")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await qingdao.PageAsync($"/cases/{caseId}/decision-letter")).Status);
    }

    [Fact]
    public async Task A_grade_5_decision_states_the_allowance_the_employer_pays_and_stops_the_funds_monthly_benefits()
    {
        At("2026-03-16 09:00");
        var (injuryCaseId, first) = await ApplyAsync(4, "partial", "2026-03-10");
        await CompleteAsync(Task(await CompleteAsync(Task(await CaseAsync(first)), "eligible", Checked())), "approved", null, "reviewer.jinan");
        At("2027-01-25 09:00");
        var (_, second) = await ApplyAsync(5, "none", "2027-01-20", injuryCaseId);
        await CompleteAsync(Task(await CompleteAsync(Task(await CaseAsync(second)), "eligible", Checked())), "approved", null, "reviewer.jinan");

        var letter = await LetterAsync(await App.As("officer.jinan"), second);
        // Grade 5: 70% × 6,000.00 = 4,200.00 a month, paid by the employer (《工伤保险条例》第三十六条), not by the fund.
        var stated = Assert.Single(letter.GetProperty("employerPays").EnumerateArray());
        Assert.Equal(("¥4,200.00", "人民币肆仟贰佰元整", "《工伤保险条例》第三十六条"),
            (stated.GetProperty("monthlyAmount").Str("figures"), Zh(stated.GetProperty("monthlyAmount").GetProperty("words")), stated.Str("article")));
        // The fund's allowance and nursing care the first case granted stop from February 2027 (第七十八条).
        Assert.Equal([("disability-allowance", "stopped", "2027-02"), ("nursing-care", "stopped", "2027-02")],
            letter.GetProperty("monthly").EnumerateArray().Select(m => (m.Str("benefit")!, m.Str("change")!, m.Str("fromMonth")!)));
    }

    [Fact]
    public async Task A_refused_case_has_a_letter_of_refusal_with_the_officers_note_and_a_procedure_without_benefits_has_none()
    {
        At("2026-03-16 09:00");
        var (_, caseId) = await ApplyAsync(3, "none", "2026-03-10");
        await CompleteAsync(Task(await CaseAsync(caseId)), "refused", new { checkNote = "已于2025年领取一次性工伤医疗补助金，工伤保险关系终止" });
        var officer = await App.As("officer.jinan");

        var letter = await LetterAsync(officer, caseId);
        Assert.Equal(("refusal", "伤残待遇不予核定通知书", "不予核定"), (letter.Str("kind"), Zh(letter.GetProperty("title")), Zh(letter.GetProperty("conclusion"))));
        var note = Assert.Single(letter.GetProperty("notes").EnumerateArray());
        Assert.Equal(("checkNote", "审核意见", "已于2025年领取一次性工伤医疗补助金，工伤保险关系终止"), (note.Str("field"), Zh(note.GetProperty("label")), note.Str("text")));
        Assert.Equal(["第九十四条", "第五十七条"], letter.GetProperty("articles").EnumerateArray().Select(a => a.GetString()));
        Assert.Empty(letter.GetProperty("payments").EnumerateArray());
        Assert.Empty(letter.GetProperty("monthly").EnumerateArray());
        Assert.Equal(("officer", "2026-03-16"), (letter.GetProperty("signer").Str("role"), letter.Str("decidedOn")));
        Assert.DoesNotContain("第一百〇七条", Zh(letter.GetProperty("recourse")), StringComparison.Ordinal);
        Assert.Contains("第五十五条", Zh(letter.GetProperty("recourse")), StringComparison.Ordinal);

        // Every number on a letter is masked, so reading it is no view of personal data to record (规程 第一百四十条): a
        // reviewer, whose case page would show and record whole numbers, leaves no record by reading the letter.
        var auditor = await App.As("auditor");
        async Task<int> ReviewerViewsAsync() =>
            (await (await auditor.GetAsync("/api/audit/personal-data?user=reviewer.jinan&limit=100")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength();
        var views = await ReviewerViewsAsync();
        var reviewer = await App.As("reviewer.jinan");
        await LetterAsync(reviewer, caseId);
        await reviewer.OpenAsync($"/cases/{caseId}/decision-letter");
        Assert.Equal(views, await ReviewerViewsAsync());
        await reviewer.OpenAsync($"/cases/{caseId}");
        Assert.True(await ReviewerViewsAsync() > views, "the case page records the reviewer's view of the whole number; the letter did not");

        var page = await officer.OpenAsync($"/cases/{caseId}/decision-letter");
        Assert.Equal("伤残待遇不予核定通知书", page.QuerySelector("[data-testid=letter-title]")!.TextContent);
        Assert.Contains("工伤保险关系终止", page.QuerySelector("[data-testid=letter-note]")!.TextContent, StringComparison.Ordinal);
        NoEnglish(page, letter.Str("number")!);

        // A procedure that orders no payment, grants no monthly benefit and reviews no bill has no letter (422).
        var filing = await StartAsync(DemoFiling.Key, new { contractEndsOn = "2026-06-30" });
        var none = await (await officer.GetAsync($"/api/cases/{filing}/decision-letter")).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("没有核定通知书", none.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await officer.PageAsync($"/cases/{filing}/decision-letter")).Status);
        Assert.Null((await officer.OpenAsync($"/cases/{filing}")).QuerySelector("[data-testid=decision-letter-link]"));
    }

    [Fact]
    public async Task An_application_that_lapsed_for_want_of_papers_has_a_letter_saying_so_with_the_article_of_the_notice()
    {
        At("2026-03-16 09:00");
        var (_, caseId) = await ApplyAsync(3, "none", "2026-03-10", materials: ["application"]);
        await CompleteAsync(Task(await CaseAsync(caseId)), "needs-supplement", new { checkNote = "请补正劳动能力鉴定结论书和账户信息" });

        // Nothing supplied within the agency's 30 days (第十五条): the timer ends the case as lapsed.
        At("2026-04-20 09:00");
        await App.RunDueTimersAsync();
        Assert.Equal("lapsed", (await CaseAsync(caseId)).Str("endOutcome"));

        var letter = await LetterAsync(await App.As("officer.jinan"), caseId);
        Assert.Equal(("refusal", "伤残待遇不予核定通知书", "逾期未补正，申请失效"), (letter.Str("kind"), Zh(letter.GetProperty("title")), Zh(letter.GetProperty("conclusion"))));
        Assert.Equal(["第九十四条", "第五十七条", "第十五条"], letter.GetProperty("articles").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("2026-04-20", letter.Str("decidedOn"));
    }

    // The letter's text holds no English word; the case number (hexadecimal) and catalogue codes (in code) are codes, left out.
    internal static void NoEnglish(IDocument page, string number)
    {
        var root = (IElement)(page.QuerySelector("main") ?? page.Body!).Clone();
        foreach (var code in root.QuerySelectorAll("code").ToList())
        {
            code.Remove();
        }

        var main = root.TextContent.Replace(number, "", StringComparison.Ordinal);
        var words = LetterLatinWords().Matches(main).Select(m => m.Value).Distinct().ToList();
        Assert.True(words.Count == 0, "English on the letter: " + string.Join(", ", words));
    }

    [GeneratedRegex(@"[A-Za-z]{3,}")]
    private static partial Regex LetterLatinWords();
}
