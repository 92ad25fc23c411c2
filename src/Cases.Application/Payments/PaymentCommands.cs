using Cases.Application.Parties;
using Cases.Domain.Calendar;
using Cases.Domain.Payments;

namespace Cases.Application.Payments;

/// <summary>Reverses an order (a negative order referencing it; the original stays): a pending one is then never paid, a paid one is to be recovered.</summary>
public sealed record ReversePayment(Guid Id, string? Reason, Actor By) : ICommand<PaymentOrderView>;

/// <summary>Pays a returned order again to a corrected account: the correcting order is pending; the returned one stays.</summary>
public sealed record CorrectPayment(Guid Id, string? Account, string? Bank, string? AccountKind, Actor By) : ICommand<PaymentOrderView>;

/// <summary>Assembles the named pending orders of the city — all of them when none are named — into a batch for the bank.</summary>
public sealed record AssemblePaymentBatch(string? City, IReadOnlyList<Guid>? OrderIds, Actor By) : ICommand<PaymentBatchView>;

/// <summary>Approves a batch: a reviewer who did not assemble it (规程 第一百一十九条).</summary>
public sealed record ApprovePaymentBatch(Guid Id, Actor By) : ICommand<PaymentBatchView>;

/// <summary>The bank file of an approved batch, with every account number in full (each one journaled as a personal-data view); the batch is sent.</summary>
public sealed record GetBankFile(Guid Id, Actor By) : ICommand<BankFile>;

/// <summary>Imports the bank's result file of a sent batch: applied once; the same file again changes nothing.</summary>
public sealed record ImportBankResults(Guid Id, Stream File, Actor By) : ICommand<BankResultImport>;

