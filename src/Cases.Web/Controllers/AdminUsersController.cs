using Cases.Web.Forms;
using Cases.Application.Identity;
using Cases.Domain.Staff;

namespace Cases.Web.Controllers;

/// <summary>The values typed into a user form, shown again with the problems found.</summary>
public sealed record UserForm(string? UserName, string? DisplayName, IReadOnlyList<string> Roles, string? City)
{
    public static readonly UserForm Empty = new(null, null, [], null);
}

public sealed class UsersPage
{
    public required IReadOnlyList<UserSummary> Users { get; init; }

    public UserForm Form { get; init; } = UserForm.Empty;

    public IReadOnlyList<(string Field, string Message)> Errors { get; init; } = [];
}

public sealed class UserPage
{
    public required UserSummary User { get; init; }

    public UserForm? Form { get; init; }

    public IReadOnlyList<(string Field, string Message)> Errors { get; init; } = [];
}

/// <summary>A password the product made up, shown this once (never stored in clear, never shown again).</summary>
public sealed record PasswordShown(string UserName, string Password, bool Created);

/// <summary>
/// Users, roles and cities for administrators (a user's roles and city decide what they see: 规程 第一百四十条), through ASP.NET Core Identity's UserManager: the list,
/// a new user with an initial password made up by the password rules (shown once) or set by the administrator, roles
/// and city, lock and unlock, password reset. The last administrator who can sign in keeps the role and stays unlocked.
/// Every change is logged (who, when, whom, what) under the log category Cases.UserAdministration.
/// </summary>
[Route("admin/users"), Authorize(Policy = Policies.Admin)]
public sealed class AdminUsersController(IMediator mediator, IStringLocalizer<SharedResource> L) : Controller
{
    /// <summary>What a refused change is told with: the form as typed, the user it was about.</summary>
    private UserForm _form = UserForm.Empty;
    private string _userName = "";
    private bool _locking;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View("Index", new UsersPage { Users = await mediator.Send(new ListUsers(User.ToActor()), ct) });

