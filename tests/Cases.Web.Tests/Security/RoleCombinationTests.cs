using System.Net;
using System.Net.Http.Json;
using Cases.Web.Tests.Pages;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Security;

/// <summary>
/// 规程 第一百一十九条 (不相容岗位相互分离): the auditor holds no other role, and an administrator — who gives roles —
/// works no case. Both user commands refuse such a set with a 400 naming roles and the reason; the page says it in the
/// user's language.
/// </summary>
public sealed class RoleCombinationTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    public static TheoryData<string[]> Incompatible => new()
    {
        new[] { "auditor", "officer" },
        new[] { "auditor", "reviewer" },
        new[] { "auditor", "supervisor" },
        new[] { "auditor", "designer" },
        new[] { "auditor", "admin" },
        new[] { "admin", "officer" },
        new[] { "admin", "reviewer" },
        new[] { "admin", "supervisor" },
        new[] { "admin", "auditor", "officer" },
    };

    [Theory]
    [MemberData(nameof(Incompatible))]
    public async Task Creating_or_changing_a_user_to_incompatible_roles_is_a_400_naming_roles_with_the_reason(string[] roles)
    {
        var admin = await app.As("admin");
        var name = "roles." + Guid.NewGuid().ToString("N")[..10];

        var created = await admin.PostAsJsonAsync("/api/admin/users", new { userName = name, displayName = "角色测试", roles, city = "province" });
        var message = await created.FieldErrorAsync("roles");
        Assert.Contains(roles.Contains("auditor") ? "auditor" : "admin", message, StringComparison.Ordinal);
        Assert.DoesNotContain((await (await admin.GetAsync("/api/admin/users")).JsonAsync(HttpStatusCode.OK)).EnumerateArray(), u => u.GetProperty("userName").GetString() == name);

        (await admin.PostAsJsonAsync("/api/admin/users", new { userName = name, displayName = "角色测试", roles = new[] { roles[0] }, city = "province" })).EnsureSuccessStatusCode();
        var changed = await admin.PutAsJsonAsync($"/api/admin/users/{name}", new { displayName = "角色测试", roles, city = "province" });
        await changed.FieldErrorAsync("roles");
        var stored = (await (await admin.GetAsync("/api/admin/users")).JsonAsync(HttpStatusCode.OK)).EnumerateArray().Single(u => u.GetProperty("userName").GetString() == name);
        Assert.Equal([roles[0]], stored.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Theory]
    [InlineData("admin", "designer")]
    [InlineData("officer", "reviewer")]
    [InlineData("officer", "supervisor")]
    [InlineData("designer", "supervisor")]
    public async Task Compatible_roles_are_accepted(string one, string other)
    {
        var created = await (await app.As("admin")).PostAsJsonAsync("/api/admin/users",
            new { userName = "roles." + Guid.NewGuid().ToString("N")[..10], displayName = "角色测试", roles = new[] { one, other }, city = "370100" });

        await created.JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public void Every_demo_user_holds_roles_that_go_together()
    {
        Assert.All(Cases.Application.Seeding.DemoSeed.Users, u => Assert.Null(Cases.Domain.Staff.RoleCombinations.ConflictOf([u.Role])));
    }

    [Theory]
    [InlineData("zh-CN", "「审计人员」与「经办人员」不能由同一人兼任")]
    [InlineData("en", "Auditor and Officer cannot be held by one person")]
    public async Task The_users_page_names_the_conflict_at_the_roles_in_the_users_language(string culture, string expected)
    {
        var admin = await app.As("admin");
        var page = await admin.OpenAsync($"/admin/users?culture={culture}");

        using var refused = await admin.SubmitAsync(page, "[data-testid=new-user-form]",
            [new("userName", "roles." + Guid.NewGuid().ToString("N")[..10]), new("displayName", "角色测试"), new("roles", "auditor"), new("roles", "officer"), new("city", "province")],
            $"/admin/users?culture={culture}");

        var shown = await PageSupport.ParseAsync(refused);
        Assert.Contains(expected, shown.QuerySelector("[data-testid=form-errors]").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_a_user_on_the_page_to_incompatible_roles_is_refused_with_the_reason()
    {
        var admin = await app.As("admin");
        var name = "roles." + Guid.NewGuid().ToString("N")[..10];
        (await admin.PostAsJsonAsync("/api/admin/users", new { userName = name, displayName = "角色测试", roles = new[] { "admin" }, city = "province" })).EnsureSuccessStatusCode();
        var edit = await admin.OpenAsync($"/admin/users/{name}");

        using var refused = await admin.SubmitAsync(edit, "[data-testid=edit-user-form]", [new("roles", "admin"), new("roles", "supervisor"), new("city", "province")]);

        var users = await admin.OpenAsync(refused.Headers.Location!.OriginalString);
        Assert.Contains("「系统管理员」与「主管」不能由同一人兼任", users.QuerySelector("[data-testid=problem]").Text(), StringComparison.Ordinal);
    }
}
