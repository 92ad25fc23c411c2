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
        b.HasIndex(x => new { x.InjuryCaseId, x.Benefit }).HasDatabaseName("ix_entitlements_injury_case");
        b.HasIndex(x => new { x.CityCode, x.Status, x.Id }).HasDatabaseName("ix_entitlements_city_status");
        b.HasOne<InjuryCase>().WithMany().HasForeignKey(x => x.InjuryCaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Cases.Workflows.Records.CaseRecord>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        // The history is read and written with its entitlement only, never queried on its own: one JSON column.
        b.OwnsMany(x => x.History, h => h.ToJson("history"));
        b.Navigation(x => x.History).HasField("history").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
