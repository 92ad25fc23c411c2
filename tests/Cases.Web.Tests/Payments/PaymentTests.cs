using System.Net;
using System.Text;
using System.Text.Json;
using Cases.Web.Tests.Procedures;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;
using CsvHelper;

namespace Cases.Web.Tests.Payments;

/// <summary>
/// Payments end to end through the API (规程 第九十四、九十六、一百一十九条): a reviewer's approval orders a payment in
/// the step's transaction, an officer batches it, another person approves the batch, the bank file carries the whole
/// account, the bank's result is applied once, a returned payment is corrected and batched again.
/// </summary>
public abstract class PaymentScenarios(AppFixture app) : ProcedureScenario(app)
{
    public const string CardA = "6222021234567890128";
    public const string CardB = "6217000000123456786";
    public const string CardC = "6236680000000000019";

    private async Task<Guid> OrderedAsync(string injury, string payee, string account, decimal amount, string? idempotencyKey = null)
    {
        await PaymentTestDefinition.InstallAsync(App);
        var caseId = await StartAsync(PaymentTestDefinition.Key, new
        {
            injuryCaseId = await InjuryAsync(injury), payee, payeeKind = "worker", account, bank = "中国工商银行济南分行", amount, period = "2025-10",
        });
        var approve = Task(await CaseAsync(caseId));
        var reviewer = await App.As("reviewer.jinan");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{approve.Id()}/complete")
        {
            Content = JsonContent(new { outcome = "approved", data = new { amount, account, bank = "中国工商银行济南分行" } }),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var done = await (await reviewer.SendAsync(request)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("ordered", done.Str("state"));
        return caseId;
    }

    private static StringContent JsonContent(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private async Task<JsonElement[]> OrdersOfCaseAsync(Guid caseId, string injury) =>
        (await (await (await App.As("officer.jinan")).GetAsync($"/api/payments?injuryCaseId={await InjuryAsync(injury)}&limit=100")).JsonAsync(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Where(o => o.GetProperty("caseId").GetGuid() == caseId).ToArray();

    [Fact]
    public async Task An_approved_step_orders_a_payment_that_is_batched_approved_by_another_sent_and_reconciled_once()
    {
        At("2025-10-20 10:00");
        var first = await OrderedAsync("IC-PAY-1", "王建国", CardA, 12345.67m);
        var second = await OrderedAsync("IC-PAY-1", "李秀英", CardB, 800.05m);

        // The order: pending, the account masked, the journal says so with the account masked.
        var order = Assert.Single(await OrdersOfCaseAsync(first, "IC-PAY-1"));
        Assert.Equal(("pending", 12345.67m, "6222***********0128", "disability-lump-sum", "第九十五条", "2025-10"),
            (order.Str("status"), order.GetProperty("amount").GetDecimal(), order.Str("account"), order.Str("benefit"), order.Str("article"), order.Str("period")));
        var journal = Assert.Single(await App.JournalAsync(first), j => j.Action == "payment-ordered");
        Assert.Contains("6222***********0128", journal.DataJson, StringComparison.Ordinal);
        Assert.DoesNotContain(CardA, journal.DataJson, StringComparison.Ordinal);

        // An officer batches the city's pending orders; the same officer approving nothing changes, a reviewer may not assemble.
        var officer = await App.As("officer.jinan");
        var orderIds = new[] { order.Id(), Assert.Single(await OrdersOfCaseAsync(second, "IC-PAY-1")).Id() };
        await (await (await App.As("reviewer.jinan")).PostJsonAsync("/api/payments/batches", new { city = "370100", orderIds })).ProblemAsync(HttpStatusCode.Forbidden);
        var batch = await (await officer.PostJsonAsync("/api/payments/batches", new { city = "370100", orderIds })).JsonAsync(HttpStatusCode.Created);
        var batchId = batch.Id();
        Assert.Equal(("draft", 2, 13145.72m), (batch.Str("status"), batch.GetProperty("count").GetInt32(), batch.GetProperty("total").GetDecimal()));
        Assert.Equal("batched", (await (await officer.GetAsync($"/api/payments/{order.Id()}")).JsonAsync(HttpStatusCode.OK)).Str("status"));

        // No file before the approval; the assembler may not approve (第一百一十九条); the reviewer does.
        await (await officer.GetAsync($"/api/payments/batches/{batchId}/file")).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var refused = await (await officer.PostAsync($"/api/payments/batches/{batchId}/approve", null)).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("第一百一十九条", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var approved = await (await (await App.As("reviewer.jinan")).PostAsync($"/api/payments/batches/{batchId}/approve", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("approved", "reviewer.jinan"), (approved.Str("status"), approved.Str("approvedBy")));

        // The bank file: UTF-8 with BOM, a header, every account whole, amounts with two decimals; journaled as views.
        using var file = await officer.GetAsync($"/api/payments/batches/{batchId}/file");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("text/csv", file.Content.Headers.ContentType?.MediaType);
        var bytes = await file.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var rows = Rows(bytes[3..]);
        Assert.Equal(["orderId", "payee", "account", "bank", "amount", "memo"], rows[0]);
        var line = Assert.Single(rows, r => r[0] == order.Id().ToString());
        Assert.Equal(("王建国", CardA, "中国工商银行济南分行", "12345.67"), (line[1], line[2], line[3], line[4]));
        Assert.Contains("一次性伤残补助金", line[5], StringComparison.Ordinal);
        Assert.Equal("800.05", Assert.Single(rows, r => r[1] == "李秀英")[4]);
        var views = await App.InDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.PersonalDataViews.Where(v => v.SubjectKey == CardA)));
        Assert.Contains(views, v => v.UserName == "officer.jinan" && v.SubjectKind == "bankCard" && v.Route.Contains("/file", StringComparison.Ordinal));
        Assert.Equal("sent", (await (await officer.GetAsync($"/api/payments/batches/{batchId}")).JsonAsync(HttpStatusCode.OK)).Str("status"));

        // A result line with another amount, or for an order outside the batch, refuses the whole file.
        var secondId = orderIds[1];
        var wrongAmount = await (await ResultsAsync(batchId, $"{order.Id()},paid,12345.66,\n{secondId},paid,800.05,\n")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("12345.66", wrongAmount.ToString(), StringComparison.Ordinal);
        await (await ResultsAsync(batchId, $"{Guid.NewGuid()},paid,1.00,\n")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("batched", (await (await officer.GetAsync($"/api/payments/{order.Id()}")).JsonAsync(HttpStatusCode.OK)).Str("status"));

        // The bank's result: one paid, one returned; the totals to the fen; the batch is reconciled.
        var results = $"{order.Id()},paid,12345.67,\n{secondId},returned,800.05,账户已销户\n";
        var imported = await (await ResultsAsync(batchId, results)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((2, 0, false), (imported.GetProperty("applied").GetInt32(), imported.GetProperty("unchanged").GetInt32(), imported.GetProperty("nothingChanged").GetBoolean()));
        var reconciled = imported.GetProperty("batch");
        Assert.Equal("reconciled", reconciled.Str("status"));
        Assert.Equal((1, 12345.67m), (reconciled.GetProperty("paid").GetProperty("count").GetInt32(), reconciled.GetProperty("paid").GetProperty("total").GetDecimal()));
        Assert.Equal((1, 800.05m), (reconciled.GetProperty("returned").GetProperty("count").GetInt32(), reconciled.GetProperty("returned").GetProperty("total").GetDecimal()));

        // The same file again changes nothing, and says so.
        var again = await (await ResultsAsync(batchId, results)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((0, 2, true), (again.GetProperty("applied").GetInt32(), again.GetProperty("unchanged").GetInt32(), again.GetProperty("nothingChanged").GetBoolean()));

        // The returned order is corrected to another card: a new pending order; the returned one stays, superseded.
        await (await officer.PostJsonAsync($"/api/payments/{secondId}/correction", new { account = "6217000000123456780", bank = "中国建设银行" }))
            .FieldErrorAsync("account");
        var correction = await (await officer.PostJsonAsync($"/api/payments/{secondId}/correction", new { account = CardC, bank = "中国建设银行济南分行" })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(("pending", 800.05m, secondId, "6236***********0019"),
            (correction.Str("status"), correction.GetProperty("amount").GetDecimal(), correction.GetProperty("corrects").GetGuid(), correction.Str("account")));
        var returned = await (await officer.GetAsync($"/api/payments/{secondId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("returned", correction.Id(), "账户已销户"), (returned.Str("status"), returned.GetProperty("supersededBy").GetGuid(), returned.Str("reason")));
        await (await officer.PostJsonAsync($"/api/payments/{secondId}/correction", new { account = CardC, bank = "中国建设银行济南分行" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        // A new batch takes the correction.
        var next = await (await officer.PostJsonAsync("/api/payments/batches", new { city = "370100", orderIds = new[] { correction.Id() } })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(("draft", 1, 800.05m), (next.Str("status"), next.GetProperty("count").GetInt32(), next.GetProperty("total").GetDecimal()));
        Assert.Equal(correction.Id(), Assert.Single(next.GetProperty("orders").EnumerateArray()).Id());

        // A paid order is reversed by a negative order; the original stays paid.
        var reversal = await (await officer.PostJsonAsync($"/api/payments/{order.Id()}/reversal", new { reason = "重复支付" })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(("posted", -12345.67m, order.Id()), (reversal.Str("status"), reversal.GetProperty("amount").GetDecimal(), reversal.GetProperty("reverses").GetGuid()));
        Assert.Equal("paid", (await (await officer.GetAsync($"/api/payments/{order.Id()}")).JsonAsync(HttpStatusCode.OK)).Str("status"));
    }

    [Fact]
    public async Task A_replayed_approval_makes_one_order_and_a_bad_card_number_orders_nothing()
    {
        At("2025-10-21 10:00");
        var key = "pay-" + Guid.NewGuid().ToString("N");
        var caseId = await OrderedAsync("IC-PAY-2", "赵四", CardA, 500m, key);
        Assert.Single(await OrdersOfCaseAsync(caseId, "IC-PAY-2"));

        // A wrong Luhn digit is refused at the account field; the task stays open and no order is made.
        await PaymentTestDefinition.InstallAsync(App);
        var bad = await StartAsync(PaymentTestDefinition.Key, new
        {
            injuryCaseId = await InjuryAsync("IC-PAY-2"), payee = "赵四", payeeKind = "worker", account = "6222021234567890129", bank = "中国银行", amount = 1m, period = "2025-10",
        });
        var task = Task(await CaseAsync(bad));
        var problem = await (await DemoFiling.CompleteAsync(await App.As("reviewer.jinan"), task.Id(), "approved", new { amount = 1m, account = "6222021234567890129", bank = "中国银行" }))
            .Content.ReadAsStringAsync();
        Assert.Contains("data.account", problem, StringComparison.Ordinal);
        Assert.Contains("校验位", problem, StringComparison.Ordinal);

        // An amount finer than the fen is refused, never rounded.
        var fine = await (await DemoFiling.CompleteAsync(await App.As("reviewer.jinan"), task.Id(), "approved", new { amount = 1.005m, account = CardA, bank = "中国银行" })).Content.ReadAsStringAsync();
        Assert.Contains("data.amount", fine, StringComparison.Ordinal);
        Assert.Empty(await OrdersOfCaseAsync(bad, "IC-PAY-2"));
        Assert.Equal("approve", (await CaseAsync(bad)).Str("state"));
    }

    [Fact]
    public async Task Assembling_without_pending_orders_is_refused_and_another_city_sees_no_order()
    {
        At("2025-10-22 10:00");
        var caseId = await OrderedAsync("IC-PAY-3", "孙五", CardB, 66.60m);
        var order = Assert.Single(await OrdersOfCaseAsync(caseId, "IC-PAY-3"));
        await (await (await App.As("officer.qingdao")).GetAsync($"/api/payments/{order.Id()}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await (await App.As("officer.qingdao")).PostJsonAsync("/api/payments/batches", new { city = "370200" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await (await App.As("officer.qingdao")).PostJsonAsync("/api/payments/batches", new { city = "370100" })).ProblemAsync(HttpStatusCode.Forbidden);
    }

    private async Task<HttpResponseMessage> ResultsAsync(Guid batchId, string lines)
    {
        using var content = new ByteArrayContent([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("orderId,result,amount,reason\n" + lines)]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        return await (await App.As("officer.jinan")).PostAsync($"/api/payments/batches/{batchId}/results", content);
    }

    private static List<string[]> Rows(byte[] bytes)
    {
        var rows = new List<string[]>();
        using var reader = CsvReader.Create(bytes, new CsvReaderOptions { HasHeader = false });
        while (reader.Read())
        {
            rows.Add(reader.Current.ToArray());
        }

        return rows;
    }
}

public sealed class PaymentsOnSqlite(SqliteRuntimeApp app) : PaymentScenarios(app), IClassFixture<SqliteRuntimeApp>;

public sealed class PaymentsOnPostgres(PostgresRuntimeApp app) : PaymentScenarios(app), IClassFixture<PostgresRuntimeApp>;
