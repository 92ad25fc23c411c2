using Cases.Domain.Staff;

namespace Cases.Web.Infrastructure;

/// <summary>
/// The named authorization policies, each the <see cref="Permission"/> it asks for: pages and API endpoints name a
/// policy, never a list of roles, and the roles each admits come from the one table of <see cref="Permissions"/> — the
/// table the use cases ask too — tested against the authorization matrix.
/// </summary>
public static class Policies
{
    public const string Admin = "admin";
    public const string RegisterParties = "register-parties";
    public const string Designer = "designer";
    public const string Operations = "operations";
    public const string Ledgers = "ledgers";

    /// <summary>Auditors: the log of views of personal data (规程 第一百四十条).</summary>
    public const string Audit = "audit";

    /// <summary>Supervisors only: reassigning tasks and migrating running cases.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>Officers, supervisors and administrators open cases (the handler checks the city).</summary>
    public const string OpenCases = "open-cases";

    /// <summary>Officers and supervisors record external events on a case.</summary>
    public const string RecordEvents = "record-events";

    /// <summary>
    /// Real case data — cases, tasks, the inbox, comments, attachments, the parties' registers: the staff who work cases
    /// and administrators (规程 第一百四十条). Designers see definitions and dry runs; auditors the audit log and journals.
    /// </summary>
    public const string CaseData = "case-data";

    /// <summary>A case's journal and its verification: the case staff, and auditors, who audit journals.</summary>
    public const string CaseJournal = "case-journal";

    /// <summary>Writing on a case — comments and files: the people who work cases (the handler checks the city).</summary>
    public const string Casework = "casework";

    /// <summary>Periodic benefits: computing the month's payroll.</summary>
    public const string RunPayroll = "run-payroll";

    /// <summary>Periodic benefits: approving a payroll run or a yearly adjustment.</summary>
    public const string ApprovePayroll = "approve-payroll";

    /// <summary>Periodic benefits: keeping recipients' entitlements, certifications and recoveries.</summary>
    public const string KeepEntitlements = "keep-entitlements";

    /// <summary>Periodic benefits: entering the yearly adjustment.</summary>
    public const string AdjustBenefits = "adjust-benefits";

    /// <summary>Each policy and the permission it asks for.</summary>
    public static IReadOnlyDictionary<string, Permission> Permissions { get; } = new Dictionary<string, Permission>
    {
        [Admin] = Permission.Administer,
        [Designer] = Permission.DesignDefinitions,
        [Operations] = Permission.Oversee,
        [Supervisor] = Permission.Supervise,
        [RegisterParties] = Permission.RegisterParties,
        [OpenCases] = Permission.OpenCases,
        [RecordEvents] = Permission.RecordEvents,
        [Ledgers] = Permission.ReadLedgers,
        [Audit] = Permission.Audit,
        [CaseData] = Permission.ReadCaseData,
        [CaseJournal] = Permission.ReadCaseJournal,
        [Casework] = Permission.WorkCases,
        [RunPayroll] = Permission.RunPayroll,
        [ApprovePayroll] = Permission.ApprovePayroll,
        [KeepEntitlements] = Permission.KeepEntitlements,
        [AdjustBenefits] = Permission.AdjustBenefits,
    };

    /// <summary>Each policy admits the roles that hold its permission.</summary>
    public static AuthorizationBuilder AddCasesPolicies(this AuthorizationBuilder builder)
    {
        foreach (var (name, permission) in Permissions)
        {
            builder.AddPolicy(name, p => p.RequireRole(Domain.Staff.Permissions.RolesWith(permission)));
        }

        return builder;
    }
}
