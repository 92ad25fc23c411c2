namespace Cases.Workflows.Records;

/// <summary>
/// The one case a procedure declared <c>oncePer</c> (第四十九条: an extension 「在首次康复期治疗时」) may have for a value of
/// its start field, e.g. one rehabilitation extension per injury case. Written in the start's transaction under the key
/// (procedure, value): of two starts racing for the same value the database keeps one, and the other is refused naming
/// the case that holds the claim.
/// </summary>
public sealed class OncePerClaim
{
    /// <summary>The procedure's key (any version: the chance is the procedure's, not one version's).</summary>
    public string Procedure { get; set; } = "";

    /// <summary>The start field's value as the case's projection stores it (case_values.text, at most 200 characters).</summary>
    public string Value { get; set; } = "";

    public Guid CaseId { get; set; }

    public DateTimeOffset ClaimedAt { get; set; }
}
