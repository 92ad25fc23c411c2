namespace Cases.Application.Records;

/// <summary>
/// The journal actions the agency's own actions and use cases write (the runtime's are
/// <see cref="Cases.Workflows.Records.JournalActions"/>). Stored and hash-chained (规程 第一百二十条): never changed.
/// </summary>
public static class AgencyJournalActions
{
    /// <summary>A calculation ran in an action state; data: its result and explanation.</summary>
    public const string Calculated = "calculated";

    /// <summary>An amount was posted to a ledger (第九十、九十三条).</summary>
    public const string LedgerPosted = "ledger-posted";

    /// <summary>A step's outcome was written to a register (an injury case's rehabilitation period, a project's term).</summary>
    public const string RegisterUpdated = "register-updated";

    /// <summary>A supervisor acknowledged an escalated breach.</summary>
    public const string EscalationAcknowledged = "escalation-acknowledged";

    /// <summary>A change of the working-day calendar moved a deadline.</summary>
    public const string DeadlineMoved = "deadline-moved";

    /// <summary>A deadline counted over a provisional year was confirmed by the official calendar.</summary>
    public const string DeadlineSettled = "deadline-settled";

    // Projects
    /// <summary>A construction project was registered with its premium (第九条、第二十六条、第二十七条); data: code, term, premium.</summary>
    public const string ProjectRegistered = "project-registered";

    // Benefits
    /// <summary>A decision's monthly benefit was recorded as an entitlement (第七十五、七十八、八十二条); data: benefit, from month, recipients.</summary>
    public const string EntitlementRecorded = "entitlement-recorded";
    // Unlinked cases (「待关联案件」, docs/adr/0017)
    /// <summary>A case opened before the injury-case register was tied to a registered injury case; data: the injury case, the text as typed, how (number, id, officer), the trigger, the reason.</summary>
    public const string InjuryCaseLinked = "injury-case-linked";

    /// <summary>Such a link was undone because it was wrong; data: the injury case, the reason.</summary>
    public const string InjuryCaseUnlinked = "injury-case-unlinked";
    // Payments
    /// <summary>A step ordered a payment (第九十四条: payee, amount, account); data: the order, its amount, benefit, article, payee and the account masked.</summary>
    public const string PaymentOrdered = "payment-ordered";
}
