using System.Net;
using System.Text.Json;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Procedures;

/// <summary>
/// Letters — the medical-reimbursement letters (第九十四条), on the procedure's own scenario (ClaimAsync, Checked, Bill): a
/// partly paid bill lists each order and each item not paid in full; a refusal the reviewer confirmed carries the
/// officer's note and the reviewer as the one who decided.
/// </summary>
public abstract partial class MedicalReimbursementScenarios
{
    private static string LetterZh(JsonElement text) => text.GetProperty("zh").GetString()!;

    [Fact]
    public async Task A_partly_paid_bill_has_a_letter_with_each_order_and_each_item_not_paid_in_full()
    {
        At("2025-07-01 09:00");
        var (_, caseId) = await ClaimAsync("2025-02-20", "2025-03-01", "2025-05-31");
        var approve = Task(await CompleteAsync(Task(await CaseAsync(caseId)), "eligible", Checked(
            [Bill("331601001", "2025-03-10", 1, 260.00m), Bill("XJ01DCA058A001", "2025-03-10", 6, 87.35m), Bill("ZZ9999", "2025-03-11", 1, 120.00m)],
            "2025-03-05", hospitalDays: 10, mealDailyStandard: 30.00m)));
        Assert.Equal("partly-paid", (await CompleteAsync(approve, "approved", null, "reviewer.jinan")).Str("endOutcome"));

        var letter = await (await (await App.As("officer.jinan")).GetAsync($"/api/cases/{caseId}/decision-letter")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("decision", "工伤医疗（康复）费用手工报销核定通知书"), (letter.Str("kind"), LetterZh(letter.GetProperty("title"))));
        // Medical 260 + 78.61 = 338.61 (第四十条) and the meal subsidy 10 × 30.00 = 300.00 (第六十七条): 638.61 in all,
        // 陆佰叁拾捌元陆角壹分.
        Assert.Equal([("medical-cost", "¥338.61", "第四十条"), ("hospital-meal-subsidy", "¥300.00", "第六十七条")],
            letter.GetProperty("payments").EnumerateArray().Select(p => (p.Str("benefit")!, p.GetProperty("amount").Str("figures")!, p.Str("article")!)));
        Assert.Equal("人民币陆佰叁拾捌元陆角壹分", LetterZh(letter.GetProperty("paymentsTotal").GetProperty("words")));
        var bills = letter.GetProperty("bills");
        Assert.Equal([2, 3], bills.GetProperty("notFullyPaid").EnumerateArray().Select(i => i.GetProperty("row").GetInt32()));
        Assert.Equal("人民币壹佰贰拾元整", LetterZh(bills.GetProperty("refused").GetProperty("words")));
    }

    [Fact]
    public async Task A_refusal_the_reviewer_confirmed_has_a_letter_with_the_officers_note()
    {
        At("2025-07-01 09:00");
        var (_, caseId) = await ClaimAsync("2025-02-20");
        var confirm = Task(await CompleteAsync(Task(await CaseAsync(caseId)), "refused", new { checkNote = "病历与工伤部位不符（第六十九条（四））" }));
        await CompleteAsync(confirm, "confirmed", null, "reviewer.jinan");

        var letter = await (await (await App.As("officer.jinan")).GetAsync($"/api/cases/{caseId}/decision-letter")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("refusal", "工伤医疗（康复）费用手工报销不予核定通知书"), (letter.Str("kind"), LetterZh(letter.GetProperty("title"))));
        Assert.Equal(["病历与工伤部位不符（第六十九条（四））"], letter.GetProperty("notes").EnumerateArray().Select(n => n.Str("text")));
        Assert.Equal("reviewer", letter.GetProperty("signer").Str("role"));
        Assert.Equal(JsonValueKind.Null, letter.GetProperty("bills").ValueKind);
    }

    [Fact]
    public async Task The_letter_says_what_the_employer_bears_for_a_late_recognition_application_and_the_page_says_why()
    {
        At("2025-07-01 09:00");
        // Injured 2025-01-10, the recognition applied for on 2025-03-20 (after the 30 days): the costs until then are the
        // employer's (第六十九条（一）): 260.00 + 260.00 = 520.00, 伍佰贰拾元整; the fund pays the April cost.
        var (_, caseId) = await ClaimAsync("2025-01-10");
        var approve = Task(await CompleteAsync(Task(await CaseAsync(caseId)), "eligible", Checked(
            [Bill("331601001", "2025-02-01", 1, 260.00m), Bill("331601001", "2025-03-20", 1, 260.00m), Bill("331601001", "2025-04-01", 1, 260.00m)], "2025-03-20")));
        Assert.Equal("partly-paid", (await CompleteAsync(approve, "approved", null, "reviewer.jinan")).Str("endOutcome"));

        var officer = await App.As("officer.jinan");
        var letter = await (await officer.GetAsync($"/api/cases/{caseId}/decision-letter")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("人民币伍佰贰拾元整", LetterZh(letter.GetProperty("bills").GetProperty("employerBorne").GetProperty("words")));
        var page = await (await officer.GetAsync($"/cases/{caseId}/decision-letter")).Content.ReadAsStringAsync();
        Assert.Contains("其中由用人单位负担", page, StringComparison.Ordinal);
        Assert.Contains("第六十九条（一）", page, StringComparison.Ordinal);
    }
}
