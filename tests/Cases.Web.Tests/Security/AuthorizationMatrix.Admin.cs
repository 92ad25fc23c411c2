using System.Net;
using System.Net.Http.Json;
using Cases.Web.Tests.Support;
using static Cases.Domain.Staff.Roles;

namespace Cases.Web.Tests.Security;

public static partial class AuthorizationMatrix
{
    /// <summary>A year no test counts in: importing it again and again changes no deadline.</summary>
    internal static readonly object AdminYearFile = new { year = 2030, papers = new[] { "https://example.gov.cn/2030（测试）" }, days = new[] { new { name = "元旦", date = "2030-01-01", isOffDay = true } } };

    /// <summary>The rows of the administrator's calendar, parameters and users pages.</summary>
    private static IEnumerable<Rule> AdminRules =>
    [
        // The calendar: a change is previewed with the deadlines it moves, and confirmed as previewed
        new("POST", "/api/calendar/days/{date}/preview", Only(Admin), Scope.None, "200", Send("/api/calendar/days/2026-12-26/preview", new { kind = "weekend", reason = "授权矩阵" })),
        new("POST", "/api/calendar/years/preview", Only(Admin), Scope.None, "200", Send("/api/calendar/years/preview", new { reason = "授权矩阵", file = AdminYearFile })),
        new("POST", "/api/calendar/years", Only(Admin), Scope.None, "200", Send("/api/calendar/years", new { reason = "授权矩阵", file = AdminYearFile })),
        new("POST", "/api/calendar/years/parse", Only(Admin), Scope.None, "200", Send("/api/calendar/years/parse", new { text = Cases.Testing.SampleNotices.Notice2027 })),
        new("GET", "/admin/calendar", Only(Admin), Scope.None, "200", Get("/admin/calendar?year=2026&date=2026-03-10")),
        new("POST", "/admin/calendar/preview", Only(Admin), Scope.None, "200", Form("/admin/calendar/preview", _ =>
            new() { ["date"] = "2026-12-26", ["kind"] = "normal", ["name"] = "", ["reason"] = "授权矩阵" })),
        new("POST", "/admin/calendar/days", Only(Admin), Scope.None, "302 /admin/calendar (notice)", async c =>
        {
            var preview = await AdminPreviewAsync(c.App, "/api/calendar/days/2026-12-26/preview", new { kind = "weekend", reason = "授权矩阵" });
            return new Attempt("/admin/calendar/days", Form: new Dictionary<string, string>
            {
                ["date"] = "2026-12-26", ["kind"] = "normal", ["name"] = "", ["reason"] = "授权矩阵", ["confirm"] = preview,
            });
        }),
        new("POST", "/admin/calendar/notice/preview", Only(Admin), Scope.None, "200", Form("/admin/calendar/notice/preview", _ =>
            new() { ["text"] = Cases.Testing.SampleNotices.Notice2027, ["reason"] = "授权矩阵" })),
        new("POST", "/admin/calendar/import/preview", Only(Admin), Scope.None, "200", Form("/admin/calendar/import/preview", _ =>
            new() { ["content"] = System.Text.Json.JsonSerializer.Serialize(AdminYearFile), ["reason"] = "授权矩阵" })),
        new("POST", "/admin/calendar/import", Only(Admin), Scope.None, "302 /admin/calendar (notice)", async c =>
        {
            var preview = await AdminPreviewAsync(c.App, "/api/calendar/years/preview", new { reason = "授权矩阵", file = AdminYearFile });
            return new Attempt("/admin/calendar/import", Form: new Dictionary<string, string>
            {
                ["content"] = System.Text.Json.JsonSerializer.Serialize(AdminYearFile), ["reason"] = "授权矩阵", ["confirm"] = preview,
            });
        }),

        // Parameters by year with their sources
        new("GET", "/admin/parameters", Only(Admin), Scope.None, "200", Get("/admin/parameters?name=minimumWage")),
        new("POST", "/admin/parameters", Only(Admin), Scope.None, "302 /admin/parameters (notice)", _ => Task.FromResult(new Attempt("/admin/parameters", Form: new Dictionary<string, string>
        {
            ["name"] = "minimumWage", ["year"] = "2025", ["city"] = SecurityApp.Jinan, ["value"] = "2200", ["source"] = "鲁政字〔2025〕1号", ["reason"] = "授权矩阵",
        }, FreeText: ["source", "reason"]))),

        // Users, roles and cities: each call that succeeds acts on a user of its own
        new("GET", "/api/admin/users", Only(Admin), Scope.None, "200", Get("/api/admin/users")),
        new("POST", "/api/admin/users", Only(Admin), Scope.None, "201", _ => Task.FromResult(new Attempt("/api/admin/users",
            new { userName = NewUserName(), displayName = "矩阵用户", roles = new[] { Officer }, city = SecurityApp.Jinan }))),
        new("PUT", "/api/admin/users/{userName}", Only(Admin), Scope.None, "200", async c =>
            new Attempt($"/api/admin/users/{await TargetUserAsync(c)}", new { displayName = "矩阵用户", roles = new[] { Reviewer }, city = SecurityApp.Jinan })),
        new("POST", "/api/admin/users/{userName}/lock", Only(Admin), Scope.None, "200", async c => new Attempt($"/api/admin/users/{await TargetUserAsync(c)}/lock", new { })),
        new("POST", "/api/admin/users/{userName}/unlock", Only(Admin), Scope.None, "200", async c => new Attempt($"/api/admin/users/{await TargetUserAsync(c)}/unlock", new { })),
        new("POST", "/api/admin/users/{userName}/password", Only(Admin), Scope.None, "200", async c =>
            new Attempt($"/api/admin/users/{await TargetUserAsync(c)}/password", new { password = (string?)null })),
        new("GET", "/admin/users", Only(Admin), Scope.None, "200", Get("/admin/users")),
        new("POST", "/admin/users", Only(Admin), Scope.None, "200", _ => Task.FromResult(new Attempt("/admin/users", Form: new Dictionary<string, string>
        {
            ["userName"] = NewUserName(), ["displayName"] = "矩阵用户", ["roles"] = Officer, ["city"] = SecurityApp.Jinan, ["password"] = "",
        }, FreeText: ["userName", "displayName"]))),
        new("GET", "/admin/users/{userName}", Only(Admin), Scope.None, "200", Get("/admin/users/officer.jinan")),
        new("POST", "/admin/users/{userName}", Only(Admin), Scope.None, "302 /admin/users (notice)", async c =>
            new Attempt($"/admin/users/{await TargetUserAsync(c)}", Form: new Dictionary<string, string> { ["displayName"] = "矩阵用户", ["roles"] = Reviewer, ["city"] = SecurityApp.Jinan },
                FreeText: ["displayName"])),
        new("POST", "/admin/users/{userName}/lock", Only(Admin), Scope.None, "302 /admin/users (notice)", async c =>
            new Attempt($"/admin/users/{await TargetUserAsync(c)}/lock", Form: new Dictionary<string, string> { ["confirmed"] = "true" })),
        new("POST", "/admin/users/{userName}/unlock", Only(Admin), Scope.None, "302 /admin/users (notice)", async c =>
            new Attempt($"/admin/users/{await TargetUserAsync(c)}/unlock", Form: new Dictionary<string, string>())),
        new("POST", "/admin/users/{userName}/password", Only(Admin), Scope.None, "200", async c =>
            new Attempt($"/admin/users/{await TargetUserAsync(c)}/password", Form: new Dictionary<string, string> { ["password"] = "" })),
    ];

    /// <summary>A user name nobody has yet.</summary>
    internal static string NewUserName() => "matrix." + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A new officer of 济南 for a call that should succeed; a name that need not exist for one that is refused before it is looked up.</summary>
    private static async Task<string> TargetUserAsync(Cell c) => c.Succeeds ? await NewAdminTargetAsync(c.App) : "matrix.refused";

    internal static async Task<string> NewAdminTargetAsync(SecurityApp app)
    {
        var name = NewUserName();
        await app.CreatedAsync("admin", "/api/admin/users", new { userName = name, displayName = "矩阵用户", roles = new[] { Officer }, city = SecurityApp.Jinan });
        return name;
    }

    /// <summary>The confirmation an administrator's preview gives, to confirm the same change on the page.</summary>
    private static async Task<string> AdminPreviewAsync(SecurityApp app, string url, object body)
    {
        using var response = await app.SendAsync("admin", HttpMethod.Post, url, JsonContent.Create(body));
        return (await response.JsonAsync(HttpStatusCode.OK)).GetProperty("confirmation").GetString()!;
    }
}
