using System.Net;
using System.Net.Http.Json;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Cases.Domain.Staff.Roles;

namespace Cases.Web.Tests.Security;

public static partial class AuthorizationMatrix
{
    /// <summary>
    /// The roles that read real case data (cases, tasks, the inbox, attachments, the registers): those who work cases and
    /// administrators. Designers see definitions and dry runs only; auditors the audit log and the journals they audit.
    /// A property, not a field: <see cref="Rules"/> is built before a field of another part would be.
    /// </summary>
    private static Who CaseStaff => Only(Officer, Reviewer, Supervisor, Admin);

    /// <summary>The case staff and auditors: a case's journal, which auditors audit.</summary>
    private static Who CaseStaffAndAuditors => Only(Officer, Reviewer, Supervisor, Admin, Auditor);

    /// <summary>
    /// The rows of comments, attachments, notices and saved filters. The case staff who see a case's city
    /// read its comments, files and notices; the people who handle cases (officers, reviewers, supervisors) add them. Saved
    /// filters are each case staff member's own.
    /// </summary>
    private static IEnumerable<Rule> CaseworkRules =>
    [
        new("GET", "/api/cases/{id:guid}/comments", CaseStaff, Scope.Record, "200", Get(c => $"/api/cases/{c.Records.CaseId}/comments")),
        new("POST", "/api/cases/{id:guid}/comments", Only(Officer, Reviewer, Supervisor), Scope.Record, "201",
            c => Task.FromResult(new Attempt($"/api/cases/{c.Records.CaseId}/comments", new { text = "授权矩阵：已电话核实" }))),
        new("GET", "/api/cases/{id:guid}/attachments", CaseStaff, Scope.Record, "200", Get(c => $"/api/cases/{c.Records.CaseId}/attachments")),
        new("POST", "/api/cases/{id:guid}/attachments", Only(Officer, Reviewer, Supervisor), Scope.Record, "201",
            c => Task.FromResult(new Attempt($"/api/cases/{c.Records.CaseId}/attachments?fileName=matrix.pdf", File: new FormFile("file", "matrix.pdf", "application/pdf", TestFiles.Pdf)))),
        new("GET", "/api/cases/{id:guid}/attachments/{attachmentId:guid}", CaseStaff, Scope.Record, "200", async c =>
            new Attempt($"/api/cases/{c.Records.CaseId}/attachments/{await c.App.SharedAsync($"attachment {c.City}", () => CaseworkSupport.UploadAsync(c.App, c.City))}")),

        new("GET", "/api/inbox/filters", CaseStaff, Scope.None, "200", Get("/api/inbox/filters")),
        new("POST", "/api/inbox/filters", CaseStaff, Scope.None, "201", Send("/api/inbox/filters", new { name = "授权矩阵", procedure = SecurityApp.Procedure, sort = "due" })),
        new("DELETE", "/api/inbox/filters/{filterId:guid}", CaseStaff, Scope.None, "204", async c =>
            new Attempt($"/api/inbox/filters/{await CaseworkSupport.FilterAsync(c.App, c.Principal.UserName)}")),

        // 案件查询 and 受理新案件: the case staff search their city's cases (provincial staff any city they name);
        // opening one is POST /api/cases's policy, in the city the form names (another city: 403, the form shown again).
        new("GET", "/api/cases", CaseStaff, Scope.CityFilter, "200", Get(c => $"/api/cases?city={c.City}")),
        new("GET", "/cases", CaseStaff, Scope.CityFilter, "200", Get(c => $"/cases?city={c.City}")),
        new("GET", "/cases/new", Only(Officer, Supervisor, Admin), Scope.None, "200", Get($"/cases/new?procedure={SecurityApp.Procedure}")),
        new("POST", "/cases/new", Only(Officer, Supervisor, Admin), Scope.NewInCity, "302 /cases/{id} (notice)", c => Task.FromResult(new Attempt("/cases/new", Form: new Dictionary<string, string>
        {
            ["procedure"] = SecurityApp.Procedure, ["city"] = c.City, ["formKey"] = Guid.NewGuid().ToString(), ["contractEndsOn"] = "2026-06-30",
        }))),

        // Pages: the case page's forms and the printable notice; the inbox's saved filters.
        new("POST", "/cases/{id:guid}/comments", Only(Officer, Reviewer, Supervisor), Scope.Record, "302 /cases/{id} (notice)",
            c => Task.FromResult(new Attempt($"/cases/{c.Records.CaseId}/comments", Form: new Dictionary<string, string> { ["text"] = "授权矩阵：页面备注", ["confirmed"] = "true" }, FreeText: ["text"]))),
        new("POST", "/cases/{id:guid}/attachments", Only(Officer, Reviewer, Supervisor), Scope.Record, "302 /cases/{id} (notice)",
            c => Task.FromResult(new Attempt($"/cases/{c.Records.CaseId}/attachments", Form: new Dictionary<string, string> { ["material"] = "" },
                File: new FormFile("file", "页面上传.pdf", "application/pdf", TestFiles.Pdf)))),
        new("GET", "/cases/{id:guid}/notices/{noticeId:guid}", CaseStaff, Scope.Record, "200", async c =>
        {
            var (caseId, noticeId) = await CaseworkSupport.NoticeAsync(c.App, c.City);
            return new Attempt($"/cases/{caseId}/notices/{noticeId}");
        }),
        new("POST", "/inbox/filters", CaseStaff, Scope.None, "302 /inbox (notice)", _ => Task.FromResult(new Attempt("/inbox/filters?tab=available", Form: new Dictionary<string, string>
        {
            ["name"] = "授权矩阵页面", ["procedure"] = SecurityApp.Procedure, ["sla"] = "warning", ["within"] = "5", ["sort"] = "priority", ["shareWithRole"] = "",
        }, FreeText: ["name"]))),
        new("POST", "/inbox/filters/{filterId:guid}/delete", CaseStaff, Scope.None, "302 /inbox (notice)", async c =>
            new Attempt($"/inbox/filters/{await CaseworkSupport.FilterAsync(c.App, c.Principal.UserName)}/delete", Form: new Dictionary<string, string> { ["confirmed"] = "true" })),
    ];
}

