using Cases.Domain.Benefits;
using Cases.Domain.Injuries;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cases.Application.Persistence.Configurations;

/// <summary>Benefits: the monthly benefits each person receives (定期待遇) and every change of them, kept for good.</summary>
internal sealed class EntitlementConfiguration : IEntityTypeConfiguration<Entitlement>
{
    public void Configure(EntityTypeBuilder<Entitlement> b)
    {
        b.ToTable("entitlements");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.CityCode).HasMaxLength(6);
        b.Property(x => x.RecipientName).HasMaxLength(Entitlement.NameMaxLength);
        b.Property(x => x.RecipientIdNumber).HasMaxLength(18);
        b.Property(x => x.Article).HasMaxLength(40);
        b.Property(x => x.AccountKind).HasMaxLength(24);
        b.Property(x => x.AccountNumber).HasMaxLength(32);
        b.Property(x => x.Bank).HasMaxLength(Cases.Domain.Payments.PaymentAccount.BankMaxLength);
        b.Property(x => x.Revision).IsConcurrencyToken();
        b.Ignore(x => x.Account);
        b.Ignore(x => x.FirstUnsettled);
        b.HasIndex(x => new { x.InjuryCaseId, x.Benefit }).HasDatabaseName("ix_entitlements_injury_case");
        b.HasIndex(x => new { x.CityCode, x.Status, x.Id }).HasDatabaseName("ix_entitlements_city_status");
        b.HasOne<InjuryCase>().WithMany().HasForeignKey(x => x.InjuryCaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Cases.Workflows.Records.CaseRecord>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        // The history is read and written with its entitlement only, never queried on its own: one JSON column.
        b.OwnsMany(x => x.History, h => h.ToJson("history"));
        b.Navigation(x => x.History).HasField("history").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

/// <summary>The monthly payroll runs: one per city and month (第九十六条).</summary>
internal sealed class PayrollRunConfiguration : IEntityTypeConfiguration<PayrollRun>
{
    public void Configure(EntityTypeBuilder<PayrollRun> b)
    {
        b.ToTable("payroll_runs");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.CityCode).HasMaxLength(6);
        b.Property(x => x.CreatedBy).HasMaxLength(64);
        b.Property(x => x.ApprovedBy).HasMaxLength(64);
        b.Property(x => x.Revision).IsConcurrencyToken();
        // One run per city and month: a second request finds the first, and two at once cannot both insert.
        b.HasIndex(x => new { x.CityCode, x.Month }).IsUnique().HasDatabaseName("ux_payroll_runs_city_month");
    }
}

/// <summary>The lines of the runs: one per benefit and month, never two.</summary>
internal sealed class PayrollLineConfiguration : IEntityTypeConfiguration<PayrollLine>
{
    public void Configure(EntityTypeBuilder<PayrollLine> b)
    {
        b.ToTable("payroll_lines");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.CityCode).HasMaxLength(6);
        b.Property(x => x.RecipientName).HasMaxLength(Entitlement.NameMaxLength);
        b.HasIndex(x => new { x.EntitlementId, x.Month }).IsUnique().HasDatabaseName("ux_payroll_lines_entitlement_month");
        b.HasIndex(x => new { x.RunId, x.Id }).HasDatabaseName("ix_payroll_lines_run");
        b.HasOne<PayrollRun>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Entitlement>().WithMany().HasForeignKey(x => x.EntitlementId).OnDelete(DeleteBehavior.Restrict);
        // The items are read with their line (the run's page, the next recheck of the benefit), never queried alone.
        b.OwnsMany(x => x.Items, i => i.ToJson("items"));
        b.Navigation(x => x.Items).HasField("items").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

/// <summary>Overpayments found by the runs and their recovery (第六十四条, 第一百一十七条（五）).</summary>
internal sealed class OverpaymentConfiguration : IEntityTypeConfiguration<Overpayment>
{
    public void Configure(EntityTypeBuilder<Overpayment> b)
    {
        b.ToTable("overpayments");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.CityCode).HasMaxLength(6);
        b.Property(x => x.RecipientName).HasMaxLength(Entitlement.NameMaxLength);
        b.HasIndex(x => new { x.EntitlementId, x.Status }).HasDatabaseName("ix_overpayments_entitlement");
        b.HasIndex(x => new { x.CityCode, x.Status, x.Id }).HasDatabaseName("ix_overpayments_city_status");
        b.HasOne<Entitlement>().WithMany().HasForeignKey(x => x.EntitlementId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(x => x.Entries, e => e.ToJson("entries"));
        b.Navigation(x => x.Entries).HasField("entries").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

/// <summary>Recipients' yearly certifications (第六十三条): one per person and city.</summary>
internal sealed class CertificationConfiguration : IEntityTypeConfiguration<Certification>
{
    public void Configure(EntityTypeBuilder<Certification> b)
    {
        b.ToTable("certifications");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.CityCode).HasMaxLength(6);
        b.Property(x => x.RecipientIdNumber).HasMaxLength(18);
        b.Property(x => x.RecipientName).HasMaxLength(Entitlement.NameMaxLength);
        b.HasIndex(x => new { x.CityCode, x.RecipientIdNumber }).IsUnique().HasDatabaseName("ux_certifications_recipient");
        // The overdue sweep and the dashboard read by due date.
        b.HasIndex(x => new { x.CityCode, x.DueOn }).HasDatabaseName("ix_certifications_due");
        b.OwnsMany(x => x.Entries, e => e.ToJson("entries"));
        b.Navigation(x => x.Entries).HasField("entries").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

/// <summary>Adjust: the yearly benefit adjustment rules (待遇调整, 第一百〇五条).</summary>
internal sealed class BenefitAdjustmentConfiguration : IEntityTypeConfiguration<BenefitAdjustment>
{
    public void Configure(EntityTypeBuilder<BenefitAdjustment> b)
    {
        b.ToTable("benefit_adjustments");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Source).HasMaxLength(BenefitAdjustment.SourceMaxLength);
        b.Property(x => x.EnteredBy).HasMaxLength(64);
        b.Property(x => x.ApprovedBy).HasMaxLength(64);
        b.Property(x => x.DiscardedBy).HasMaxLength(64);
        b.Ignore(x => x.Reason);
        // Two supervisors approving at once: one applies the rule, the other's command loses with 409.
        b.Property(x => x.Revision).IsConcurrencyToken();
        b.HasIndex(x => new { x.Year, x.Status }).HasDatabaseName("ix_benefit_adjustments_year");
    }
}

/// <summary>Adjust: what an applied rule did to each entitlement; one row per rule and entitlement, never two.</summary>
internal sealed class BenefitAdjustmentEntryConfiguration : IEntityTypeConfiguration<BenefitAdjustmentEntry>
{
    public void Configure(EntityTypeBuilder<BenefitAdjustmentEntry> b)
    {
        b.ToTable("benefit_adjustment_entries");
        b.HasKey(x => x.Id);
        b.Property(x => x.CityCode).HasMaxLength(6);
        b.Property(x => x.RecipientName).HasMaxLength(Entitlement.NameMaxLength);
        b.HasIndex(x => new { x.AdjustmentId, x.EntitlementId }).IsUnique().HasDatabaseName("ux_benefit_adjustment_entries");
        b.HasIndex(x => new { x.AdjustmentId, x.CityCode, x.Outcome, x.EntitlementId }).HasDatabaseName("ix_benefit_adjustment_entries_city");
        b.HasOne<BenefitAdjustment>().WithMany().HasForeignKey(x => x.AdjustmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Entitlement>().WithMany().HasForeignKey(x => x.EntitlementId).OnDelete(DeleteBehavior.Restrict);
    }
}
