using Cases.Application.Calculations;
using Cases.Application.Calendar;
using Cases.Application.Identity;
using Cases.Application.Ledgers;
using Cases.Workflows.Runtime;
using Cases.Workflows.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace Cases.Application;

public static class ApplicationSetup
{
    /// <summary>
    /// The agency's parts of the runtime: its actions (calculators, ledger postings) and what they write, whose users
    /// tasks are assigned to, and the calendar's recalculation of pending deadlines. The host adds the database
    /// (<see cref="Persistence.PersistenceSetup.AddCasesDatabase"/>), the runtime and Identity.
    /// </summary>
    public static IServiceCollection AddCasesApplication(this IServiceCollection services)
    {
        services.AddSingleton<IWorkflowAction>(new CalculateAction());
        services.AddSingleton<IWorkflowAction>(new LedgerAction());
        services.AddScoped<IProgressEffectWriter, LedgerPosting>();
        services.AddSingleton<IWorkflowAction>(new Registry.UpdateRegisterAction());
        services.AddScoped<IProgressEffectWriter, Registry.RegisterUpdates>();
        services.AddScoped<ICaseRegisters, Registry.CaseRegisters>();
        services.AddScoped<IStaffDirectory, StaffDirectory>();
        services.AddScoped<IPartyRegister, Parties.PartyRegister>();
        services.AddScoped<DeadlineRecalculation>();

        // Projects: the 第九条 registration writes the project in the command's transaction.
        services.AddSingleton<IWorkflowAction>(new Projects.RegisterProjectAction());
        services.AddScoped<IProgressEffectWriter, Projects.ProjectRegistering>();

        // employers: the register's procedures (规程 第六～八条、第十三～十九条).
        foreach (var action in Parties.EmployerRegisterAction.All)
        {
            services.AddSingleton<IWorkflowAction>(action);
        }

        services.AddScoped<IProgressEffectWriter, Parties.EmployerRegisterWriter>();

        // Benefits: the monthly benefits a decision grants (第七十五、八十二条), recorded in the step's transaction.
        services.AddSingleton<IWorkflowAction>(new Benefits.EntitlementAction());
        services.AddScoped<IProgressEffectWriter, Benefits.EntitlementRecording>();
        // catalogues: the 三目录 (第四十条) and the item-by-item review of a bill (第六十六、六十九、七十条).
        services.AddSingleton<Catalogues.IBillReviewSources, Catalogues.StoredBillReviewSources>();
        services.AddSingleton<IWorkflowAction>(sp => new Catalogues.ReviewBillsAction(sp.GetRequiredService<Catalogues.IBillReviewSources>()));
        // Payments: a step's payment order written in its transaction (第九十四条); the bank's file layout.
        services.AddSingleton<IWorkflowAction>(new Payments.PaymentOrderAction());
        services.AddScoped<IProgressEffectWriter, Payments.PaymentOrderWriter>();
        services.AddSingleton<Payments.IBankFileWriter, Payments.CsvBankFileWriter>();
        // certify: the daily overdue sweep of the recipients' certifications (第六十三条), a Hangfire recurring job.
        services.AddScoped<Benefits.Certifications.CertificationSweep>();
        // datamatch: an investigation's finding stops or suspends benefits in its step's transaction (第六十二、六十四条); the 18th-birthday sweep.
        services.AddSingleton<IWorkflowAction>(new Benefits.DataMatches.InvestigationAction());
        services.AddScoped<IProgressEffectWriter, Benefits.DataMatches.InvestigationFindings>();
        services.AddScoped<Benefits.DataMatches.AdulthoodStopJob>();
        return services;
    }
}
