namespace Cases.Application.Parties;

/// <summary>
/// Adds a party to the province's one register (省级统筹) unless its number is already there. The number is checked
/// before the party is added (a refusal writes its own audit record and must not carry the new party with it), and
/// again when the unique index refused a registration that raced past the check, so both give the same answer.
/// </summary>
internal static class RegisterOnce
{
    /// <summary>Saves the party <paramref name="add"/> adds, or throws the <paramref name="refusal"/> for its number.</summary>
    /// <param name="db">The register.</param>
    /// <param name="refusal">The refusal for a number already registered, or null when it is free.</param>
    /// <param name="add">Adds the new party to the unit of work.</param>
    /// <param name="ct">Cancels the save.</param>
    public static async Task SaveAsync(CasesDb db, Func<Task<ConflictException?>> refusal, Action add, CancellationToken ct)
    {
        if (await refusal() is { } refused)
        {
            throw refused;
        }

        add();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await refusal() is { } raced)
            {
                throw raced;
            }

            throw;
        }
    }
}
