using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Cases.Web.Tests.Pages;
using Cases.Web.Tests.Procedures;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Payments;

/// <summary>
/// 「支付台账」 and a batch's page in Chinese (第九十六条): payees by name, benefits and statuses by their labels, money as
/// ¥12,345.67, the account masked, the batch's total in capitals for its approver, no English word on the page.
/// </summary>
public sealed partial class PaymentPageTests(SqliteRuntimeApp app) : ProcedureScenario(app), IClassFixture<SqliteRuntimeApp>
{
    [Fact]
    public async Task The_ledger_and_the_batch_page_speak_Chinese_with_labels_money_and_masked_accounts()
    {
        At("2025-10-20 10:00");
        await PaymentTestDefinition.InstallAsync(App);
        var caseId = await StartAsync(PaymentTestDefinition.Key, new
        {
            injuryCaseId = await InjuryAsync("济人社工伤认字〔2025〕第9001号"), payee = "王建国", payeeKind = "worker", account = PaymentScenarios.CardA, bank = "中国工商银行济南分行", amount = 12345.67m, period = "2025-10",
        });
        var task = Task(await CaseAsync(caseId));
        await CompleteAsync(task, "approved", new { amount = 12345.67m, account = PaymentScenarios.CardA, bank = "中国工商银行济南分行" }, "reviewer.jinan");

        var officer = await App.As("officer.jinan");
        var ledger = await officer.OpenAsync("/payments?status=pending&benefit=disability-lump-sum&month=2025-10");
        var row = Assert.Single(ledger.QuerySelectorAll("[data-testid=payments] tbody tr"));
        var text = row.Text();
        Assert.Contains("王建国", text, StringComparison.Ordinal);
        Assert.Contains("职工", text, StringComparison.Ordinal);
        Assert.Contains("一次性伤残补助金", text, StringComparison.Ordinal);
        Assert.Contains("¥12,345.67", text, StringComparison.Ordinal);
        Assert.Contains("6222***********0128", text, StringComparison.Ordinal);
        Assert.Contains("待支付", text, StringComparison.Ordinal);
        Assert.DoesNotContain(PaymentScenarios.CardA, ledger.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Contains("¥12,345.67", ledger.QuerySelector("[data-testid=payment-totals] [data-status=all]").Text(), StringComparison.Ordinal);
        NoEnglish(ledger);

        var batch = await (await officer.PostJsonAsync("/api/payments/batches", new { city = "370100" })).JsonAsync(HttpStatusCode.Created);
        var page = await (await App.As("reviewer.jinan")).OpenAsync($"/payments/batches/{batch.Id()}");
        Assert.Equal("待审批", page.QuerySelector("[data-testid=batch-status]").Text());
        Assert.Contains("壹万贰仟叁佰肆拾伍元陆角柒分", page.QuerySelector("[data-testid=batch-approve]").Text(), StringComparison.Ordinal);
        NoEnglish(page);

        // The injury case's page has its 「支付」 section.
        var injury = await officer.OpenAsync($"/injury-cases/{await InjuryAsync("济人社工伤认字〔2025〕第9001号")}");
        Assert.Contains("¥12,345.67", injury.QuerySelector("[data-testid=payments-section]").Text(), StringComparison.Ordinal);

        // Another city sees no batch of 济南.
        var (status, _) = await (await App.As("officer.qingdao")).PageAsync($"/payments/batches/{batch.Id()}");
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    // The page's main text holds no English word (codes such as CSV and masked numbers aside).
    private static void NoEnglish(IDocument page)
    {
        var main = page.QuerySelector("main") ?? page.Body!;
        var words = LatinWords().Matches(main.TextContent).Select(m => m.Value).Where(w => w is not "CSV").Distinct().ToList();
        Assert.True(words.Count == 0, "English on the page: " + string.Join(", ", words));
    }

    [GeneratedRegex(@"[A-Za-z]{3,}")]
    private static partial Regex LatinWords();
}
