using Cases.Workflows.Tasks;
using Microsoft.AspNetCore.Identity;

namespace Cases.Application.Identity;

/// <summary>The runtime's view of the product's users: ASP.NET Core Identity's users with their city and roles.</summary>
public sealed class StaffDirectory(UserManager<CasesUser> users) : IStaffDirectory
{
    public async Task<Actor?> FindAsync(string userName, CancellationToken ct)
    {
        var user = await users.FindByNameAsync(userName);
        return user is null ? null : new Actor(user.UserName!, user.CityCode, (await users.GetRolesAsync(user)).ToHashSet(StringComparer.Ordinal));
    }

    public async Task<bool> IsLockedOutAsync(string userName, CancellationToken ct) =>
        await users.FindByNameAsync(userName) is { } user && await users.IsLockedOutAsync(user);
}
