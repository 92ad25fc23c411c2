using System.Globalization;
using System.Net;
using System.Text.Json;
using Cases.Application.Benefits.Certifications;
using Cases.Domain.Benefits;
using Cases.Domain.Parties;
using Cases.Web.Tests.Pages;
using Cases.Web.Tests.Procedures;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cases.Web.Tests.Benefits;

/// <summary>
/// certify — the recipients' yearly certification (资格认证, 第六十三、六十四条): a grade-2 worker granted an allowance by
/// disability-benefits misses the certification's due date; the daily sweep suspends the allowance from the next month
/// and opens a task for the city's officers to contact the worker, once however often (or on however many nodes) it
/// runs; the worker certifies in person and the allowance is paid again from the month after, the suspended months back
/// (第一百〇六条 ¶2 自符合条件的次月起).
/// </summary>
public abstract class CertificationScenarios(AppFixture app) : ProcedureScenario(app)
{
    private static object Checked() => new
    {
        insuredWhenInjured = true, employmentOngoing = true, medicalSubsidyPaid = false,
        wages = Enumerable.Range(0, 12).Select(i => new { month = new DateOnly(2023, 3, 1).AddMonths(i).ToString("yyyy-MM", CultureInfo.InvariantCulture), amount = 6_000m }).ToArray(),
        provincialAverageMonthlyWage = 7_500m, minimumWage = 2_200m, careAverageMonthlyWage = 7_800m,
        payeeAccount = "6222021602001234568", payeeBank = "中国工商银行济南分行",
    };

    /// <summary>A grade-2 worker's allowance decided through disability-benefits (from 2026-04), and the worker's certification opened at the first payment.</summary>
    private async Task<(string InjuryCaseId, Guid CaseId, Guid EntitlementId, Guid CertificationId, string IdNumber)> GrantedWorkerAsync(string name)
    {
        At("2026-03-16 09:00");
        var officer = await App.As("officer.jinan");
        var idNumber = TestParties.NewIdNumber();
        var injuryCaseId = await TestInjuries.RegisterWithNewWorkerAsync(officer, idNumber, name);
        await (await officer.PostJsonAsync($"/api/injury-cases/{injuryCaseId}/appraisal", new { disabilityGrade = 2, selfCareLevel = "none", appraisedOn = "2026-03-10", conclusionNumber = "济劳鉴〔2026〕2号" })).JsonAsync(HttpStatusCode.OK);
        var caseId = await StartAsync("disability-benefits", new { injuryCaseId, applicant = "worker", appliedOn = "2026-03-10", materialsReceived = new[] { "application", "appraisal-conclusion", "account" } });
        await CompleteAsync(Task(await CompleteAsync(Task(await CaseAsync(caseId)), "eligible", Checked())), "approved", null, "reviewer.jinan");
        var entitlement = Assert.Single(await EntitlementsAsync(injuryCaseId));
        Assert.Equal(("disability-allowance", "2026-04", "active"), (entitlement.Str("benefit"), entitlement.Str("fromMonth"), entitlement.Str("status")));

        // The payroll opens the certification at the first payment (第六十三条 在核发待遇（含首次）时): a 12-month cycle.
        var certification = Certification.Open(Guid.CreateVersion7(), City.Jinan, idNumber, name, new DateOnly(2026, 4, 1), 12);
        await App.InDbAsync(async db =>
        {
            db.Certifications.Add(certification);
            return await db.SaveChangesAsync();
        });
        return (injuryCaseId, caseId, entitlement.Id(), certification.Id, idNumber);
    }

