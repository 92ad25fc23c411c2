using Cases.Domain.Benefits;
using Cases.Domain.Parties;
using static Cases.Domain.Staff.Roles;

namespace Cases.Web.Tests.Security;

public static partial class AuthorizationMatrix
{
    /// <summary>
    /// certify: the recipients' certifications (第六十三、六十四条) are read by the case staff of the recipient's city and
    /// recorded by its officers (KeepEntitlements); another city's answers 404 like a missing one (第一百四十条).
    /// </summary>
    private static IEnumerable<Rule> CertifyRules =>
    [
        new("GET", "/api/certifications", CaseStaff, Scope.CityFilter, "200", Get(c => $"/api/certifications?city={c.City}&filter=overdue&limit=5")),
        new("GET", "/api/certifications/{id:guid}", CaseStaff, Scope.Record, "200", async c => new Attempt($"/api/certifications/{await SharedCertificationAsync(c)}")),
        new("POST", "/api/certifications/{id:guid}/certify", Only(Officer), Scope.Record, "200", async c =>
            new Attempt($"/api/certifications/{await c.RecordAsync("certify", () => NewCertificationAsync(c.App, c.City))}/certify", new { on = "2025-10-01", method = "in-person", note = "矩阵现场认证" })),
        new("GET", "/certifications", CaseStaff, Scope.CityFilter, "200", Get(c => $"/certifications?city={c.City}")),
        new("POST", "/certifications/{id:guid}/certify", Only(Officer), Scope.Record, "302 /certifications (notice)", async c =>
            new Attempt($"/certifications/{await c.RecordAsync("page certify", () => NewCertificationAsync(c.App, c.City))}/certify",
                Form: new Dictionary<string, string> { ["method"] = "agent", ["on"] = "2025-10-01", ["note"] = "矩阵代办认证" }, FreeText: ["note"])),
    ];

    private static Task<Guid> SharedCertificationAsync(Cell c) => c.App.SharedAsync("certify: a certification of " + c.City, () => NewCertificationAsync(c.App, c.City));

    /// <summary>A recipient's certification of the city, opened directly (the payroll opens them; these rows test who may touch one).</summary>
    internal static async Task<Guid> NewCertificationAsync(SecurityApp app, string city)
    {
        var certification = Certification.Open(Guid.CreateVersion7(), City.Parse(city), Support.TestParties.NewIdNumber(), "安全测试", new DateOnly(2025, 5, 1), 12);
        await app.InDbAsync(async db =>
        {
            db.Certifications.Add(certification);
            return await db.SaveChangesAsync();
        });
        return certification.Id;
    }
}
