using Cases.Domain.Injuries;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cases.Application.Persistence.Configurations;

/// <summary>Injury pages: the appraisal conclusions of an injury case, earliest first (第七十八条 keeps the history).</summary>
internal sealed class InjuryAppraisalConfiguration : IEntityTypeConfiguration<InjuryAppraisalRecord>
{
    public void Configure(EntityTypeBuilder<InjuryAppraisalRecord> b)
    {
        b.ToTable("injury_appraisals");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ConclusionNumber).HasMaxLength(InjuryAppraisalRecord.ConclusionNumberMaxLength);
        b.Property(x => x.RecordedBy).HasMaxLength(100);
        b.HasIndex(x => new { x.InjuryCaseId, x.AppraisedOn }).HasDatabaseName("ix_injury_appraisals_injury_case");
        b.HasOne<InjuryCase>().WithMany().HasForeignKey(x => x.InjuryCaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
