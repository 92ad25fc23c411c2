using Cases.Workflows.Runtime;

namespace Cases.Workflows.Instances;

/// <summary>
/// The runtime side of <see cref="OncePerSpec"/>: before a case starts, a case of the same procedure (any version, any
/// city — the fund is pooled province-wide, 省级统筹) with the same value of the declared start field refuses it.
/// 第四十九条 allows the extension "在首次康复期治疗时": an extension granted, refused, or a period that ran its course
/// all used that one chance, so every existing case counts, running or ended with any outcome.
/// </summary>
/// <remarks>
/// Two checks, because each alone misses a case. The read (<see cref="EnsureFirstAsync"/>) finds the cases started
/// before the claims table existed: they hold no claim, and filling claims for them would be a data migration per
/// provider (and two old cases for one value, which the old race allowed, could not both hold the key); the read along
/// ix_case_values_field_text is cheap, so it stays. The claim (<see cref="Claim"/>), written in the start's own
/// transaction under the key (procedure, value), closes the race the read leaves open: two starts that both read
/// nothing both insert, and the database keeps the first; <see cref="RefusalAfterLostRaceAsync"/> turns the second's
/// failed save into the same 409 naming the case that won.
/// </remarks>
public static class OncePerCase
{
    /// <summary>Throws <see cref="ConflictException"/> (409) naming the existing case's number when the value is taken.</summary>
    public static async Task EnsureFirstAsync(IWorkflowDb db, WorkflowDefinition definition, CaseData data, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(data);
        if (ValueOf(definition, data) is not { } value)
        {
            return;
        }

        // Read along ix_case_values_field_text: the value as the case's projection stores it (the same text, ≤ 200 characters).
        var field = definition.OncePer!.Field;
        var existing = await (
                from v in db.CaseValues.AsNoTracking()
                join c in db.Cases.AsNoTracking() on v.CaseId equals c.Id
                where v.Field == field && v.Text == value && c.Procedure == definition.Key
                orderby c.CreatedAt
                select (Guid?)c.Id)
            .FirstOrDefaultAsync(ct);
        if (existing is { } caseId)
        {
            throw Refusal(definition, data, caseId);
        }
    }

    /// <summary>Adds the case's claim to the start's transaction; null when the procedure is not once-per (or the value is empty).</summary>
    public static OncePerClaim? Claim(IWorkflowDb db, WorkflowDefinition definition, CaseData data, Guid caseId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(data);
        if (ValueOf(definition, data) is not { } value)
        {
            return null;
        }

        var claim = new OncePerClaim { Procedure = definition.Key, Value = value, CaseId = caseId, ClaimedAt = now };
        db.OncePerClaims.Add(claim);
        return claim;
    }

    /// <summary>
    /// After the start's save failed: the 409 naming the case whose claim is stored now, when another start took the value
    /// first; null when no claim holds it (the save failed for another reason, which the caller rethrows).
    /// </summary>
    public static async Task<ConflictException?> RefusalAfterLostRaceAsync(IWorkflowDb db, WorkflowDefinition definition, CaseData data, OncePerClaim claim, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(claim);
        var winner = await db.OncePerClaims.AsNoTracking()
            .Where(c => c.Procedure == claim.Procedure && c.Value == claim.Value && c.CaseId != claim.CaseId)
            .Select(c => (Guid?)c.CaseId)
            .FirstOrDefaultAsync(ct);
        return winner is { } caseId ? Refusal(definition, data, caseId) : null;
    }

    // The value as case_values.text holds it: the read compares with it and the claim's key is it.
    private static string? ValueOf(WorkflowDefinition definition, CaseData data) =>
        definition.OncePer is { } once && data.GetText(once.Field) is { Length: > 0 } value
            ? value.Length > 200 ? value[..200] : value
            : null;

    private static ConflictException Refusal(WorkflowDefinition definition, CaseData data, Guid caseId)
    {
        var once = definition.OncePer!;
        var number = CaseNumbers.Of(caseId);
        var extras = new Dictionary<string, object?> { [OncePerSpec.CaseNumberPlaceholder] = number };
        return new ConflictException(RuleMessages.Fill(once.Message, data, extras, definition.Data), new { caseId, caseNumber = number, basis = once.Basis });
    }
}
