using Cases.Domain.Benefits;
using Cases.Domain.Calendar;
using Cases.Domain.Payments;

namespace Cases.Application.Benefits.Keeping;

/// <summary>
/// 登记发放账户: the account the benefit is paid to from <paramref name="Month"/> (default: this month) — in principle the
/// recipient's own social-security card's financial account (第九十七条). The account kind is social-security-card,
/// bank-card or bank-account.
/// </summary>
public sealed record RecordEntitlementAccount(Guid Id, string? AccountKind, string? Account, string? Bank, string? Month, string? Reason, Actor By) : ICommand<KeptEntitlementView>;

/// <summary>
/// 暂停发放 for imprisonment (判刑收监或羁押执行, 第六十二条): a dependant's pension only — a worker's own benefits are paid
/// during a sentence (第九十八条). A missed certification suspends through the certification sweep, not here.
/// </summary>
public sealed record SuspendEntitlement(Guid Id, string? Cause, string? FromMonth, string? Reason, Actor By) : ICommand<KeptEntitlementView>;

/// <summary>
/// 恢复发放 from <paramref name="FromMonth"/>; after imprisonment the detention beyond the sentence is paid back from
/// <paramref name="BackPaidFrom"/> (第六十二条 "应补发超过判刑收监执行期间的待遇").
/// </summary>
public sealed record ResumeEntitlement(Guid Id, string? FromMonth, string? BackPaidFrom, string? Reason, Actor By) : ICommand<KeptEntitlementView>;

/// <summary>停发 from <paramref name="FromMonth"/> for a <see cref="StopCauses"/> cause (第六十二条 or 第一百〇六条) or "other" with the reason.</summary>
public sealed record StopEntitlement(Guid Id, string? FromMonth, string? Cause, string? Reason, Actor By) : ICommand<KeptEntitlementView>;

/// <summary>退还: the recipient paid back part or all of an overpayment (第六十四条 追回多发待遇).</summary>
public sealed record RepayOverpayment(Guid Id, decimal? Amount, string? Note, Actor By) : ICommand<OverpaymentView>;

/// <summary>移交: the recipient refuses to repay; referred to the social-insurance administration (第一百一十七条（五）).</summary>
public sealed record ReferOverpayment(Guid Id, string? Note, Actor By) : ICommand<OverpaymentView>;

