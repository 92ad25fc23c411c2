using Cases.Application.Identity;
using Cases.Domain.Staff;

namespace Cases.Web.Infrastructure;

public static class ActorExtensions
{
    /// <summary>The signed-in user as the application layer sees them.</summary>
    public static Actor ToActor(this ClaimsPrincipal user) => new(
        user.Identity?.Name ?? throw new InvalidOperationException("No signed-in user."),
        user.FindFirstValue(CasesClaims.City),
        user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));

    /// <summary>
    /// Whether the user may do it, as the use cases ask (<see cref="Actor.May"/>): what a page links to or offers. Nobody
    /// signed in may do anything.
    /// </summary>
    public static bool May(this ClaimsPrincipal user, Permission permission) =>
        user.Identity?.IsAuthenticated == true && user.FindAll(ClaimTypes.Role).Any(c => Permissions.Holds(c.Value, permission));
}
