using Cases.Application.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cases.Web.Api;

public static class AuthApi
{
    public sealed record LoginRequest(string? UserName, string? Password);

    /// <summary>
    /// The signed-in user; <paramref name="FailedAttemptsSinceLastSignIn"/> is how many sign-in attempts on the account
    /// failed between the previous successful sign-in and this one (told once more by <c>GET /api/auth/me</c>).
    /// </summary>
    public sealed record SignedInUser(string UserName, string? DisplayName, string? City, IReadOnlyList<string> Roles, int FailedAttemptsSinceLastSignIn);

    public static void MapAuthApi(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Auth");
        auth.MapPost("/login", Login).AllowAnonymous().RequireRateLimiting(RequestLimits.LoginPolicy);
        // Ends every session of the user, on every node (docs/adr/0009).
        auth.MapPost("/logout", async (ClaimsPrincipal user, SignIns signIns) =>
        {
            await signIns.SignOutAsync(user);
            return TypedResults.NoContent();
        });
        auth.MapGet("/me", (ClaimsPrincipal user) => TypedResults.Ok(Describe(user)));
    }

    /// <summary>
    /// Signs in an API client: sets the same auth cookie the pages use. Every refusal is the same 401 (unknown name, wrong
    /// password, locked or waiting account); an address with too many failures waits (429 with Retry-After).
    /// </summary>
    private static async Task<Results<Ok<SignedInUser>, ProblemHttpResult>> Login([FromBody] LoginRequest request, SignIns signIns, HttpContext http, CancellationToken ct)
    {
        // The login page's limits: nothing longer or stranger reaches the password hasher or counts as an attempt.
        var userName = TextInput.Required(request.UserName, "userName", "userName", 100);
        if (string.IsNullOrEmpty(request.Password))
        {
            throw new DomainValidationException("password", new LocalizedText("请输入密码。", "password is required."));
        }

        if (request.Password.Length > 200 || TextInput.ControlCharacter(request.Password) is not null)
        {
            throw new DomainValidationException("password", new LocalizedText("密码最多 200 个字符，且不能含控制字符。", "password must be at most 200 characters without control characters."));
        }

        switch (await signIns.SignInAsync(userName, request.Password, ct))
        {
            case SignInOutcome.SignedIn signedIn:
                return TypedResults.Ok(Describe(signedIn.Principal));
            case SignInOutcome.AddressWaits waits:
                http.Response.Headers.RetryAfter = waits.Seconds.ToString(CultureInfo.InvariantCulture);
                return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: new LocalizedText("登录失败次数过多", "Too many failed sign-ins").Current,
                    detail: new LocalizedText(
                        $"本地址登录失败次数过多，请 {waits.Seconds} 秒后再试。",
                        $"Too many failed sign-ins from this address; try again in {waits.Seconds} seconds.").Current);
            default:
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: new LocalizedText("登录失败", "Sign-in failed").Current,
                    detail: new LocalizedText("用户名或密码错误，或该账号目前无法登录。", "The user name or password is wrong, or the account cannot sign in now.").Current);
        }
    }

    internal static SignedInUser Describe(ClaimsPrincipal user) => new(
        user.Identity?.Name ?? "",
        user.FindFirstValue("display_name"),
        user.FindFirstValue(CasesClaims.City),
        user.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal).ToList(),
        SignIns.FailedAttemptsOf(user));
}
