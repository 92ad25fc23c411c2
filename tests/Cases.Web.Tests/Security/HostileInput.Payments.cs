using Cases.Domain.Payments;

namespace Cases.Web.Tests.Security;

public static partial class HostileInput
{
    /// <summary>
    /// Payments: the valid request of each endpoint, by the officer (or the reviewer who approves), on 济南's records. The
    /// result import's body is the bank's CSV itself (<see cref="Sample.RawBody"/>); its own refusals (another amount,
    /// an order outside the batch) are tried in Cases.Web.Tests.Payments.
    /// </summary>
    private static Dictionary<RouteKey, Func<SecurityApp, Task<Sample>>> PaymentsSamples => new()
    {
        // Lists asked by a provincial supervisor, for whom a malformed city is a 400 naming city (a city's staff get 403).
        [new("GET", "/api/payments")] = _ => Fixed(new("supervisor.province", None, D(("city", SecurityApp.Jinan), ("status", "pending"), ("limit", "10")))),
        [new("GET", "/api/payments/export")] = _ => Fixed(new("supervisor.province", None,
            D(("city", SecurityApp.Jinan), ("status", "pending"), ("benefit", "medical-cost"), ("month", "2025-10"), ("person", "王")))
        {
            Accepts = FreeText("person", "a person is a name's beginning, matched against payees and workers, or nothing"),
        }),
        [new("GET", "/api/payments/{id:guid}")] = async app => new("officer.jinan", D(("id", (await app.NewPaymentOrderAsync(SecurityApp.Jinan)).ToString())), None),
        [new("POST", "/api/payments/{id:guid}/reversal")] = async app => new("officer.jinan", D(("id", (await app.NewPaymentOrderAsync(SecurityApp.Jinan)).ToString())), None,
            Json(new { reason = "恶意输入测试" }))
        { Required = ["reason"] },
        [new("POST", "/api/payments/{id:guid}/correction")] = async app => new("officer.jinan", D(("id", (await app.NewReturnedPaymentAsync(SecurityApp.Jinan)).ToString())), None,
            Json(new { account = "6217000000123456786", bank = "中国建设银行" }))
        { Required = ["account", "bank"] },
        [new("POST", "/api/payments/batches")] = async app => new("officer.jinan", None, None,
            Json(new { city = SecurityApp.Jinan, orderIds = new[] { (await app.NewPaymentOrderAsync(SecurityApp.Jinan)).ToString() } }))
        { Required = ["city"] },
        [new("GET", "/api/payments/batches/{id:guid}")] = async app => new("officer.jinan", D(("id", (await app.NewPaymentBatchAsync(SecurityApp.Jinan, BatchStatus.Draft)).BatchId.ToString())), None),
        [new("POST", "/api/payments/batches/{id:guid}/approve")] = async app => new("reviewer.jinan", D(("id", (await app.NewPaymentBatchAsync(SecurityApp.Jinan, BatchStatus.Draft)).BatchId.ToString())), None),
        [new("GET", "/api/payments/batches/{id:guid}/file")] = async app => new("officer.jinan", D(("id", (await app.NewPaymentBatchAsync(SecurityApp.Jinan, BatchStatus.Approved)).BatchId.ToString())), None),
        [new("POST", "/api/payments/batches/{id:guid}/results")] = async app =>
        {
            var (batch, order) = await app.NewPaymentBatchAsync(SecurityApp.Jinan, BatchStatus.Sent);
            return new("officer.jinan", D(("id", batch.ToString())), None) { RawBody = (SecurityApp.PaidResult(order), "text/csv") };
        },
    };
}
