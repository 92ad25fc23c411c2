namespace Cases.Web.Tests.Security;

public static partial class HostileInput
{
    /// <summary>The valid requests of the auditor's personal-data access log (规程 第一百四十条, 第一百二十条) and of the operations checks.</summary>
    private static Dictionary<RouteKey, Func<SecurityApp, Task<Sample>>> AuditSamples => new()
    {
        [new("GET", "/api/audit/personal-data")] = app => Fixed(new("auditor", None,
            D(("from", "2025-01-01"), ("to", "2026-12-31"), ("user", "officer.jinan"), ("subject", app.Cities[SecurityApp.Jinan].WorkerId), ("city", SecurityApp.Jinan), ("limit", "20")))
        {
            // A user name may be any word or number Identity allows; one that names nobody matches nothing.
            Accepts = new Dictionary<string, string>
            {
                ["query user: a word"] = "a user name that names nobody matches nothing",
                ["query user: 2^31"] = "a user name of digits is a user name",
                ["query user: -1"] = "a user name may start with -",
                ["query subject: 2^31"] = "ten digits are a phone number, and the log is searched by phone too",
            },
        }),
        [new("GET", "/api/cases/{id:guid}/journal")] = app => Fixed(new("auditor", D(("id", app.Cities[SecurityApp.Jinan].CaseId.ToString())), None)),
    };
}
