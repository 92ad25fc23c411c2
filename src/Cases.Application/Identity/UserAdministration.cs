using System.Security.Cryptography;
using Cases.Domain.Parties;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace Cases.Application.Identity;

/// <summary>A user as the administrator's list shows it: roles, city (null: provincial), and whether sign-in is locked.</summary>
public sealed record UserSummary(string UserName, string DisplayName, IReadOnlyList<string> Roles, string? City, bool LockedOut, DateTimeOffset? LockedUntil);

/// <summary>A created user, with the initial password when the product made it up (shown once, never stored in clear).</summary>
public sealed record CreatedUser(UserSummary User, string? InitialPassword);

/// <summary>A reset password: the new one when the product made it up (shown once).</summary>
public sealed record PasswordReset(string UserName, string? NewPassword);

/// <summary>Every user, by user name (administrators only).</summary>
public sealed record ListUsers(Actor By) : IQuery<IReadOnlyList<UserSummary>>;

/// <summary>
/// An administrator creates a user with roles and a city (规程 第一百四十条: staff see their city; no city is
/// provincial). Without a password the product makes one up by the Identity password rules and shows it once.
/// </summary>
public sealed record CreateUser(string? UserName, string? DisplayName, IReadOnlyList<string>? Roles, string? City, string? Password, Actor By) : ICommand<CreatedUser>;

/// <summary>An administrator sets a user's display name, roles and city. The last active administrator keeps the role.</summary>
public sealed record UpdateUser(string UserName, string? DisplayName, IReadOnlyList<string>? Roles, string? City, Actor By) : ICommand<UserSummary>;

/// <summary>An administrator locks a user out of sign-in (until unlocked), or lets them back in. The last active administrator stays unlocked.</summary>
public sealed record SetUserLockout(string UserName, bool Locked, Actor By) : ICommand<UserSummary>;

/// <summary>An administrator resets a user's password: to the one given, or to one the product makes up and shows once.</summary>
public sealed record ResetUserPassword(string UserName, string? Password, Actor By) : ICommand<PasswordReset>;

