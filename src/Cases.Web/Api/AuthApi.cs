using System.Security.Claims;
using Cases.Domain;
using Cases.Web.Infrastructure;
using Cases.Workflows.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Cases.Web.Api;

public static class AuthApi
{
    public sealed record LoginRequest(string? UserName, string? Password);

    public sealed record SignedInUser(string UserName, string? DisplayName, string? City, IReadOnlyList<string> Roles);

    public static void MapAuthApi(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Auth");
        auth.MapPost("/login", Login).AllowAnonymous().RequireRateLimiting(RequestLimits.LoginPolicy);
        auth.MapPost("/logout", async (SignInManager<CasesUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.NoContent();
        });
        auth.MapGet("/me", (ClaimsPrincipal user) => TypedResults.Ok(Describe(user)));
    }

    /// <summary>Signs in an API client: sets the same auth cookie the pages use. Failed attempts count towards lockout.</summary>
    private static async Task<Results<Ok<SignedInUser>, ProblemHttpResult>> Login([FromBody] LoginRequest request, SignInManager<CasesUser> signIn)
    {
        // The login page's limits: nothing longer or stranger reaches the password hasher or counts towards lockout.
        var userName = TextInput.Required(request.UserName, "userName", "userName", 100);
        if (string.IsNullOrEmpty(request.Password))
        {
            throw new DomainValidationException("password", "password is required.");
        }

        if (request.Password.Length > 200 || TextInput.ControlCharacter(request.Password) is not null)
        {
            throw new DomainValidationException("password", "password must be at most 200 characters without control characters.");
        }

        var result = await signIn.PasswordSignInAsync(userName, request.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status423Locked, title: "Account locked", detail: "Too many failed sign-ins; the account is locked for a while.");
        }

        if (!result.Succeeded)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: "The user name or password is wrong.");
        }

        var principal = await signIn.CreateUserPrincipalAsync((await signIn.UserManager.FindByNameAsync(userName))!);
        return TypedResults.Ok(Describe(principal));
    }

    internal static SignedInUser Describe(ClaimsPrincipal user) => new(
        user.Identity?.Name ?? "",
        user.FindFirstValue("display_name"),
        user.FindFirstValue(CasesClaims.City),
        user.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal).ToList());
}
