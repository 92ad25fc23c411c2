using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cases.Application.Persistence;
using Cases.Testing;
using Cases.Web.Tests.Pages;
using Cases.Web.Tests.Procedures;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;
using CsvHelper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Cases.Web.Tests.Payments;

/// <summary>
/// Paydesk: the payment pages act (规程 第九十四、九十六、一百一十九条). An officer assembles the city's due orders on
/// 「支付台账」, the assembler is told why they do not approve, a reviewer approves on the batch's page, the bank's result
/// file is imported there (once: the same file again changes nothing), a returned order is corrected and a paid one
/// reversed — through the same requests as /api/payments, every refusal said in Chinese on the page. Two approvals of
/// one batch, or two batches of one order, at once: one wins, the other is refused with 409 (the product's answer to a
/// concurrent change); an approval after the first finds the batch approved (422).
/// </summary>
public abstract class PaydeskScenarios(AppFixture app) : ProcedureScenario(app)
{
    private const string Bank = "中国工商银行济南分行";

    /// <summary>An order made the honest way: a reviewer approves the test procedure's step, whose next step orders the payment.</summary>
    private async Task<Guid> OrderAsync(string injury, string payee, string account, decimal amount)
    {
        await PaymentTestDefinition.InstallAsync(App);
        var caseId = await StartAsync(PaymentTestDefinition.Key, new { injuryCaseId = await InjuryAsync(injury), payee, payeeKind = "worker", account, bank = Bank, amount, period = "2025-10" });
        await CompleteAsync(Task(await CaseAsync(caseId)), "approved", new { amount, account, bank = Bank }, "reviewer.jinan");
        var orders = await (await (await App.As("officer.jinan")).GetAsync($"/api/payments?injuryCaseId={await InjuryAsync(injury)}&limit=100")).JsonAsync(HttpStatusCode.OK);
        return orders.GetProperty("items").EnumerateArray().Single(o => o.GetProperty("caseId").GetGuid() == caseId).Id();
    }

