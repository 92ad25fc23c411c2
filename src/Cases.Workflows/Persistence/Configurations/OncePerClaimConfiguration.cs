using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cases.Workflows.Persistence.Configurations;

/// <summary>The claims of once-per procedures: the key (procedure, value) is what makes the second of two racing starts fail.</summary>
internal sealed class OncePerClaimConfiguration : IEntityTypeConfiguration<OncePerClaim>
{
    public void Configure(EntityTypeBuilder<OncePerClaim> b)
    {
        b.ToTable("once_per_claims");
        b.HasKey(x => new { x.Procedure, x.Value });
        b.Property(x => x.Procedure).HasMaxLength(64);
        b.Property(x => x.Value).HasMaxLength(200);
        b.HasIndex(x => x.CaseId).IsUnique().HasDatabaseName("ux_once_per_claims_case");
        b.HasOne<CaseRecord>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
