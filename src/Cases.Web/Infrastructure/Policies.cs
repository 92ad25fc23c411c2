using Microsoft.AspNetCore.Authorization;

namespace Cases.Web.Infrastructure;

/// <summary>
/// The named authorization policies and the roles each admits, in one table: pages and API endpoints name a policy,
/// never a list of roles, so who may do what is read here and tested against the authorization matrix.
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

    /// <summary>Each policy and the roles it admits.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Roles { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [Admin] = [Domain.Staff.Roles.Admin],
        [Designer] = [Domain.Staff.Roles.Designer],
        [Operations] = [Domain.Staff.Roles.Supervisor, Domain.Staff.Roles.Admin],
        [Supervisor] = [Domain.Staff.Roles.Supervisor],
        [RegisterParties] = [Domain.Staff.Roles.Officer, Domain.Staff.Roles.Supervisor, Domain.Staff.Roles.Admin],
        [OpenCases] = [Domain.Staff.Roles.Officer, Domain.Staff.Roles.Supervisor, Domain.Staff.Roles.Admin],
        [RecordEvents] = [Domain.Staff.Roles.Officer, Domain.Staff.Roles.Supervisor],
        [Ledgers] = [Domain.Staff.Roles.Officer, Domain.Staff.Roles.Reviewer, Domain.Staff.Roles.Supervisor, Domain.Staff.Roles.Admin],
        [Audit] = [Domain.Staff.Roles.Auditor],
        [CaseData] = Domain.Staff.Roles.CaseStaff,
        [CaseJournal] = [.. Domain.Staff.Roles.CaseStaff, Domain.Staff.Roles.Auditor],
        [Casework] = Domain.Staff.Roles.Casework,
    };

    public static AuthorizationBuilder AddCasesPolicies(this AuthorizationBuilder builder)
    {
        foreach (var (name, roles) in Roles)
        {
            builder.AddPolicy(name, p => p.RequireRole(roles));
        }

        return builder;
    }
}
