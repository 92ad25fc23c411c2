using System.Text;
using Cases.Application.Payments;

namespace Cases.Application.Seeding;

/// <summary>
/// Development only (Paydesk): one batch of 济南 through the whole cycle — assembled by the officer from the one-time
/// subsidies the decided disability cases ordered, approved by the reviewer (第一百一十九条: not the assembler), its bank file
/// written, and the bank's result imported: the order to <see cref="ClosedAccount"/> returned, the other paid. Every
/// step is the command the pages and the API send.
/// </summary>
public static class DemoPayments
{
    /// <summary>A card number with a right check digit (Luhn) that the demo bank answers as closed.</summary>
    public const string ClosedAccount = "6217000000123456786";

    /// <summary>The bank's reason for returning it.</summary>
    public const string ReturnReason = "账户已销户（户名与账号不符）";

    internal static async Task RunAsync(IMediator m, Actor officer, Actor reviewer)
    {
        // The one-time disability subsidies only: the other pending orders (reimbursements, the medical subsidy) stay due,
        // so that 「编制支付批次」 has orders to offer on the first run too.
        var pending = await m.Send(new ListPayments(officer.CityCode, null, "pending", null, PaymentQueries.MaxLimit, officer));
        var subsidies = pending.Items.Where(o => o.Benefit == Domain.Payments.BenefitKind.DisabilityLumpSum.Code).Select(o => o.Id).ToList();
        if (subsidies.Count == 0)
        {
            return;
        }

        var batch = await m.Send(new AssemblePaymentBatch(officer.CityCode, subsidies, officer));
        await m.Send(new ApprovePaymentBatch(batch.Id, reviewer));
        // The file goes out (the demo's own download, journaled as the views of the accounts it holds, as any download is).
        await m.Send(new GetBankFile(batch.Id, officer));
        var closed = PersonalDataMaskOf(ClosedAccount);
        var lines = new StringBuilder("orderId,result,amount,reason\n");
        foreach (var order in batch.Orders)
        {
            var returned = order.Account == closed;
            lines.Append(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{order.Id},{(returned ? "returned" : "paid")},{order.Amount:0.00},{(returned ? ReturnReason : "")}\n"));
        }

        await using var file = new MemoryStream(Encoding.UTF8.GetBytes(lines.ToString()));
        await m.Send(new ImportBankResults(batch.Id, file, officer));
    }

    private static string PersonalDataMaskOf(string number) => Domain.Privacy.PersonalDataMask.BankCard(number);
}
