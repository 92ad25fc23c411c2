namespace Cases.Web.Tests.Security;

public static partial class HostileInput
{
    /// <summary>Payroll: the valid request of each endpoint on 济南's records, by the officer who computes or the supervisor who approves.</summary>
    private static Dictionary<RouteKey, Func<SecurityApp, Task<Sample>>> PayrollSamples => new()
    {
        [new("POST", "/api/payroll/runs")] = _ => Fixed(new("officer.jinan", None, None, Json(new { city = SecurityApp.Jinan, month = SecurityApp.NextPayrollMonth() })) { Required = ["city", "month"] }),
        [new("GET", "/api/payroll/runs")] = _ => Fixed(new("supervisor.province", None, D(("city", SecurityApp.Jinan), ("limit", "10")))),
        [new("GET", "/api/payroll/runs/{id:guid}")] = async app => new("officer.jinan", D(("id", (await app.NewPayrollRunAsync(SecurityApp.Jinan)).ToString())), None),
        [new("GET", "/api/payroll/runs/{id:guid}/lines")] = async app => new("officer.jinan", D(("id", (await app.NewPayrollRunAsync(SecurityApp.Jinan)).ToString())), D(("changed", "true"), ("limit", "10"))),
        [new("GET", "/api/payroll/runs/{id:guid}/dropped")] = async app => new("officer.jinan", D(("id", (await app.NewPayrollRunAsync(SecurityApp.Jinan)).ToString())), None),
        [new("POST", "/api/payroll/runs/{id:guid}/approve")] = async app => new("supervisor.jinan", D(("id", (await app.NewPayrollRunAsync(SecurityApp.Jinan)).ToString())), None),
    };
}
