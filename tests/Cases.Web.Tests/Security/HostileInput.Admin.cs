using static Cases.Domain.Staff.Roles;

namespace Cases.Web.Tests.Security;

public static partial class HostileInput
{
    /// <summary>The valid requests of the administrator's calendar, parameters and users pages' API endpoints.</summary>
    private static Dictionary<RouteKey, Func<SecurityApp, Task<Sample>>> AdminSamples => new()
    {
        [new("POST", "/api/calendar/days/{date}/preview")] = _ => Fixed(new("admin", D(("date", "2026-12-26")), None, Json(new { kind = "holiday", name = "测试假日", reason = "恶意输入测试" }))
        {
            Required = ["kind"],
        }),
        [new("POST", "/api/calendar/years/preview")] = _ => Fixed(new("admin", None, None, Json(new { reason = "恶意输入测试", file = AuthorizationMatrix.AdminYearFile }))
        {
            Required = ["file", "file.year"],
        }),
        [new("POST", "/api/calendar/years")] = _ => Fixed(new("admin", None, None, Json(new { reason = "恶意输入测试", file = AuthorizationMatrix.AdminYearFile }))
        {
            Required = ["reason", "file", "file.year"],
        }),
        [new("POST", "/api/calendar/years/parse")] = _ => Fixed(new("admin", None, None, Json(new { text = Cases.Testing.SampleNotices.Notice2027 }))
        {
            Required = ["text"],
        }),

        [new("GET", "/api/admin/users")] = _ => Fixed(new("admin", None, None)),
        [new("POST", "/api/admin/users")] = _ => Fixed(new("admin", None, None,
            Json(new { userName = AuthorizationMatrix.NewUserName(), displayName = "恶意输入测试", roles = new[] { Officer }, city = SecurityApp.Jinan, password = "" }))
        {
            Required = ["userName", "displayName", "roles"],
        }),
        [new("PUT", "/api/admin/users/{userName}")] = async app => new("admin", D(("userName", await AuthorizationMatrix.NewAdminTargetAsync(app))), None,
            Json(new { displayName = "恶意输入测试", roles = new[] { Reviewer }, city = SecurityApp.Jinan }))
        {
            Required = ["displayName", "roles"],
        },
        [new("POST", "/api/admin/users/{userName}/lock")] = async app => new("admin", D(("userName", await AuthorizationMatrix.NewAdminTargetAsync(app))), None),
        [new("POST", "/api/admin/users/{userName}/unlock")] = async app => new("admin", D(("userName", await AuthorizationMatrix.NewAdminTargetAsync(app))), None),
        [new("POST", "/api/admin/users/{userName}/password")] = async app => new("admin", D(("userName", await AuthorizationMatrix.NewAdminTargetAsync(app))), None, Json(new { password = "" }))
        {
            Accepts = new Dictionary<string, string> { ["body: empty object"] = "no password given: the product makes one up and answers it once" },
        },
    };
}
