using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Procedures;

/// <summary>
/// Injury pages: the appraisal conclusion (劳动能力鉴定结论) recorded on an injury case and replaced by a re-appraisal
/// (第七十八条) with the first one kept; a benefits-like procedure filling the grade from the injury case and writing a
/// committee's re-appraisal back; a deregistered employer (第十七、十八条) refused for new work, while an injury before
/// it stays registrable (第十九条).
/// </summary>
public abstract class InjuryAppraisalScenarios(AppFixture app) : ProcedureScenario(app)
{
    /// <summary>A tiny benefits-like definition: its injury case fills the grade; the committee's re-appraisal is written back.</summary>
    private const string Benefits = """
{
  "key": "test-disability-benefits",
  "version": 1,
  "title": { "zh": "测试：伤残待遇核定", "en": "Test: disability benefits" },
  "basis": ["第七十七条", "第七十八条"],
  "initial": "awaiting-reappraisal",
  "startWith": ["injuryCaseId", "disabilityGrade", "selfCareLevel", "appraisedOn"],
  "data": {
    "injuryCaseId": {
      "type": "string", "maxLength": 64, "label": { "zh": "工伤案件", "en": "Injury case" },
      "ref": { "register": "injury-case", "fills": { "disabilityGrade": "disabilityGrade", "selfCareLevel": "selfCareLevel", "appraisedOn": "appraisedOn" } }
    },
    "disabilityGrade": { "type": "integer", "label": { "zh": "伤残等级", "en": "Disability grade" } },
    "selfCareLevel": { "type": "string", "maxLength": 20, "label": { "zh": "生活自理障碍", "en": "Self-care impairment" } },
    "appraisedOn": { "type": "date", "label": { "zh": "鉴定日期", "en": "Appraised on" } },
    "newGrade": { "type": "integer", "label": { "zh": "再次鉴定伤残等级", "en": "Re-appraised grade" } },
    "newSelfCare": { "type": "string", "maxLength": 20, "label": { "zh": "再次鉴定生活自理障碍", "en": "Re-appraised self-care" } },
    "reappraisedOn": { "type": "date", "label": { "zh": "再次鉴定日期", "en": "Re-appraised on" } }
  },
  "states": {
    "awaiting-reappraisal": {
      "kind": "wait",
      "title": { "zh": "等待劳动能力鉴定委员会再次鉴定", "en": "Waiting for the committee's re-appraisal" },
      "events": {
        "reappraisal": {
          "to": "write-conclusion",
          "label": { "zh": "录入再次鉴定结论", "en": "Re-appraisal conclusion" },
          "fields": [{ "field": "newGrade" }, { "field": "newSelfCare", "required": true }, { "field": "reappraisedOn", "required": true }]
        }
      }
    },
    "write-conclusion": {
      "kind": "action",
      "title": { "zh": "在工伤案件中登记再次鉴定结论（第七十八条）", "en": "Record the re-appraisal on the injury case (第七十八条)" },
      "action": "update-register",
      "parameters": { "register": "injury-case", "key": "injuryCaseId", "disabilityGrade": "newGrade", "selfCareLevel": "newSelfCare", "appraisedOn": "reappraisedOn" },
      "to": "reappraised"
    },
    "reappraised": { "kind": "end", "title": { "zh": "已按再次鉴定结论登记", "en": "Re-appraisal recorded" }, "outcome": "reappraised" }
  }
}
""";

