namespace Cases.Web.Tests.Security;

public static partial class HostileInput
{
    /// <summary>keep: the valid requests of the keeping commands and the overpayment reads, by a Jinan officer on Jinan's records.</summary>
    private static Dictionary<RouteKey, Func<SecurityApp, Task<Sample>>> KeepingSamples => new()
    {
        [new("POST", "/api/entitlements/{id:guid}/account")] = async app => new("officer.jinan", D(("id", (await AuthorizationMatrix.NewPensionAsync(app, SecurityApp.Jinan)).ToString())), None,
            Json(new { accountKind = "social-security-card", account = "6222021602001234568", bank = "中国工商银行济南分行", month = "2025-08", reason = "恶意输入测试" }))
        { Required = ["accountKind", "account", "bank"] },
        [new("POST", "/api/entitlements/{id:guid}/suspend")] = async app => new("officer.jinan", D(("id", (await AuthorizationMatrix.NewPensionAsync(app, SecurityApp.Jinan)).ToString())), None,
            Json(new { cause = "imprisonment", fromMonth = "2025-07", reason = "恶意输入测试" }))
        { Required = ["cause", "fromMonth"] },
        [new("POST", "/api/entitlements/{id:guid}/resume")] = async app => new("officer.jinan", D(("id", (await AuthorizationMatrix.NewPensionAsync(app, SecurityApp.Jinan, suspended: true)).ToString())), None,
            Json(new { fromMonth = "2025-09", backPaidFrom = "2025-08", reason = "恶意输入测试" }))
        { Required = ["fromMonth"] },
        [new("POST", "/api/entitlements/{id:guid}/stop")] = async app => new("officer.jinan", D(("id", (await AuthorizationMatrix.NewPensionAsync(app, SecurityApp.Jinan)).ToString())), None,
            Json(new { fromMonth = "2025-08", cause = "spouse-remarried", reason = "恶意输入测试" }))
        { Required = ["fromMonth", "cause"] },
        [new("GET", "/api/overpayments")] = async app => new("officer.jinan", None,
            D(("status", "open"), ("entitlementId", (await AuthorizationMatrix.NewPensionAsync(app, SecurityApp.Jinan)).ToString()), ("limit", "5"))),
        [new("GET", "/api/overpayments/{id:guid}")] = async app => new("officer.jinan", D(("id", (await AuthorizationMatrix.NewOverpaymentAsync(app, SecurityApp.Jinan)).ToString())), None),
        [new("POST", "/api/overpayments/{id:guid}/repay")] = async app => new("officer.jinan", D(("id", (await AuthorizationMatrix.NewOverpaymentAsync(app, SecurityApp.Jinan)).ToString())), None,
            Json(new { amount = 100m, note = "恶意输入测试" }))
        {
            Required = ["amount", "note"],
            Accepts = new Dictionary<string, string> { ["body amount: a fraction"] = "an amount in yuan and fen" },
        },
        [new("POST", "/api/overpayments/{id:guid}/refer")] = async app => new("officer.jinan", D(("id", (await AuthorizationMatrix.NewOverpaymentAsync(app, SecurityApp.Jinan)).ToString())), None,
            Json(new { note = "恶意输入测试" }))
        { Required = ["note"] },
    };
}
