using System.Text;
using Cases.Domain.Payments;

namespace Cases.Web.Tests.Security;

/// <summary>Payments: orders and batches of a city in the states the rows need, written straight to the database.</summary>
public partial class SecurityApp
{
    /// <summary>Who assembled the batches the rows approve: nobody who calls, so every reviewer may approve them.</summary>
    public const string BatchAssembler = "matrix.assembler";

    /// <summary>A pending order of the city, on the city's case.</summary>
    public Task<Guid> NewPaymentOrderAsync(string city) => InDbAsync(async db =>
    {
        var order = NewOrder(city);
        db.PaymentOrders.Add(order);
        await db.SaveChangesAsync();
        return order.Id;
    });

    /// <summary>An order of the city that the bank returned.</summary>
    public async Task<Guid> NewReturnedPaymentAsync(string city) => (await NewPaymentBatchAsync(city, BatchStatus.Reconciled, returned: true)).OrderId;

    /// <summary>A batch of the city holding one order of 1.00, taken as far as <paramref name="status"/>.</summary>
    public Task<(Guid BatchId, Guid OrderId)> NewPaymentBatchAsync(string city, BatchStatus status, bool returned = false) => InDbAsync(async db =>
    {
        var order = NewOrder(city);
        var now = Factory.Clock.GetUtcNow();
        var batch = PaymentBatch.Assemble(Guid.CreateVersion7(), city, [order], now, BatchAssembler);
        if (status >= BatchStatus.Approved)
        {
            batch.Approve("matrix.reviewer", now);
        }

        if (status >= BatchStatus.Sent)
        {
            batch.MarkSent(now);
        }

        if (status >= BatchStatus.Reconciled)
        {
            batch.ApplyResults([new BankResultLine(order.Id, returned ? BankOutcome.Returned : BankOutcome.Paid, order.Amount, returned ? "账户已销户" : null)], [order], DateOnly.FromDateTime(now.UtcDateTime), now);
        }

        db.PaymentBatches.Add(batch);
        db.PaymentOrders.Add(order);
        await db.SaveChangesAsync();
        return (batch.Id, order.Id);
    });

    /// <summary>The bank's result file for an order of 1.00: paid.</summary>
    public static byte[] PaidResult(Guid orderId) => Encoding.UTF8.GetBytes($"orderId,result,amount,reason\n{orderId},paid,1.00,\n");

    private Cases.Domain.Payments.PaymentOrder NewOrder(string city) => Cases.Domain.Payments.PaymentOrder.Create(
        Guid.CreateVersion7(), city, Cities[city].CaseId, "matrix", null, "矩阵测试职工", PayeeKind.Worker,
        PaymentAccount.Parse(AccountKind.BankCard, "6222021234567890128", "中国工商银行"), 1.00m, BenefitKind.MedicalCost, "第九十五条", null, Factory.Clock.GetUtcNow(), "matrix");
}
