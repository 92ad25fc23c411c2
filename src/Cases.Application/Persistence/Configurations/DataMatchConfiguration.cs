using Cases.Domain.Benefits;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cases.Application.Persistence.Configurations;

/// <summary>datamatch: one import per city and file content (the same file twice changes nothing).</summary>
internal sealed class DataMatchImportConfiguration : IEntityTypeConfiguration<DataMatchImport>
{
    public void Configure(EntityTypeBuilder<DataMatchImport> b)
    {
        b.ToTable("data_match_imports");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.CityCode).HasMaxLength(6);
        b.Property(x => x.Source).HasMaxLength(24);
        b.Property(x => x.FileName).HasMaxLength(DataMatchImport.FileNameMaxLength);
        b.Property(x => x.ContentHash).HasMaxLength(64);
        b.Property(x => x.ImportedBy).HasMaxLength(64);
        b.HasIndex(x => new { x.CityCode, x.ContentHash }).IsUnique().HasDatabaseName("ux_data_match_imports_content");
        b.HasIndex(x => new { x.CityCode, x.ImportedAt }).HasDatabaseName("ix_data_match_imports_city");
    }
}

/// <summary>datamatch: the suspicions, one open per city, person and event (OpenKey is null once decided).</summary>
internal sealed class DataMatchFlagConfiguration : IEntityTypeConfiguration<DataMatchFlag>
{
    public void Configure(EntityTypeBuilder<DataMatchFlag> b)
    {
        b.ToTable("data_match_flags");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.CityCode).HasMaxLength(6);
        b.Property(x => x.RecipientIdNumber).HasMaxLength(18);
        b.Property(x => x.RecipientName).HasMaxLength(Entitlement.NameMaxLength);
        b.Property(x => x.Source).HasMaxLength(24);
        b.Property(x => x.Event).HasMaxLength(24);
        b.Property(x => x.OpenKey).HasMaxLength(48);
        b.Property(x => x.DecidedBy).HasMaxLength(64);
        b.HasIndex(x => new { x.CityCode, x.OpenKey }).IsUnique().HasDatabaseName("ux_data_match_flags_open");
        b.HasIndex(x => new { x.CityCode, x.RecipientIdNumber }).HasDatabaseName("ix_data_match_flags_recipient");
        b.HasOne<DataMatchImport>().WithMany().HasForeignKey(x => x.ImportId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>datamatch: at most one automatic stop per entitlement, ever (its key is the entitlement).</summary>
internal sealed class AutomaticStopConfiguration : IEntityTypeConfiguration<AutomaticStop>
{
    public void Configure(EntityTypeBuilder<AutomaticStop> b)
    {
        b.ToTable("automatic_stops");
        b.HasKey(x => x.EntitlementId);
        b.Property(x => x.EntitlementId).ValueGeneratedNever();
        b.Property(x => x.Reason).HasMaxLength(24);
        b.HasOne<Entitlement>().WithMany().HasForeignKey(x => x.EntitlementId).OnDelete(DeleteBehavior.Restrict);
    }
}
