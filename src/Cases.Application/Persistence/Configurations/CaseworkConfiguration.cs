using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cases.Application.Persistence.Configurations;

internal sealed class CaseCommentConfiguration : IEntityTypeConfiguration<CaseComment>
{
    public void Configure(EntityTypeBuilder<CaseComment> b)
    {
        b.ToTable("case_comments");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Author).HasMaxLength(100);
        b.Property(x => x.Text).HasMaxLength(4000);
        b.HasIndex(x => new { x.CaseId, x.At }).HasDatabaseName("ix_case_comments_case_at");
        b.HasOne<Cases.Workflows.Records.CaseRecord>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseAttachmentConfiguration : IEntityTypeConfiguration<CaseAttachment>
{
    public void Configure(EntityTypeBuilder<CaseAttachment> b)
    {
        b.ToTable("case_attachments");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.FileName).HasMaxLength(255);
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.StorageKey).HasMaxLength(300);
        b.Property(x => x.Material).HasMaxLength(64);
        b.Property(x => x.UploadedBy).HasMaxLength(100);
        b.HasIndex(x => new { x.CaseId, x.UploadedAt }).HasDatabaseName("ix_case_attachments_case_uploaded");
        b.HasOne<Cases.Workflows.Records.CaseRecord>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SavedFilterConfiguration : IEntityTypeConfiguration<SavedFilter>
{
    public void Configure(EntityTypeBuilder<SavedFilter> b)
    {
        b.ToTable("saved_filters");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Owner).HasMaxLength(100);
        b.Property(x => x.SharedWithRole).HasMaxLength(40);
        b.Property(x => x.CityCode).HasMaxLength(6);
        b.Property(x => x.Query).HasMaxLength(2000);
        // A user's filters are known by their names (saving a name again updates it); the key also serves "my filters".
        b.HasIndex(x => new { x.Owner, x.Name }).IsUnique().HasDatabaseName("ux_saved_filters_owner_name");
        b.HasIndex(x => new { x.SharedWithRole, x.CityCode }).HasDatabaseName("ix_saved_filters_shared");
    }
}

internal sealed class PersonalDataViewConfiguration : IEntityTypeConfiguration<PersonalDataView>
{
    public void Configure(EntityTypeBuilder<PersonalDataView> b)
    {
        b.ToTable("personal_data_views");
        b.HasKey(x => x.Id);
        b.Property(x => x.UserName).HasMaxLength(100);
        b.Property(x => x.CityCode).HasMaxLength(6);
        b.Property(x => x.SubjectKind).HasMaxLength(40);
        b.Property(x => x.SubjectKey).HasMaxLength(64);
        b.Property(x => x.Fields).HasMaxLength(200);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.Route).HasMaxLength(300);
        b.HasIndex(x => x.At).HasDatabaseName("ix_personal_data_views_at");
        b.HasIndex(x => new { x.SubjectKind, x.SubjectKey }).HasDatabaseName("ix_personal_data_views_subject");
    }
}

internal sealed class WorkbenchVisitConfiguration : IEntityTypeConfiguration<WorkbenchVisit>
{
    public void Configure(EntityTypeBuilder<WorkbenchVisit> b)
    {
        b.ToTable("workbench_visits");
        b.HasKey(x => x.UserName);
        b.Property(x => x.UserName).HasMaxLength(100);
    }
}
