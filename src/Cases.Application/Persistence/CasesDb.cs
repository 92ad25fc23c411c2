using Cases.Domain.Injuries;
using Cases.Domain.Parties;
using Cases.Domain.Projects;
using Cases.Workflows.Persistence;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Cases.Application.Persistence;

/// <summary>
/// The one EF Core model of the product. Each provider has a subclass with its own migration set
/// (see <see cref="SqliteCasesDb"/>, <see cref="PostgresCasesDb"/>, <see cref="SqlServerCasesDb"/>).
/// </summary>
public abstract class CasesDb(DbContextOptions options) : IdentityDbContext<CasesUser>(options), IDataProtectionKeyContext, IWorkflowDb
{
    /// <summary>The keys that protect sign-in cookies, shared by every node so a cookie issued by one is read by all.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Employer> Employers => Set<Employer>();

    public DbSet<Worker> Workers => Set<Worker>();

    public DbSet<ConstructionProject> ConstructionProjects => Set<ConstructionProject>();

    // Projects: the workers filed by real name on a construction project (第十一条).
    public DbSet<ProjectWorker> ProjectWorkers => Set<ProjectWorker>();

    public DbSet<InjuryCase> InjuryCases => Set<InjuryCase>();

    public DbSet<Dependant> Dependants => Set<Dependant>();

    public DbSet<StoredDefinition> Definitions => Set<StoredDefinition>();

    public DbSet<Cases.Workflows.Records.DefinitionPublication> DefinitionPublications => Set<Cases.Workflows.Records.DefinitionPublication>();

    public DbSet<CaseRecord> Cases => Set<CaseRecord>();

    public DbSet<WorkflowInstance> Instances => Set<WorkflowInstance>();

    public DbSet<CaseValue> CaseValues => Set<CaseValue>();

    public DbSet<HumanTask> Tasks => Set<HumanTask>();

    public DbSet<WorkflowTimer> Timers => Set<WorkflowTimer>();

    public DbSet<JournalEntry> Journal => Set<JournalEntry>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<Escalation> Escalations => Set<Escalation>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<Records.ParameterValue> ParameterValues => Set<Records.ParameterValue>();

    public DbSet<Records.ParameterChange> ParameterChanges => Set<Records.ParameterChange>();

    public DbSet<Records.LedgerEntry> LedgerEntries => Set<Records.LedgerEntry>();

    public DbSet<Records.LedgerItem> LedgerItems => Set<Records.LedgerItem>();

    public DbSet<Records.CaseComment> CaseComments => Set<Records.CaseComment>();

    public DbSet<Records.CaseAttachment> CaseAttachments => Set<Records.CaseAttachment>();

    public DbSet<Records.SavedFilter> SavedFilters => Set<Records.SavedFilter>();

    public DbSet<Records.PersonalDataView> PersonalDataViews => Set<Records.PersonalDataView>();

    public DbSet<Records.WorkbenchVisit> WorkbenchVisits => Set<Records.WorkbenchVisit>();

    public DbSet<CalendarYear> CalendarYears => Set<CalendarYear>();

    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();

    public DbSet<CalendarChange> CalendarChanges => Set<CalendarChange>();

    public DbSet<CalendarRevision> CalendarRevisions => Set<CalendarRevision>();

    /// <summary>People: a worker's insured periods per employer (第十一条).</summary>
    public DbSet<Employment> Employments => Set<Employment>();

    /// <summary>Benefits: the monthly benefits each person receives (定期待遇, 第九十六条).</summary>
    public DbSet<Cases.Domain.Benefits.Entitlement> Entitlements => Set<Cases.Domain.Benefits.Entitlement>();

    /// <summary>Periodic benefits: the monthly payroll runs (第九十六条), their lines, and the overpayments they find (第六十四条).</summary>
    public DbSet<Cases.Domain.Benefits.PayrollRun> PayrollRuns => Set<Cases.Domain.Benefits.PayrollRun>();

    public DbSet<Cases.Domain.Benefits.PayrollLine> PayrollLines => Set<Cases.Domain.Benefits.PayrollLine>();

    public DbSet<Cases.Domain.Benefits.Overpayment> Overpayments => Set<Cases.Domain.Benefits.Overpayment>();

    public DbSet<Cases.Domain.Benefits.Certification> Certifications => Set<Cases.Domain.Benefits.Certification>();
    /// <summary>Injury pages: every appraisal conclusion recorded on an injury case (第七十八条: a re-appraisal replaces, the history stays).</summary>
    public DbSet<Records.InjuryAppraisalRecord> InjuryAppraisals => Set<Records.InjuryAppraisalRecord>();
    /// <summary>Payments: the orders the benefit procedures make (第九十四条) and the batches sent to the bank (第九十六条 支付台账).</summary>
    public DbSet<Cases.Domain.Payments.PaymentOrder> PaymentOrders => Set<Cases.Domain.Payments.PaymentOrder>();

    public DbSet<Cases.Domain.Payments.PaymentBatch> PaymentBatches => Set<Cases.Domain.Payments.PaymentBatch>();

    // datamatch: the data-match imports (信息比对, 第六十四条), the suspicions they raised, and the stops made on their own.
    public DbSet<Records.DataMatchImport> DataMatchImports => Set<Records.DataMatchImport>();

    public DbSet<Records.DataMatchFlag> DataMatchFlags => Set<Records.DataMatchFlag>();

    public DbSet<Records.AutomaticStop> AutomaticStops => Set<Records.AutomaticStop>();
    /// <summary>Adjust: the yearly benefit adjustment rules (待遇调整, 第一百〇五条) and what each applied rule did to each entitlement.</summary>
    public DbSet<Cases.Domain.Benefits.BenefitAdjustment> BenefitAdjustments => Set<Cases.Domain.Benefits.BenefitAdjustment>();

    public DbSet<Cases.Domain.Benefits.BenefitAdjustmentEntry> BenefitAdjustmentEntries => Set<Cases.Domain.Benefits.BenefitAdjustmentEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        WorkflowModel.Configure(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CasesDb).Assembly);
        builder.Entity<CasesUser>(u =>
        {
            u.Property(x => x.CityCode).HasMaxLength(6);
            u.Property(x => x.DisplayName).HasMaxLength(100);
        });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        WorkflowModel.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<CreditCode>().HaveConversion<CreditCodeConverter>().HaveMaxLength(18);
        configurationBuilder.Properties<IdNumber>().HaveConversion<IdNumberConverter>().HaveMaxLength(18);
        configurationBuilder.Properties<IndustryRiskClass>().HaveConversion<RiskClassConverter>();
        configurationBuilder.Properties<DisabilityGrade>().HaveConversion<DisabilityGradeConverter>();
    }
}
