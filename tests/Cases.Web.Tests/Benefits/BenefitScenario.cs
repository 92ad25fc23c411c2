using System.Net;
using Cases.Web.Tests.Procedures;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Benefits;

/// <summary>
/// Periodic benefits' scenarios start from benefits the decision procedures grant, as an agency's do: a grade-2 worker
/// through disability-benefits, a widow and a child through death-benefits.
/// </summary>
public abstract class BenefitScenario(AppFixture app) : ProcedureScenario(app)
{
    private static readonly string[] DisabilityPapers = ["application", "appraisal-conclusion", "account"];

    private static readonly string[] DeathPapers = ["application", "death-papers", "designated-account", "relationship-proof", "pension-pledge", "dependant-accounts"];

    private static object[] Wages() =>
        [.. Enumerable.Range(0, 12).Select(i => (object)new { month = new DateOnly(2023, 3, 1).AddMonths(i).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), amount = 6_000m })];

    /// <summary>A grade-2 worker appraised on 2026-03-10 through disability-benefits: the allowance from April, to the worker's card.</summary>
    protected async Task<string> GradeTwoWorkerAsync()
    {
        var officer = await App.As("officer.jinan");
        var injuryCaseId = await TestInjuries.RegisterWithNewWorkerAsync(officer, TestParties.NewIdNumber(), "周立军");
        await (await officer.PostJsonAsync($"/api/injury-cases/{injuryCaseId}/appraisal", new { disabilityGrade = 2, selfCareLevel = "none", appraisedOn = "2026-03-10", conclusionNumber = "济劳鉴〔2026〕2号" })).JsonAsync(HttpStatusCode.OK);
        var caseId = await StartAsync("disability-benefits", new { injuryCaseId, applicant = "worker", appliedOn = "2026-03-10", materialsReceived = DisabilityPapers });
        var approve = Task(await CompleteAsync(Task(await CaseAsync(caseId)), "eligible", new
        {
            insuredWhenInjured = true, employmentOngoing = true, medicalSubsidyPaid = false, wages = Wages(),
            provincialAverageMonthlyWage = 7_500m, minimumWage = 2_200m, careAverageMonthlyWage = 7_800m,
            payeeAccount = "6222021602001234568", payeeBank = "中国工商银行济南分行",
        }));
        await CompleteAsync(approve, "approved", null, "reviewer.jinan");
        return injuryCaseId;
    }

    /// <summary>A death on 2026-02-20 through death-benefits: a spouse's and a child's pensions from March, no accounts yet.</summary>
    protected async Task<string> WidowAndChildAsync()
    {
        var injuryCaseId = await TestInjuries.RegisterWithNewWorkerAsync(await App.As("officer.jinan"), TestParties.NewIdNumber(), "周建民");
        object[] dependants =
        [
            new { name = "刘美华", idNumber = TestParties.NewIdNumber(), relation = "spouse", orphanOrSolitaryElder = false },
            new { name = "周子轩", idNumber = "37010220150901013" + Cases.Domain.Parties.IdNumber.ComputeCheckDigit("37010220150901013"), relation = "child", orphanOrSolitaryElder = false },
        ];
        var caseId = await StartAsync("death-benefits", new { injuryCaseId, applicant = "next-of-kin", appliedOn = "2026-03-02", deathOn = "2026-02-20", hasDependants = true, dependants, materialsReceived = DeathPapers });
        var approve = Task(await CompleteAsync(Task(await CaseAsync(caseId)), "eligible", new
        {
            materialsReceived = DeathPapers, pensionChoice = "work-injury", afterPaidLeave = false, wages = Wages(),
            nationalUrbanDisposableIncome = 51_821m, provincialAverageMonthlyWageAtDeath = 8_000m, provincialAverageMonthlyWageAtInjury = 7_500m,
            payeeName = "刘美华", payeeAccount = "6222021602001234568", payeeBank = "中国工商银行济南分行",
        }));
        await CompleteAsync(approve, "approved", null, "reviewer.jinan");
        return injuryCaseId;
    }
}