    [HttpPost(""), RefusalShown(Page = nameof(CreationRefused), Status = StatusCodes.Status200OK)]
    public async Task<IActionResult> Create(string? userName, string? displayName, string[] roles, string? city, string? password, CancellationToken ct)
    {
        _form = new UserForm(userName, displayName, roles, city);
        var created = await mediator.Send(new CreateUser(userName, displayName, roles, city, password, User.ToActor()), ct);
        if (created.InitialPassword is { } shown)
        {
            return View("Password", new PasswordShown(created.User.UserName, shown, Created: true));
        }

        TempData[PageMessages.Notice] = L["已创建用户 {0}，初始密码为您设定的密码。", created.User.UserName].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{userName}")]
    public async Task<IActionResult> Edit(string userName, CancellationToken ct) =>
        await FindAsync(userName, ct) is { } user ? View("Edit", new UserPage { User = user }) : NotFound();

    [HttpPost("{userName}"), RefusalShown(Page = nameof(UpdateRefused))]
    public async Task<IActionResult> Update(string userName, string? displayName, string[] roles, string? city, CancellationToken ct)
    {
        (_userName, _form) = (userName, new UserForm(userName, displayName, roles, city));
        var updated = await mediator.Send(new UpdateUser(Api.AdminApi.Name(userName), displayName, roles, city, User.ToActor()), ct);
        TempData[PageMessages.Notice] = L["已保存用户 {0}：角色 {1}，{2}。", updated.UserName, string.Join("、", updated.Roles), updated.City ?? L["省级"]].Value;
        return RedirectToAction(nameof(Index));
    }

    /// <summary>
    /// Locks a user out, in two steps: the edit page's button shows what locking does (named by display name, their
    /// claimed tasks staying with them until a supervisor reassigns them), and only the confirmation's form
    /// (<paramref name="confirmed"/>) locks.
    /// </summary>
    [HttpPost("{userName}/lock"), RefusalShown(Page = nameof(LockoutRefused))]
    public async Task<IActionResult> Lock(string userName, bool confirmed, CancellationToken ct)
    {
        if (!confirmed && await FindAsync(userName, ct) is { LockedOut: false } user)
        {
            return View("LockConfirm", user);
        }

        return await LockoutAsync(userName, true, ct);
    }

    [HttpPost("{userName}/unlock"), RefusalShown(Page = nameof(LockoutRefused))]
    public Task<IActionResult> Unlock(string userName, CancellationToken ct) => LockoutAsync(userName, false, ct);

    [HttpPost("{userName}/password"), RefusalShown(Page = nameof(ResetRefused))]
    public async Task<IActionResult> ResetPassword(string userName, string? password, CancellationToken ct)
    {
        var reset = await mediator.Send(new ResetUserPassword(Api.AdminApi.Name(userName), password, User.ToActor()), ct);
        if (reset.NewPassword is { } shown)
        {
            return View("Password", new PasswordShown(reset.UserName, shown, Created: false));
        }

        TempData[PageMessages.Notice] = L["已重设用户 {0} 的密码。", reset.UserName].Value;
        return RedirectToAction(nameof(Index));
    }

    private async Task<IActionResult> LockoutAsync(string userName, bool locked, CancellationToken ct)
    {
        _locking = locked;
        var user = await mediator.Send(new SetUserLockout(Api.AdminApi.Name(userName), locked, User.ToActor()), ct);
        TempData[PageMessages.Notice] = (locked ? L["已锁定用户「{0}」（{1}）：其无法登录，直到解锁。", user.DisplayName, user.UserName] : L["已解锁用户「{0}」（{1}）。", user.DisplayName, user.UserName]).Value;
        return RedirectToAction(nameof(Index));
    }

    private async Task<IActionResult> CreationRefused(PageRefusal refusal, CancellationToken ct) =>
        View("Index", new UsersPage { Users = await mediator.Send(new ListUsers(User.ToActor()), ct), Form = _form, Errors = [Said(refusal)] });

    private Task<IActionResult> UpdateRefused(PageRefusal refusal, CancellationToken ct) =>
        Back(L["未保存用户 {0}：{1}", Shorten(_userName), Said(refusal).Message]);

    private Task<IActionResult> LockoutRefused(PageRefusal refusal, CancellationToken ct) =>
        Back(_locking ? L["未锁定：{0}", refusal.Message] : L["未解锁：{0}", refusal.Message]);

    private Task<IActionResult> ResetRefused(PageRefusal refusal, CancellationToken ct) => Back(L["未重设密码：{0}", refusal.Message]);

    private Task<IActionResult> Back(LocalizedString problem)
    {
        TempData[PageMessages.Problem] = problem.Value;
        return Task.FromResult<IActionResult>(RedirectToAction(nameof(Index)));
    }

    private async Task<UserSummary?> FindAsync(string userName, CancellationToken ct) =>
        (await mediator.Send(new ListUsers(User.ToActor()), ct)).FirstOrDefault(u => string.Equals(u.UserName, userName, StringComparison.Ordinal));

    /// <summary>A refusal of the user form; roles that one person may not hold together are named in the page's language.</summary>
    private (string Field, string Message) Said(PageRefusal refusal) =>
        refusal is { Kind: Refusals.Invalid, Field: "roles" } && RoleCombinations.ConflictOf(_form.Roles) is { } conflict
            ? ("roles", L["「{0}」与「{1}」不能由同一人兼任：{2}", WorkflowText.Role(conflict.Role), WorkflowText.Role(conflict.With), conflict.Kind switch
            {
                RoleConflictKind.AuditorAlone => L["审计人员检查其他人员对个人信息的查看，不兼任其他角色（规程第一百一十九条）。"],
                _ => L["系统管理员授予角色，不办理案件（经办、复核、主管）（规程第一百一十九条）。"],
            }].Value)
            : (refusal.Field, refusal.Message);

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