    private async Task<JsonElement[]> EntitlementsAsync(string injuryCaseId) =>
        [.. (await (await (await App.As("officer.jinan")).GetAsync($"/api/entitlements?injuryCaseId={injuryCaseId}")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()];

    /// <summary>The daily sweep, as the recurring job runs it, on the app's clock.</summary>
    private async Task<CertificationSweepResult> SweepAsync()
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CertificationSweep>().RunAsync(CancellationToken.None);
    }

    private Task<int> OverdueCasesAsync() => App.InDbAsync(db => db.Cases.CountAsync(c => c.Procedure == CertificationSweep.Procedure));

    /// <summary>The contact cases of one recipient (the case's party is the recipient's name and masked number).</summary>
    private Task<int> OverdueCasesOfAsync(string name) =>
        App.InDbAsync(db => db.Cases.CountAsync(c => c.Procedure == CertificationSweep.Procedure && c.Party.StartsWith(name + " ")));

    private Task<Entitlement> EntitlementRowAsync(Guid id) => App.InDbAsync(db => db.Entitlements.AsNoTracking().SingleAsync(e => e.Id == id));

    [Fact]
    public async Task A_missed_certification_suspends_the_allowance_from_the_next_month_once_and_certifying_in_person_resumes_it_with_the_months_back()
    {
        var (injuryCaseId, _, entitlementId, certificationId, _) = await GrantedWorkerAsync("周立军");
        var officer = await App.As("officer.jinan");

        // Due 2027-03-31 (a cycle after April 2026). On 2027-03-31 nothing happens; on 2027-04-02 it is overdue.
        At("2027-03-31 09:00");
        await SweepAsync();
        Assert.Equal("active", Assert.Single(await EntitlementsAsync(injuryCaseId)).Str("status"));
        Assert.Equal(0, await OverdueCasesOfAsync("周立军"));

        At("2027-04-02 09:00");
        var swept = await SweepAsync();
        Assert.True(swept.Overdue >= 1 && swept.Suspended >= 1 && swept.CasesOpened >= 1, swept.ToString());
        var suspended = Assert.Single(await EntitlementsAsync(injuryCaseId));
        Assert.Equal("suspended", suspended.Str("status"));
        var change = suspended.GetProperty("history").EnumerateArray().Last();
        Assert.Equal(("suspended", "2027-05"), (change.Str("kind"), change.Str("fromMonth")));
        Assert.Contains("第六十三条", change.Str("reason"), StringComparison.Ordinal);
        Assert.Equal(CertificationSweep.SystemUser, change.Str("by"));

        // The task for the city's officers to contact the worker: the case the suspension names.
        var contactCase = change.GetProperty("caseId").GetGuid();
        var caseView = await CaseAsync(contactCase);
        var task = Task(caseView);
        Assert.Equal(("contact", "officer"), (task.Str("state"), task.Str("role")));
        Assert.Equal(CertificationSweep.Procedure, caseView.Str("procedure"));
        Assert.Equal(1, await OverdueCasesOfAsync("周立军"));
        var inbox = await (await officer.GetAsync("/api/tasks?scope=available&procedure=certification-overdue&limit=100")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(inbox.GetProperty("items").EnumerateArray(), t => t.Str("caseId") == contactCase.ToString());

        var overdue = await (await officer.GetAsync($"/api/certifications/{certificationId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("overdue", "2027-04-02", "2027-03-31"), (overdue.Str("status"), overdue.Str("overdueSince"), overdue.Str("dueOn")));
        Assert.Contains("********", overdue.Str("recipientIdNumber"), StringComparison.Ordinal);
        var listed = await (await officer.GetAsync("/api/certifications?filter=overdue&limit=100")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), c => c.Str("id") == certificationId.ToString());

        // A second sweep, the next day too, changes nothing: no second suspension, no second task.
        Assert.Equal(new CertificationSweepResult(0, 0, 0), await SweepAsync());
        At("2027-04-03 09:00");
        await SweepAsync();
        Assert.Equal(1, await OverdueCasesOfAsync("周立军"));
        Assert.Single((await EntitlementRowAsync(entitlementId)).History, c => c.Kind == EntitlementChangeKind.Suspended);

        // 2027-06-15: the worker certifies in person. Paid again from July (第一百〇六条 ¶2 自符合条件的次月起), and the
        // months suspended from May are paid back (the worker never lost the right, only showed it late).
        At("2027-06-15 10:00");
        var certified = await (await officer.PostJsonAsync($"/api/certifications/{certificationId}/certify", new { on = "2027-06-15", method = "in-person", note = "本人持身份证到经办机构现场认证" }))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal([entitlementId.ToString()], certified.GetProperty("resumed").EnumerateArray().Select(e => e.GetString()));
        var certification = certified.GetProperty("certification");
        Assert.Equal(("current", "2028-06-15", "2027-06-15"), (certification.Str("status"), certification.Str("dueOn"), certification.Str("lastCertifiedOn")));
        Assert.Equal(JsonValueKind.Null, certification.GetProperty("overdueSince").ValueKind);
        Assert.Equal(("in-person", "officer.jinan"), (certification.GetProperty("entries")[0].Str("method"), certification.GetProperty("entries")[0].Str("by")));

        var resumed = Assert.Single(await EntitlementsAsync(injuryCaseId));
        Assert.Equal("active", resumed.Str("status"));
        Assert.Equal([("granted", "2026-04"), ("suspended", "2027-05"), ("resumed", "2027-07")],
            resumed.GetProperty("history").EnumerateArray().Where(h => h.Str("kind") != "account-recorded").Select(h => (h.Str("kind")!, h.Str("fromMonth")!)));
        var row = await EntitlementRowAsync(entitlementId);
        Assert.Equal(new DateOnly(2027, 5, 1), row.History[^1].BackPaidFrom);
        Assert.Equal((row.MonthlyAmount, row.MonthlyAmount), (row.AmountFor(new DateOnly(2027, 5, 1)), row.AmountFor(new DateOnly(2027, 6, 1))));

        // The officer closes the contact task: the worker has certified.
        var closed = await CompleteAsync(task, "certified", new { contactNote = "已电话通知，本人于6月15日到现场认证" });
        Assert.Equal("certified", closed.Str("endOutcome"));
    }

    [Fact]
    public async Task The_page_lists_the_overdue_recipient_by_name_masked_since_when_and_the_officers_form_certifies_and_resumes()
    {
        var (injuryCaseId, _, _, certificationId, idNumber) = await GrantedWorkerAsync("陈丽华");
        At("2027-04-02 09:00");
        await SweepAsync();

        var officer = await App.As("officer.jinan");
        var page = await officer.OpenAsync("/certifications");
        Assert.NotNull(page.QuerySelector("[data-testid=nav-certifications]"));
        var row = page.QuerySelector($"[data-testid=overdue] [data-certification='{certificationId}']")!;
        Assert.NotNull(row);
        Assert.Contains("陈丽华", row.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain(idNumber, page.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.Contains("2027年3月31日", row.Text(), StringComparison.Ordinal);
        Assert.Contains("自 2027年5月 起", row.Text(), StringComparison.Ordinal);
        Assert.True(int.Parse(page.QuerySelector("[data-testid=count-overdue]").Text(), CultureInfo.InvariantCulture) >= 1);
        Assert.Contains("现场认证", row.QuerySelector("select[name=method]").Text(), StringComparison.Ordinal);

        // A reviewer reads the page but records nothing: no form.
        var reviewerPage = await (await App.As("reviewer.jinan")).OpenAsync("/certifications");
        Assert.Null(reviewerPage.QuerySelector("[data-testid=certify-form]"));

        // A date after today is said on the page and changes nothing; then the officer certifies by an agent.
        At("2027-04-20 09:00");
        page = await officer.OpenAsync("/certifications");
        var form = $"[data-testid=overdue] [data-certification='{certificationId}'] form";
        using (var refused = await officer.SubmitAsync(page, form, [new("method", "agent"), new("on", "2027-04-21"), new("note", "其子持委托书代办")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            var shown = await officer.OpenAsync(refused.Headers.Location!.OriginalString);
            Assert.Contains("晚于今天", shown.Body!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal("suspended", Assert.Single(await EntitlementsAsync(injuryCaseId)).Str("status"));
        using (var done = await officer.SubmitAsync(page, form, [new("method", "agent"), new("on", "2027-04-20"), new("note", "其子持委托书代办")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
            var shown = await officer.OpenAsync(done.Headers.Location!.OriginalString);
            Assert.Contains("已登记 陈丽华 的资格认证，恢复发放 1 项待遇", shown.Body!.TextContent, StringComparison.Ordinal);
            Assert.Null(shown.QuerySelector($"[data-testid=overdue] [data-certification='{certificationId}']"));
            Assert.Contains("代办", shown.QuerySelector($"[data-testid=certified] [data-certification='{certificationId}']").Text(), StringComparison.Ordinal);
        }

        var resumed = Assert.Single(await EntitlementsAsync(injuryCaseId));
        Assert.Equal(("active", "2027-05"), (resumed.Str("status"), resumed.GetProperty("history").EnumerateArray().Last().Str("fromMonth")));
    }

    [Fact]
    public async Task Two_sweeps_at_once_suspend_each_benefit_once_and_open_one_task_per_recipient()
    {
        var (injuryCaseId, caseId, first, firstCertification, _) = await GrantedWorkerAsync("吴国庆");
        var injury = Guid.Parse(injuryCaseId);
        var entitlements = new List<Guid> { first };
        var certifications = new List<Guid> { firstCertification };
        await App.InDbAsync(async db =>
        {
            // Four more recipients' allowances, granted directly (the procedure is tested above), each with its certification.
            for (var i = 0; i < 4; i++)
            {
                var idNumber = TestParties.NewIdNumber();
                var granted = Entitlement.Grant(new EntitlementGrant(City.Jinan, injury, caseId, MonthlyBenefit.DisabilityAllowance, "并发" + i, idNumber, null, 4_800m, new DateOnly(2026, 4, 1), "第七十五条", "并发测试"),
                    "officer.jinan", DateTimeOffset.UtcNow);
                var certification = Certification.Open(Guid.CreateVersion7(), City.Jinan, idNumber, "并发" + i, new DateOnly(2026, 4, 1), 12);
                db.Entitlements.Add(granted);
                db.Certifications.Add(certification);
                entitlements.Add(granted.Id);
                certifications.Add(certification.Id);
            }

            return await db.SaveChangesAsync();
        });

        At("2027-04-05 09:00");
        var casesBefore = await OverdueCasesAsync();
        var sweeps = await System.Threading.Tasks.Task.WhenAll(SweepAsync(), SweepAsync());

        // Between them the two sweeps marked, suspended and opened each exactly once.
        var rows = await App.InDbAsync(db => db.Entitlements.AsNoTracking().Where(e => entitlements.Contains(e.Id)).ToListAsync());
        Assert.All(rows, e => Assert.Equal(EntitlementStatus.Suspended, e.Status));
        Assert.All(rows, e => Assert.Single(e.History, c => c.Kind == EntitlementChangeKind.Suspended));
        Assert.Equal(5, rows.Select(e => e.History[^1].CaseId).Distinct().Count());
        Assert.Equal(1, await OverdueCasesOfAsync("吴国庆"));
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(1, await OverdueCasesOfAsync("并发" + i));
        }

        // Whatever else was overdue then (other tests' recipients), each case one of the sweeps opened is one it counted.
        Assert.Equal(await OverdueCasesAsync() - casesBefore, sweeps[0].CasesOpened + sweeps[1].CasesOpened);
        var marked = await App.InDbAsync(db => db.Certifications.AsNoTracking().Where(c => certifications.Contains(c.Id)).Select(c => c.OverdueSince).ToListAsync());
        Assert.All(marked, m => Assert.Equal(new DateOnly(2027, 4, 5), m));
    }

    [Fact]
    public async Task A_bad_certification_is_refused_naming_its_field_and_another_city_or_a_reviewer_cannot_record_one()
    {
        var (_, _, _, certificationId, _) = await GrantedWorkerAsync("郑晓东");
        At("2026-05-10 09:00");
        var officer = await App.As("officer.jinan");
        var url = $"/api/certifications/{certificationId}/certify";
        Assert.Contains("晚于今天", await (await officer.PostJsonAsync(url, new { on = "2026-05-11", method = "in-person", note = "现场" })).FieldErrorAsync("on"), StringComparison.Ordinal);
        Assert.Contains("现场认证", await (await officer.PostJsonAsync(url, new { on = "2026-05-10", method = "data-match", note = "现场" })).FieldErrorAsync("method"), StringComparison.Ordinal);
        await (await officer.PostJsonAsync(url, new { on = "2026-02-30", method = "in-person", note = "现场" })).FieldErrorAsync("on");
        await (await officer.PostJsonAsync(url, new { on = "2026-05-10", method = "agent", note = "" })).FieldErrorAsync("note");
        await (await officer.GetAsync("/api/certifications?filter=late")).FieldErrorAsync("filter");
        await (await officer.GetAsync("/api/certifications?sort=name")).FieldErrorAsync("sort");
        await (await officer.GetAsync("/api/certifications?after=xyz")).FieldErrorAsync("after");

        await (await (await App.As("officer.qingdao")).PostJsonAsync(url, new { on = "2026-05-10", method = "in-person", note = "现场" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await (await App.As("officer.qingdao")).GetAsync($"/api/certifications/{certificationId}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await (await App.As("reviewer.jinan")).PostJsonAsync(url, new { on = "2026-05-10", method = "in-person", note = "现场" })).ProblemAsync(HttpStatusCode.Forbidden);
        var untouched = await (await officer.GetAsync($"/api/certifications/{certificationId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(untouched.GetProperty("entries").EnumerateArray());

        // A remote certification before the due date: nothing was suspended, the next is due a cycle after it.
        var certified = await (await officer.PostJsonAsync(url, new { on = "2026-05-08", method = "remote-photo", note = "远程自助认证（人脸比对通过）" })).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(certified.GetProperty("resumed").EnumerateArray());
        Assert.Equal("2027-05-08", certified.GetProperty("certification").Str("dueOn"));
    }

    [Fact]
    public async Task The_list_pages_by_due_date_and_filters_by_due_before()
    {
        var (_, _, _, certificationId, _) = await GrantedWorkerAsync("冯建华");
        At("2026-05-10 09:00");
        var officer = await App.As("officer.jinan");
        var due = await (await officer.GetAsync("/api/certifications?dueBefore=2027-04-01&limit=1")).JsonAsync(HttpStatusCode.OK);
        var ids = new List<string>();
        var page = due;
        while (true)
        {
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.Str("id")!));
            if (page.GetProperty("next").GetString() is not { } next)
            {
                break;
            }

            page = await (await officer.GetAsync($"/api/certifications?dueBefore=2027-04-01&limit=1&after={next}")).JsonAsync(HttpStatusCode.OK);
        }

        Assert.Contains(certificationId.ToString(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var none = await (await officer.GetAsync("/api/certifications?dueBefore=2027-03-31")).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(none.GetProperty("items").EnumerateArray(), c => c.Str("id") == certificationId.ToString());
        Assert.DoesNotContain((await (await (await App.As("officer.qingdao")).GetAsync("/api/certifications?limit=100")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray(),
            c => c.Str("id") == certificationId.ToString());
    }
}

public sealed class CertificationOnSqlite(SqliteRuntimeApp app) : CertificationScenarios(app), IClassFixture<SqliteRuntimeApp>;

public sealed class CertificationOnPostgres(PostgresRuntimeApp app) : CertificationScenarios(app), IClassFixture<PostgresRuntimeApp>;
