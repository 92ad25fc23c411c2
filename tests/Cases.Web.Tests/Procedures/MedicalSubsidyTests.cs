using System.Net;
using System.Text.Json;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Procedures;

/// <summary>
/// medical-subsidy — 一次性工伤医疗补助金 (第五十七、六十、七十六、八十条): a grade 5–10 worker whose employment ended is paid
/// the subsidy and, from the next month, the fund pays no further treatment — which the next reimbursement's review
/// reads from the injury case; a worker with a medical dependency may give the subsidy up and keep treatment.
/// </summary>
public abstract class MedicalSubsidyScenarios(AppFixture app) : ProcedureScenario(app)
{
    private const string Key = "medical-subsidy";

    private static readonly string[] AllPapers = ["application", "termination-proof", "account"];

    // Figures the officer enters; the months are the province's by grade (an administrator's parameter), here test figures.
    private static Dictionary<string, object?> Checked(bool medicalDependency = false, bool contributionsPaidAtEnd = true) => new()
    {
        ["contributionsPaidAtEnd"] = contributionsPaidAtEnd, ["medicalDependency"] = medicalDependency,
        ["provincialAverageMonthlyWage"] = 7_800.00m, ["medicalMonths"] = 13m, ["employmentMonths"] = 16m,
        ["payeeAccount"] = "6222021602001234568", ["payeeBank"] = "中国工商银行济南分行",
    };

    private async Task<(string InjuryCaseId, Guid CaseId)> ApplyAsync(int grade, string employmentEndedOn)
    {
        var officer = await App.As("officer.jinan");
        var injury = await TestInjuries.RegisterWithNewWorkerAsync(officer, TestParties.NewIdNumber(), "韩志刚");
        await (await officer.PostJsonAsync($"/api/injury-cases/{injury}/appraisal", new { disabilityGrade = grade, selfCareLevel = "none", appraisedOn = "2025-01-15", conclusionNumber = "济劳鉴〔2025〕" + grade + "号" })).JsonAsync(HttpStatusCode.OK);
        var caseId = await StartAsync(Key, new { injuryCaseId = injury, applicant = "worker", appliedOn = employmentEndedOn, employmentEndedOn, materialsReceived = AllPapers });
        return (injury, caseId);
    }

    private async Task<JsonElement> InjuryAsync(string id) =>
        await (await (await App.As("officer.jinan")).GetAsync($"/api/injury-cases/{id}")).JsonAsync(HttpStatusCode.OK);

    /// <summary>A reimbursement of two treatment bills on the injury case, reviewed: the review's reason code of each.</summary>
    private async Task<string[]> ReimburseAsync(string injuryCaseId, string firstDay, string secondDay)
    {
        var caseId = await StartAsync("medical-reimbursement", new { injuryCaseId, claimant = "worker", appliedOn = secondDay, materialsReceived = new[] { "receipts", "cost-list", "medical-records" } });
        await CompleteAsync(Task(await CaseAsync(caseId)), "eligible", new
        {
            recognitionAppliedOn = "2024-03-20", insuredWhenInjured = true, treatmentPapersComplete = true, consistentWithInjury = true, thirdPartyCompensated = false, referral = false,
            bills = new[] { new { code = "331601001", date = firstDay, quantity = 1m, amount = 260.00m, kind = "medical" }, new { code = "331601001", date = secondDay, quantity = 1m, amount = 260.00m, kind = "medical" } },
            hospitalDays = 0, overseas = false, payee = "韩志刚", payeeKind = "worker", payeeAccount = "6222021602001234568", payeeBank = "中国工商银行济南分行",
        });
        return [.. (await CaseAsync(caseId)).GetProperty("data").GetProperty("billDecisions").EnumerateArray().Select(d => d.Str("reasonCode") ?? "")];
    }

