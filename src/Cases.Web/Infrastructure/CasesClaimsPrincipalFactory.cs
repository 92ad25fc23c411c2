using Cases.Application.Records;
using Cases.Application.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Cases.Web.Infrastructure;

/// <summary>Adds the user's city to the sign-in cookie so every request knows which city's cases it may see.</summary>
public sealed class CasesClaimsPrincipalFactory(UserManager<CasesUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<CasesUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(CasesUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (!string.IsNullOrEmpty(user.CityCode))
        {
            identity.AddClaim(new Claim(CasesClaims.City, user.CityCode));
        }

        if (!string.IsNullOrEmpty(user.DisplayName))
        {
            identity.AddClaim(new Claim("display_name", user.DisplayName));
        }

        return identity;
    }
}