/// <summary>
/// The administrator's user management through ASP.NET Core Identity's <see cref="UserManager{TUser}"/>. Every change is
/// written to the structured log under <see cref="LogCategory"/> (who, when, whom, what) — 规程 第一百二十条: 留痕可溯.
/// A change of roles or city, a lock and a password reset change the user's security stamp, which ends every session
/// the user has (<see cref="SessionStamps"/>); this node forgets the old stamp once the change is committed.
/// </summary>
public sealed partial class UserAdministrationHandlers(UserManager<CasesUser> users, CasesDb db, SessionStamps sessions, TimeProvider clock, ILoggerFactory loggers) :
    IQueryHandler<ListUsers, IReadOnlyList<UserSummary>>,
    ICommandHandler<CreateUser, CreatedUser>,
    ICommandHandler<UpdateUser, UserSummary>,
    ICommandHandler<SetUserLockout, UserSummary>,
    ICommandHandler<ResetUserPassword, PasswordReset>
{
    public const string LogCategory = "Cases.UserAdministration";

    public const int ChangedEvent = 4201;

    /// <summary>What a province-wide user's city is called in forms and answers.</summary>
    public const string Province = "province";

    private readonly ILogger _log = loggers.CreateLogger(LogCategory);

    public async ValueTask<IReadOnlyList<UserSummary>> Handle(ListUsers query, CancellationToken cancellationToken)
    {
        RequireAdmin(query.By);
        var all = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        var roles = await RolesByUserAsync(cancellationToken);
        return all.Select(u => Summary(u, roles.GetValueOrDefault(u.Id, []))).ToList();
    }

    public async ValueTask<CreatedUser> Handle(CreateUser command, CancellationToken cancellationToken)
    {
        RequireAdmin(command.By);
        var userName = TextInput.Required(command.UserName, "userName", "userName", 100);
        var displayName = TextInput.Required(command.DisplayName, "displayName", "displayName", 100);
        var roles = CheckRoles(command.Roles);
        var city = CheckCity(command.City);
        var password = PasswordOrNull(command.Password);
        if (await users.FindByNameAsync(userName) is not null)
        {
            throw new ConflictException(new LocalizedText($"用户名「{userName}」已被使用，请换一个用户名。", $"There is already a user {userName}."));
        }

        var generated = password is null ? MakePassword() : null;
        var user = new CasesUser { UserName = userName, DisplayName = displayName, CityCode = city, LockoutEnabled = true };
        // One transaction: a user is never left without the roles the administrator gave.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            Check(await users.CreateAsync(user, password ?? generated!));
            Check(await users.AddToRolesAsync(user, roles));
            await transaction.CommitAsync(cancellationToken);
        }

        Changed(_log, command.By.UserName, userName, "created", $"roles={string.Join(',', roles)} city={city ?? Province} password={(generated is null ? "set by administrator" : "generated")}", clock.GetUtcNow());
        return new CreatedUser(Summary(user, roles), generated);
    }

    public async ValueTask<UserSummary> Handle(UpdateUser command, CancellationToken cancellationToken)
    {
        RequireAdmin(command.By);
        var displayName = TextInput.Required(command.DisplayName, "displayName", "displayName", 100);
        var roles = CheckRoles(command.Roles);
        var city = CheckCity(command.City);
        var user = await FindAsync(command.UserName);
        var held = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
        if (held.Contains(Roles.Admin) && !roles.Contains(Roles.Admin))
        {
            await RefuseLastAdminAsync(user, new LocalizedText("取消其管理员角色", "lose the administrator role"));
        }

        var before = $"displayName={user.DisplayName} roles={string.Join(',', held)} city={user.CityCode ?? Province}";
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            user.DisplayName = displayName;
            user.CityCode = city;
            Check(await users.UpdateAsync(user));
            Check(await users.RemoveFromRolesAsync(user, held.Except(roles)));
            Check(await users.AddToRolesAsync(user, roles.Except(held)));
            // The user's sign-in carries roles and city as claims: a new stamp ends the sessions that carry the old ones.
            Check(await users.UpdateSecurityStampAsync(user));
            await transaction.CommitAsync(cancellationToken);
        }

        sessions.Forget(user.Id);

        Changed(_log, command.By.UserName, user.UserName!, "updated", $"{before} → displayName={displayName} roles={string.Join(',', roles)} city={city ?? Province}", clock.GetUtcNow());
        return Summary(user, roles);
    }

    public async ValueTask<UserSummary> Handle(SetUserLockout command, CancellationToken cancellationToken)
    {
        RequireAdmin(command.By);
        var user = await FindAsync(command.UserName);
        var roles = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
        if (command.Locked)
        {
            if (string.Equals(user.UserName, command.By.UserName, StringComparison.Ordinal))
            {
                throw new DomainRuleException(new LocalizedText("不能锁定您自己的账号；如有需要，请由另一位管理员操作。", "You cannot lock yourself out; another administrator can."));
            }

            if (roles.Contains(Roles.Admin))
            {
                await RefuseLastAdminAsync(user, new LocalizedText("被锁定", "be locked out"));
            }

            user.LockoutEnabled = true;
            user.LockoutEnd = DateTimeOffset.MaxValue;
        }
        else
        {
            // The wait after failed sign-ins ends too; the count of failed attempts stays, for the owner to be told
            // at their next sign-in.
            user.LockoutEnd = null;
        }

        Check(await users.UpdateAsync(user));
        // A locked user's open sessions end with their next request.
        Check(await users.UpdateSecurityStampAsync(user));
        sessions.Forget(user.Id);
        Changed(_log, command.By.UserName, user.UserName!, command.Locked ? "locked" : "unlocked", "", clock.GetUtcNow());
        return Summary(user, roles);
    }

    public async ValueTask<PasswordReset> Handle(ResetUserPassword command, CancellationToken cancellationToken)
    {
        RequireAdmin(command.By);
        var password = PasswordOrNull(command.Password);
        var user = await FindAsync(command.UserName);
        var generated = password is null ? MakePassword() : null;
        var token = await users.GeneratePasswordResetTokenAsync(user);
        // Identity changes the security stamp with the password: whoever held the old one is signed out.
        Check(await users.ResetPasswordAsync(user, token, password ?? generated!));
        sessions.Forget(user.Id);
        Changed(_log, command.By.UserName, user.UserName!, "password reset", generated is null ? "set by administrator" : "generated", clock.GetUtcNow());
        return new PasswordReset(user.UserName!, generated);
    }

    private static void RequireAdmin(Actor by)
    {
        if (!by.May(Permission.Administer))
        {
            throw new ForbiddenException(new LocalizedText("只有管理员可以管理用户。", "Only administrators manage users."));
        }
    }

    private async Task<CasesUser> FindAsync(string userName) =>
        await users.FindByNameAsync(userName) ?? throw NoUser(TextInput.Optional(userName, "userName", "userName", 100) ?? "");

    private static NotFoundException NoUser(string name) => new(new LocalizedText($"没有用户「{name}」。", $"There is no user {name}."));

    /// <summary>Refuses a change that would leave no administrator who can sign in (nobody could manage users again).</summary>
    private async Task RefuseLastAdminAsync(CasesUser user, LocalizedText what)
    {
        var now = clock.GetUtcNow();
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        if (!admins.Any(a => a.Id != user.Id && (a.LockoutEnd is null || a.LockoutEnd <= now)))
        {
            throw new DomainRuleException(new LocalizedText(
                $"{user.UserName} 是唯一一位能登录的管理员，不能{what.Zh}；请先将另一位用户设为管理员。",
                $"{user.UserName} is the last administrator who can sign in and cannot {what.En}; make another user administrator first."));
        }
    }

    private async Task<Dictionary<string, List<string>>> RolesByUserAsync(CancellationToken ct) =>
        (await db.UserRoles.AsNoTracking().Join(db.Roles.AsNoTracking(), ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct))
            .GroupBy(x => x.UserId).ToDictionary(g => g.Key, g => g.Select(x => x.Name!).Order(StringComparer.Ordinal).ToList());

    private UserSummary Summary(CasesUser user, IReadOnlyList<string> roles)
    {
        var locked = user.LockoutEnd is { } end && end > clock.GetUtcNow();
        return new UserSummary(user.UserName!, user.DisplayName, roles, user.CityCode, locked, locked ? user.LockoutEnd : null);
    }

    private static List<string> CheckRoles(IReadOnlyList<string>? roles)
    {
        if (roles is null || roles.Count == 0)
        {
            throw new DomainValidationException("roles", new LocalizedText($"请至少选择一个角色：{string.Join("、", Roles.All)}。", $"Give at least one role: {string.Join(", ", Roles.All)}."));
        }

        if (roles.FirstOrDefault(r => !Roles.All.Contains(r)) is { } unknown)
        {
            throw new DomainValidationException("roles", new LocalizedText(
                $"「{Shorten(unknown)}」不是一个角色；可选的角色有：{string.Join("、", Roles.All)}。",
                $"'{Shorten(unknown)}' is not a role; the roles are {string.Join(", ", Roles.All)}."));
        }

        if (RoleCombinations.ConflictOf(roles) is { } conflict)
        {
            throw new DomainValidationException("roles", conflict.Message);
        }

        return roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    // "province" (or nothing) for provincial staff, else one of the 16 cities' codes.
    private static string? CheckCity(string? city) =>
        string.IsNullOrWhiteSpace(city) || string.Equals(city.Trim(), Province, StringComparison.Ordinal) ? null : City.Parse(city).Code;

    private static string? PasswordOrNull(string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return null;
        }

        // The sign-in form's own limits: nothing longer or stranger could ever be typed to sign in.
        if (password.Length > 200 || TextInput.ControlCharacter(password) is not null)
        {
            throw new DomainValidationException("password", new LocalizedText("密码最多 200 个字符，且不能含控制字符。", "password must be at most 200 characters without control characters."));
        }

        return password;
    }

    /// <summary>A password that meets the configured Identity rules: 16 characters or the required length, every class asked for.</summary>
    private string MakePassword()
    {
        const string lower = "abcdefghijkmnpqrstuvwxyz";
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string digits = "23456789";
        const string symbols = "#$%&*+-=?@";
        var rules = users.Options.Password;
        var length = Math.Max(16, Math.Max(rules.RequiredLength, rules.RequiredUniqueChars));
        var chars = new List<char> { Pick(lower), Pick(upper), Pick(digits), Pick(symbols) };
        const string all = lower + upper + digits + symbols;
        while (chars.Count < length)
        {
            chars.Add(Pick(all));
        }

        RandomNumberGenerator.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(chars));
        return new string([.. chars]);

        static char Pick(string from) => from[RandomNumberGenerator.GetInt32(from.Length)];
    }

    private static void Check(IdentityResult result)
    {
        if (result.Succeeded)
        {
            return;
        }

        var error = result.Errors.First();
        var field = error.Code switch
        {
            _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => "password",
            "DuplicateUserName" => throw new ConflictException(error.Description),
            "InvalidUserName" => "userName",
            _ when error.Code.Contains("Role", StringComparison.Ordinal) => "roles",
            "ConcurrencyFailure" => throw new ConflictException(new LocalizedText("其他人同时修改了这位用户，您的操作未被执行；请刷新后重试。", "Someone else changed this user at the same time; reload and try again.")),
            _ => throw new DomainRuleException(error.Description),
        };
        throw new DomainValidationException(field, string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    [LoggerMessage(EventId = ChangedEvent, EventName = "UserChanged", Level = LogLevel.Information,
        Message = "User {Target} {Change} by {Admin} at {At:O}: {Details}")]
    private static partial void Changed(ILogger log, string admin, string target, string change, string details, DateTimeOffset at);
}
