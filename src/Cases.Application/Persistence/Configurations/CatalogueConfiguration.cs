using Cases.Application.Catalogues;
using Cases.Domain.Catalogues;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cases.Application.Persistence.Configurations;

// catalogues: the 三目录 of 规程 第四十条, one row per applied import and per item of it.
internal sealed class CatalogueVersionConfiguration : IEntityTypeConfiguration<CatalogueVersion>
{
    public void Configure(EntityTypeBuilder<CatalogueVersion> b)
    {
        b.ToTable("catalogue_versions");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Catalogue).HasConversion<string>().HasMaxLength(40);
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.FileName).HasMaxLength(200);
        b.Property(x => x.ContentHash).HasMaxLength(64);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.AppliedBy).HasMaxLength(100);
        // One version of a catalogue per start day: a later list starts on a later day.
        b.HasIndex(x => new { x.Catalogue, x.EffectiveFrom }).IsUnique().HasDatabaseName("ux_catalogue_versions_catalogue_from");
    }
}

internal sealed class CatalogueItemConfiguration : IEntityTypeConfiguration<CatalogueItem>
{
    public void Configure(EntityTypeBuilder<CatalogueItem> b)
    {
        b.ToTable("catalogue_items");
        b.HasKey(x => x.Id);
        b.Property(x => x.Catalogue).HasConversion<string>().HasMaxLength(40);
        b.Property(x => x.Class).HasConversion<string>().HasMaxLength(2);
        b.Property(x => x.Code).HasMaxLength(CatalogueItem.CodeMaxLength);
        b.Property(x => x.Name).HasMaxLength(CatalogueItem.NameMaxLength);
        b.Property(x => x.Unit).HasMaxLength(CatalogueItem.UnitMaxLength);
        b.Property(x => x.SelfPayPercent).HasPrecision(5, 2);
        b.Property(x => x.PriceCap).HasPrecision(18, 2);
        b.HasIndex(x => new { x.Code, x.ValidFrom }).HasDatabaseName("ix_catalogue_items_code_from");
        b.HasIndex(x => new { x.VersionId, x.Code }).IsUnique().HasDatabaseName("ux_catalogue_items_version_code");
        b.HasOne<CatalogueVersion>().WithMany().HasForeignKey(x => x.VersionId).OnDelete(DeleteBehavior.Restrict);
    }
}
