namespace Cases.Web.Tests.Security;

public static partial class HostileInput
{
    /// <summary>
    /// The valid requests of the construction projects (第九条) and their real-name filings (第十一条), by Jinan's officer
    /// on the demo project of 济南; each filing and leave names a worker filed fresh.
    /// </summary>
    private static Dictionary<RouteKey, Func<SecurityApp, Task<Sample>>> ProjectsSamples => new()
    {
        [new("GET", "/api/projects")] = _ => Fixed(new("officer.jinan", None, D(("q", "JS"), ("after", "JS3701002026-A"), ("limit", "10")))
        {
            Accepts = new Dictionary<string, string>(FreeText("q", "q is free text matched against names and codes"))
                .Concat(FreeText("after", "after is the last code of the page before: any short text is a position"))
                .ToDictionary(),
        }),
        [new("GET", "/api/projects/{code}")] = _ => Fixed(new("officer.jinan", D(("code", SecurityApp.ProjectOf(SecurityApp.Jinan))), None)),
        [new("POST", "/api/projects/{code}/workers")] = async app => new("officer.jinan", D(("code", SecurityApp.ProjectOf(SecurityApp.Jinan))), None,
            Json(new { idNumber = Support.TestParties.NewIdNumber(), name = "恶意输入测试工人", employedOn = await app.ProjectStartAsync(SecurityApp.Jinan) }))
        {
            Required = ["idNumber", "name", "employedOn"],
        },
        [new("POST", "/api/projects/{code}/workers/{idNumber}/leave")] = async app => new("officer.jinan",
            D(("code", SecurityApp.ProjectOf(SecurityApp.Jinan)), ("idNumber", await app.NewProjectWorkerAsync(SecurityApp.Jinan))), None,
            Json(new { leftOn = await app.ProjectStartAsync(SecurityApp.Jinan) }))
        {
            Accepts = new Dictionary<string, string>
            {
                ["body: JSON null"] = "without a body the worker leaves today",
                ["body: no body at all"] = "without a body the worker leaves today",
                ["body: empty object"] = "without leftOn the worker leaves today",
            },
        },
    };
}
