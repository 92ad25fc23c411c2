namespace Cases.Web.Tests.Security;

public static partial class HostileInput
{
    /// <summary>The valid requests of the injury-case register, asked by a Jinan officer about Jinan's records.</summary>
    private static Dictionary<RouteKey, Func<SecurityApp, Task<Sample>>> InjuriesSamples => new()
    {
        [new("POST", "/api/injury-cases")] = app => Fixed(new("officer.jinan", None, None,
            Json(new
            {
                city = SecurityApp.Jinan, workerIdNumber = app.Cities[SecurityApp.Jinan].WorkerId, employerCreditCode = app.Cities[SecurityApp.Jinan].EmployerCode,
                injuredOn = "2025-03-01", recognizedOn = "2025-04-01", recognitionNumber = "恶意输入工认字" + Guid.NewGuid().ToString("N")[..12], description = "恶意输入测试",
            }))
        {
            Required = ["city", "workerIdNumber", "employerCreditCode", "injuredOn", "recognizedOn", "recognitionNumber"],
            Accepts = FreeText("description", "how the injury happened is free text"),
        }),
        [new("GET", "/api/injury-cases")] = _ => Fixed(new("officer.jinan", None, D(("q", "安全"), ("limit", "5")))
        {
            Accepts = FreeText("q", "a name or decision number prefix is free text, matched as typed"),
        }),
        [new("GET", "/api/injury-cases/{id:guid}")] = async app => new("officer.jinan",
            D(("id", (await app.SharedAsync("injury case " + SecurityApp.Jinan, () => AuthorizationMatrix.NewInjuryCaseAsync(app, SecurityApp.Jinan))).ToString())), None),
        [new("POST", "/api/injury-cases/{id:guid}/rehabilitation")] = async app => new("officer.jinan",
            D(("id", (await AuthorizationMatrix.NewInjuryCaseAsync(app, SecurityApp.Jinan)).ToString())), None, Json(new { startsOn = "2025-05-01", endsOn = "2025-08-31" }))
        { Required = ["startsOn", "endsOn"] },

        // Injury pages: the appraisal conclusion (第七十八条); a grade left out is "no grade reached".
        [new("POST", "/api/injury-cases/{id:guid}/appraisal")] = async app => new("officer.jinan",
            D(("id", (await AuthorizationMatrix.NewInjuryCaseAsync(app, SecurityApp.Jinan)).ToString())), None,
            Json(new { disabilityGrade = 7, selfCareLevel = "none", appraisedOn = "2025-06-01", conclusionNumber = "恶意输入劳鉴字" + Guid.NewGuid().ToString("N")[..8] }))
        {
            Required = ["selfCareLevel", "appraisedOn"],
            Accepts = FreeText("conclusionNumber", "the conclusion's number is free text, as the committee issued it"),
        },
    };
}
