using Cases.Domain.Parties;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cases.Application.Persistence.Configurations;

/// <summary>People: a worker's insured periods per employer (第十一条).</summary>
internal sealed class EmploymentConfiguration : IEntityTypeConfiguration<Employment>
{
    public void Configure(EntityTypeBuilder<Employment> b)
    {
        b.ToTable("employments");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.EndKind).HasConversion<string>().HasMaxLength(20);
        b.Ignore(x => x.IsOpen);
        b.Ignore(x => x.FilingDaysLate);
        b.Ignore(x => x.EndFiledLate);
        b.HasIndex(x => new { x.WorkerId, x.EmployedOn }).HasDatabaseName("ix_employments_worker");
        b.HasIndex(x => new { x.EmployerId, x.EndedOn }).HasDatabaseName("ix_employments_employer");
        b.HasOne<Worker>().WithMany().HasForeignKey(x => x.WorkerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Employer>().WithMany().HasForeignKey(x => x.EmployerId).OnDelete(DeleteBehavior.Restrict);
    }
}