/// <summary>The records the casework rows and samples act on.</summary>
internal static class CaseworkSupport
{
    /// <summary>A PDF attached by the city's officer to the city's shared case.</summary>
    public static async Task<Guid> UploadAsync(SecurityApp app, string city)
    {
        using var content = new ByteArrayContent(TestFiles.Pdf) { Headers = { ContentType = new("application/pdf") } };
        var response = await app.SendAsync(app.Cities[city].Officer, HttpMethod.Post, $"/api/cases/{app.Cities[city].CaseId}/attachments?fileName=shared.pdf", content);
        return (await response.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    /// <summary>A new saved filter of <paramref name="owner"/> (officer.jinan's when nobody signs in, or the caller has no inbox).</summary>
    public static async Task<Guid> FilterAsync(SecurityApp app, string? owner) =>
        (await app.CreatedAsync(owner is null or "designer" or "auditor" ? "officer.jinan" : owner, "/api/inbox/filters", new { name = "待删除 " + Guid.NewGuid().ToString("N")[..8], sort = "due" })).GetProperty("id").GetGuid();

    /// <summary>A demo-filing case of the city whose check found materials missing: it has sent its one-time notice.</summary>
    public static async Task<(Guid CaseId, Guid NoticeId)> NoticeAsync(SecurityApp app, string city)
    {
        var noticeId = await app.SharedAsync($"notice {city}", async () =>
        {
            var task = await app.NewOfficerTaskAsync(city);
            var completed = await app.SendAsync(app.Cities[city].Officer, HttpMethod.Post, $"/api/tasks/{task}/complete",
                JsonContent.Create(new { outcome = "incomplete", data = new { materialsComplete = false, missingMaterials = "施工合同补充协议（载明顺延后的竣工日期）" } }));
            await completed.JsonAsync(HttpStatusCode.OK);
            return await app.InDbAsync(db => db.Outbox.Where(m => m.Template == "one-time-missing-materials-notice" && m.CaseId != null)
                .Join(db.Tasks.Where(t => t.Id == task), m => m.CaseId, t => t.CaseId, (m, _) => m.Id).SingleAsync());
        });
        var caseId = await app.InDbAsync(db => db.Outbox.Where(m => m.Id == noticeId).Select(m => m.CaseId!.Value).SingleAsync());
        return (caseId, noticeId);
    }
}
