namespace Cases.Domain.Staff;

/// <summary>The roles of the product (规程 第一百一十九条: incompatible duties are held by different people).</summary>
public static class Roles
{
    public const string Officer = "officer";
    public const string Reviewer = "reviewer";
    public const string Supervisor = "supervisor";
    public const string Designer = "designer";
    public const string Admin = "admin";

    /// <summary>Reads the log of views of personal data (规程 第一百四十条); sees every record masked, works no case.</summary>
    public const string Auditor = "auditor";

    public static IReadOnlyList<string> All { get; } = [Officer, Reviewer, Supervisor, Designer, Admin, Auditor];

    /// <summary>
    /// The roles a definition may give a task or a notification to, and the only ones that claim and complete tasks
    /// (规程 第一百一十九条): whoever designs procedures, administers the system or audits it works no case, so a designer
    /// cannot route casework to themselves.
    /// </summary>
    public static IReadOnlyList<string> Casework { get; } = Permissions.RolesWith(Permission.WorkCases);

    /// <summary>
    /// The roles that read real case data — cases, tasks, the inbox, attachments, ledgers, the parties' registers: those who
    /// work cases, and administrators (规程 第一百四十条: personal data only to those whose duty needs it). Designers see
    /// definitions and dry runs; auditors the audit log and the journals they audit.
    /// </summary>
    public static IReadOnlyList<string> CaseStaff { get; } = Permissions.RolesWith(Permission.ReadCaseData);

    /// <summary>A role as a refusal names it ("经办人员" / "officer"); an unknown role reads as its key.</summary>
    public static LocalizedText Label(string role) => role switch
    {
        Officer => new("经办人员", "officer"),
        Reviewer => new("复核人员", "reviewer"),
        Supervisor => new("主管", "supervisor"),
        Designer => new("流程设计人员", "designer"),
        Admin => new("系统管理员", "administrator"),
        Auditor => new("审计人员", "auditor"),
        _ => new(role, role),
    };
}
