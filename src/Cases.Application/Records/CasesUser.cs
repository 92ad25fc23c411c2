using Microsoft.AspNetCore.Identity;

namespace Cases.Application.Records;

/// <summary>An agency user. Every user belongs to a city agency except provincial ones (规程 第一百四十条: access by duty).</summary>
public sealed class CasesUser : IdentityUser
{
    /// <summary>City code such as "370100"; null for provincial staff, who see every city.</summary>
    public string? CityCode { get; set; }

    public string DisplayName { get; set; } = "";
}
