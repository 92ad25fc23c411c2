using Cases.Application.Records;
using Cases.Application.Identity;
using Cases.Application.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Infrastructure;

/// <summary>What a sign-in came to: signed in (with the failed attempts since the last sign-in), refused, or the address must wait.</summary>
public abstract record SignInOutcome
{
    /// <summary>Signed in; <paramref name="FailedAttempts"/> attempts on the account failed since its last sign-in.</summary>
    public sealed record SignedIn(ClaimsPrincipal Principal, int FailedAttempts) : SignInOutcome;

    /// <summary>
    /// Refused, and nothing said why: an unknown name, a wrong password, an account locked by an administrator and one
    /// waiting after failed attempts all look the same, so that nobody learns which names exist or which are locked.
    /// </summary>
    public sealed record Refused : SignInOutcome;

    /// <summary>Too many failures from this address: it waits, whatever account it tries (this says nothing about any account).</summary>
    public sealed record AddressWaits(TimeSpan Wait) : SignInOutcome
    {
        public int Seconds => (int)Math.Ceiling(Wait.TotalSeconds);
    }
}

/// <summary>
/// Sign-in and sign-out for the API and the login page alike.
/// <para>Failed attempts are counted per account (in the database, so every node sees them: Identity's
/// <c>AccessFailedCount</c>, from the last successful sign-in) and per client address (<see cref="SignInThrottle"/>). From
/// the <c>Lockout.MaxFailedAccessAttempts</c>th failure (5) the account waits before its password is looked at again:
/// 30 seconds, doubled with every failed attempt since, at most <c>Lockout.DefaultLockoutTimeSpan</c> (15 minutes) — a
/// wait never lasts for good, so nobody can lock someone else out for good; only an administrator locks until unlocked.
/// Attempts while the account waits are refused without looking at the password and count as failed. The owner is told
/// at the next successful sign-in how many attempts failed since the last one.</para>
/// <para>Every refusal costs one password hash, whether or not the name exists, so that the time of an answer does not
/// tell names apart either.</para>
/// </summary>
public sealed class SignIns(
    UserManager<CasesUser> users, SignInManager<CasesUser> signIn, CasesDb db, SessionStamps sessions, SignInThrottle throttle,
    IHttpContextAccessor http, TimeProvider clock)
{
    /// <summary>The claim of the sign-in cookie that holds how many attempts failed before this sign-in.</summary>
    public const string FailedAttemptsClaim = "failed_sign_ins";

    /// <summary>The first wait of an account, doubled with every further failed attempt.</summary>
    public static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(30);

    private HttpContext Context => http.HttpContext ?? throw new InvalidOperationException("Sign-in happens in a request.");

    private static readonly Lazy<string> NoSuchPassword = new(() => new PasswordHasher<CasesUser>().HashPassword(new CasesUser(), Guid.NewGuid().ToString()));

    public async Task<SignInOutcome> SignInAsync(string userName, string password, CancellationToken ct)
    {
        var address = Context.Connection.RemoteIpAddress;
        if (throttle.WaitFor(address) is { } wait)
        {
            return new SignInOutcome.AddressWaits(wait);
        }

        var now = clock.GetUtcNow();
        var user = await users.FindByNameAsync(userName);
        if (user is null || user.LockoutEnd > now)
        {
            // Nothing to check against, or not now: the same work as a wrong password, and the same answer.
            _ = users.PasswordHasher.VerifyHashedPassword(user ?? new CasesUser(), NoSuchPassword.Value, password);
            if (user is not null)
            {
                await CountFailureAsync(user, wait: false, now, ct);
            }

            throttle.Failed(address);
            return new SignInOutcome.Refused();
        }

        if (!await users.CheckPasswordAsync(user, password))
        {
            await CountFailureAsync(user, wait: true, now, ct);
            throttle.Failed(address);
            return new SignInOutcome.Refused();
        }

        var failed = user.AccessFailedCount;
        if (failed > 0)
        {
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0), ct);
        }

        // As SignInManager signs in with a password ("amr": pwd), with the count for the owner in the cookie.
        var principal = await signIn.CreateUserPrincipalAsync(user);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim("amr", "pwd"));
        identity.AddClaim(new Claim(FailedAttemptsClaim, failed.ToString(CultureInfo.InvariantCulture)));
        await Context.SignInAsync(IdentityConstants.ApplicationScheme, principal, new AuthenticationProperties { IsPersistent = false });
        return new SignInOutcome.SignedIn(principal, failed);
    }

    /// <summary>
    /// Signs out and ends every session of the user on every node: the security stamp changes, so every cookie the user
    /// holds — this one, one copied from it, another browser's — is refused from now on.
    /// </summary>
    public async Task SignOutAsync(ClaimsPrincipal principal)
    {
        if (await users.GetUserAsync(principal) is { } user)
        {
            var changed = await users.UpdateSecurityStampAsync(user);
            if (!changed.Succeeded)
            {
                // Changed by an administrator at the same moment: read it again and end the sessions all the same.
                db.ChangeTracker.Clear();
                if (await users.FindByIdAsync(user.Id) is { } again)
                {
                    _ = await users.UpdateSecurityStampAsync(again);
                }
            }

            sessions.Forget(user.Id);
        }

        await signIn.SignOutAsync();
    }

    /// <summary>How many attempts failed before this session's sign-in (0 for a cookie from before the count was kept).</summary>
    public static int FailedAttemptsOf(ClaimsPrincipal principal) =>
        int.TryParse(principal.FindFirstValue(FailedAttemptsClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    /// <summary>
    /// One more failed attempt on the account, counted in the database in one statement, so that attempts sent side by
    /// side are all counted; a checked one from the fifth on makes the account wait (never shortening a longer wait or an
    /// administrator's lock).
    /// </summary>
    private async Task CountFailureAsync(CasesUser user, bool wait, DateTimeOffset now, CancellationToken ct)
    {
        var id = user.Id;
        await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1), ct);
        var failures = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.AccessFailedCount).SingleAsync(ct);
        var lockout = users.Options.Lockout;
        if (!wait || failures < lockout.MaxFailedAccessAttempts)
        {
            return;
        }

        var doublings = failures - lockout.MaxFailedAccessAttempts;
        var longest = lockout.DefaultLockoutTimeSpan;
        var delay = doublings >= 20 ? longest : TimeSpan.FromTicks(Math.Min(longest.Ticks, FirstWait.Ticks << doublings));
        var until = now + delay;
        await db.Users.Where(u => u.Id == id && (u.LockoutEnd == null || u.LockoutEnd < until))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, until), ct);
    }
}
