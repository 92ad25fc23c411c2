using Cases.Domain.Payments;

namespace Cases.Domain.Tests.Payments;

/// <summary>Payment orders and batches (规程 第九十四、九十六、一百一十九条): accounts, amounts to the fen, guarded transitions.</summary>
public sealed class PaymentOrderTests
{
    private const string Card = "6222021234567890128";
    private static readonly DateTimeOffset Now = new(2025, 10, 20, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2025, 10, 20);

    private static PaymentOrder Order(decimal amount = 100.50m, string city = "370100") => PaymentOrder.Create(
        Guid.NewGuid(), city, Guid.NewGuid(), "order", Guid.NewGuid(), "王建国", PayeeKind.Worker, PaymentAccount.Parse(AccountKind.SocialSecurityCard, Card, "中国工商银行"),
        amount, BenefitKind.DisabilityLumpSum, "第九十五条", "2025-10", Now, "reviewer.jinan");

    [Theory]
    [InlineData("6222021234567890128", true)]
    [InlineData("6222 0212 3456 7890 128", true)]
    [InlineData("6222021234567890129", false)]
    [InlineData("4111111111111111", true)]
    [InlineData("4111111111111112", false)]
    public void A_card_number_is_checked_by_Luhn(string number, bool valid)
    {
        if (valid)
        {
            Assert.Equal(number.Replace(" ", "", StringComparison.Ordinal), PaymentAccount.Parse(AccountKind.BankCard, number, "银行").Number);
        }
        else
        {
            var refused = Assert.Throws<DomainValidationException>(() => PaymentAccount.Parse(AccountKind.BankCard, number, "银行", "data.account"));
            Assert.Equal("data.account", refused.Field);
            Assert.Contains("校验位", refused.Text.Zh, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_organisations_account_has_no_check_digit_but_digits_only_and_a_bank()
    {
        Assert.Equal("37001616101050001234", PaymentAccount.Parse(AccountKind.BankAccount, "37001616101050001234", "中国建设银行").Number);
        Assert.Equal("account", Assert.Throws<DomainValidationException>(() => PaymentAccount.Parse(AccountKind.BankAccount, "3700A", "银行")).Field);
        Assert.Equal("account", Assert.Throws<DomainValidationException>(() => PaymentAccount.Parse(AccountKind.BankCard, "62220212345", "银行")).Field);
        Assert.Equal("bank", Assert.Throws<DomainValidationException>(() => PaymentAccount.Parse(AccountKind.BankCard, Card, " ")).Field);
    }

    [Fact]
    public void An_account_is_shown_masked()
    {
        Assert.Equal("6222***********0128", Order().MaskedAccount);
    }

    [Theory]
    [InlineData("100.005")]
    [InlineData("0")]
    [InlineData("-1")]
    public void An_amount_is_above_zero_and_exact_to_the_fen_never_rounded(string amount)
    {
        var refused = Assert.Throws<DomainValidationException>(() => Order(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("amount", refused.Field);
    }

    [Fact]
    public void An_amount_keeps_its_fen()
    {
        Assert.Equal("48000.00", Order(48000m).Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_batch_is_approved_by_someone_other_than_its_assembler_and_its_result_applied_once()
    {
        var (a, b) = (Order(100.50m), Order(20.01m));
        var batch = PaymentBatch.Assemble(Guid.NewGuid(), "370100", [a, b], Now, "officer.jinan");
        Assert.Equal((BatchStatus.Draft, 2, 120.51m), (batch.Status, batch.Count, batch.Total));
        Assert.Equal((PaymentStatus.Batched, batch.Id), (a.Status, a.BatchId));
        Assert.Throws<DomainRuleException>(() => batch.MarkSent(Now));
        var refused = Assert.Throws<ForbiddenException>(() => batch.Approve("officer.jinan", Now));
        Assert.Contains("第一百一十九条", refused.Text.Zh, StringComparison.Ordinal);
        Assert.Throws<DomainRuleException>(() => batch.ApplyResults([new(a.Id, BankOutcome.Paid, 100.50m, null)], [a, b], Today, Now));

        batch.Approve("reviewer.jinan", Now);
        Assert.Throws<DomainRuleException>(() => batch.Approve("reviewer2.jinan", Now));
        batch.MarkSent(Now);

        // Another amount or another order: the whole file is refused, nothing applied.
        Assert.Equal("file", Assert.Throws<DomainValidationException>(() => batch.ApplyResults([new(a.Id, BankOutcome.Paid, 100.50m, null), new(b.Id, BankOutcome.Paid, 20.00m, null)], [a, b], Today, Now)).Field);
        Assert.Equal("file", Assert.Throws<DomainValidationException>(() => batch.ApplyResults([new(Guid.NewGuid(), BankOutcome.Paid, 1m, null)], [a, b], Today, Now)).Field);
        Assert.Equal(PaymentStatus.Batched, a.Status);

        var first = batch.ApplyResults([new(a.Id, BankOutcome.Paid, 100.50m, null)], [a, b], Today, Now);
        Assert.Equal((1, 0, BatchStatus.Sent), (first.Applied, first.Unchanged, batch.Status));
        var rest = batch.ApplyResults([new(a.Id, BankOutcome.Paid, 100.50m, null), new(b.Id, BankOutcome.Returned, 20.01m, "账户已销户")], [a, b], Today, Now);
        Assert.Equal((1, 1, BatchStatus.Reconciled), (rest.Applied, rest.Unchanged, batch.Status));
        var again = batch.ApplyResults([new(a.Id, BankOutcome.Paid, 100.50m, null), new(b.Id, BankOutcome.Returned, 20.01m, "账户已销户")], [a, b], Today, Now);
        Assert.True(again.NothingChanged);

        // A recorded result never turns into the other.
        Assert.Throws<DomainValidationException>(() => batch.ApplyResults([new(b.Id, BankOutcome.Paid, 20.01m, null)], [a, b], Today, Now));
        Assert.Equal((PaymentStatus.Paid, PaymentStatus.Returned, "账户已销户"), (a.Status, b.Status, b.Reason));
    }

    [Fact]
    public void A_returned_order_is_corrected_once_by_a_new_pending_order_and_a_paid_one_reversed_by_a_negative_one()
    {
        var (a, b) = (Order(), Order(8.88m));
        var batch = PaymentBatch.Assemble(Guid.NewGuid(), "370100", [a, b], Now, "officer.jinan");
        batch.Approve("reviewer.jinan", Now);
        batch.MarkSent(Now);
        batch.ApplyResults([new(a.Id, BankOutcome.Paid, a.Amount, null), new(b.Id, BankOutcome.Returned, b.Amount, "户名不符")], [a, b], Today, Now);

        Assert.Throws<DomainRuleException>(() => a.Correct(Guid.NewGuid(), PaymentAccount.Parse(AccountKind.BankCard, "6217000000123456786", "建行"), Now, "officer.jinan"));
        var correction = b.Correct(Guid.NewGuid(), PaymentAccount.Parse(AccountKind.BankCard, "6217000000123456786", "建行"), Now, "officer.jinan");
        Assert.Equal((PaymentStatus.Pending, 8.88m, b.Id, "6217000000123456786"), (correction.Status, correction.Amount, correction.Corrects, correction.AccountNumber));
        Assert.Equal((PaymentStatus.Returned, correction.Id), (b.Status, b.SupersededBy));
        Assert.Throws<DomainRuleException>(() => b.Correct(Guid.NewGuid(), PaymentAccount.Parse(AccountKind.BankCard, Card, "工行"), Now, "officer.jinan"));

        var reversal = a.Reverse(Guid.NewGuid(), "重复支付", Now, "officer.jinan");
        Assert.Equal((-100.50m, PaymentStatus.Posted, a.Id, PaymentStatus.Paid), (reversal.Amount, reversal.Status, reversal.Reverses, a.Status));
        Assert.Throws<DomainRuleException>(() => a.Reverse(Guid.NewGuid(), "再次", Now, "officer.jinan"));
        Assert.Throws<DomainRuleException>(() => reversal.Reverse(Guid.NewGuid(), "冲正的冲正", Now, "officer.jinan"));

        // A reversed pending order never goes in a batch.
        var pending = Order();
        pending.Reverse(Guid.NewGuid(), "核定有误", Now, "officer.jinan");
        Assert.Throws<DomainRuleException>(() => PaymentBatch.Assemble(Guid.NewGuid(), "370100", [pending], Now, "officer.jinan"));
    }

    [Fact]
    public void A_batch_takes_only_its_citys_orders_and_at_least_one()
    {
        Assert.Throws<DomainRuleException>(() => PaymentBatch.Assemble(Guid.NewGuid(), "370100", [], Now, "officer.jinan"));
        Assert.Equal("orderIds", Assert.Throws<DomainValidationException>(() => PaymentBatch.Assemble(Guid.NewGuid(), "370100", [Order(city: "370200")], Now, "officer.jinan")).Field);
    }

    [Fact]
    public void Benefit_kinds_have_both_labels()
    {
        Assert.All(BenefitKind.All, k => Assert.False(string.IsNullOrWhiteSpace(k.Zh) || string.IsNullOrWhiteSpace(k.En)));
        Assert.Equal("一次性伤残补助金", BenefitKind.Find("disability-lump-sum")?.Zh);
        Assert.Equal("benefit", Assert.Throws<DomainValidationException>(() => BenefitKind.Parse("bonus", "benefit")).Field);
    }

    // Paydesk: the revision the database checks on writing a batch moves with what must happen once — the approval, the
    // results applied — and not with the bank file's download, which two officers may take at once (第一百一十九条).
    [Fact]
    public void A_batch_s_revision_moves_with_its_approval_and_results_not_with_its_download_or_a_repeated_file()
    {
        var (a, b) = (Order(), Order(20m));
        var batch = PaymentBatch.Assemble(Guid.NewGuid(), "370100", [a, b], Now, "officer.jinan");
        Assert.Equal(0, batch.Revision);
        batch.Approve("reviewer.jinan", Now);
        Assert.Equal(1, batch.Revision);
        batch.MarkSent(Now);
        batch.MarkSent(Now);
        Assert.Equal(1, batch.Revision);
        BankResultLine[] lines = [new(a.Id, BankOutcome.Paid, a.Amount, null), new(b.Id, BankOutcome.Returned, b.Amount, "账户已销户")];
        batch.ApplyResults(lines, [a, b], Today, Now);
        Assert.Equal((2, BatchStatus.Reconciled), (batch.Revision, batch.Status));
        Assert.True(batch.ApplyResults(lines, [a, b], Today, Now).NothingChanged);
        Assert.Equal(2, batch.Revision);
    }
}