    [Fact]
    public async Task A_grade_7_worker_leaving_is_paid_the_subsidy_and_the_fund_stops_paying_treatment_from_the_next_month()
    {
        At("2026-05-20 09:00");
        var (injury, caseId) = await ApplyAsync(7, "2026-05-15");
        var approve = Task(await CompleteAsync(Task(await CaseAsync(caseId)), "eligible", Checked()));

        // 第八十条: months for the grade × the provincial average monthly wage of the year before the end:
        // 13 × 7,800.00 = 101,400.00 from the fund; 16 × 7,800.00 = 124,800.00, stated as the employer's to pay.
        var data = (await CaseAsync(caseId)).GetProperty("data");
        Assert.Equal((101_400.00m, 124_800.00m), (data.GetProperty("medicalLumpSum").GetDecimal(), data.GetProperty("employmentLumpSum").GetDecimal()));
        Assert.Equal(JsonValueKind.Null, (await InjuryAsync(injury)).GetProperty("employmentEndedOn").ValueKind);

        Assert.Equal("decided", (await CompleteAsync(approve, "approved", null, "reviewer.jinan")).Str("endOutcome"));
        var order = Assert.Single((await (await (await App.As("officer.jinan")).GetAsync($"/api/payments?injuryCaseId={injury}")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray());
        Assert.Equal(("medical-lump-sum", 101_400.00m, "第八十条", "韩志刚"), (order.Str("benefit"), order.GetProperty("amount").GetDecimal(), order.Str("article"), order.Str("payee")));

        // The injury case now records the end: from June the fund pays no further treatment (第六十条).
        var registered = await InjuryAsync(injury);
        Assert.Equal(("2026-05-15", "2026-06-01", false), (registered.Str("employmentEndedOn"), registered.Str("fundTreatmentEndsFrom"), registered.GetProperty("keepsMedicalTreatment").GetBoolean()));
        var page = await (await (await App.As("officer.jinan")).GetAsync($"/injury-cases/{injury}")).Content.ReadAsStringAsync();
        Assert.Contains("自2026年6月起工伤保险基金不再支付后续医疗费", page, StringComparison.Ordinal);

        // A later reimbursement reads it from the register: May's bill is paid, June's refused.
        At("2026-06-10 09:00");
        Assert.Equal(["paid", "after-employment"], await ReimburseAsync(injury, "2026-05-28", "2026-06-02"));
    }

    [Fact]
    public async Task A_worker_with_a_medical_dependency_gives_the_subsidy_up_and_keeps_fund_paid_treatment()
    {
        At("2026-05-20 09:00");
        var (injury, caseId) = await ApplyAsync(6, "2026-05-15");
        var check = Task(await CaseAsync(caseId));
        var problem = await (await DemoFiling.CompleteAsync(await App.As("officer.jinan"), check.Id(), "eligible", Checked(medicalDependency: true))).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("第六十条", problem.Str("detail"), StringComparison.Ordinal);

        var keep = Checked(medicalDependency: true);
        keep["checkNote"] = "经诊断需长期透析治疗，本人书面放弃领取一次性工伤医疗补助金";
        var approveKeep = Task(await CompleteAsync(check, "keep-treatment", keep));
        Assert.Equal(("approve-keep", "reviewer"), (approveKeep.Str("state"), approveKeep.Str("role")));
        Assert.Equal("treatment-kept", (await CompleteAsync(approveKeep, "approved", null, "reviewer.jinan")).Str("endOutcome"));

        Assert.Empty((await (await (await App.As("officer.jinan")).GetAsync($"/api/payments?injuryCaseId={injury}")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray());
        var registered = await InjuryAsync(injury);
        Assert.Equal(("2026-05-15", true, JsonValueKind.Null), (registered.Str("employmentEndedOn"), registered.GetProperty("keepsMedicalTreatment").GetBoolean(), registered.GetProperty("fundTreatmentEndsFrom").ValueKind));
        At("2026-06-10 09:00");
        Assert.Equal(["paid", "paid"], await ReimburseAsync(injury, "2026-05-28", "2026-06-02"));
    }

    [Fact]
    public async Task Grades_1_to_4_and_unpaid_contributions_are_refused_with_their_articles_and_the_employment_ends_once()
    {
        At("2026-05-20 09:00");
        var (_, grade3) = await ApplyAsync(3, "2026-05-15");
        var problem = await (await DemoFiling.CompleteAsync(await App.As("officer.jinan"), Task(await CaseAsync(grade3)).Id(), "eligible", Checked())).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("第八十条", problem.Str("detail"), StringComparison.Ordinal);

        var (injury, unpaid) = await ApplyAsync(8, "2026-05-15");
        problem = await (await DemoFiling.CompleteAsync(await App.As("officer.jinan"), Task(await CaseAsync(unpaid)).Id(), "eligible", Checked(contributionsPaidAtEnd: false))).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("第六十一条", problem.Str("detail"), StringComparison.Ordinal);
        await CompleteAsync(Task(await CompleteAsync(Task(await CaseAsync(unpaid)), "eligible", Checked())), "approved", null, "reviewer.jinan");

        // A second application on the same injury case cannot end the employment again: the approval is refused, nothing is ordered twice.
        var (_, again) = (injury, await StartAsync(Key, new { injuryCaseId = injury, applicant = "worker", appliedOn = "2026-05-20", employmentEndedOn = "2026-05-18", materialsReceived = AllPapers }));
        var approve = Task(await CompleteAsync(Task(await CaseAsync(again)), "eligible", Checked()));
        var refused = await (await DemoFiling.CompleteAsync(await App.As("reviewer.jinan"), approve.Id(), "approved")).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("已登记劳动关系", refused.Str("detail"), StringComparison.Ordinal);
        Assert.Single((await (await (await App.As("officer.jinan")).GetAsync($"/api/payments?injuryCaseId={injury}")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray());
    }
}

public sealed class MedicalSubsidyOnSqlite(SqliteRuntimeApp app) : MedicalSubsidyScenarios(app), IClassFixture<SqliteRuntimeApp>;

public sealed class MedicalSubsidyOnPostgres(PostgresRuntimeApp app) : MedicalSubsidyScenarios(app), IClassFixture<PostgresRuntimeApp>;
