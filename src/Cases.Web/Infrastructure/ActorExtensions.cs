using System.Security.Claims;
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
}
