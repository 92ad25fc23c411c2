using Cases.Web.Tests.Support;
using static Cases.Domain.Staff.Roles;

namespace Cases.Web.Tests.Security;

public static partial class AuthorizationMatrix
{
    /// <summary>
    /// The rows of the construction projects (第九条) and their workers filed by real name (第十一条): the case staff read
    /// them, the roles that register parties file and record leavers; another city's project is 404.
    /// </summary>
    private static IEnumerable<Rule> ProjectsRules =>
    [
        new("GET", "/api/projects", CaseStaff, Scope.None, "200", Get("/api/projects?q=JS&limit=5")),
        new("GET", "/api/projects/{code}", CaseStaff, Scope.Record, "200", Get(c => $"/api/projects/{SecurityApp.ProjectOf(c.City)}")),
        new("POST", "/api/projects/{code}/workers", Only(Officer, Supervisor, Admin), Scope.Record, "201", async c =>
            new Attempt($"/api/projects/{SecurityApp.ProjectOf(c.City)}/workers",
                new { idNumber = TestParties.NewIdNumber(), name = "矩阵工人", employedOn = await c.App.ProjectStartAsync(c.City) })),
        new("POST", "/api/projects/{code}/workers/{idNumber}/leave", Only(Officer, Supervisor, Admin), Scope.Record, "200", async c =>
            new Attempt($"/api/projects/{SecurityApp.ProjectOf(c.City)}/workers/{await c.App.NewProjectWorkerAsync(c.City)}/leave", new { })),
    ];
}
