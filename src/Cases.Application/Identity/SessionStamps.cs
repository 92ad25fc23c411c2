using System.Collections.Concurrent;

namespace Cases.Application.Identity;

/// <summary>
/// Whether a sign-in cookie still belongs to a live session: its security stamp must be the user's current one. Every
/// request is checked. This node trusts the stamp it last read for a user for <see cref="CheckInterval"/> (a few seconds),
/// so a session ended on another node — sign-out, lock, password reset, new roles or city: each changes the stamp — is
/// refused here within that interval; the node that changed the stamp forgets its copy and refuses at once. A cookie whose
/// stamp differs from the copy is never refused on the copy alone: the stamp is read again (the user may have signed in
/// again since the copy was read).
/// </summary>
/// <remarks>
/// Real time, not the app's clock: the test clock of a demo (Clock:AllowOverride) may be moved days ahead to fire
/// statutory timers, which must not make every session re-read its stamp, and standing still must not stop it.
/// </remarks>
public sealed class SessionStamps(TimeSpan checkInterval)
{
    private readonly ConcurrentDictionary<string, (string? Stamp, long ReadAt)> _stamps = new(StringComparer.Ordinal);

    // Bumped by every Forget: a stamp read while it happened may be the old one and is not kept.
    private long _forgotten;

    /// <summary>How long this node trusts a stamp it has read; zero reads it on every request.</summary>
    public TimeSpan CheckInterval { get; } = checkInterval >= TimeSpan.Zero ? checkInterval : throw new ArgumentOutOfRangeException(nameof(checkInterval));

    /// <summary>
    /// True when <paramref name="stamp"/> (from the cookie) is the user's current security stamp. The database is asked
    /// for (<paramref name="database"/>) only when the stamp has to be read: most requests need no context at all.
    /// </summary>
    public async ValueTask<bool> IsCurrentAsync(Func<CasesDb> database, string userId, string stamp, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(database);
        var now = TimeProvider.System.GetTimestamp();
        if (_stamps.TryGetValue(userId, out var known) && string.Equals(known.Stamp, stamp, StringComparison.Ordinal)
            && TimeProvider.System.GetElapsedTime(known.ReadAt, now) < CheckInterval)
        {
            return true;
        }

        var generation = Interlocked.Read(ref _forgotten);
        // A user who no longer exists has no stamp: every cookie of theirs is refused.
        var current = await database().Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.SecurityStamp).FirstOrDefaultAsync(ct);
        if (CheckInterval > TimeSpan.Zero)
        {
            _stamps[userId] = (current, now);
            // Kept only if no stamp changed on this node meanwhile: the read may have come before that change's commit.
            if (Interlocked.Read(ref _forgotten) != generation)
            {
                _stamps.TryRemove(userId, out _);
            }
        }

        return current is not null && string.Equals(current, stamp, StringComparison.Ordinal);
    }

    /// <summary>Called after the user's stamp changed (and was committed): this node reads it again on the next request.</summary>
    public void Forget(string userId)
    {
        Interlocked.Increment(ref _forgotten);
        _stamps.TryRemove(userId, out _);
    }
}
