namespace Cases.Domain.Staff;

/// <summary>
/// What a person may do, by duty. Every check of who may do what — the web's authorization policies, the use cases'
/// refusals, the links a page shows — asks for one of these (<see cref="Actor.May"/>); only <see cref="Permissions"/>
/// says which roles hold it.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "The word users and the brief use for what a role may do; no code-access-security type is meant.")]
public enum Permission
{
    /// <summary>
    /// Read real case data — cases, tasks, the inbox, attachments, the parties' registers (规程 第一百四十一条: personal data
    /// only to those whose duty needs it).
    /// </summary>
    ReadCaseData,

    /// <summary>Read a case's journal and its verification: the case staff, and auditors, who audit journals (规程 第一百二十条).</summary>
    ReadCaseJournal,

    /// <summary>Work cases: take and complete their tasks, comment and attach files (规程 第一百一十九条: not who designs, administers or audits).</summary>
    WorkCases,

    /// <summary>Open cases at the counter.</summary>
    OpenCases,

    /// <summary>Record an event a case waits for (an objection received, a notice served).</summary>
    RecordEvents,

    /// <summary>Register employers and workers.</summary>
    RegisterParties,

    /// <summary>Read the advance-payment and third-party medical ledgers (规程 第九十条, 第九十三条).</summary>
    ReadLedgers,

    /// <summary>See whole identity numbers: who handles a case needs them; everyone else sees them masked (规程 第一百四十一条).</summary>
    SeeFullIdNumbers,

    /// <summary>Oversee a city's work: every open task, the SLA figures, escalations, cases stuck in the runtime.</summary>
    Oversee,

    /// <summary>Supervise: reassign and release others' tasks, acknowledge escalations, migrate running cases.</summary>
    Supervise,

    /// <summary>Edit and publish procedure definitions.</summary>
    DesignDefinitions,

    /// <summary>Try a definition on sample cases and see the versions that wait for approval.</summary>
    ReviewDefinitions,

    /// <summary>Approve or reject a version with sensitive changes, as the second person (规程 第一百一十九条; provincial staff only).</summary>
    DecidePublications,

    /// <summary>Administer the system: users and roles, the parameter table, the working-day calendar, the job dashboard.</summary>
    Administer,

    /// <summary>Audit: the log of views of personal data (规程 第一百四十一条) and the journals of cases, masked.</summary>
    Audit,

    // Payments
    /// <summary>Assemble payment orders into a batch for the bank, correct a returned order's account, reverse an order (经办).</summary>
    AssemblePayments,

    /// <summary>Approve a batch someone else assembled (复核; 规程 第一百一十九条 岗位不相容: never one's own).</summary>
    ApprovePayments,

    // Periodic benefits (定期待遇)
    /// <summary>Compute a city's monthly payroll (第九十六条 当月待遇支付台账).</summary>
    RunPayroll,

    /// <summary>Approve a payroll run or a yearly adjustment someone else prepared, before money moves (第一百一十九条).</summary>
    ApprovePayroll,

    /// <summary>Keep recipients' monthly benefits: accounts, certifications (第六十三、六十四条), suspensions, resumptions, stops, recoveries.</summary>
    KeepEntitlements,

    /// <summary>Enter the year's benefit adjustment rule and preview it (待遇调整, 第一百〇五条).</summary>
    AdjustBenefits,
}

/// <summary>
/// The one table of which role holds which <see cref="Permission"/>. Incompatible duties (规程 第一百一十九条) are held by
/// different roles here and by different people through <see cref="RoleCombinations"/>.
/// </summary>
public static class Permissions
{
    private static readonly (string Role, Permission[] Permissions)[] Table =
    [
        (Roles.Officer, [Permission.ReadCaseData, Permission.ReadCaseJournal, Permission.WorkCases, Permission.OpenCases, Permission.RecordEvents,
            Permission.RegisterParties, Permission.ReadLedgers, Permission.SeeFullIdNumbers]),
        (Roles.Reviewer, [Permission.ReadCaseData, Permission.ReadCaseJournal, Permission.WorkCases, Permission.ReadLedgers, Permission.SeeFullIdNumbers]),
        (Roles.Supervisor, [Permission.ReadCaseData, Permission.ReadCaseJournal, Permission.WorkCases, Permission.OpenCases, Permission.RecordEvents,
            Permission.RegisterParties, Permission.ReadLedgers, Permission.Oversee, Permission.Supervise, Permission.ReviewDefinitions, Permission.DecidePublications]),
        (Roles.Designer, [Permission.DesignDefinitions, Permission.ReviewDefinitions]),
        (Roles.Admin, [Permission.ReadCaseData, Permission.ReadCaseJournal, Permission.OpenCases, Permission.RegisterParties, Permission.ReadLedgers,
            Permission.Oversee, Permission.Administer]),
        (Roles.Auditor, [Permission.ReadCaseJournal, Permission.Audit]),

        // Payments: officers assemble, reviewers approve (第一百一十九条).
        (Roles.Officer, [Permission.AssemblePayments]),
        (Roles.Reviewer, [Permission.ApprovePayments]),

        // Periodic benefits: officers keep recipients and compute the month, supervisors approve what pays; administrators
        // enter the yearly adjustment, which a supervisor approves (第一百一十九条).
        (Roles.Officer, [Permission.RunPayroll, Permission.KeepEntitlements]),
        (Roles.Supervisor, [Permission.ApprovePayroll]),
        (Roles.Admin, [Permission.AdjustBenefits]),
    ];

    private static readonly Dictionary<string, HashSet<Permission>> ByRole =
        Table.GroupBy(r => r.Role, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.SelectMany(r => r.Permissions).ToHashSet(), StringComparer.Ordinal);

    /// <summary>Whether <paramref name="role"/> holds <paramref name="permission"/> (an unknown role holds none).</summary>
    public static bool Holds(string role, Permission permission) => ByRole.TryGetValue(role, out var held) && held.Contains(permission);

    /// <summary>The roles that hold <paramref name="permission"/>, in the order of <see cref="Roles.All"/>.</summary>
    public static IReadOnlyList<string> RolesWith(Permission permission) => [.. Table.Where(r => r.Permissions.Contains(permission)).Select(r => r.Role).Distinct(StringComparer.Ordinal)];
}
