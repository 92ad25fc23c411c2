using Cases.Domain.Benefits;
using Cases.Domain.Injuries;
using Cases.Domain.Parties;
using Microsoft.EntityFrameworkCore;
using static Cases.Domain.Staff.Roles;

namespace Cases.Web.Tests.Security;

public static partial class AuthorizationMatrix
{
    /// <summary>
    /// keep: officers keep the monthly benefits of their city — account, suspension, resumption, stop, an overpayment's
    /// repayment or referral (permission KeepEntitlements); the case staff read overpayments and the 「定期待遇」 page.
    /// Another city's record is 404 (第一百四十条).
    /// </summary>
    private static IEnumerable<Rule> KeepingRules =>
    [
        new("POST", "/api/entitlements/{id:guid}/account", Only(Officer), Scope.Record, "200", async c =>
            new Attempt($"/api/entitlements/{await c.RecordAsync("keep account", () => NewPensionAsync(c.App, c.City))}/account",
                new { accountKind = "social-security-card", account = "6222021602001234568", bank = "中国工商银行" })),
        new("POST", "/api/entitlements/{id:guid}/suspend", Only(Officer), Scope.Record, "200", async c =>
            new Attempt($"/api/entitlements/{await c.RecordAsync("keep suspend", () => NewPensionAsync(c.App, c.City))}/suspend", new { cause = "imprisonment", fromMonth = "2025-07" })),
        new("POST", "/api/entitlements/{id:guid}/resume", Only(Officer), Scope.Record, "200", async c =>
            new Attempt($"/api/entitlements/{await c.RecordAsync("keep resume", () => NewPensionAsync(c.App, c.City, suspended: true))}/resume", new { fromMonth = "2025-09", backPaidFrom = "2025-08" })),
        new("POST", "/api/entitlements/{id:guid}/stop", Only(Officer), Scope.Record, "200", async c =>
            new Attempt($"/api/entitlements/{await c.RecordAsync("keep stop", () => NewPensionAsync(c.App, c.City))}/stop", new { fromMonth = "2025-08", cause = "spouse-remarried" })),
        new("GET", "/api/overpayments", CaseStaff, Scope.CityFilter, "200", Get(c => $"/api/overpayments?city={c.City}&status=open&limit=5")),
        new("GET", "/api/overpayments/{id:guid}", CaseStaff, Scope.Record, "200", async c =>
            new Attempt($"/api/overpayments/{await c.App.SharedAsync($"keep: an overpayment of {c.City}", () => NewOverpaymentAsync(c.App, c.City))}")),
        new("POST", "/api/overpayments/{id:guid}/repay", Only(Officer), Scope.Record, "200", async c =>
            new Attempt($"/api/overpayments/{await c.RecordAsync("keep repay", () => NewOverpaymentAsync(c.App, c.City))}/repay", new { amount = 100m, note = "矩阵退还" })),
        new("POST", "/api/overpayments/{id:guid}/refer", Only(Officer), Scope.Record, "200", async c =>
            new Attempt($"/api/overpayments/{await c.RecordAsync("keep refer", () => NewOverpaymentAsync(c.App, c.City))}/refer", new { note = "矩阵移交" })),

        // The page: the case staff read it; its forms are the officers'.
        new("GET", "/entitlements", CaseStaff, Scope.None, "200", Get(_ => "/entitlements?q=安全测试")),
        new("GET", "/entitlements/{id:guid}", CaseStaff, Scope.Record, "200", async c =>
            new Attempt($"/entitlements/{await c.App.SharedAsync($"keep: a pension of {c.City}", () => NewPensionAsync(c.App, c.City))}")),
        new("POST", "/entitlements/{id:guid}/account", Only(Officer), Scope.Record, "302 /entitlements/{id} (notice)", async c =>
            new Attempt($"/entitlements/{await c.RecordAsync("keep page account", () => NewPensionAsync(c.App, c.City))}/account", Form: new Dictionary<string, string>
            {
                ["accountKind"] = "social-security-card", ["account"] = "6222021602001234568", ["bank"] = "中国工商银行", ["month"] = "2025-08",
            }, FreeText: ["bank"])),
        new("POST", "/entitlements/{id:guid}/suspend", Only(Officer), Scope.Record, "302 /entitlements/{id} (notice)", async c =>
            new Attempt($"/entitlements/{await c.RecordAsync("keep page suspend", () => NewPensionAsync(c.App, c.City))}/suspend", Form: new Dictionary<string, string> { ["fromMonth"] = "2025-07" })),
        new("POST", "/entitlements/{id:guid}/resume", Only(Officer), Scope.Record, "302 /entitlements/{id} (notice)", async c =>
            new Attempt($"/entitlements/{await c.RecordAsync("keep page resume", () => NewPensionAsync(c.App, c.City, suspended: true))}/resume", Form: new Dictionary<string, string> { ["fromMonth"] = "2025-09" })),
        new("POST", "/entitlements/{id:guid}/stop", Only(Officer), Scope.Record, "302 /entitlements/{id} (notice)", async c =>
            new Attempt($"/entitlements/{await c.RecordAsync("keep page stop", () => NewPensionAsync(c.App, c.City))}/stop", Form: new Dictionary<string, string> { ["fromMonth"] = "2025-08", ["cause"] = "death" })),
        new("POST", "/entitlements/{id:guid}/overpayments/{overpaymentId:guid}/repay", Only(Officer), Scope.Record, "302 /entitlements/{id} (notice)", async c =>
        {
            var overpayment = await c.RecordAsync("keep page repay", () => NewOverpaymentAsync(c.App, c.City));
            return new Attempt($"/entitlements/{await EntitlementOfAsync(c.App, overpayment)}/overpayments/{overpayment}/repay", Form: new Dictionary<string, string> { ["amount"] = "100", ["note"] = "矩阵退还" }, FreeText: ["note"]);
        }),
        new("POST", "/entitlements/{id:guid}/overpayments/{overpaymentId:guid}/refer", Only(Officer), Scope.Record, "302 /entitlements/{id} (notice)", async c =>
        {
            var overpayment = await c.RecordAsync("keep page refer", () => NewOverpaymentAsync(c.App, c.City));
            return new Attempt($"/entitlements/{await EntitlementOfAsync(c.App, overpayment)}/overpayments/{overpayment}/refer", Form: new Dictionary<string, string> { ["note"] = "矩阵移交" }, FreeText: ["note"]);
        }),
    ];

