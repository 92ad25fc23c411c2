using Cases.Web.Texts;
using Cases.Web.Forms;
using Cases.Application.Identity;
using Cases.Domain.Staff;
using Cases.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

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
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View("Index", new UsersPage { Users = await mediator.Send(new ListUsers(User.ToActor()), ct) });

    [HttpPost("")]
    public async Task<IActionResult> Create(string? userName, string? displayName, string[] roles, string? city, string? password, CancellationToken ct)
    {
        var form = new UserForm(userName, displayName, roles, city);
        try
        {
            var created = await mediator.Send(new CreateUser(userName, displayName, roles, city, password, User.ToActor()), ct);
            if (created.InitialPassword is { } shown)
            {
                return View("Password", new PasswordShown(created.User.UserName, shown, Created: true));
            }

            TempData[PageMessages.Notice] = L["已创建用户 {0}，初始密码为您设定的密码。", created.User.UserName].Value;
            return RedirectToAction(nameof(Index));
        }
        catch (Exception e) when (Refusal(e, roles) is { } problem)
        {
            return View("Index", new UsersPage { Users = await mediator.Send(new ListUsers(User.ToActor()), ct), Form = form, Errors = [problem] });
        }
    }

    [HttpGet("{userName}")]
    public async Task<IActionResult> Edit(string userName, CancellationToken ct) =>
        await FindAsync(userName, ct) is { } user ? View("Edit", new UserPage { User = user }) : NotFound();

    [HttpPost("{userName}")]
    public async Task<IActionResult> Update(string userName, string? displayName, string[] roles, string? city, CancellationToken ct)
    {
        try
        {
            var updated = await mediator.Send(new UpdateUser(Api.AdminApi.Name(userName), displayName, roles, city, User.ToActor()), ct);
            TempData[PageMessages.Notice] = L["已保存用户 {0}：角色 {1}，{2}。", updated.UserName, string.Join("、", updated.Roles), updated.City ?? L["省级"]].Value;
        }
        catch (Exception e) when (Refusal(e, roles) is { } problem)
        {
            TempData[PageMessages.Problem] = L["未保存用户 {0}：{1}", Shorten(userName), problem.Message].Value;
        }

        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{userName}/lock")]
    public Task<IActionResult> Lock(string userName, CancellationToken ct) => LockoutAsync(userName, true, ct);

    [HttpPost("{userName}/unlock")]
    public Task<IActionResult> Unlock(string userName, CancellationToken ct) => LockoutAsync(userName, false, ct);

    [HttpPost("{userName}/password")]
    public async Task<IActionResult> ResetPassword(string userName, string? password, CancellationToken ct)
    {
        try
        {
            var reset = await mediator.Send(new ResetUserPassword(Api.AdminApi.Name(userName), password, User.ToActor()), ct);
            if (reset.NewPassword is { } shown)
            {
                return View("Password", new PasswordShown(reset.UserName, shown, Created: false));
            }

            TempData[PageMessages.Notice] = L["已重设用户 {0} 的密码。", reset.UserName].Value;
        }
        catch (Exception e) when (Refusal(e) is { } problem)
        {
            TempData[PageMessages.Problem] = L["未重设密码：{0}", problem.Message].Value;
        }

        return RedirectToAction(nameof(Index));
    }

    private async Task<IActionResult> LockoutAsync(string userName, bool locked, CancellationToken ct)
    {
        try
        {
            var user = await mediator.Send(new SetUserLockout(Api.AdminApi.Name(userName), locked, User.ToActor()), ct);
            TempData[PageMessages.Notice] = (locked ? L["已锁定用户 {0}：其无法登录，直到解锁。", user.UserName] : L["已解锁用户 {0}。", user.UserName]).Value;
        }
        catch (Exception e) when (Refusal(e) is { } problem)
        {
            TempData[PageMessages.Problem] = (locked ? L["未锁定：{0}", problem.Message] : L["未解锁：{0}", problem.Message]).Value;
        }

        return RedirectToAction(nameof(Index));
    }

    private async Task<UserSummary?> FindAsync(string userName, CancellationToken ct) =>
        (await mediator.Send(new ListUsers(User.ToActor()), ct)).FirstOrDefault(u => string.Equals(u.UserName, userName, StringComparison.Ordinal));

    private static (string Field, string Message)? Refusal(Exception e) => AdminRefusal.Of(e);

    /// <summary>A refusal of the user form; roles that one person may not hold together are named in the page's language.</summary>
    private (string Field, string Message)? Refusal(Exception e, IReadOnlyList<string> roles) =>
        e is Cases.Domain.DomainValidationException { Field: "roles" } && RoleCombinations.ConflictOf(roles) is { } conflict
            ? ("roles", L["「{0}」与「{1}」不能由同一人兼任：{2}", WorkflowText.Role(conflict.Role), WorkflowText.Role(conflict.With), conflict.Kind switch
            {
                RoleConflictKind.AuditorAlone => L["审计人员检查其他人员对个人信息的查看，不兼任其他角色（规程第一百一十九条）。"],
                _ => L["系统管理员授予角色，不办理案件（经办、复核、主管）（规程第一百一十九条）。"],
            }].Value)
            : Refusal(e);

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
