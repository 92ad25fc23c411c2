using System.Net;
using System.Text.Json;
using Cases.Web.Tests.Pages;
using Cases.Web.Tests.Procedures;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Catalogues;

/// <summary>
/// Letters — a procedure with a review-bills step has its letter list every item with its decision, every item refused
/// in whole or in part (or with a self-paid share) with its reason in both languages, and the totals in figures and
/// words (第四十、六十九、七十条; 第九十四条).
/// </summary>
public abstract partial class BillReviewScenarios
{
    [Fact]
    public async Task The_decision_letter_of_a_reviewed_bill_lists_each_refused_item_with_its_reason_and_the_totals_in_words()
    {
        At("2025-07-10 09:00");
        var injury = await TestInjuries.RegisterAsync(await App.As("officer.jinan"), rehabStartsOn: "2025-03-01", rehabEndsOn: "2025-05-31");
        // The first four items of the review scenario above: 甲 paid in full; 乙 with a 10% share; in no catalogue; over the bed's cap.
        var caseId = await StartAsync(Procedure, new
        {
            injuryCaseId = injury,
            bills = new object[]
            {
                Bill("331601001", "2025-03-10", 1, 260.00m), Bill("XJ01DCA058A001", "2025-03-10", 6, 87.35m),
                Bill("ZZ9999", "2025-03-11", 1, 120.00m), Bill("110900001", "2025-03-10", 3, 180.00m),
            },
        });
        await CompleteAsync(Task(await CaseAsync(caseId)), "done", null, "reviewer.jinan");
        var officer = await App.As("officer.jinan");
        var letter = await (await officer.GetAsync($"/api/cases/{caseId}/decision-letter")).JsonAsync(HttpStatusCode.OK);
        static string Zh(JsonElement text) => text.GetProperty("zh").GetString()!;

        var bills = letter.GetProperty("bills");
        Assert.Equal("decision", letter.Str("kind"));
        Assert.Equal(4, bills.GetProperty("items").GetArrayLength());
        // Rows 2 (self-paid 8.74), 3 (refused 120.00) and 4 (30.00 above the cap refused) are not paid in full.
        var notPaid = bills.GetProperty("notFullyPaid").EnumerateArray().ToArray();
        Assert.Equal([2, 3, 4], notPaid.Select(i => i.GetProperty("row").GetInt32()));
        Assert.Contains("第四十条", Zh(notPaid[1].GetProperty("reason")), StringComparison.Ordinal);
        Assert.Contains("10%", notPaid[0].GetProperty("reason").Str("en"), StringComparison.Ordinal);

        // Claimed 260 + 87.35 + 120 + 180 = 647.35 (陆佰肆拾柒元叁角伍分); paid 260 + 78.61 + 150 = 488.61 (肆佰捌拾捌元陆角壹分);
        // self-paid 8.74 (捌元柒角肆分); refused 120 + 30 = 150.00 (壹佰伍拾元整).
        Assert.Equal(
            ("人民币陆佰肆拾柒元叁角伍分", "人民币肆佰捌拾捌元陆角壹分", "人民币捌元柒角肆分", "人民币壹佰伍拾元整"),
            (Zh(bills.GetProperty("claimed").GetProperty("words")), Zh(bills.GetProperty("payable").GetProperty("words")),
             Zh(bills.GetProperty("selfPay").GetProperty("words")), Zh(bills.GetProperty("refused").GetProperty("words"))));

        var page = await officer.OpenAsync($"/cases/{caseId}/decision-letter");
        Assert.Equal(4, page.QuerySelectorAll("[data-testid=letter-bill]").Length);
        Assert.Equal(["2", "3", "4"], page.QuerySelectorAll("[data-testid=letter-bill-refused]").Select(e => e.GetAttribute("data-row")));
        Assert.Contains("¥647.35", page.QuerySelector("[data-testid=letter-bills-totals]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("人民币壹佰伍拾元整", page.QuerySelector("[data-testid=letter-bills-totals]")!.TextContent, StringComparison.Ordinal);
        DisabilityBenefitsScenarios.NoEnglish(page, letter.Str("number")!);
    }
}
