namespace Cases.Web.Tests.Security;

public static partial class HostileInput
{
    /// <summary>certify: the valid requests of the certifications, asked by a Jinan officer about Jinan's records.</summary>
    private static Dictionary<RouteKey, Func<SecurityApp, Task<Sample>>> CertifySamples => new()
    {
        [new("GET", "/api/certifications")] = _ => Fixed(new("officer.jinan", None,
            D(("filter", "overdue"), ("dueBefore", "2026-01-01"), ("sort", "due"), ("limit", "5")))),
        [new("GET", "/api/certifications/{id:guid}")] = async app => new("officer.jinan",
            D(("id", (await AuthorizationMatrix.NewCertificationAsync(app, SecurityApp.Jinan)).ToString())), None),
        [new("POST", "/api/certifications/{id:guid}/certify")] = async app => new("officer.jinan",
            D(("id", (await AuthorizationMatrix.NewCertificationAsync(app, SecurityApp.Jinan)).ToString())), None,
            Json(new { on = "2025-10-01", method = "remote-photo", note = "恶意输入测试" }))
        { Required = ["on", "method", "note"] },
    };
}
