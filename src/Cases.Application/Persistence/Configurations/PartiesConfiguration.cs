using Cases.Domain.Injuries;
using Cases.Domain.Parties;
using Cases.Domain.Projects;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cases.Application.Persistence.Configurations;

internal sealed class EmployerConfiguration : IEntityTypeConfiguration<Employer>
{
    public void Configure(EntityTypeBuilder<Employer> b)
    {
        b.ToTable("employers");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(Employer.NameMaxLength);
        b.Property(x => x.CityCode).HasMaxLength(6);
        b.HasIndex(x => x.CreditCode).IsUnique().HasDatabaseName("ux_employers_credit_code");
        b.HasIndex(x => new { x.CityCode, x.Name }).HasDatabaseName("ix_employers_city_name");

        // employers: the items of 第七条, the dispatch basis of 第八条 and the state of the registration (第十八条).
        b.Property(x => x.UnitType).HasConversion<string>().HasMaxLength(40);
        b.Property(x => x.EconomicType).HasConversion<string>().HasMaxLength(40);
        b.Property(x => x.Affiliation).HasConversion<string>().HasMaxLength(40);
        b.Property(x => x.RegistrationAuthority).HasConversion<string>().HasMaxLength(40);
        b.Property(x => x.Industry).HasMaxLength(EmployerDetails.IndustryMaxLength);
        b.Property(x => x.Address).HasMaxLength(EmployerDetails.AddressMaxLength);
        b.Property(x => x.Phone).HasMaxLength(20);
        b.Property(x => x.LegalRepresentativeName).HasMaxLength(LegalRepresentative.NameMaxLength);
        b.Property(x => x.LegalRepresentativeDocumentType).HasConversion<string>().HasMaxLength(40);
        b.Property(x => x.LegalRepresentativeDocumentNumber).HasMaxLength(LegalRepresentative.DocumentNumberMaxLength);
        b.Property(x => x.LegalRepresentativePhone).HasMaxLength(20);
        b.Property(x => x.DispatchRiskBasis).HasMaxLength(EmployerDetails.DispatchBasisMaxLength);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20).HasDefaultValue(EmployerStatus.Active).HasSentinel((EmployerStatus)0);
        b.Ignore(x => x.LegalRepresentative);
        b.Ignore(x => x.Details);
    }
}

internal sealed class WorkerConfiguration : IEntityTypeConfiguration<Worker>
{
    public void Configure(EntityTypeBuilder<Worker> b)
    {
        b.ToTable("workers");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(Worker.NameMaxLength);
        b.Property(x => x.Phone).HasMaxLength(20);
        b.Ignore(x => x.BirthDate);
        b.Ignore(x => x.Sex);
        b.Ignore(x => x.MaskedPhone);
        b.HasIndex(x => x.IdNumber).IsUnique().HasDatabaseName("ux_workers_id_number");
        b.HasIndex(x => x.EmployerId).HasDatabaseName("ix_workers_employer");
        b.HasOne<Employer>().WithMany().HasForeignKey(x => x.EmployerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConstructionProjectConfiguration : IEntityTypeConfiguration<ConstructionProject>
{
    public void Configure(EntityTypeBuilder<ConstructionProject> b)
    {
        b.ToTable("construction_projects");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.ProjectCode).HasMaxLength(ConstructionProject.ProjectCodeMaxLength);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.CityCode).HasMaxLength(6);
        b.HasIndex(x => x.ProjectCode).IsUnique().HasDatabaseName("ux_construction_projects_code");
        b.HasIndex(x => new { x.CityCode, x.ContractEndsOn }).HasDatabaseName("ix_construction_projects_city_ends");

        // Projects: the 第九条 papers and the 第二十六、二十七条 premium (see ProjectsConfiguration).
        ProjectsConfiguration.Registration(b);
    }
}

internal sealed class InjuryCaseConfiguration : IEntityTypeConfiguration<InjuryCase>
{
    public void Configure(EntityTypeBuilder<InjuryCase> b)
    {
        b.ToTable("injury_cases");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.CityCode).HasMaxLength(6);
        b.HasIndex(x => new { x.CityCode, x.InjuryOn }).HasDatabaseName("ix_injury_cases_city_injury");
        b.Property(x => x.RecognitionNumber).HasMaxLength(InjuryCase.RecognitionNumberMaxLength);
        b.Property(x => x.Description).HasMaxLength(InjuryCase.DescriptionMaxLength);
        b.Ignore(x => x.RehabExtended);
        b.Ignore(x => x.FundTreatmentEndsFrom);
        // One recognition decision is one injury case: the same decision received twice is refused, not registered twice.
        b.HasIndex(x => x.RecognitionNumber).IsUnique().HasDatabaseName("ux_injury_cases_recognition_number");
        b.HasIndex(x => x.EmployerId).HasDatabaseName("ix_injury_cases_employer");
        b.HasIndex(x => x.WorkerId).HasDatabaseName("ix_injury_cases_worker");
        b.HasOne<Worker>().WithMany().HasForeignKey(x => x.WorkerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Employer>().WithMany().HasForeignKey(x => x.EmployerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DependantConfiguration : IEntityTypeConfiguration<Dependant>
{
    public void Configure(EntityTypeBuilder<Dependant> b)
    {
        b.ToTable("dependants");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Name).HasMaxLength(Dependant.NameMaxLength);
        b.HasIndex(x => x.InjuryCaseId).HasDatabaseName("ix_dependants_injury_case");
        b.HasOne<InjuryCase>().WithMany().HasForeignKey(x => x.InjuryCaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
