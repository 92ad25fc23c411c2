using Cases.Domain.Payments;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cases.Application.Persistence.Configurations;

/// <summary>Payments: the orders of 第九十四条, one row each, never deleted; corrections and reversals are further rows.</summary>
internal sealed class PaymentOrderConfiguration : IEntityTypeConfiguration<PaymentOrder>
{
    public void Configure(EntityTypeBuilder<PaymentOrder> b)
    {
        b.ToTable("payment_orders");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.CityCode).HasMaxLength(6);
        b.Property(x => x.Step).HasMaxLength(100);
        b.Property(x => x.PayeeName).HasMaxLength(PaymentOrder.PayeeMaxLength);
        b.Property(x => x.PayeeKind).HasMaxLength(40);
        b.Property(x => x.AccountKind).HasMaxLength(40);
        b.Property(x => x.AccountNumber).HasMaxLength(32);
        b.Property(x => x.Bank).HasMaxLength(PaymentAccount.BankMaxLength);
        b.Property(x => x.Benefit).HasMaxLength(40);
        b.Property(x => x.Article).HasMaxLength(PaymentOrder.ArticleMaxLength);
        b.Property(x => x.Period).HasMaxLength(7);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Reason).HasMaxLength(PaymentOrder.ReasonMaxLength);
        b.Property(x => x.OrderedBy).HasMaxLength(100);
        b.Ignore(x => x.MaskedAccount);
        b.Ignore(x => x.Batchable);
        // Paydesk: what a batch, a correction or a reversal changes on an order is checked unchanged when it is written, so
        // two officers batching, correcting or reversing the same order at once leave one result and the other gets 409.
        b.Property(x => x.Status).IsConcurrencyToken();
        b.Property(x => x.ReversedBy).IsConcurrencyToken();
        b.Property(x => x.SupersededBy).IsConcurrencyToken();
        b.HasIndex(x => new { x.CityCode, x.Status, x.Id }).HasDatabaseName("ix_payment_orders_city_status");
        b.HasIndex(x => x.InjuryCaseId).HasDatabaseName("ix_payment_orders_injury_case");
        b.HasIndex(x => x.CaseId).HasDatabaseName("ix_payment_orders_case");
        b.HasIndex(x => x.BatchId).HasDatabaseName("ix_payment_orders_batch");
        b.HasOne<Cases.Workflows.Records.CaseRecord>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PaymentBatch>().WithMany().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Payments: a batch of one city's orders sent to the bank together.</summary>
internal sealed class PaymentBatchConfiguration : IEntityTypeConfiguration<PaymentBatch>
{
    public void Configure(EntityTypeBuilder<PaymentBatch> b)
    {
        b.ToTable("payment_batches");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.CityCode).HasMaxLength(6);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.AssembledBy).HasMaxLength(100);
        b.Property(x => x.ApprovedBy).HasMaxLength(100);
        // Paydesk: two approvals (or an approval and another change) of one batch at once: one writes, the other 409s.
        b.Property(x => x.Revision).IsConcurrencyToken();
        b.HasIndex(x => new { x.CityCode, x.Status }).HasDatabaseName("ix_payment_batches_city_status");
    }
}
