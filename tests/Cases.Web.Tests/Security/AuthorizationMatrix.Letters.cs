namespace Cases.Web.Tests.Security;

public static partial class AuthorizationMatrix
{
    /// <summary>
    /// Letters: the decision letter (API and printable page) of an ended benefit case, read by the case staff of its city;
    /// another city's case answers 404 like a missing one (第一百四十条).
    /// </summary>
    private static IEnumerable<Rule> LettersRules =>
    [
        new("GET", "/api/cases/{id:guid}/decision-letter", CaseStaff, Scope.Record, "200", async c => new Attempt($"/api/cases/{await LetterCaseAsync(c.App, c.City)}/decision-letter")),
        new("GET", "/cases/{id:guid}/decision-letter", CaseStaff, Scope.Record, "200", async c => new Attempt($"/cases/{await LetterCaseAsync(c.App, c.City)}/decision-letter")),
    ];

    /// <summary>
    /// A city's disability-benefits case that ended refused (the officer's note), once per fixture: the shortest way to an
    /// ended benefit case, whose letter of refusal the rows read (the procedures' scenarios test the letters' content).
    /// </summary>
    internal static Task<Guid> LetterCaseAsync(SecurityApp app, string city) => app.SharedAsync("letter case " + city, async () =>
    {
        var officer = app.Cities[city].Officer;
        var injuryCase = await NewInjuryCaseAsync(app, city);
        (await app.SendAsync(officer, HttpMethod.Post, $"/api/injury-cases/{injuryCase}/appraisal", System.Net.Http.Json.JsonContent.Create(
            new { disabilityGrade = 7, selfCareLevel = "none", appraisedOn = "2025-06-01", conclusionNumber = "矩阵通知书劳鉴字" + Guid.NewGuid().ToString("N")[..8] }))).EnsureSuccessStatusCode();
        var started = await app.CreatedAsync(officer, "/api/cases", new
        {
            procedure = "disability-benefits", city,
            data = new { injuryCaseId = injuryCase.ToString(), applicant = "worker", appliedOn = "2025-06-05", materialsReceived = new[] { "application", "appraisal-conclusion", "account" } },
        });
        var caseId = started.GetProperty("caseId").GetGuid();
        // The open task found by a supervisor, who reads numbers masked: the setup records no personal-data view.
        var view = await Support.HttpAssertions.JsonAsync(await app.SendAsync("supervisor.province", HttpMethod.Get, $"/api/cases/{caseId}"), System.Net.HttpStatusCode.OK);
        var task = view.GetProperty("openTasks")[0].GetProperty("id").GetGuid();
        (await app.SendAsync(officer, HttpMethod.Post, $"/api/tasks/{task}/complete", System.Net.Http.Json.JsonContent.Create(
            new { outcome = "refused", data = new { checkNote = "授权矩阵：不予核定" } }))).EnsureSuccessStatusCode();
        return caseId;
    });
}
