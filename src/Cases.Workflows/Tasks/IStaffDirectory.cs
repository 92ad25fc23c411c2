namespace Cases.Workflows.Tasks;

/// <summary>
/// The host's staff, as the runtime needs them: a user by name, with their city and roles, to check whom a task may be
/// assigned to. The runtime keeps no users of its own.
/// </summary>
public interface IStaffDirectory
{
    /// <summary>The user of that name with their city and roles, or null when there is none.</summary>
    Task<Actor?> FindAsync(string userName, CancellationToken ct);

    /// <summary>Whether the user is locked out (cannot sign in): such a user is never given a task. None is, unless the host says so.</summary>
    Task<bool> IsLockedOutAsync(string userName, CancellationToken ct) => Task.FromResult(false);
}
