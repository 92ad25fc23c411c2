using Cases.Domain.Projects;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cases.Application.Persistence.Configurations;

/// <summary>The columns of a project's 第九条 registration and its workers filed by real name (第十一条).</summary>
internal static class ProjectsConfiguration
{
    public static void Registration(EntityTypeBuilder<ConstructionProject> b)
    {
        b.Property(x => x.ContractNumber).HasMaxLength(ConstructionProject.ContractNumberMaxLength);
        b.Property(x => x.AwardNotice).HasMaxLength(20);
        // The list of a city's projects is searched by name and paged by code (GET /api/projects).
        b.HasIndex(x => new { x.CityCode, x.ProjectCode }).HasDatabaseName("ix_construction_projects_city_code");
    }
}

internal sealed class ProjectWorkerConfiguration : IEntityTypeConfiguration<ProjectWorker>
{
    public void Configure(EntityTypeBuilder<ProjectWorker> b)
    {
        b.ToTable("project_workers");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(Cases.Domain.Parties.Worker.NameMaxLength);
        // One filing per worker and project: a worker who comes back is the same row (dynamic management, 第十一条).
        b.HasIndex(x => new { x.ProjectId, x.IdNumber }).IsUnique().HasDatabaseName("ux_project_workers_project_id_number");
        b.HasOne<ConstructionProject>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
