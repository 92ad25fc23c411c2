using Cases.Workflows.Runtime;

namespace Cases.Workflows.Instances;

/// <summary>
/// The runtime side of <see cref="OncePerSpec"/>: before a case starts, a case of the same procedure (any version, any
/// city — the fund is pooled province-wide, 省级统筹) with the same value of the declared start field refuses it.
/// 第四十九条 allows the extension "在首次康复期治疗时": an extension granted, refused, or a period that ran its course
/// all used that one chance, so every existing case counts, running or ended with any outcome.
/// </summary>
public static class OncePerCase
{
    /// <summary>Throws <see cref="ConflictException"/> (409) naming the existing case's number when the value is taken.</summary>
    public static async Task EnsureFirstAsync(IWorkflowDb db, WorkflowDefinition definition, CaseData data, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(data);
        if (definition.OncePer is not { } once || data.GetText(once.Field) is not { Length: > 0 } value)
        {
            return;
        }

        // Read along ix_case_values_field_text: the value as the case's projection stores it (the same text, ≤ 200 characters).
        var existing = await (
                from v in db.CaseValues.AsNoTracking()
                join c in db.Cases.AsNoTracking() on v.CaseId equals c.Id
                where v.Field == once.Field && v.Text == value && c.Procedure == definition.Key
                orderby c.CreatedAt
                select (Guid?)c.Id)
            .FirstOrDefaultAsync(ct);
        if (existing is not { } caseId)
        {
            return;
        }

        var number = CaseNumbers.Of(caseId);
        var extras = new Dictionary<string, object?> { [OncePerSpec.CaseNumberPlaceholder] = number };
        throw new ConflictException(RuleMessages.Fill(once.Message, data, extras, definition.Data), new { caseId, caseNumber = number, basis = once.Basis });
    }
}
