using System.Net;
using Microsoft.EntityFrameworkCore;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Procedures;

/// <summary>
/// The injury case at the centre: registered as the recognition department decided it, found by the worker's name,
/// and the one thing the injury procedures start from — their worker and employer come from it, an unknown or another
/// city's injury case is refused naming the field, and an approved rehabilitation extension is written back to it.
/// </summary>
public abstract class InjuryCaseRegisterScenarios(AppFixture app) : ProcedureScenario(app)
{
    private static readonly object ToBeijing = new
    {
        hospital = "济南市第四人民医院", issuedOn = "2025-09-28", destinationHospital = "北京积水潭医院",
        destinationCityCode = "outside-shandong", destinationProvince = "北京市", destinationCity = "北京市", reason = "需行二期骨科手术",
    };

    private static object Transfer(string injuryCaseId, object? extra = null) => new
    {
        procedure = "transfer-approval", city = "370100",
        data = extra ?? new { injuryCaseId, appliedOn = "2025-09-29", referral = ToBeijing, materialsReceived = new[] { "application", "referral-opinion" } },
    };

    [Fact]
    public async Task An_officer_registers_an_injury_case_from_the_recognition_decision_and_finds_it_by_the_workers_name()
    {
        At("2025-09-29 10:00");
        var officer = await App.As("officer.jinan");
        var number = "济人社工认字〔2025〕第" + Guid.NewGuid().ToString("N")[..6] + "号";
        var created = await (await officer.PostJsonAsync("/api/injury-cases", new
        {
            city = "370100", workerIdNumber = TestInjuries.Li, employerCreditCode = TestInjuries.Hengda,
            injuredOn = "2025-05-10", recognizedOn = "2025-06-20", recognitionNumber = number, description = "在车间被叉车撞伤左足",
        })).JsonAsync(HttpStatusCode.Created);
        var id = created.Str("id");
        var read = await (await officer.GetAsync($"/api/injury-cases/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("李秀英", "370105********0041", "济南恒达建材有限公司", "2025-05-10", number), (read.Str("workerName"), read.Str("workerIdNumber"), read.Str("employerName"), read.Str("injuredOn"), read.Str("recognitionNumber")));

        // Found by the worker's name, newest injury first, a page at a time.
        var page = await (await officer.GetAsync("/api/injury-cases?q=" + Uri.EscapeDataString("李秀英") + "&limit=1")).JsonAsync(HttpStatusCode.OK);
        Assert.Single(page.GetProperty("items").EnumerateArray());
        var all = new List<string>();
        string? after = null;
        do
        {
            var next = await (await officer.GetAsync("/api/injury-cases?q=" + Uri.EscapeDataString("李秀英") + "&limit=2" + (after is null ? "" : "&after=" + after))).JsonAsync(HttpStatusCode.OK);
            all.AddRange(next.GetProperty("items").EnumerateArray().Select(i => i.Str("id")!));
            after = next.TryGetProperty("next", out var n) && n.ValueKind == System.Text.Json.JsonValueKind.String ? n.GetString() : null;
        }
        while (after is not null);
        Assert.Contains(id, all);
        Assert.Equal(all.Count, all.Distinct().Count());

        // The same decision twice is one injury case; a worker the city has not registered is named.
        var again = await (await officer.PostJsonAsync("/api/injury-cases", new
        {
            city = "370100", workerIdNumber = TestInjuries.Li, employerCreditCode = TestInjuries.Hengda, injuredOn = "2025-05-10", recognizedOn = "2025-06-20", recognitionNumber = number,
        })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(number, again.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("第十一条", await (await officer.PostJsonAsync("/api/injury-cases", new
        {
            city = "370100", workerIdNumber = TestParties.NewIdNumber(), employerCreditCode = TestInjuries.Hengda, injuredOn = "2025-05-10", recognizedOn = "2025-06-20", recognitionNumber = number + "乙",
        })).FieldErrorAsync("workerIdNumber"), StringComparison.Ordinal);
        await (await officer.PostJsonAsync("/api/injury-cases", new
        {
            city = "370100", workerIdNumber = TestInjuries.Li, employerCreditCode = TestInjuries.Hengda, injuredOn = "2025-06-21", recognizedOn = "2025-06-20", recognitionNumber = number + "丙",
        })).FieldErrorAsync("recognizedOn");

        // Qingdao's officer does not see Jinan's injury case.
        await (await (await App.As("officer.qingdao")).GetAsync($"/api/injury-cases/{id}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_procedure_takes_its_worker_and_employer_from_the_injury_case_and_refuses_one_the_city_has_not_registered()
    {
        At("2025-09-29 10:00");
        var officer = await App.As("officer.jinan");
        var injuryCaseId = await TestInjuries.RegisterAsync(officer, TestInjuries.Li);
        var caseId = (await (await officer.PostJsonAsync("/api/cases", Transfer(injuryCaseId))).JsonAsync(HttpStatusCode.Created)).GetProperty("caseId").GetGuid();
        var view = await CaseAsync(caseId);
        Assert.Equal((TestInjuries.Li, "李秀英", TestInjuries.Hengda, "济南恒达建材有限公司"),
            (Data(view, "workerIdNumber"), Data(view, "workerName"), Data(view, "employerCreditCode"), Data(view, "employerName")));
        Assert.Equal("李秀英 370105********0041", view.Str("party"));

        // An id the register does not hold, and Qingdao's injury case opened in Jinan, are the same refusal; nothing opens.
        var before = await App.InDbAsync(db => db.Cases.CountAsync());
        var unknown = await (await officer.PostJsonAsync("/api/cases", Transfer(Guid.NewGuid().ToString()))).FieldErrorAsync("data.injuryCaseId");
        Assert.Contains("本市已登记的工伤案件", unknown, StringComparison.Ordinal);
        var qingdaoInjury = await TestInjuries.RegisterAsync(await App.As("officer.qingdao"), TestInjuries.Zhao);
        Assert.Contains("本市已登记的工伤案件", await (await officer.PostJsonAsync("/api/cases", Transfer(qingdaoInjury))).FieldErrorAsync("data.injuryCaseId"), StringComparison.Ordinal);
        await (await officer.PostJsonAsync("/api/cases", Transfer("IC-2025-0042"))).FieldErrorAsync("data.injuryCaseId");

        // A worker stated beside the injury case must be its worker: one of the two is wrong, and neither is guessed.
        var other = await (await officer.PostJsonAsync("/api/cases", Transfer(injuryCaseId, new
        {
            injuryCaseId, workerIdNumber = TestInjuries.Wang, appliedOn = "2025-09-29", referral = ToBeijing,
        }))).FieldErrorAsync("data.workerIdNumber");
        Assert.Contains("与工伤案件登记的不一致", other, StringComparison.Ordinal);
        Assert.Equal(before, await App.InDbAsync(db => db.Cases.CountAsync()));
    }

    [Fact]
    public async Task An_approved_rehabilitation_extension_is_written_to_the_injury_case_and_cannot_be_extended_twice()
    {
        At("2025-10-09 09:30");
        var officer = await App.As("officer.jinan");
        var injuryCaseId = await TestInjuries.RegisterAsync(officer, rehabStartsOn: "2025-08-01", rehabEndsOn: "2025-10-15");

        // The period comes from the injury case (第四十三条): the officer types neither day.
        var caseId = (await (await officer.PostJsonAsync("/api/cases", new
        {
            procedure = "rehab-extension", city = "370100", data = new { injuryCaseId, institution = "山东省工伤康复医院" },
        })).JsonAsync(HttpStatusCode.Created)).GetProperty("caseId").GetGuid();
        Assert.Equal(("2025-08-01", "2025-10-15"), (Data(await CaseAsync(caseId), "rehabStartsOn"), Data(await CaseAsync(caseId), "rehabEndsOn")));
        var review = Task(await EventOkAsync(caseId, "application", new { receivedOn = "2025-10-09", requestedEndsOn = "2025-11-30", institutionOpinion = "功能仍在恢复", materialsReceived = new[] { "application", "institution-opinion" } }));
        await CompleteAsync(review, "forward", new { reviewNote = "提交鉴定委员会" });
        At("2025-10-14 10:00");
        Assert.Equal("extended", (await EventOkAsync(caseId, "committee-decision", new { approved = true, newEndsOn = "2025-11-30", decidedOn = "2025-10-14" })).Str("endOutcome"));

        // 第四十四条: a later reimbursement checks the extended period, which the injury case now holds.
        var injury = await (await officer.GetAsync($"/api/injury-cases/{injuryCaseId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("2025-08-01", "2025-11-30", "2025-10-15"), (injury.Str("rehabStartsOn"), injury.Str("rehabEndsOn"), injury.Str("rehabOriginallyEndsOn")));
        Assert.Contains(await App.JournalAsync(caseId), j => j.Action == "register-updated" && j.DataJson.Contains("2025-11-30", StringComparison.Ordinal));

        // The period may not be confirmed anew once extended (第四十九条).
        await (await officer.PostJsonAsync($"/api/injury-cases/{injuryCaseId}/rehabilitation", new { startsOn = "2025-08-01", endsOn = "2025-12-31" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
    }
}

public sealed class InjuryCaseRegisterOnSqlite(SqliteRuntimeApp app) : InjuryCaseRegisterScenarios(app), IClassFixture<SqliteRuntimeApp>;

public sealed class InjuryCaseRegisterOnPostgres(PostgresRuntimeApp app) : InjuryCaseRegisterScenarios(app), IClassFixture<PostgresRuntimeApp>;