/// <summary>
/// The officers' keeping of monthly benefits (permission KeepEntitlements): who may is asked first (403), then the record
/// in the caller's city (another city's answers as a missing one, 第一百四十条); the entitlement records each change in its
/// history with who and when, and the next payroll run settles any month the change reaches back to.
/// </summary>
public sealed class KeepingCommands(CasesDb db, TimeProvider clock) :
    ICommandHandler<RecordEntitlementAccount, KeptEntitlementView>, ICommandHandler<SuspendEntitlement, KeptEntitlementView>,
    ICommandHandler<ResumeEntitlement, KeptEntitlementView>, ICommandHandler<StopEntitlement, KeptEntitlementView>,
    ICommandHandler<RepayOverpayment, OverpaymentView>, ICommandHandler<ReferOverpayment, OverpaymentView>
{
    private static readonly LocalizedText FromMonthLabel = new("起始月份", "fromMonth");

    public async ValueTask<KeptEntitlementView> Handle(RecordEntitlementAccount command, CancellationToken cancellationToken)
    {
        EnsureKeeper(command.By);
        var entitlement = await EntitlementAsync(command.Id, command.By, cancellationToken);
        var kind = PaymentAccount.KindOf(command.AccountKind?.Trim()) ?? throw new DomainValidationException("accountKind", new LocalizedText(
            "账户类别须为 social-security-card（社会保障卡金融账户，第九十七条原则上使用）、bank-card（银行卡）或 bank-account（银行账户）。",
            "accountKind must be social-security-card (the rule of 第九十七条), bank-card or bank-account."));
        var account = PaymentAccount.Parse(kind, command.Account, command.Bank);
        var month = string.IsNullOrWhiteSpace(command.Month) ? ThisMonth() : KeepingText.ParseMonth(command.Month, "month", new LocalizedText("月份", "month"));
        var reason = TextInput.Optional(command.Reason, "reason", new LocalizedText("变更原因", "Reason"), 200)
            ?? (entitlement.AccountNumber is null ? "登记发放账户（第九十七条）" : "变更发放账户（第九十七条）");
        entitlement.RecordAccount(account, month, reason, command.By.UserName, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return KeptEntitlementView.From(entitlement);
    }

    public async ValueTask<KeptEntitlementView> Handle(SuspendEntitlement command, CancellationToken cancellationToken)
    {
        EnsureKeeper(command.By);
        var entitlement = await EntitlementAsync(command.Id, command.By, cancellationToken);
        // A missed certification suspends through the certification sweep (第六十三条); an officer suspends for imprisonment.
        if (command.Cause?.Trim() != "imprisonment")
        {
            throw new DomainValidationException("cause", new LocalizedText(
                "暂停原因须为 imprisonment（判刑收监或羁押执行，第六十二条）；未按期认证的暂停由资格认证办理。",
                "cause is imprisonment (第六十二条); a missed certification is suspended by the certification sweep."));
        }

        var month = KeepingText.ParseMonth(command.FromMonth, "fromMonth", FromMonthLabel);
        var reason = TextInput.Optional(command.Reason, "reason", new LocalizedText("暂停说明", "Reason"), 200);
        entitlement.Suspend(month, SuspensionCause.Imprisonment, reason is null ? "判刑收监或羁押执行（第六十二条）" : $"判刑收监或羁押执行（第六十二条）：{reason}",
            null, command.By.UserName, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return KeptEntitlementView.From(entitlement);
    }

    public async ValueTask<KeptEntitlementView> Handle(ResumeEntitlement command, CancellationToken cancellationToken)
    {
        EnsureKeeper(command.By);
        var entitlement = await EntitlementAsync(command.Id, command.By, cancellationToken);
        var month = KeepingText.ParseMonth(command.FromMonth, "fromMonth", FromMonthLabel);
        DateOnly? backPaidFrom = string.IsNullOrWhiteSpace(command.BackPaidFrom) ? null
            : KeepingText.ParseMonth(command.BackPaidFrom, "backPaidFrom", new LocalizedText("补发起始月份", "backPaidFrom"));
        var reason = TextInput.Optional(command.Reason, "reason", new LocalizedText("恢复说明", "Reason"), 200);
        var basis = entitlement.Suspension == SuspensionCause.Imprisonment
            ? backPaidFrom is { } b ? $"刑满释放恢复发放，补发 {KeepingText.Month(b)} 起超过判刑收监执行期间的待遇（第六十二条）" : "刑满释放恢复发放，按判决前月待遇标准（第六十二条）"
            : "恢复发放，暂停期间待遇予以补发（第六十三条）";
        entitlement.Resume(month, backPaidFrom, reason is null ? basis : $"{basis}：{reason}", null, command.By.UserName, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return KeptEntitlementView.From(entitlement);
    }

    public async ValueTask<KeptEntitlementView> Handle(StopEntitlement command, CancellationToken cancellationToken)
    {
        EnsureKeeper(command.By);
        var entitlement = await EntitlementAsync(command.Id, command.By, cancellationToken);
        var month = KeepingText.ParseMonth(command.FromMonth, "fromMonth", FromMonthLabel);
        var reason = StopCauses.Reason(entitlement, command.Cause, command.Reason);
        entitlement.Stop(month, reason, null, command.By.UserName, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return KeptEntitlementView.From(entitlement);
    }

    public async ValueTask<OverpaymentView> Handle(RepayOverpayment command, CancellationToken cancellationToken)
    {
        EnsureKeeper(command.By);
        var overpayment = await OverpaymentAsync(command.Id, command.By, cancellationToken);
        var amount = command.Amount ?? throw new DomainValidationException("amount", new LocalizedText("请填写退还金额。", "amount is required."));
        overpayment.Repay(amount, command.Note, command.By.UserName, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return OverpaymentView.From(overpayment);
    }

    public async ValueTask<OverpaymentView> Handle(ReferOverpayment command, CancellationToken cancellationToken)
    {
        EnsureKeeper(command.By);
        var overpayment = await OverpaymentAsync(command.Id, command.By, cancellationToken);
        overpayment.Refer(command.Note, command.By.UserName, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return OverpaymentView.From(overpayment);
    }

    /// <summary>Who keeps entitlements is asked before the record is looked up: another city's is 404 only to keepers.</summary>
    internal static void EnsureKeeper(Actor by)
    {
        if (!by.May(Permission.KeepEntitlements))
        {
            throw new ForbiddenException(new LocalizedText(
                "定期待遇的账户登记、暂停、恢复、停发和多发待遇追回由经办人员办理。",
                "Officers record accounts, suspend, resume and stop monthly benefits and recover overpayments."));
        }
    }

    private DateOnly ThisMonth()
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        return new DateOnly(today.Year, today.Month, 1);
    }

    private async Task<Entitlement> EntitlementAsync(Guid id, Actor by, CancellationToken ct)
    {
        var found = await db.Entitlements.SingleOrDefaultAsync(e => e.Id == id, ct);
        return found is not null && by.CanSeeCity(found.CityCode) ? found : throw KeepingQueries.EntitlementNotFound();
    }

    private async Task<Overpayment> OverpaymentAsync(Guid id, Actor by, CancellationToken ct)
    {
        var found = await db.Overpayments.SingleOrDefaultAsync(o => o.Id == id, ct);
        return found is not null && by.CanSeeCity(found.CityCode) ? found : throw KeepingQueries.OverpaymentNotFound();
    }
}
