using Cases.Domain.Payments;
using static Cases.Domain.Staff.Roles;

namespace Cases.Web.Tests.Security;

public static partial class AuthorizationMatrix
{
    /// <summary>
    /// Payments (第九十四、九十六、一百一十九条): who reads ledgers reads orders and batches; officers assemble, correct,
    /// reverse and import results; reviewers approve; the bank file (whole account numbers) is for both. Another city's
    /// order or batch is 404.
    /// </summary>
    private static IEnumerable<Rule> PaymentsRules =>
    [
        new("GET", "/api/payments", Only(Officer, Reviewer, Supervisor, Admin), Scope.CityFilter, "200", Get(c => $"/api/payments?city={c.City}&status=pending&limit=5")),
        new("GET", "/api/payments/{id:guid}", Only(Officer, Reviewer, Supervisor, Admin), Scope.Record, "200", async c =>
            new Attempt($"/api/payments/{await c.App.SharedAsync($"payments: an order of {c.City}", () => c.App.NewPaymentOrderAsync(c.City))}")),
        new("POST", "/api/payments/{id:guid}/reversal", Only(Officer), Scope.Record, "201", async c =>
            new Attempt($"/api/payments/{await c.RecordAsync("payment reversal", () => c.App.NewPaymentOrderAsync(c.City))}/reversal", new { reason = "矩阵冲正" })),
        new("POST", "/api/payments/{id:guid}/correction", Only(Officer), Scope.Record, "201", async c =>
            new Attempt($"/api/payments/{await c.RecordAsync("payment correction", () => c.App.NewReturnedPaymentAsync(c.City))}/correction",
                new { account = "6217000000123456786", bank = "中国建设银行" })),
        new("POST", "/api/payments/batches", Only(Officer), Scope.NewInCity, "201", async c =>
            new Attempt("/api/payments/batches", new { city = c.City, orderIds = new[] { await c.RecordAsync("payment batch", () => c.App.NewPaymentOrderAsync(c.City)) } })),
        new("GET", "/api/payments/batches/{id:guid}", Only(Officer, Reviewer, Supervisor, Admin), Scope.Record, "200", async c =>
            new Attempt($"/api/payments/batches/{await c.App.SharedAsync($"payments: a draft batch of {c.City}", async () => (await c.App.NewPaymentBatchAsync(c.City, BatchStatus.Draft)).BatchId)}")),
        new("POST", "/api/payments/batches/{id:guid}/approve", Only(Reviewer), Scope.Record, "200", async c =>
            new Attempt($"/api/payments/batches/{await c.RecordAsync("payment approve", async () => (await c.App.NewPaymentBatchAsync(c.City, BatchStatus.Draft)).BatchId)}/approve", new { })),
        new("GET", "/api/payments/batches/{id:guid}/file", Only(Officer, Reviewer), Scope.Record, "200", async c =>
            new Attempt($"/api/payments/batches/{await c.App.SharedAsync($"payments: an approved batch of {c.City}", async () => (await c.App.NewPaymentBatchAsync(c.City, BatchStatus.Approved)).BatchId)}/file")),
        new("POST", "/api/payments/batches/{id:guid}/results", Only(Officer), Scope.Record, "200", async c =>
        {
            var (batch, order) = await PaymentsSentAsync(c);
            return new Attempt($"/api/payments/batches/{batch}/results", File: new FormFile("file", "results.csv", "text/csv", SecurityApp.PaidResult(order)));
        }),

        // The CSV of the 支付台账 and the pages: the same people and city rule as the JSON routes.
        new("GET", "/api/payments/export", Only(Officer, Reviewer, Supervisor, Admin), Scope.CityFilter, "200",
            Get(c => $"/api/payments/export?city={c.City}&status=pending&benefit=medical-cost&month=2025-10&person=矩阵")),
        new("GET", "/payments", Only(Officer, Reviewer, Supervisor, Admin), Scope.CityFilter, "200", Get(c => $"/payments?city={c.City}&status=pending")),
        new("GET", "/payments/batches/{id:guid}", Only(Officer, Reviewer, Supervisor, Admin), Scope.Record, "200", async c =>
            new Attempt($"/payments/batches/{await c.App.SharedAsync($"payments: a draft batch of {c.City}", async () => (await c.App.NewPaymentBatchAsync(c.City, BatchStatus.Draft)).BatchId)}")),

        // Paydesk: the pages' forms send the same requests; who may not gets a 403 page saying why (another role, another
        // city's batch to assemble, the batch's own assembler), another city's batch or order is the plain 404.
        new("POST", "/payments/batches", Only(Officer), Scope.NewInCity, "302 /payments/batches/{id} (notice)", async c =>
            new Attempt("/payments/batches", Form: new Dictionary<string, string> { ["city"] = c.City, ["orderIds"] = (await c.RecordAsync("page batch", () => c.App.NewPaymentOrderAsync(c.City))).ToString() }),
            Denied: "403"),
        new("POST", "/payments/batches/{id:guid}/approve", Only(Reviewer), Scope.Record, "302 /payments/batches/{id} (notice)", async c =>
            new Attempt($"/payments/batches/{await c.RecordAsync("page approve", async () => (await c.App.NewPaymentBatchAsync(c.City, BatchStatus.Draft)).BatchId)}/approve", Form: new Dictionary<string, string>())),
        new("POST", "/payments/batches/{id:guid}/results", Only(Officer), Scope.Record, "302 /payments/batches/{id} (notice)", async c =>
        {
            var (batch, order) = await PaymentsSentAsync(c);
            return new Attempt($"/payments/batches/{batch}/results", Form: new Dictionary<string, string>(), File: new FormFile("file", "results.csv", "text/csv", SecurityApp.PaidResult(order)));
        }),
        new("POST", "/payments/batches/{id:guid}/orders/{orderId:guid}/correction", Only(Officer), Scope.Record, "302 /payments/batches/{id} (notice)", async c =>
        {
            var batch = await c.RecordAsync("page correction", async () => (await c.App.NewPaymentBatchAsync(c.City, BatchStatus.Reconciled, returned: true)).BatchId);
            return new Attempt($"/payments/batches/{batch}/orders/{await OrderOfAsync(c, batch)}/correction", Form: new Dictionary<string, string>
            {
                ["account"] = "6217000000123456786", ["bank"] = "中国建设银行", ["accountKind"] = "bank-card",
            }, FreeText: ["bank"]);
        }),
        new("POST", "/payments/batches/{id:guid}/orders/{orderId:guid}/reversal", Only(Officer), Scope.Record, "302 /payments/batches/{id} (notice)", async c =>
        {
            var batch = await c.RecordAsync("page reversal", async () => (await c.App.NewPaymentBatchAsync(c.City, BatchStatus.Reconciled)).BatchId);
            return new Attempt($"/payments/batches/{batch}/orders/{await OrderOfAsync(c, batch)}/reversal", Form: new Dictionary<string, string> { ["reason"] = "矩阵页面冲正" }, FreeText: ["reason"]);
        }),
    ];

    // Paydesk: the one order of a batch the matrix made.
    private static Task<Guid> OrderOfAsync(Cell c, Guid batch) =>
        c.App.InDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.PaymentOrders.Where(o => o.BatchId == batch).Select(o => o.Id)));

    // A sent batch per city, shared: importing its result again changes nothing and answers 200 again.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(SecurityApp, string), Lazy<Task<(Guid, Guid)>>> SentBatches = new();

    private static Task<(Guid Batch, Guid Order)> PaymentsSentAsync(Cell c) =>
        SentBatches.GetOrAdd((c.App, c.City), key => new Lazy<Task<(Guid, Guid)>>(() => key.Item1.NewPaymentBatchAsync(key.Item2, BatchStatus.Sent))).Value;
}
