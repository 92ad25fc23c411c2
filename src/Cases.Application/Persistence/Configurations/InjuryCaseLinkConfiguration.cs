using Cases.Application.Injuries.Linking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cases.Application.Persistence.Configurations;

/// <summary>Unlinked cases: one row per legacy case tied to a registered injury case (docs/adr/0017).</summary>
internal sealed class InjuryCaseLinkConfiguration : IEntityTypeConfiguration<InjuryCaseLink>
{
    public void Configure(EntityTypeBuilder<InjuryCaseLink> b)
    {
        b.ToTable("injury_case_links");
        b.HasKey(x => x.CaseId);
        b.Property(x => x.CaseId).ValueGeneratedNever();
        b.Property(x => x.CityCode).HasMaxLength(6);
        b.Property(x => x.Typed).HasMaxLength(InjuryCaseLink.MaxTypedLength);
        b.Property(x => x.How).HasMaxLength(16);
        b.Property(x => x.Reason).HasMaxLength(InjuryCaseLink.MaxReasonLength);
        b.Property(x => x.LinkedBy).HasMaxLength(100);
        b.Property(x => x.UndoneBy).HasMaxLength(100);
        b.Property(x => x.UndoReason).HasMaxLength(InjuryCaseLink.MaxReasonLength);
        // The injury case's page and the worker's page find the linked cases by the injury case.
        b.HasIndex(x => x.InjuryCaseId).HasDatabaseName("ix_injury_case_links_injury_case");
        b.HasOne<Cases.Workflows.Records.CaseRecord>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Cases.Domain.Injuries.InjuryCase>().WithMany().HasForeignKey(x => x.InjuryCaseId).OnDelete(DeleteBehavior.Restrict);
    }
}