    [Fact]
    public async Task An_appraisal_is_recorded_and_a_re_appraisal_replaces_it_keeping_the_first_in_the_history()
    {
        At("2025-09-29 10:00");
        var officer = await App.As("officer.jinan");
        var id = await TestInjuries.RegisterAsync(officer, TestInjuries.Li);
        var url = $"/api/injury-cases/{id}/appraisal";

        var first = await (await officer.PostJsonAsync(url, new { disabilityGrade = 7, selfCareLevel = "none", appraisedOn = "2024-08-15", conclusionNumber = "济劳鉴字〔2024〕第0456号" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((7, "none", "2024-08-15"), (first.GetProperty("disabilityGrade").GetInt32(), first.Str("selfCareLevel"), first.Str("appraisedOn")));

        // Each wrong value is named at its field, in Chinese, and nothing changes.
        Assert.Contains("一级至十级", await (await officer.PostJsonAsync(url, new { disabilityGrade = 11, selfCareLevel = "none", appraisedOn = "2025-03-01" })).FieldErrorAsync("disabilityGrade"), StringComparison.Ordinal);
        Assert.Contains("生活自理障碍程度", await (await officer.PostJsonAsync(url, new { disabilityGrade = 5, selfCareLevel = "some", appraisedOn = "2025-03-01" })).FieldErrorAsync("selfCareLevel"), StringComparison.Ordinal);
        Assert.Contains("鉴定结论作出日期", await (await officer.PostJsonAsync(url, new { disabilityGrade = 5, selfCareLevel = "partial" })).FieldErrorAsync("appraisedOn"), StringComparison.Ordinal);
        Assert.Contains("晚于今天", await (await officer.PostJsonAsync(url, new { disabilityGrade = 5, selfCareLevel = "partial", appraisedOn = "2025-10-01" })).FieldErrorAsync("appraisedOn"), StringComparison.Ordinal);
        Assert.Contains("早于上一次鉴定日期", await (await officer.PostJsonAsync(url, new { disabilityGrade = 5, selfCareLevel = "partial", appraisedOn = "2024-08-01" })).FieldErrorAsync("appraisedOn"), StringComparison.Ordinal);
        await (await officer.PostRawJsonAsync(url, """{"disabilityGrade":"5","selfCareLevel":"partial","appraisedOn":"2025-03-01"}""")).FieldErrorAsync("disabilityGrade");
        await (await (await App.As("officer.qingdao")).PostJsonAsync(url, new { disabilityGrade = 5, selfCareLevel = "partial", appraisedOn = "2025-03-01" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await (await App.As("reviewer.jinan")).PostJsonAsync(url, new { disabilityGrade = 5, selfCareLevel = "partial", appraisedOn = "2025-03-01" })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(1, await App.InDbAsync(db => db.InjuryAppraisals.CountAsync(a => a.InjuryCaseId == Guid.Parse(id))));

        // 第七十八条: the re-appraisal is the one in force; the first conclusion stays, as it was recorded.
        var again = await (await officer.PostJsonAsync(url, new { disabilityGrade = 5, selfCareLevel = "partial", appraisedOn = "2025-03-01" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((5, "partial", "2025-03-01"), (again.GetProperty("disabilityGrade").GetInt32(), again.Str("selfCareLevel"), again.Str("appraisedOn")));
        var read = await (await officer.GetAsync($"/api/injury-cases/{id}")).JsonAsync(HttpStatusCode.OK);
        var history = read.GetProperty("appraisals").EnumerateArray().ToList();
        Assert.Equal(2, history.Count);
        Assert.Equal((7, "none", "2024-08-15", "济劳鉴字〔2024〕第0456号", "officer.jinan"),
            (history[0].GetProperty("disabilityGrade").GetInt32(), history[0].Str("selfCareLevel"), history[0].Str("appraisedOn"), history[0].Str("conclusionNumber"), history[0].Str("recordedBy")));
        Assert.Equal((5, "2025-03-01"), (history[1].GetProperty("disabilityGrade").GetInt32(), history[1].Str("appraisedOn")));

        // No grade reached is a conclusion too.
        var none = await (await officer.PostJsonAsync(url, new { disabilityGrade = (int?)null, selfCareLevel = "none", appraisedOn = "2025-09-01" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, none.GetProperty("disabilityGrade").ValueKind);
    }

    [Fact]
    public async Task A_benefits_procedure_fills_the_grade_from_the_injury_case_and_writes_the_committees_re_appraisal_back()
    {
        At("2025-09-29 10:00");
        await StoreBenefitsDefinitionAsync();
        var officer = await App.As("officer.jinan");
        var id = await TestInjuries.RegisterAsync(officer, TestInjuries.Li);
        await (await officer.PostJsonAsync($"/api/injury-cases/{id}/appraisal", new { disabilityGrade = 4, selfCareLevel = "major", appraisedOn = "2024-08-15" })).JsonAsync(HttpStatusCode.OK);

        var caseId = (await (await officer.PostJsonAsync("/api/cases", new { procedure = "test-disability-benefits", city = "370100", data = new { injuryCaseId = id } })).JsonAsync(HttpStatusCode.Created)).GetProperty("caseId").GetGuid();
        var view = await CaseAsync(caseId);
        Assert.Equal(("4", "major", "2024-08-15"), (Data(view, "disabilityGrade"), Data(view, "selfCareLevel"), Data(view, "appraisedOn")));

        // The committee's re-appraisal is written in the step's transaction (第七十八条), with the case that wrote it.
        Assert.Equal("reappraised", (await EventOkAsync(caseId, "reappraisal", new { newGrade = 6, newSelfCare = "none", reappraisedOn = "2025-09-20" })).Str("endOutcome"));
        var injury = await (await officer.GetAsync($"/api/injury-cases/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((6, "none", "2025-09-20"), (injury.GetProperty("disabilityGrade").GetInt32(), injury.Str("selfCareLevel"), injury.Str("appraisedOn")));
        var history = injury.GetProperty("appraisals").EnumerateArray().ToList();
        Assert.Equal((4, 6), (history[0].GetProperty("disabilityGrade").GetInt32(), history[1].GetProperty("disabilityGrade").GetInt32()));
        Assert.Equal(caseId.ToString(), history[1].Str("caseId"));
        Assert.Contains(await App.JournalAsync(caseId), j => j.Action == "register-updated" && j.DataJson.Contains("2025-09-20", StringComparison.Ordinal));

        // A re-appraisal dated before the one in force is refused by the injury case, and the step with it.
        var second = (await (await officer.PostJsonAsync("/api/cases", new { procedure = "test-disability-benefits", city = "370100", data = new { injuryCaseId = id } })).JsonAsync(HttpStatusCode.Created)).GetProperty("caseId").GetGuid();
        Assert.Equal(HttpStatusCode.BadRequest, (await EventAsync(second, "reappraisal", new { newGrade = 3, newSelfCare = "none", reappraisedOn = "2025-09-01" })).StatusCode);
        Assert.Equal(2, await App.InDbAsync(db => db.InjuryAppraisals.CountAsync(a => a.InjuryCaseId == Guid.Parse(id))));
    }

    [Fact]
    public async Task A_deregistered_employer_opens_no_new_case_and_an_injury_before_the_deregistration_stays_registrable()
    {
        At("2025-11-10 10:00");
        var officer = await App.As("officer.jinan");
        var code = TestParties.NewCreditCode();
        await (await officer.PostJsonAsync("/api/employers", new { creditCode = code, name = "济南已注销机械有限公司", riskClass = 3, city = "370100", registeredOn = "2018-03-01" })).JsonAsync(HttpStatusCode.Created);
        var worker = TestParties.NewIdNumber();
        await (await officer.PostJsonAsync("/api/workers", new { idNumber = worker, name = "周立新", employerCreditCode = code })).JsonAsync(HttpStatusCode.Created);
        await App.InDbAsync(async db =>
        {
            var parsed = Cases.Domain.Parties.CreditCode.Parse(code);
            var employer = await db.Employers.SingleAsync(e => e.CreditCode == parsed);
            employer.Deregister(new DateOnly(2025, 11, 5));
            return await db.SaveChangesAsync();
        });

        // 第十七、十八条: no new case names it — said at the field, with the day.
        var refused = await (await officer.PostJsonAsync("/api/cases", new { procedure = "employer-change", city = "370100", data = new { employerCreditCode = code, appliedOn = "2025-11-10" } })).FieldErrorAsync("data.employerCreditCode");
        Assert.Contains("已注销", refused, StringComparison.Ordinal);
        Assert.Contains("2025-11-05", refused, StringComparison.Ordinal);

        // An injury after the deregistration is refused at the employer; one before it (第十九条) is registered.
        object Injury(string injuredOn) => new
        {
            city = "370100", workerIdNumber = worker, employerCreditCode = code, injuredOn, recognizedOn = "2025-11-08",
            recognitionNumber = "济人社工认字〔2025〕第" + Guid.NewGuid().ToString("N")[..8] + "号",
        };
        var after = await (await officer.PostJsonAsync("/api/injury-cases", Injury("2025-11-06"))).FieldErrorAsync("employerCreditCode");
        Assert.Contains("已注销", after, StringComparison.Ordinal);
        Assert.Contains("2025-11-05", after, StringComparison.Ordinal);
        await (await officer.PostJsonAsync("/api/injury-cases", Injury("2025-11-05"))).JsonAsync(HttpStatusCode.Created);
        await (await officer.PostJsonAsync("/api/injury-cases", Injury("2025-10-20"))).JsonAsync(HttpStatusCode.Created);
    }

    private Task<int> StoreBenefitsDefinitionAsync() =>
        App.InDbAsync(async db =>
        {
            if (await db.Definitions.AnyAsync(d => d.Key == "test-disability-benefits"))
            {
                return 0;
            }

            var parsed = Cases.Workflows.Persistence.DefinitionStore.Parse(Benefits);
            db.Definitions.Add(new Cases.Workflows.Records.StoredDefinition
            {
                Key = parsed.Key, Version = 1, TitleZh = parsed.Title.Zh, TitleEn = parsed.Title.En, Json = Benefits,
                Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Benefits))),
                PublishedAt = App.Factory.Clock.GetUtcNow(), PublishedBy = "test", Status = Cases.Workflows.Records.PublicationStatus.Approved,
            });
            return await db.SaveChangesAsync();
        });
}

public sealed class InjuryAppraisalOnSqlite(SqliteRuntimeApp app) : InjuryAppraisalScenarios(app), IClassFixture<SqliteRuntimeApp>;

public sealed class InjuryAppraisalOnPostgres(PostgresRuntimeApp app) : InjuryAppraisalScenarios(app), IClassFixture<PostgresRuntimeApp>;
