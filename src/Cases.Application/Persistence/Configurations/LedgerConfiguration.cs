using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cases.Application.Persistence.Configurations;

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> b)
    {
        b.ToTable("ledger_entries");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Ledger).HasMaxLength(40);
        b.Property(x => x.Entry).HasMaxLength(40);
        b.Property(x => x.CityCode).HasMaxLength(6);
        b.Property(x => x.InjuryCaseId).HasMaxLength(64);
        b.Property(x => x.RecordedBy).HasMaxLength(100);
        b.HasIndex(x => new { x.Ledger, x.CityCode }).HasDatabaseName("ix_ledger_entries_ledger_city");
        b.HasIndex(x => x.CaseId).HasDatabaseName("ix_ledger_entries_case");
        b.HasOne<Cases.Workflows.Records.CaseRecord>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LedgerItemConfiguration : IEntityTypeConfiguration<LedgerItem>
{
    public void Configure(EntityTypeBuilder<LedgerItem> b)
    {
        b.ToTable("ledger_items");
        // The key is the rule: an item is paid once per ledger and injury case, whichever node or case tries it.
        b.HasKey(x => new { x.Ledger, x.InjuryCaseId, x.ItemKey }).HasName("pk_ledger_items");
        b.Property(x => x.Ledger).HasMaxLength(40);
        b.Property(x => x.InjuryCaseId).HasMaxLength(64);
        b.Property(x => x.ItemKey).HasMaxLength(100);
        b.HasOne<LedgerEntry>().WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Restrict);
    }
}
