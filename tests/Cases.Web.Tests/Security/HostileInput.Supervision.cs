namespace Cases.Web.Tests.Security;

public static partial class HostileInput
{
    /// <summary>
    /// The valid requests of the supervisor dashboard's API endpoints. The figures are asked by a provincial
    /// supervisor, for whom a malformed city is a 400 naming city (a city's staff get 403 for any other city).
    /// </summary>
    private static Dictionary<RouteKey, Func<SecurityApp, Task<Sample>>> SupervisionSamples => new()
    {
        [new("GET", "/api/supervision/overview")] = _ => Fixed(new("supervisor.province", None, D(("city", SecurityApp.Jinan)))),
        [new("GET", "/api/supervision/escalations")] = _ => Fixed(new("supervisor.province", None, D(("city", SecurityApp.Jinan)))),
        [new("GET", "/api/supervision/breaches-per-week")] = _ => Fixed(new("supervisor.province", None, D(("city", SecurityApp.Jinan)))),
        [new("GET", "/api/supervision/late-exceptions")] = _ => Fixed(new("supervisor.province", None, D(("city", SecurityApp.Jinan)))),
        [new("GET", "/api/supervision/step-durations")] = _ => Fixed(new("supervisor.province", None, D(("city", SecurityApp.Jinan)))),
        // finish17: clock narrows the breached and at-risk lists as the page does (statutory|agency; anything else is a 400 naming clock).
        [new("GET", "/api/supervision/export/{list}")] = _ => Fixed(new("supervisor.province", D(("list", "breached")), D(("city", SecurityApp.Jinan), ("clock", "statutory")))),
        [new("GET", "/api/supervision/assignees")] = _ => Fixed(new("supervisor.province", None, D(("city", SecurityApp.Jinan), ("role", "officer")))),
        [new("POST", "/api/supervision/escalations/{id:guid}/acknowledge")] = async app => new("supervisor.jinan", D(("id", (await app.NewEscalationAsync(SecurityApp.Jinan)).ToString())), None,
            Json(new { note = "已电话督促经办人" }))
        {
            Idempotent = true,
            Accepts = new Dictionary<string, string> { ["body: empty object"] = "the note is optional: an acknowledgement without one is still an acknowledgement" },
        },
        [new("GET", "/api/notifications")] = _ => Fixed(new("officer.jinan", None, D(("since", "2025-10-20T09:00:00+08:00")))),
        [new("POST", "/api/supervision/reassign")] = async app => new("supervisor.jinan", None, None,
            Json(new { taskIds = new[] { await app.NewOfficerTaskAsync(SecurityApp.Jinan) }, userName = "officer2.jinan" }))
        { Required = ["taskIds", "userName"], Idempotent = true },
    };
}