public sealed class PaymentCommands(CasesDb db, TimeProvider clock, IBankFileWriter bankFiles, IPersonalDataAccessLog accessLog) :
    ICommandHandler<ReversePayment, PaymentOrderView>, ICommandHandler<CorrectPayment, PaymentOrderView>,
    ICommandHandler<AssemblePaymentBatch, PaymentBatchView>, ICommandHandler<ApprovePaymentBatch, PaymentBatchView>,
    ICommandHandler<GetBankFile, BankFile>, ICommandHandler<ImportBankResults, BankResultImport>
{
    /// <summary>At most this many orders in one batch.</summary>
    public const int MaxBatch = 5000;

    public async ValueTask<PaymentOrderView> Handle(ReversePayment command, CancellationToken cancellationToken)
    {
        EnsureAssembler(command.By);
        var order = await OrderAsync(command.Id, command.By, cancellationToken);
        var reversal = order.Reverse(Guid.CreateVersion7(clock.GetUtcNow()), TextInput.Optional(command.Reason, "reason", new LocalizedText("冲正原因", "Reason"), PaymentOrder.ReasonMaxLength),
            clock.GetUtcNow(), command.By.UserName);
        db.PaymentOrders.Add(reversal);
        await db.SaveChangesAsync(cancellationToken);
        return (await PaymentQueries.Views(db, [reversal], cancellationToken))[0];
    }

    public async ValueTask<PaymentOrderView> Handle(CorrectPayment command, CancellationToken cancellationToken)
    {
        EnsureAssembler(command.By);
        var order = await OrderAsync(command.Id, command.By, cancellationToken);
        var kind = string.IsNullOrWhiteSpace(command.AccountKind)
            ? PaymentAccount.KindOf(order.AccountKind) ?? AccountKind.BankCard
            : PaymentAccount.KindOf(command.AccountKind) ?? throw new DomainValidationException("accountKind", new LocalizedText(
                "账户类别须为 social-security-card、bank-card 或 bank-account。", "accountKind must be social-security-card, bank-card or bank-account."));
        var account = PaymentAccount.Parse(kind, command.Account, command.Bank);
        var correction = order.Correct(Guid.CreateVersion7(clock.GetUtcNow()), account, clock.GetUtcNow(), command.By.UserName);
        db.PaymentOrders.Add(correction);
        await db.SaveChangesAsync(cancellationToken);
        return (await PaymentQueries.Views(db, [correction], cancellationToken))[0];
    }

    public async ValueTask<PaymentBatchView> Handle(AssemblePaymentBatch command, CancellationToken cancellationToken)
    {
        EnsureAssembler(command.By);
        // The city is named (a batch goes to one city's bank account); a malformed one is a 400 naming it before the
        // scope is asked (another city: 403).
        var requested = Domain.Parties.City.Parse(command.City).Code;
        var city = command.By.CityScope(requested) ?? throw new DomainValidationException("city", new LocalizedText("请选择城市（城市代码必须填写）。", "City code is required."));
        List<PaymentOrder> orders;
        if (command.OrderIds is { Count: > 0 } ids)
        {
            if (ids.Count > MaxBatch)
            {
                throw new DomainValidationException("orderIds", new LocalizedText($"一个批次至多 {MaxBatch} 笔。", $"A batch holds at most {MaxBatch} orders."));
            }

            var wanted = ids.Distinct().ToList();
            orders = await db.PaymentOrders.Where(o => wanted.Contains(o.Id)).ToListAsync(cancellationToken);
            // Another city's order answers as a missing one (第一百四十条).
            if (wanted.FirstOrDefault(id => orders.All(o => o.Id != id || o.CityCode != city)) is var missing && missing != Guid.Empty)
            {
                throw new DomainValidationException("orderIds", new LocalizedText($"本市没有支付单 {missing}。", $"No payment order {missing} in city {city}."));
            }

            if (orders.FirstOrDefault(o => !o.Batchable) is { } taken)
            {
                throw new DomainRuleException(new LocalizedText(
                    $"支付单 {taken.Id} 为「{PaymentOrder.StatusZh(taken.Status)}」{(taken.ReversedBy is null ? "" : "且已冲正")}，只有待支付的支付单可以编入批次。",
                    $"Payment order {taken.Id} is {taken.Status}{(taken.ReversedBy is null ? "" : " and reversed")}; only pending orders go in a batch."));
            }
        }
        else
        {
            orders = await db.PaymentOrders.Where(o => o.CityCode == city && o.Status == PaymentStatus.Pending && o.ReversedBy == null)
                .OrderBy(o => o.Id).Take(MaxBatch).ToListAsync(cancellationToken);
        }

        var batch = PaymentBatch.Assemble(Guid.CreateVersion7(clock.GetUtcNow()), city, orders, clock.GetUtcNow(), command.By.UserName);
        db.PaymentBatches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);
        return await PaymentQueries.BatchViewAsync(db, batch, command.By, cancellationToken);
    }

    public async ValueTask<PaymentBatchView> Handle(ApprovePaymentBatch command, CancellationToken cancellationToken)
    {
        // Who may approve is asked before the batch is looked up: another city's batch is 404 only to those who approve.
        if (!command.By.May(Permission.ApprovePayments))
        {
            throw new ForbiddenException(new LocalizedText(
                "支付批次由复核人员审批，编制人不得审批（第一百一十九条 岗位不相容）。",
                "Batches are approved by reviewers, never by who assembled them (第一百一十九条)."));
        }

        var batch = await BatchAsync(command.Id, command.By, cancellationToken);
        if (await db.PayrollRuns.AnyAsync(r => r.BatchId == batch.Id, cancellationToken))
        {
            // A run's batch is approved with the run, by a supervisor who sees its lines and their differences.
            throw new DomainRuleException(new LocalizedText(
                "此批次是月度发放的支付批次，须在「月度发放」中由主管审批。", "This batch is a payroll run's: a supervisor approves it with the run."));
        }

        batch.Approve(command.By.UserName, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return await PaymentQueries.BatchViewAsync(db, batch, command.By, cancellationToken);
    }

    public async ValueTask<BankFile> Handle(GetBankFile command, CancellationToken cancellationToken)
    {
        if (!command.By.May(Permission.AssemblePayments) && !command.By.May(Permission.ApprovePayments))
        {
            throw new ForbiddenException(new LocalizedText("银行文件含完整账号，仅供经办和复核人员下载。", "The bank file holds whole account numbers: officers and reviewers only."));
        }

        var batch = await BatchAsync(command.Id, command.By, cancellationToken);

        batch.MarkSent(clock.GetUtcNow());
        var orders = (await db.PaymentOrders.AsNoTracking().Where(o => o.BatchId == batch.Id).ToListAsync(cancellationToken)).OrderBy(o => o.Id).ToList();
        var lines = orders.Select(o => new BankFileLine(o.Id, o.PayeeName, o.AccountNumber, o.Bank, o.Amount,
            $"{BenefitKind.Find(o.Benefit)?.Zh ?? o.Benefit}{(o.Period is null ? "" : " " + o.Period)} {o.Article}")).ToList();

        // The whole numbers leave the system: each is a view of personal data, journaled before the file is given (第一百四十条).
        var now = clock.GetUtcNow();
        await accessLog.RecordAsync(orders.Select(o => new PersonalDataAccess(now, command.By.UserName, command.By.CityCode,
            $"payment batch {batch.Id}: bank file", o.MaskedAccount, "account", null, o.CaseId)
        {
            SubjectKind = PersonalDataAccess.BankCard,
            SubjectKey = o.AccountNumber,
            SubjectCity = o.CityCode,
        }).ToList(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new BankFile(bankFiles.Write(lines), bankFiles.FileName(batch.Id), bankFiles.ContentType);
    }

    public async ValueTask<BankResultImport> Handle(ImportBankResults command, CancellationToken cancellationToken)
    {
        EnsureAssembler(command.By);
        var batch = await BatchAsync(command.Id, command.By, cancellationToken);
        var lines = bankFiles.ReadResults(command.File);
        var orders = await db.PaymentOrders.Where(o => o.BatchId == batch.Id).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var applied = batch.ApplyResults(lines, orders, ChinaTime.DateOf(now), now);
        await db.SaveChangesAsync(cancellationToken);
        return new BankResultImport(applied.Applied, applied.Unchanged, applied.NothingChanged, await PaymentQueries.BatchViewAsync(db, batch, command.By, cancellationToken));
    }

    private static void EnsureAssembler(Actor by)
    {
        if (!by.May(Permission.AssemblePayments))
        {
            throw new ForbiddenException(new LocalizedText("支付单的编批、更正和冲正由经办人员办理。", "Officers assemble batches, correct and reverse orders."));
        }
    }

    private async Task<PaymentOrder> OrderAsync(Guid id, Actor by, CancellationToken ct)
    {
        var order = await db.PaymentOrders.SingleOrDefaultAsync(o => o.Id == id, ct);
        return order is not null && by.CanSeeCity(order.CityCode) ? order : throw PaymentQueries.NotFound();
    }

    private async Task<PaymentBatch> BatchAsync(Guid id, Actor by, CancellationToken ct)
    {
        PaymentQueries.EnsureReader(by);
        var batch = await db.PaymentBatches.SingleOrDefaultAsync(b => b.Id == id, ct);
        return batch is not null && by.CanSeeCity(batch.CityCode) ? batch : throw PaymentQueries.BatchNotFound();
    }
}
