using Cases.Domain.Benefits;
using Cases.Domain.Injuries;
using Cases.Domain.Parties;
using Cases.Domain.Payments;

namespace Cases.Domain.Tests.Benefits;

/// <summary>
/// What a run settles for one benefit: each month from the first unsettled one is due what the history says, less what
/// earlier lines settled — so a month is never paid twice, a late change becomes arrears or an overpaid month in the next
/// run, suspensions pay nothing unless paid back, and an open overpayment is deducted from what is left.
/// </summary>
public sealed class PayrollCalculatorTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));

    private static DateOnly M(int year, int month) => new(year, month, 1);

    private static string Id(string body) => body + IdNumber.ComputeCheckDigit(body);

    private static Entitlement Allowance(decimal amount = 4_800m) => Entitlement.Grant(
        new EntitlementGrant(City.Jinan, Guid.NewGuid(), Guid.NewGuid(), MonthlyBenefit.DisabilityAllowance, "周立军", Id("37010219800101001"), null, amount, M(2026, 4), "第七十五条", "伤残待遇核定"),
        "officer.jinan", At);

    private static Entitlement Pension(decimal amount = 2_400m) => Entitlement.Grant(
        new EntitlementGrant(City.Jinan, Guid.NewGuid(), Guid.NewGuid(), MonthlyBenefit.DependantsPension, "李秀英", Id("37010219600101002"), DependantRelation.Spouse, amount, M(2026, 4), "第八十二条", "工亡待遇核定"),
        "officer.jinan", At);

    /// <summary>Settles the run of <paramref name="month"/> as a run does and returns its items; <paramref name="paid"/> keeps what every line settled.</summary>
    private static IReadOnlyList<PayrollItem> Run(Entitlement e, DateOnly month, Dictionary<DateOnly, decimal> paid, decimal owed = 0m)
    {
        var items = PayrollCalculator.ItemsFor(e, month, paid, owed);
        foreach (var item in items.Where(i => i.Settles))
        {
            paid[item.Period] = paid.GetValueOrDefault(item.Period) + item.Amount;
        }

        e.Settled(month);
        return items;
    }

    [Fact]
    public void The_first_run_after_a_late_grant_pays_the_month_and_the_months_before_as_arrears_and_the_next_run_only_its_month()
    {
        var allowance = Allowance();
        var paid = new Dictionary<DateOnly, decimal>();
        Assert.Equal(
            [new PayrollItem(M(2026, 4), 4_800m, PayrollItemKind.Arrears), new PayrollItem(M(2026, 5), 4_800m, PayrollItemKind.Arrears), new PayrollItem(M(2026, 6), 4_800m, PayrollItemKind.Regular)],
            Run(allowance, M(2026, 6), paid));
        Assert.Equal([new PayrollItem(M(2026, 7), 4_800m, PayrollItemKind.Regular)], Run(allowance, M(2026, 7), paid));

        // The same month again settles nothing: every month up to it is paid what it is due.
        Assert.Empty(PayrollCalculator.ItemsFor(allowance, M(2026, 7), paid, 0m));
    }

    [Fact]
    public void An_adjustment_approved_after_its_effective_month_pays_the_difference_of_the_months_paid_since_in_the_next_run()
    {
        var allowance = Allowance();
        var paid = new Dictionary<DateOnly, decimal>();
        Run(allowance, M(2026, 7), paid);
        Run(allowance, M(2026, 8), paid);

        // 待遇调整 effective July, approved in September: July and August were paid 4,800.00; they are due 4,944.00.
        allowance.Adjust(M(2026, 7), 4_944m, "2026年待遇调整", "supervisor.jinan", At.AddMonths(6));
        Assert.Equal(M(2026, 7), allowance.RecheckFrom);
        Assert.Equal(
            [new PayrollItem(M(2026, 7), 144m, PayrollItemKind.Arrears), new PayrollItem(M(2026, 8), 144m, PayrollItemKind.Arrears), new PayrollItem(M(2026, 9), 4_944m, PayrollItemKind.Regular)],
            Run(allowance, M(2026, 9), paid));
        Assert.Null(allowance.RecheckFrom);
    }

    [Fact]
    public void A_death_found_late_turns_the_months_paid_after_it_into_overpaid_months_and_nothing_more_is_paid()
    {
        var pension = Pension();
        var paid = new Dictionary<DateOnly, decimal>();
        Run(pension, M(2026, 6), paid);
        Run(pension, M(2026, 7), paid);

        // Died on 2026-05-20: the pension stops from June (第六十二条（一）); June and July were paid.
        pension.Stop(M(2026, 6), "死亡", null, "officer.jinan", At.AddMonths(5));
        var items = Run(pension, M(2026, 8), paid);
        Assert.Equal([new PayrollItem(M(2026, 6), -2_400m, PayrollItemKind.Overpaid), new PayrollItem(M(2026, 7), -2_400m, PayrollItemKind.Overpaid)], items);
        Assert.Equal(-4_800m, items.Sum(i => i.Amount));
        Assert.Empty(PayrollCalculator.ItemsFor(pension, M(2026, 9), paid, 0m));
    }

    [Fact]
    public void A_suspension_for_a_missed_certification_pays_nothing_and_the_resumption_pays_the_suspended_months_back()
    {
        var allowance = Allowance();
        var paid = new Dictionary<DateOnly, decimal>();
        Run(allowance, M(2026, 6), paid);
        allowance.Suspend(M(2026, 7), SuspensionCause.CertificationOverdue, "未按期认证（第六十三条）", null, "system", At);
        Assert.Empty(Run(allowance, M(2026, 7), paid));
        Assert.Empty(Run(allowance, M(2026, 8), paid));

        // Certified on 2026-08-20: paid again from September, July and August back (the right never lapsed).
        allowance.Resume(M(2026, 9), null, "现场认证", null, "officer.jinan", At);
        Assert.Equal(
            [new PayrollItem(M(2026, 7), 4_800m, PayrollItemKind.Arrears), new PayrollItem(M(2026, 8), 4_800m, PayrollItemKind.Arrears), new PayrollItem(M(2026, 9), 4_800m, PayrollItemKind.Regular)],
            Run(allowance, M(2026, 9), paid));
        Assert.Equal(M(2026, 7), allowance.History[^1].BackPaidFrom);
    }

    [Fact]
    public void An_imprisoned_dependant_takes_no_adjustment_and_is_paid_at_the_standard_before_and_back_only_for_detention_beyond_the_sentence()
    {
        var pension = Pension();
        var paid = new Dictionary<DateOnly, decimal>();
        Run(pension, M(2026, 6), paid);
        pension.Suspend(M(2026, 7), SuspensionCause.Imprisonment, "判刑收监", null, "officer.jinan", At);

        // 第六十二条: 暂停享受抚恤金待遇且不参加待遇调整.
        var refused = Assert.Throws<DomainRuleException>(() => pension.Adjust(M(2026, 7), 2_472m, "2026年待遇调整", "supervisor.jinan", At));
        Assert.Contains("第六十二条", refused.Text.Zh, StringComparison.Ordinal);

        // Released for January 2027; held one month beyond the sentence (December): that month is paid back.
        pension.Resume(M(2027, 1), M(2026, 12), "刑满释放", null, "officer.jinan", At);
        Assert.Equal(2_400m, pension.MonthlyAmount);
        Assert.Null(pension.AmountFor(M(2026, 11)));
        Assert.Equal(2_400m, pension.AmountFor(M(2026, 12)));
        Assert.Equal(
            [new PayrollItem(M(2026, 12), 2_400m, PayrollItemKind.Arrears), new PayrollItem(M(2027, 1), 2_400m, PayrollItemKind.Regular)],
            Run(pension, M(2027, 1), paid).Where(i => i.Amount != 0m));
    }

    [Fact]
    public void A_workers_own_allowance_is_not_suspended_for_imprisonment()
    {
        var refused = Assert.Throws<DomainRuleException>(() => Allowance().Suspend(M(2026, 7), SuspensionCause.Imprisonment, "判刑收监", null, "officer.jinan", At));
        Assert.Contains("第九十八条", refused.Text.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void An_open_overpayment_is_deducted_from_what_the_line_pays_and_never_below_zero()
    {
        var allowance = Allowance();
        var paid = new Dictionary<DateOnly, decimal>();
        var items = Run(allowance, M(2026, 4), paid, owed: 6_000m);
        Assert.Equal([new PayrollItem(M(2026, 4), 4_800m, PayrollItemKind.Regular), new PayrollItem(M(2026, 4), -4_800m, PayrollItemKind.Deduction)], items);

        // The deduction recovers a debt: it settles no month, so April stays paid in full.
        Assert.Equal(4_800m, paid[M(2026, 4)]);
        Assert.Equal([new PayrollItem(M(2026, 5), 4_800m, PayrollItemKind.Regular), new PayrollItem(M(2026, 5), -1_200m, PayrollItemKind.Deduction)], Run(allowance, M(2026, 5), paid, owed: 1_200m));
    }

    [Fact]
    public void An_overpayment_is_deducted_repaid_and_referred_with_every_step_kept()
    {
        var pension = Pension();
        var items = new[] { new PayrollItem(M(2026, 6), -2_400m, PayrollItemKind.Overpaid), new PayrollItem(M(2026, 7), -2_400m, PayrollItemKind.Overpaid) };
        var overpayment = Overpayment.Found(Guid.NewGuid(), pension, items, 4_800m, Guid.NewGuid(), "officer.jinan", At);
        Assert.Equal((M(2026, 6), M(2026, 7), 4_800m, OverpaymentStatus.Open), (overpayment.FirstPeriod, overpayment.LastPeriod, overpayment.Balance, overpayment.Status));

        overpayment.Repay(1_000m, "家属退还", "officer.jinan", At);
        Assert.Equal("amount", Assert.Throws<DomainValidationException>(() => overpayment.Repay(5_000m, "超额", "officer.jinan", At)).Field);
        overpayment.Refer("拒不退还，移交社会保险行政部门（第一百一十七条（五））", "officer.jinan", At);
        Assert.Equal((3_800m, OverpaymentStatus.Referred), (overpayment.Balance, overpayment.Status));
        Assert.Equal([OverpaymentEntryKind.Found, OverpaymentEntryKind.Repaid, OverpaymentEntryKind.Referred], overpayment.Entries.Select(e => e.Kind));
        Assert.Throws<DomainRuleException>(() => overpayment.Repay(100m, "再退", "officer.jinan", At));
    }

    [Fact]
    public void A_run_is_approved_once_and_never_by_who_computed_it()
    {
        var run = PayrollRun.Start(Guid.NewGuid(), City.Jinan, M(2026, 7), At, "officer.jinan");
        Assert.Throws<ForbiddenException>(() => run.Approve("OFFICER.jinan", At));
        run.Approve("supervisor.jinan", At);
        Assert.Equal((PayrollRunStatus.Approved, "supervisor.jinan"), (run.Status, run.ApprovedBy));
        Assert.Throws<DomainRuleException>(() => run.Approve("supervisor2.jinan", At));
    }

    [Fact]
    public void An_account_is_recorded_in_the_history_masked()
    {
        var allowance = Allowance();
        allowance.RecordAccount(PaymentAccount.Parse(AccountKind.SocialSecurityCard, "6222021602001234568", "中国工商银行"), M(2026, 4), "本人社会保障卡（第九十七条）", "officer.jinan", At);
        Assert.Equal("6222021602001234568", allowance.Account!.Number);
        var change = allowance.History[^1];
        Assert.Equal(EntitlementChangeKind.AccountRecorded, change.Kind);
        Assert.DoesNotContain("6222021602001234568", change.Reason, StringComparison.Ordinal);
    }
}