    [Fact]
    public async Task An_officer_assembles_on_the_ledger_a_reviewer_approves_the_result_is_imported_once_and_a_return_is_corrected()
    {
        At("2025-10-20 10:00");
        var paid = await OrderAsync("IC-DESK-1", "王建国", PaymentScenarios.CardA, 12345.67m);
        var returned = await OrderAsync("IC-DESK-1", "李秀英", PaymentScenarios.CardB, 800.05m);
        var officer = await App.As("officer.jinan");
        var reviewer = await App.As("reviewer.jinan");

        // 「编制支付批次」: the due orders, ticked; a reviewer has no such form (officers assemble).
        var ledger = await officer.OpenAsync("/payments");
        var form = ledger.QuerySelector("[data-testid=assemble-form]");
        Assert.NotNull(form!.QuerySelector("input[name=__RequestVerificationToken]"));
        foreach (var id in new[] { paid, returned })
        {
            Assert.True(ledger.QuerySelector<IHtmlInputElement>($"[data-testid=due-orders] input[value='{id}']")!.IsChecked);
        }

        Assert.Null((await reviewer.OpenAsync("/payments")).QuerySelector("[data-testid=assemble-form]"));

        // None ticked is refused on the page (the API's "all pending" is not what an empty form means); nothing is batched.
        var none = await officer.SubmitAsync(ledger, "[data-testid=assemble-form]", []);
        Assert.Contains("请至少勾选一笔待支付单", await ProblemAfterAsync(officer, none, "/payments"), StringComparison.Ordinal);

        var assembled = await officer.SubmitAsync(ledger, "[data-testid=assemble-form]", [new("orderIds", paid.ToString()), new("orderIds", returned.ToString())]);
        var batchUrl = assembled.Headers.Location!.OriginalString;
        Assert.Matches("^/payments/batches/[0-9a-f-]{36}$", batchUrl);
        var batchId = Guid.Parse(batchUrl[^36..]);
        var page = await officer.OpenAsync(batchUrl);
        Assert.Contains("已编制支付批次：2 笔，合计 ¥13,145.72", page.QuerySelector("[data-testid=notice]").Text(), StringComparison.Ordinal);
        Assert.Equal("待审批", page.QuerySelector("[data-testid=batch-status]").Text());

        // The assembler sees no approve button and why (第一百一十九条); posting it anyway is refused on the page.
        Assert.Null(page.QuerySelector("[data-testid=approve-form]"));
        Assert.Contains("第一百一十九条", page.QuerySelector("[data-testid=approve-refused]").Text(), StringComparison.Ordinal);
        var selfApproval = await officer.SubmitAsync(await officer.OpenAsync("/payments"), "[data-testid=payment-filters]", [new("__RequestVerificationToken", Token(ledger))], $"/payments/batches/{batchId}/approve");
        Assert.Equal(HttpStatusCode.Forbidden, selfApproval.StatusCode);
        Assert.Contains("第一百一十九条", (await PageSupport.ParseAsync(selfApproval)).QuerySelector("[data-testid=problem]").Text(), StringComparison.Ordinal);
        Assert.Equal("待审批", (await officer.OpenAsync(batchUrl)).QuerySelector("[data-testid=batch-status]").Text());

        // The reviewer approves on the page.
        var reviewerPage = await reviewer.OpenAsync(batchUrl);
        var approved = await reviewer.SubmitAsync(reviewerPage, "[data-testid=approve-form]", []);
        Assert.Equal(batchUrl, approved.Headers.Location!.OriginalString);
        var afterApproval = await reviewer.OpenAsync(batchUrl);
        Assert.Contains("已审批支付批次", afterApproval.QuerySelector("[data-testid=notice]").Text(), StringComparison.Ordinal);
        Assert.Equal("已审批", afterApproval.QuerySelector("[data-testid=batch-status]").Text());
        Assert.Null(afterApproval.QuerySelector("[data-testid=approve-form]"));

        // The officer downloads the bank file from the page's link, and the bank answers: one paid, one returned.
        var withFile = await officer.OpenAsync(batchUrl);
        using var file = await officer.GetAsync(withFile.QuerySelector("[data-testid=batch-file]")!.GetAttribute("href"));
        var rows = Rows(await file.Content.ReadAsByteArrayAsync());
        var result = ResultFile(rows.Skip(1).Select(r => (r[0], r[4], Guid.Parse(r[0]) == paid ? "paid" : "returned", Guid.Parse(r[0]) == paid ? "" : "户名与账号不符")));

        // A line with another amount refuses the whole file, said on the page.
        var sent = await officer.OpenAsync(batchUrl);
        var wrong = await UploadAsync(officer, sent, ResultFile([(paid.ToString(), "12345.66", "paid", "")]));
        Assert.Contains("结果文件第 2 行", await ProblemAfterAsync(officer, wrong, batchUrl), StringComparison.Ordinal);

        var imported = await UploadAsync(officer, await officer.OpenAsync(batchUrl), result);
        var reconciled = await officer.OpenAsync(imported.Headers.Location!.OriginalString);
        var notice = reconciled.QuerySelector("[data-testid=notice]").Text();
        Assert.Contains("登记 2 笔；已支付 1 笔 ¥12,345.67，已退回 1 笔 ¥800.05，合计 ¥13,145.72 与批次金额相符，已对账", notice, StringComparison.Ordinal);
        Assert.Equal("已对账", reconciled.QuerySelector("[data-testid=batch-status]").Text());

        // The same file again: nothing changed, and the page says so.
        var again = await UploadAsync(officer, reconciled, result);
        Assert.Contains("此回盘文件已导入过，未作任何更改", (await officer.OpenAsync(again.Headers.Location!.OriginalString)).QuerySelector("[data-testid=notice]").Text(), StringComparison.Ordinal);

        // The ledger: 已支付, and 已退回 with the bank's reason.
        var after = await officer.OpenAsync("/payments");
        Assert.Contains("已支付", after.QuerySelector($"[data-testid=payments] tr[data-order='{paid}']").Text(), StringComparison.Ordinal);
        var returnedRow = after.QuerySelector($"[data-testid=payments] tr[data-order='{returned}']").Text();
        Assert.Contains("已退回", returnedRow, StringComparison.Ordinal);
        Assert.Contains("户名与账号不符", returnedRow, StringComparison.Ordinal);
        Assert.Contains(after.QuerySelectorAll("[data-testid=batches] tr[data-batch]"), r => r.GetAttribute("data-batch") == batchId.ToString() && r.Text().Contains("已对账", StringComparison.Ordinal));

        // The returned order is corrected on the batch page: a wrong check digit is refused (nothing made), a right one makes a pending order.
        var correctForm = $"[data-correct='{returned}'] form";
        var badDigit = await officer.SubmitAsync(reconciled, correctForm, [new("account", "6217000000123456780"), new("bank", "中国建设银行济南分行"), new("accountKind", "bank-card")]);
        Assert.Contains("校验位", await ProblemAfterAsync(officer, badDigit, batchUrl), StringComparison.Ordinal);
        var corrected = await officer.SubmitAsync(reconciled, correctForm, [new("account", PaymentScenarios.CardC), new("bank", "中国建设银行济南分行"), new("accountKind", "bank-card")]);
        var correctedPage = await officer.OpenAsync(corrected.Headers.Location!.OriginalString);
        Assert.Contains("已更正账户：李秀英 的 ¥800.05 改付 6236***********0019", correctedPage.QuerySelector("[data-testid=notice]").Text(), StringComparison.Ordinal);
        Assert.Null(correctedPage.QuerySelector(correctForm));
        var correction = (await (await officer.GetAsync("/api/payments?status=pending&limit=100")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Single(o => o.TryGetProperty("corrects", out var c) && c.ValueKind == JsonValueKind.String && c.GetGuid() == returned);
        Assert.Equal(800.05m, correction.GetProperty("amount").GetDecimal());

        // A reversal needs its reason; with one, the paid order is reversed by a negative order.
        var reverseForm = $"[data-reverse='{paid}'] form";
        var noReason = await officer.SubmitAsync(correctedPage, reverseForm, [new("reason", " ")]);
        Assert.Contains("冲正原因", await ProblemAfterAsync(officer, noReason, batchUrl), StringComparison.Ordinal);
        var reversed = await officer.SubmitAsync(correctedPage, reverseForm, [new("reason", "重复支付")]);
        Assert.Contains("已冲正：王建国 的 ¥12,345.67", (await officer.OpenAsync(reversed.Headers.Location!.OriginalString)).QuerySelector("[data-testid=notice]").Text(), StringComparison.Ordinal);
        Assert.Equal(-12345.67m, await App.InDbAsync(db => db.PaymentOrders.Where(o => o.Reverses == paid).Select(o => o.Amount).SingleAsync()));
    }

    [Fact]
    public async Task Two_approvals_of_one_batch_at_once_leave_one_approval_and_refuse_the_other_with_409()
    {
        At("2025-10-21 10:00");
        var order = await OrderAsync("IC-DESK-2", "赵四", PaymentScenarios.CardA, 500m);
        var batch = (await (await (await App.As("officer.jinan")).PostJsonAsync("/api/payments/batches", new { city = "370100", orderIds = new[] { order } })).JsonAsync(HttpStatusCode.Created)).Id();

        // The same app on the same database, each approval held after it read the batch until the other has read it too:
        // both find a draft before either writes.
        var gate = new ReadGate(2, "payment_batches");
        await using var held = Held(gate);
        using var first = await LoginAsync(held, "reviewer.jinan");
        using var second = await LoginAsync(held, "reviewer.jinan");

        gate.Arm();
        var answers = await System.Threading.Tasks.Task.WhenAll(
            System.Threading.Tasks.Task.Run(() => first.PostAsync($"/api/payments/batches/{batch}/approve", null)),
            System.Threading.Tasks.Task.Run(() => second.PostAsync($"/api/payments/batches/{batch}/approve", null)));

        Assert.Equal(2, gate.Passed);
        var won = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        var lost = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal("approved", (await won.JsonAsync(HttpStatusCode.OK)).Str("status"));
        Assert.Contains("其他人同时修改了这条记录", (await lost.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await App.InDbAsync(db => db.PaymentBatches.Where(b => b.Id == batch).Select(b => b.Revision).SingleAsync()));

        // An approval after it (not at the same moment) finds the batch approved: 422, nothing changes.
        var late = await (await (await App.As("reviewer.jinan")).PostAsync($"/api/payments/batches/{batch}/approve", null)).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("不能再次审批", late.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_officers_batching_the_same_order_at_once_leave_it_in_one_batch_and_refuse_the_other_with_409()
    {
        At("2025-10-22 10:00");
        var order = await OrderAsync("IC-DESK-3", "孙五", PaymentScenarios.CardB, 66.60m);
        var batches = await App.InDbAsync(db => db.PaymentBatches.CountAsync());
        // Both read the order pending before either writes; the order's status is checked unchanged when it is written.
        var gate = new ReadGate(2, "payment_orders");
        await using var held = Held(gate);
        using var first = await LoginAsync(held, "officer.jinan");
        using var second = await LoginAsync(held, "officer.jinan");

        gate.Arm();
        var body = new { city = "370100", orderIds = new[] { order } };
        var answers = await System.Threading.Tasks.Task.WhenAll(
            System.Threading.Tasks.Task.Run(() => first.PostAsJsonAsync("/api/payments/batches", body)),
            System.Threading.Tasks.Task.Run(() => second.PostAsJsonAsync("/api/payments/batches", body)));

        Assert.Equal(2, gate.Passed);
        var won = (await Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created).JsonAsync(HttpStatusCode.Created)).Id();
        await Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Conflict).ProblemAsync(HttpStatusCode.Conflict);
        // The order is in the winner's batch, and the loser left no batch behind.
        Assert.Equal(won, await App.InDbAsync(db => db.PaymentOrders.Where(o => o.Id == order).Select(o => o.BatchId).SingleAsync()));
        Assert.Equal(batches + 1, await App.InDbAsync(db => db.PaymentBatches.CountAsync()));
    }

    /// <summary>The same app on the same database with <paramref name="gate"/> on its commands.</summary>
    private WebApplicationFactory<Program> Held(ReadGate gate) => App.Factory.WithWebHostBuilder(b => b.ConfigureServices(s =>
    {
        if (App.Factory.Provider == TestProvider.Sqlite)
        {
            s.ConfigureDbContext<SqliteCasesDb>(o => o.AddInterceptors(gate));
        }
        else
        {
            s.ConfigureDbContext<PostgresCasesDb>(o => o.AddInterceptors(gate));
        }
    }));

    private static async Task<HttpClient> LoginAsync(WebApplicationFactory<Program> factory, string user)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(CasesAppFactory.ApiClientHeader, "XMLHttpRequest");
        (await client.PostAsJsonAsync("/api/auth/login", new { userName = user, password = CasesAppFactory.DemoPassword })).EnsureSuccessStatusCode();
        return client;
    }

    private static string Token(IDocument page) => page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

    /// <summary>The refusal a form's redirect leads to: the page it lands on (<paramref name="landing"/>) says it once.</summary>
    private static async Task<string> ProblemAfterAsync(HttpClient client, HttpResponseMessage response, string landing)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(landing, response.Headers.Location!.OriginalString.Split('?')[0]);
        var page = await client.OpenAsync(response.Headers.Location!.OriginalString);
        Assert.Null(page.QuerySelector("[data-testid=notice]"));
        return page.QuerySelector("[data-testid=problem]").Text();
    }

    /// <summary>「导入银行回盘文件」 as a browser posts it: multipart, with the form's antiforgery token.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, IDocument page, byte[] csv)
    {
        var form = page.QuerySelector<IHtmlFormElement>("[data-testid=results-form]") ?? throw new InvalidOperationException("No result form on the page.");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(Token(page)), "__RequestVerificationToken");
        var file = new ByteArrayContent(csv);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "回盘.csv");
        return await client.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), content);
    }

    private static byte[] ResultFile(IEnumerable<(string OrderId, string Amount, string Result, string Reason)> lines) =>
        [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("orderId,result,amount,reason\n" + string.Concat(lines.Select(l => $"{l.OrderId},{l.Result},{l.Amount},{l.Reason}\n")))];

    private static List<string[]> Rows(byte[] bytes)
    {
        var rows = new List<string[]>();
        using var reader = CsvReader.Create(bytes.AsSpan(3).ToArray(), new CsvReaderOptions { HasHeader = false });
        while (reader.Read())
        {
            rows.Add(reader.Current.ToArray());
        }

        return rows;
    }

    /// <summary>Holds each command's read of <paramref name="table"/>, once armed, until as many reads as expected have run.</summary>
    private sealed class ReadGate(int expected, string table) : DbCommandInterceptor
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _armed;
        private int _arrived;

        public int Passed => Math.Min(Volatile.Read(ref _arrived), expected);

        public void Arm() => Volatile.Write(ref _armed, 1);

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (Volatile.Read(ref _armed) == 1
                && command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
                && command.CommandText.Contains(table, StringComparison.Ordinal)
                && Interlocked.Increment(ref _arrived) <= expected)
            {
                if (Volatile.Read(ref _arrived) >= expected)
                {
                    _all.TrySetResult();
                }

                // A safety net only (a command that never comes fails the test instead of hanging it), not the synchronisation.
                await _all.Task.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
            }

            return result;
        }
    }
}

public sealed class PaydeskOnSqlite(SqliteRuntimeApp app) : PaydeskScenarios(app), IClassFixture<SqliteRuntimeApp>;

public sealed class PaydeskOnPostgres(PostgresRuntimeApp app) : PaydeskScenarios(app), IClassFixture<PostgresRuntimeApp>;
