using Microsoft.AspNetCore.Identity;

namespace Cases.Application.Identity;

/// <summary>
/// ASP.NET Core Identity's refusals (a password too short, a name taken, a token that no longer holds) in the reader's
/// language: the administrator who sets a password reads why it was refused in Chinese, or in English with the switch.
/// The description is said when Identity asks for it, in the request's culture; the code stays Identity's own, so
/// whoever maps it to a field (<see cref="UserAdministrationHandlers"/>) goes on reading it.
/// </summary>
public sealed class CasesIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Said(base.DefaultError(), "发生未知错误，请稍后重试。", "An unknown failure has occurred; try again later.");

    public override IdentityError ConcurrencyFailure() =>
        Said(base.ConcurrencyFailure(), "其他人同时修改了这位用户，您的操作未被执行；请刷新后重试。", "Someone else changed this user at the same time; reload and try again.");

    public override IdentityError PasswordMismatch() => Said(base.PasswordMismatch(), "密码不正确。", "Incorrect password.");

    public override IdentityError InvalidToken() => Said(base.InvalidToken(), "凭证已失效，请重新操作。", "The token is no longer valid; start again.");

    public override IdentityError RecoveryCodeRedemptionFailed() => Said(base.RecoveryCodeRedemptionFailed(), "恢复码无效。", "The recovery code is not valid.");

    public override IdentityError LoginAlreadyAssociated() => Said(base.LoginAlreadyAssociated(), "已有用户绑定了这个外部登录。", "A user with this login already exists.");

    public override IdentityError InvalidUserName(string? userName) =>
        Said(base.InvalidUserName(userName), $"用户名「{userName}」无效：只能包含字母、数字及 - . _ @ +。", $"User name '{userName}' is invalid: it may hold only letters, digits and - . _ @ +.");

    public override IdentityError InvalidEmail(string? email) => Said(base.InvalidEmail(email), $"电子邮箱「{email}」无效。", $"Email '{email}' is invalid.");

    public override IdentityError DuplicateUserName(string userName) =>
        Said(base.DuplicateUserName(userName), $"用户名「{userName}」已被使用，请换一个用户名。", $"There is already a user {userName}.");

    public override IdentityError DuplicateEmail(string email) => Said(base.DuplicateEmail(email), $"电子邮箱「{email}」已被使用。", $"Email '{email}' is already taken.");

    public override IdentityError InvalidRoleName(string? role) => Said(base.InvalidRoleName(role), $"角色名「{role}」无效。", $"Role name '{role}' is invalid.");

    public override IdentityError DuplicateRoleName(string role) => Said(base.DuplicateRoleName(role), $"角色名「{role}」已存在。", $"Role name '{role}' is already taken.");

    public override IdentityError UserAlreadyHasPassword() => Said(base.UserAlreadyHasPassword(), "该用户已设置密码。", "The user already has a password set.");

    public override IdentityError UserLockoutNotEnabled() => Said(base.UserLockoutNotEnabled(), "该用户未启用锁定。", "Lockout is not enabled for this user.");

    public override IdentityError UserAlreadyInRole(string role) => Said(base.UserAlreadyInRole(role), $"该用户已有角色「{role}」。", $"The user already has the role '{role}'.");

    public override IdentityError UserNotInRole(string role) => Said(base.UserNotInRole(role), $"该用户没有角色「{role}」。", $"The user does not have the role '{role}'.");

    public override IdentityError PasswordTooShort(int length) =>
        Said(base.PasswordTooShort(length), $"密码至少需要 {length} 个字符。", $"The password must be at least {length} characters.");

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Said(base.PasswordRequiresUniqueChars(uniqueChars), $"密码至少需要包含 {uniqueChars} 个不同的字符。", $"The password must use at least {uniqueChars} different characters.");

    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        Said(base.PasswordRequiresNonAlphanumeric(), "密码须至少包含一个符号（字母和数字以外的字符，如 # 或 @）。", "The password must have at least one symbol (a character other than a letter or digit, such as # or @).");

    public override IdentityError PasswordRequiresDigit() => Said(base.PasswordRequiresDigit(), "密码须至少包含一个数字（0-9）。", "The password must have at least one digit (0-9).");

    public override IdentityError PasswordRequiresLower() => Said(base.PasswordRequiresLower(), "密码须至少包含一个小写字母（a-z）。", "The password must have at least one lowercase letter (a-z).");

    public override IdentityError PasswordRequiresUpper() => Said(base.PasswordRequiresUpper(), "密码须至少包含一个大写字母（A-Z）。", "The password must have at least one uppercase letter (A-Z).");

    // Identity's code, the description in the current UI culture's language.
    private static IdentityError Said(IdentityError error, string zh, string en) =>
        new() { Code = error.Code, Description = new LocalizedText(zh, en).Current };
}