    /// <summary>A fresh spouse's pension of <paramref name="city"/> from 2025-05, granted directly (these rows test who may keep it), suspended for imprisonment from 2025-07 when asked.</summary>
    internal static async Task<Guid> NewPensionAsync(SecurityApp app, string city, bool suspended = false)
    {
        var injuryCase = await NewInjuryCaseAsync(app, city);
        var records = app.Cities[city];
        var pension = Entitlement.Grant(
            new EntitlementGrant(City.Parse(city), injuryCase, records.CaseId, MonthlyBenefit.DependantsPension, "安全测试", records.WorkerId, DependantRelation.Spouse, 2_400m, new DateOnly(2025, 5, 1), "第八十二条", "安全测试"),
            "security", DateTimeOffset.UnixEpoch);
        if (suspended)
        {
            pension.Suspend(new DateOnly(2025, 7, 1), SuspensionCause.Imprisonment, "安全测试", null, "security", DateTimeOffset.UnixEpoch);
        }

        await app.InDbAsync(async db =>
        {
            db.Entitlements.Add(pension);
            return await db.SaveChangesAsync();
        });
        return pension.Id;
    }

    /// <summary>A fresh overpayment of 1,200.00 (2025-06 paid after a stop) on a fresh pension of <paramref name="city"/>.</summary>
    internal static async Task<Guid> NewOverpaymentAsync(SecurityApp app, string city)
    {
        var pension = await NewPensionAsync(app, city);
        var id = Guid.CreateVersion7();
        await app.InDbAsync(async db =>
        {
            var entitlement = await db.Entitlements.SingleAsync(e => e.Id == pension);
            db.Overpayments.Add(Overpayment.Found(id, entitlement, [new PayrollItem(new DateOnly(2025, 6, 1), -1_200m, PayrollItemKind.Overpaid)], 1_200m, Guid.NewGuid(), "security", DateTimeOffset.UnixEpoch));
            return await db.SaveChangesAsync();
        });
        return id;
    }

    internal static Task<Guid> EntitlementOfAsync(SecurityApp app, Guid overpayment) =>
        app.InDbAsync(db => db.Overpayments.Where(o => o.Id == overpayment).Select(o => o.EntitlementId).SingleAsync());
}
