using Cases.Domain.Parties;
using Cases.Domain.Projects;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Cases.Domain.Staff.Roles;

namespace Cases.Web.Tests.Security;

public static partial class AuthorizationMatrix
{
    /// <summary>
    /// People (「当事人」): the party search and the pages of a worker, an employer and a project — the case staff, their
    /// city's records (another city's answer 404 like a missing one, 规程 第一百四十条) — and the end of an insured period
    /// (第十一条), which those who register workers record.
    /// </summary>
    private static IEnumerable<Rule> PeopleRules =>
    [
        new("GET", "/api/parties", Only(Officer, Reviewer, Supervisor, Admin), Scope.None, "200", Get(c => $"/api/parties?q={c.Records.WorkerId[^6..]}&limit=5")),
        new("POST", "/api/workers/{idNumber}/employment/end", Only(Officer, Supervisor, Admin), Scope.Record, "200", async c =>
            new Attempt($"/api/workers/{await EmployedWorkerAsync(c)}/employment/end", new { endedOn = "2025-10-10", kind = "interrupted" })),
        new("GET", "/parties", Only(Officer, Reviewer, Supervisor, Admin), Scope.None, "200", Get(c => $"/parties?q={c.Records.WorkerId[^6..]}")),
        new("GET", "/workers/{id:guid}", Only(Officer, Reviewer, Supervisor, Admin), Scope.Record, "200", async c => new Attempt($"/workers/{await WorkerGuidAsync(c)}")),
        new("GET", "/employers/{code}", Only(Officer, Reviewer, Supervisor, Admin), Scope.Record, "200", Get(c => $"/employers/{c.Records.EmployerCode}")),
        new("GET", "/projects/{code}", Only(Officer, Reviewer, Supervisor, Admin), Scope.Record, "200", async c => new Attempt($"/projects/{await ProjectCodeAsync(c)}")),
    ];

    /// <summary>The id of the city's worker, as the worker's page is addressed.</summary>
    private static Task<Guid> WorkerGuidAsync(Cell c) =>
        c.App.SharedAsync($"people worker {c.City}", () => c.App.InDbAsync(db =>
            db.Workers.Where(w => w.IdNumber == IdNumber.Parse(c.Records.WorkerId)).Select(w => w.Id).SingleAsync()));

    /// <summary>A fresh worker of the city with an open insured period to end; the number is the route's.</summary>
    private static async Task<string> EmployedWorkerAsync(Cell c)
    {
        var number = TestParties.NewIdNumber(c.City[..4] + "02");
        await c.App.CreatedAsync(c.Records.Officer, "/api/workers", new { idNumber = number, name = "矩阵职工", employerCreditCode = c.Records.EmployerCode, employedOn = "2025-09-01" });
        return number;
    }

    /// <summary>A construction project of the city (the register has no API yet), its code made of the city's.</summary>
    private static async Task<string> ProjectCodeAsync(Cell c)
    {
        var code = $"JS{c.City}MATRIX";
        await c.App.SharedAsync($"people project {c.City}", () => c.App.InDbAsync(async db =>
        {
            var project = ConstructionProject.Register(code, "矩阵测试工程", CreditCode.Parse(c.Records.EmployerCode), City.Parse(c.City),
                new DateOnly(2025, 3, 1), new DateOnly(2026, 9, 30), 10_000_000m);
            db.ConstructionProjects.Add(project);
            await db.SaveChangesAsync();
            return project.Id;
        }));
        return code;
    }
}
