using System.Net;
using System.Text.Json;
using Cases.Web.Tests.Pages;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Procedures;

/// <summary>
/// Letters — the 核定通知书 of a death-benefits case (规程 第九十四条), through the decision's own scenario (ApplyAsync,
/// Family, Checked): the one-time death subsidy and the funeral grant to the designated account with their total, and each
/// dependant's pension from the month after the death, the older child's until the month of the 18th birthday.
/// </summary>
public abstract partial class DeathBenefitsScenarios
{
    [Fact]
    public async Task The_decision_letter_lists_the_grant_the_funeral_grant_and_each_dependants_pension_in_figures_and_words()
    {
        At("2026-03-02 09:00");
        var (_, caseId) = await ApplyAsync(Family(), AllPapers);
        await CompleteAsync(Task(await CompleteAsync(Task(await CaseAsync(caseId)), "eligible", Checked())), "approved", null, "reviewer.jinan");
        var officer = await App.As("officer.jinan");
        var letter = await (await officer.GetAsync($"/api/cases/{caseId}/decision-letter")).JsonAsync(HttpStatusCode.OK);
        static string Zh(JsonElement text) => text.GetProperty("zh").GetString()!;

        Assert.Equal(("decision", "工亡待遇与供养亲属抚恤金核定通知书"), (letter.Str("kind"), Zh(letter.GetProperty("title"))));
        Assert.Equal("工亡职工近亲属", Zh(letter.GetProperty("to").GetProperty("applicant")));

        // 1,036,420.00 = 壹佰零叁万陆仟肆佰贰拾元整 (one 零 for the empty 拾万 place); 48,000.00 = 肆万捌仟元整; together
        // 1,084,420.00 = 壹佰零捌万肆仟肆佰贰拾元整. Both to the account the next of kin designated (第八十五条).
        Assert.Equal(
            [("death-lump-sum", "刘美华", "¥1,036,420.00", "人民币壹佰零叁万陆仟肆佰贰拾元整"), ("funeral-grant", "刘美华", "¥48,000.00", "人民币肆万捌仟元整")],
            letter.GetProperty("payments").EnumerateArray().Select(p => (p.Str("benefit")!, p.Str("payee")!, p.GetProperty("amount").Str("figures")!, Zh(p.GetProperty("amount").GetProperty("words")))));
        var total = letter.GetProperty("paymentsTotal");
        Assert.Equal(("¥1,084,420.00", "人民币壹佰零捌万肆仟肆佰贰拾元整"), (total.Str("figures"), Zh(total.GetProperty("words"))));

        // Each pension from March 2026, the month after the death of 2026-02-20 (第八十二条): the spouse 2,400.00
        // (贰仟肆佰元整), each child 1,800.00 (壹仟捌佰元整); the older child until June 2027, the month of the 18th birthday.
        Assert.Equal(
            [("刘美华", "配偶", "人民币贰仟肆佰元整", "2026-03", (string?)null), ("周子涵", "子女", "人民币壹仟捌佰元整", "2026-03", "2027-06"), ("周子轩", "子女", "人民币壹仟捌佰元整", "2026-03", "2033-09")],
            letter.GetProperty("monthly").EnumerateArray()
                .Select(m => (m.Str("recipient")!, Zh(m.GetProperty("relation")), Zh(m.GetProperty("monthlyAmount").GetProperty("words")), m.Str("fromMonth")!, m.Str("untilMonth")))
                .OrderBy(m => m.Item1, StringComparer.Ordinal));
        Assert.All(letter.GetProperty("monthly").EnumerateArray(), m => Assert.Equal(("dependants-pension", "第八十二条"), (m.Str("benefit"), m.Str("article"))));

        var page = await officer.OpenAsync($"/cases/{caseId}/decision-letter");
        Assert.Equal(2, page.QuerySelectorAll("[data-testid=letter-payment]").Length);
        Assert.Contains("人民币壹佰零捌万肆仟肆佰贰拾元整", page.QuerySelector("[data-testid=letter-payments-total]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("[data-testid=letter-months]"), m => m.TextContent.Contains("至2027年6月", StringComparison.Ordinal));
        DisabilityBenefitsScenarios.NoEnglish(page, letter.Str("number")!);
    }
}
