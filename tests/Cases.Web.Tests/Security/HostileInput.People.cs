using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Security;

public static partial class HostileInput
{
    /// <summary>
    /// People (「当事人」): the party search (free text of up to 100 characters: any clean word is a search that may find
    /// nothing) and the end of a fresh worker's insured period (第十一条).
    /// </summary>
    private static Dictionary<RouteKey, Func<SecurityApp, Task<Sample>>> PeopleSamples => new()
    {
        [new("GET", "/api/parties")] = app => Fixed(new("officer.jinan", None, D(("q", app.Cities[SecurityApp.Jinan].WorkerId[^6..]), ("limit", "5")))
        {
            Accepts = FreeText("q", "the search is free text: a word that names no one finds nothing"),
        }),
        [new("POST", "/api/workers/{idNumber}/employment/end")] = async app =>
        {
            var number = TestParties.NewIdNumber();
            await app.CreatedAsync("officer.jinan", "/api/workers", new { idNumber = number, name = "恶意输入测试职工", employerCreditCode = app.Cities[SecurityApp.Jinan].EmployerCode, employedOn = "2025-09-01" });
            return new Sample("officer.jinan", D(("idNumber", number)), None, Json(new { endedOn = "2025-10-10", kind = "retired" })) { Required = ["endedOn", "kind"] };
        },
    };
}
