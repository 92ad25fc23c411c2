using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Cases.Application.Casework;
using Cases.Application.Payments;
using Cases.Domain.Calendar;
using Cases.Domain.Staff;
using Cases.Workflows.Instances;
using Cases.Workflows.Tasks;
using CsvHelper;
using Microsoft.Playwright;

namespace Cases.Browser.Tests;

/// <summary>
/// Paydesk in Chromium (规程 第九十四、九十六、一百一十九条): the officer assembles the due orders on 「支付台账」, the
/// reviewer approves the batch on its page (the assembler is told why they may not), the officer downloads the bank file
/// and uploads the bank's answer built from it — one paid, one returned — the ledger shows 已支付 and 已退回 with the
/// bank's reason, and the returned order is corrected. Every wait is on what the page shows.
/// </summary>
public class PaydeskPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string PaidCard = "6222021234567890128";
    private const string ClosedCard = "6217000000123456786";
    private static readonly Actor JinanReviewer = new("reviewer.jinan", "370100", new HashSet<string> { Roles.Reviewer });
    private static int _conclusion = Random.Shared.Next(1000, 9000);

    /// <summary>
    /// A decided disability case (grade 8: its one-time subsidy only, 第七十五条) on a new injury case, through the officers'
    /// commands: its step orders the payment to <paramref name="account"/>. Returns the order.
    /// </summary>
    private async Task<Guid> DecidedSubsidyAsync(string account, string bank)
    {
        var injuryCaseId = await BrowserInjuries.RegisterAsync(browser);
        var today = ChinaTime.DateOf(browser.App.Clock.GetUtcNow());
        string Day(int offset) => today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var number = string.Create(CultureInfo.InvariantCulture, $"浏览器劳鉴〔{today.Year}〕第{Interlocked.Increment(ref _conclusion):D4}号");
        await browser.SendAsync(new Cases.Application.Injuries.RecordAppraisal(Guid.Parse(injuryCaseId), 8, "none", today.AddDays(-20), number, BrowserFixture.JinanOfficer));
        var data = new JsonObject
        {
            ["injuryCaseId"] = injuryCaseId, ["applicant"] = "worker", ["appliedOn"] = Day(-10),
            ["materialsReceived"] = new JsonArray("application", "appraisal-conclusion", "account"),
        };
        var caseId = (await browser.SendAsync(new StartCase("disability-benefits", "370100", data, BrowserFixture.JinanOfficer))).CaseId;
        async Task Complete(string outcome, JsonObject fields, Actor by) =>
            await browser.SendAsync(new CompleteTask((await browser.SendAsync(new GetCase(caseId, by))).OpenTasks.Single().Id, outcome, fields, by));
        var wages = new JsonArray([.. Enumerable.Range(1, 12).Select(i => (JsonNode)new JsonObject
        {
            ["month"] = today.AddMonths(-12 - i).ToString("yyyy-MM", CultureInfo.InvariantCulture), ["amount"] = 5_860m,
        })]);
        await Complete("eligible", new JsonObject
        {
            ["insuredWhenInjured"] = true, ["employmentOngoing"] = true, ["medicalSubsidyPaid"] = false, ["wages"] = wages,
            ["provincialAverageMonthlyWage"] = 7_626m, ["minimumWage"] = 2_200m, ["careAverageMonthlyWage"] = 7_626m,
            ["payeeAccount"] = account, ["payeeBank"] = bank,
        }, BrowserFixture.JinanOfficer);
        await Complete("approved", new JsonObject { ["approveNote"] = "核定无误" }, JinanReviewer);
        return (await browser.SendAsync(new ListPayments("370100", injuryCaseId, "pending", null, 10, BrowserFixture.JinanOfficer))).Items.Single().Id;
    }

    [Fact]
    public async Task The_officer_assembles_the_reviewer_approves_the_bank_answers_and_the_returned_order_is_corrected()
    {
        var paid = await DecidedSubsidyAsync(PaidCard, "中国工商银行济南分行");
        var returned = await DecidedSubsidyAsync(ClosedCard, "中国建设银行济南分行");

        // The officer: 「编制支付批次」 on the ledger, every due order ticked.
        var officer = await browser.SignedInAsync("officer.jinan");
        var violations = BrowserFixture.CollectCspViolations(officer);
        await officer.GotoAsync("/payments");
        Assert.True(await officer.Locator($"[data-testid=due-orders] input[value='{paid}']").IsCheckedAsync());
        Assert.True(await officer.Locator($"[data-testid=due-orders] input[value='{returned}']").IsCheckedAsync());
        await officer.GetByTestId("assemble-submit").ClickAsync();
        await officer.WaitForURLAsync(url => url.Contains("/payments/batches/", StringComparison.Ordinal));
        var batchPath = new Uri(officer.Url).AbsolutePath;
        Assert.Contains("已编制支付批次：2 笔", await officer.GetByTestId("notice").InnerTextAsync(), StringComparison.Ordinal);
        // The assembler has no approve button and is told why (第一百一十九条).
        Assert.Equal(0, await officer.GetByTestId("approve-submit").CountAsync());
        Assert.Contains("第一百一十九条", await officer.GetByTestId("approve-refused").InnerTextAsync(), StringComparison.Ordinal);

        // The reviewer approves on the batch's page.
        var reviewer = await browser.SignedInAsync("reviewer.jinan");
        await reviewer.GotoAsync(batchPath);
        await reviewer.GetByTestId("approve-submit").ClickAsync();
        await reviewer.Locator("[data-testid=batch-status]", new() { HasText = "已审批" }).WaitForAsync();
        Assert.Contains("已审批支付批次", await reviewer.GetByTestId("notice").InnerTextAsync(), StringComparison.Ordinal);

        // The officer downloads the bank file and uploads the bank's answer built from it: the closed card returned.
        await officer.GotoAsync(batchPath);
        var download = await officer.RunAndWaitForDownloadAsync(() => officer.GetByTestId("batch-file").ClickAsync());
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        var answer = new StringBuilder("orderId,result,amount,reason\n");
        using (var reader = CsvReader.Create(bytes[3..], new CsvReaderOptions { HasHeader = true }))
        {
            while (reader.Read())
            {
                var line = reader.Current.ToArray();
                answer.Append(line[2] == ClosedCard ? $"{line[0]},returned,{line[4]},户名与账号不符\n" : $"{line[0]},paid,{line[4]},\n");
            }
        }

        await officer.GotoAsync(batchPath);
        await officer.Locator("#results-file").SetInputFilesAsync(new FilePayload { Name = "回盘.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(answer.ToString()) });
        await officer.GetByTestId("results-submit").ClickAsync();
        await officer.Locator("[data-testid=batch-status]", new() { HasText = "已对账" }).WaitForAsync();
        var notice = await officer.GetByTestId("notice").InnerTextAsync();
        Assert.Contains("已支付 1 笔", notice, StringComparison.Ordinal);
        Assert.Contains("已退回 1 笔", notice, StringComparison.Ordinal);

        // The ledger: the paid one 已支付, the returned one 已退回 with the bank's reason.
        await officer.GotoAsync("/payments");
        Assert.Contains("已支付", await officer.Locator($"[data-testid=payments] tr[data-order='{paid}']").InnerTextAsync(), StringComparison.Ordinal);
        var returnedRow = await officer.Locator($"[data-testid=payments] tr[data-order='{returned}']").InnerTextAsync();
        Assert.Contains("已退回", returnedRow, StringComparison.Ordinal);
        Assert.Contains("户名与账号不符", returnedRow, StringComparison.Ordinal);

        // The returned order corrected on the batch's page: a new card, the bank, the kind.
        await officer.GotoAsync(batchPath);
        var correct = officer.Locator($"[data-correct='{returned}']");
        await correct.GetByLabel("账户类别").SelectOptionAsync("bank-card");
        await correct.GetByLabel("新账号").FillAsync("6236680000000000019");
        await correct.GetByLabel("开户银行").FillAsync("中国农业银行济南分行");
        await correct.GetByTestId("correct-submit").ClickAsync();
        await officer.GetByTestId("notice").Filter(new() { HasText = "已更正账户" }).WaitForAsync();
        Assert.Contains("6236***********0019", await officer.GetByTestId("notice").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await officer.Locator($"[data-correct='{returned}']").CountAsync());
        await officer.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "payment-batch.png"), FullPage = true });

        Assert.Empty(violations);
    }
}
