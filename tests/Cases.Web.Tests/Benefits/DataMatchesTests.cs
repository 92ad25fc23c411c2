using System.Net;
using System.Text.Json;
using System.Text;
using Cases.Application.Benefits.DataMatches;
using Cases.Application.Records;
using Cases.Domain.Benefits;
using Cases.Domain.Parties;
using Cases.Web.Tests.Pages;
using Cases.Web.Tests.Procedures;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cases.Web.Tests.Benefits;

/// <summary>
/// datamatch — 信息比对 (第六十四条) through the API on the test clock: a department's file certifies the recipients it
/// confirms and flags the suspected losses into a benefit-investigation task, never stopping on its own; the
/// investigation's confirmation stops a dependant's pension from the month after a death (第六十二条（一）) or suspends
/// it for imprisonment (第六十二条); a cleared one pays on; the same file twice changes nothing; and the daily sweep
/// stops a child's pension from the month after the 18th birthday (第六十二条（二）), once, however many nodes sweep.
/// </summary>
public abstract class DataMatchesScenarios(AppFixture app) : ProcedureScenario(app)
{
    private static int _sequence = 100;

    private static string Born(string yyyymmdd)
    {
        var body = "370102" + yyyymmdd + Interlocked.Increment(ref _sequence).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return body + IdNumber.ComputeCheckDigit(body);
    }

    private sealed record Family(string InjuryCaseId, string Spouse, string OlderChild, string YoungerChild);

    /// <summary>A worker who died on 2026-02-20 with a spouse and two children, through death-benefits: three pensions from 2026-03.</summary>
    private async Task<Family> FamilyAsync(string olderChildBorn = "20090615")
    {
        var family = new Family("", Born("19800101"), Born(olderChildBorn), Born("20150901"));
        var injuryCaseId = await TestInjuries.RegisterWithNewWorkerAsync(await App.As("officer.jinan"), TestParties.NewIdNumber(), "周建民");
        string[] papers = ["application", "death-papers", "designated-account", "relationship-proof", "pension-pledge", "dependant-accounts"];
        var caseId = await StartAsync("death-benefits", new
        {
            injuryCaseId, applicant = "next-of-kin", appliedOn = "2026-03-02", deathOn = "2026-02-20", hasDependants = true, materialsReceived = papers,
            dependants = new object[]
            {
                new { name = "刘美华", idNumber = family.Spouse, relation = "spouse", orphanOrSolitaryElder = false },
                new { name = "周子涵", idNumber = family.OlderChild, relation = "child", orphanOrSolitaryElder = false },
                new { name = "周子轩", idNumber = family.YoungerChild, relation = "child", orphanOrSolitaryElder = false },
            },
        });
        var approve = Task(await CompleteAsync(Task(await CaseAsync(caseId)), "eligible", new
        {
            materialsReceived = papers, pensionChoice = "work-injury", afterPaidLeave = false,
            wages = Enumerable.Range(0, 12).Select(i => new { month = new DateOnly(2025, 3, 1).AddMonths(i).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), amount = 6_000m }).ToArray(),
            nationalUrbanDisposableIncome = 51_821m, provincialAverageMonthlyWageAtDeath = 8_000m, provincialAverageMonthlyWageAtInjury = 7_500m,
            payeeName = "刘美华", payeeAccount = "6222021602001234568", payeeBank = "中国工商银行济南分行",
        }));
        Assert.Equal("decided", (await CompleteAsync(approve, "approved", null, "reviewer.jinan")).Str("endOutcome"));
        return family with { InjuryCaseId = injuryCaseId };
    }

    private async Task<JsonElement> PensionAsync(Family family, string idNumber)
    {
        var id = await App.InDbAsync(db => db.Entitlements.Where(e => e.RecipientIdNumber == idNumber).Select(e => e.Id).SingleAsync());
        return await (await (await App.As("officer.jinan")).GetAsync($"/api/entitlements/{id}")).JsonAsync(HttpStatusCode.OK);
    }

    private async Task<HttpResponseMessage> UploadAsync(string source, string csv, string user = "officer.jinan")
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(source), "source");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "match.csv");
        return await (await App.As(user)).PostAsync(new Uri("/api/data-matches", UriKind.Relative), form);
    }

    private Task<int> InvestigationsAsync() => App.InDbAsync(db => db.Cases.CountAsync(c => c.Procedure == ImportDataMatchHandler.Procedure));

    private async Task<int> SweepAsync()
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new StopAdultDependants());
    }

    private const string Header = "idNumber,name,event,eventOn\n";

    [Fact]
    public async Task A_death_is_flagged_into_an_investigation_whose_confirmation_stops_the_pension_from_the_next_month_and_the_same_file_changes_nothing()
    {
        At("2026-03-02 09:00");
        var family = await FamilyAsync();
        At("2026-09-10 09:00");
        var csv = Header + $"{family.Spouse},刘美华,death,2026-08-15\n{Born("19700101")},无此人,death,2026-08-01\n{family.OlderChild},周子X,death,2026-08-01\n37010219800101021X,坏号码,death,2026-08-15\n";
        var before = await InvestigationsAsync();

        var summary = await (await UploadAsync("health", csv)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((4, 0, 1, 1, 1, 1, false), (summary.GetProperty("rows").GetInt32(), summary.GetProperty("certified").GetInt32(), summary.GetProperty("flagged").GetInt32(),
            summary.GetProperty("unknown").GetInt32(), summary.GetProperty("mismatched").GetInt32(), summary.GetProperty("invalid").GetInt32(), summary.GetProperty("alreadyImported").GetBoolean()));
        var problems = summary.GetProperty("problems").EnumerateArray().Select(p => (p.GetProperty("row").GetInt32(), p.Str("kind"), p.Str("field"))).ToList();
        Assert.Equal([(3, "unknown", "idNumber"), (4, "mismatched", "name"), (5, "invalid", "idNumber")], problems);
        // Identity numbers are masked in the summary, as in every list.
        Assert.DoesNotContain(family.OlderChild, summary.GetRawText(), StringComparison.Ordinal);

        // The suspicion is a task in the officers' inbox; nothing stops before it is investigated (第六十四条).
        var flag = Assert.Single(summary.GetProperty("flags").EnumerateArray());
        var caseId = flag.GetProperty("caseId").GetGuid();
        var task = Task(await CaseAsync(caseId));
        Assert.Equal(("核实疑似丧失待遇资格", "investigate"), (task.Str("title"), task.Str("state")));
        Assert.Equal(before + 1, await InvestigationsAsync());
        Assert.Equal("active", (await PensionAsync(family, family.Spouse)).Str("status"));

        // The same file again changes nothing and says so; another file with the same row opens no second investigation.
        var again = await (await UploadAsync("health", csv)).JsonAsync(HttpStatusCode.OK);
        Assert.True(again.GetProperty("alreadyImported").GetBoolean());
        Assert.Contains("未作任何变更", again.Str("message"), StringComparison.Ordinal);
        var other = await (await UploadAsync("public-security", Header + $"{family.Spouse},刘美华,death,2026-08-15\n")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((0, 1), (other.GetProperty("flagged").GetInt32(), other.GetProperty("alreadyFlagged").GetInt32()));
        Assert.Equal(before + 1, await InvestigationsAsync());
        var imports = await (await (await App.As("officer.jinan")).GetAsync("/api/data-matches")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(imports.EnumerateArray(), i => i.Str("source") == "public-security" && i.GetProperty("alreadyFlagged").GetInt32() == 1);

        // Confirmed with the day of the death: the pension stops from September; August, paid or not, is the last month.
        var ended = await CompleteAsync(task, "confirmed", new { confirmedOn = "2026-08-15", finding = "经卫生健康部门死亡医学证明核实属实" });
        Assert.Equal("confirmed", ended.Str("endOutcome"));
        var pension = await PensionAsync(family, family.Spouse);
        Assert.Equal(("stopped", "2026-08"), (pension.Str("status"), pension.Str("toMonth")));
        var stop = pension.GetProperty("history").EnumerateArray().Last();
        Assert.Equal(("stopped", "2026-09"), (stop.Str("kind"), stop.Str("fromMonth")));
        Assert.Contains("第六十二条（一）", stop.Str("reason"), StringComparison.Ordinal);
        Assert.Equal(caseId, stop.GetProperty("caseId").GetGuid());
        Assert.Equal("active", (await PensionAsync(family, family.OlderChild)).Str("status"));
        Assert.Equal(DataMatchFlagStatus.Confirmed, await App.InDbAsync(db => db.DataMatchFlags.Where(f => f.CaseId == caseId).Select(f => f.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_confirmation_certifies_and_resumes_an_overdue_suspension_imprisonment_suspends_and_a_cleared_suspicion_pays_on()
    {
        At("2026-03-02 09:00");
        var family = await FamilyAsync();
        // The first payment opened the spouse's certification (the payroll's, 第六十三条); it went overdue and suspended the pension.
        await App.InDbAsync(async db =>
        {
            db.Certifications.Add(Certification.Open(Guid.NewGuid(), City.Parse("370100"), family.Spouse, "刘美华", new DateOnly(2026, 3, 1), 12));
            var pension = await db.Entitlements.SingleAsync(e => e.RecipientIdNumber == family.Spouse);
            pension.Suspend(new DateOnly(2027, 3, 1), SuspensionCause.CertificationOverdue, "未按期认证（第六十三条）", null, "system:test", DateTimeOffset.UnixEpoch);
            return await db.SaveChangesAsync();
        });

        At("2027-03-20 09:00");
        var alive = await (await UploadAsync("civil-affairs", Header + $"{family.Spouse},刘美华,alive,2027-03-18\n")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((1, 0), (alive.GetProperty("certified").GetInt32(), alive.GetProperty("flagged").GetInt32()));
        var certification = await App.InDbAsync(db => db.Certifications.AsNoTracking().SingleAsync(c => c.RecipientIdNumber == family.Spouse));
        Assert.Equal((new DateOnly(2027, 3, 18), CertificationMethod.DataMatch, new DateOnly(2028, 3, 18)), (certification.LastCertifiedOn, certification.Entries[^1].Method, certification.DueOn));
        var resumed = await PensionAsync(family, family.Spouse);
        Assert.Equal(("active", "resumed"), (resumed.Str("status"), resumed.GetProperty("history").EnumerateArray().Last().Str("kind")));

        // 司法: the spouse was imprisoned on 2027-03-05 — confirmed, the pension is suspended from April (第六十二条).
        var jailed = await (await UploadAsync("justice", Header + $"{family.Spouse},刘美华,imprisonment,2027-03-05\n")).JsonAsync(HttpStatusCode.OK);
        var jailCase = Assert.Single(jailed.GetProperty("flags").EnumerateArray()).GetProperty("caseId").GetGuid();
        await CompleteAsync(Task(await CaseAsync(jailCase)), "confirmed", new { confirmedOn = "2027-03-05", finding = "经司法部门判决书核实" });
        var suspended = await PensionAsync(family, family.Spouse);
        Assert.Equal(("suspended", "suspended", "2027-04"), (suspended.Str("status"), suspended.GetProperty("history").EnumerateArray().Last().Str("kind"), suspended.GetProperty("history").EnumerateArray().Last().Str("fromMonth")));

        // 民政: an adoption of the older child that the investigation does not bear out — nothing stops, and a later
        // match of the same may raise it again (the suspicion is closed).
        var adoption = Header + $"{family.OlderChild},周子涵,adoption,2027-03-01\n";
        var adopted = await (await UploadAsync("civil-affairs", adoption)).JsonAsync(HttpStatusCode.OK);
        var adoptionCase = Assert.Single(adopted.GetProperty("flags").EnumerateArray()).GetProperty("caseId").GetGuid();
        Assert.Equal("cleared", (await CompleteAsync(Task(await CaseAsync(adoptionCase)), "cleared", new { finding = "经入户核实，未被收养" })).Str("endOutcome"));
        Assert.Equal("active", (await PensionAsync(family, family.OlderChild)).Str("status"));
        var later = await (await UploadAsync("civil-affairs", adoption + "\n")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, later.GetProperty("flagged").GetInt32());
    }

    [Fact]
    public async Task The_page_uploads_a_file_and_lists_each_import_with_its_counts_and_problems()
    {
        // Later than every other test's clock: this import is the latest, whose problems the page details.
        At("2028-01-10 09:00");
        var officer = await App.As("officer.jinan");
        var empty = await officer.OpenAsync("/data-matches");
        Assert.Equal("信息比对", empty.QuerySelector("h1").Text());
        Assert.NotNull(empty.QuerySelector("[data-testid=data-match-upload] select[name=source] option[value=justice]"));
        Assert.NotNull(empty.QuerySelector("[data-testid=nav-data-matches]"));

        await (await UploadAsync("public-security", Header + $"{Born("19700101")},页面测试,alive,2026-09-01\n")).JsonAsync(HttpStatusCode.OK);
        var page = await officer.OpenAsync("/data-matches");
        Assert.Contains(page.QuerySelectorAll("[data-testid=data-match-row]"), r => r.Text().Contains("公安部门", StringComparison.Ordinal));
        Assert.Contains("本市没有该人员正在领取的定期待遇", page.QuerySelector("[data-testid=data-match-problems]").Text(), StringComparison.Ordinal);
        // A reviewer keeps no monthly benefits: the page is not theirs.
        using var refused = await (await App.As("reviewer.jinan")).GetAsync(new Uri("/data-matches", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task The_daily_sweep_stops_a_childs_pension_from_the_month_after_the_18th_birthday_once()
    {
        At("2026-03-02 09:00");
        var family = await FamilyAsync("20090615");
        At("2027-06-14 09:00");
        await SweepAsync();
        Assert.Equal("active", (await PensionAsync(family, family.OlderChild)).Str("status"));

        At("2027-06-15 09:00");
        Assert.True(await SweepAsync() >= 1);
        var pension = await PensionAsync(family, family.OlderChild);
        Assert.Equal(("stopped", "2027-06"), (pension.Str("status"), pension.Str("toMonth")));
        var stop = pension.GetProperty("history").EnumerateArray().Last();
        Assert.Equal(("stopped", "2027-07", StopAdultDependantsHandler.SweepUser), (stop.Str("kind"), stop.Str("fromMonth"), stop.Str("by")));
        Assert.Contains("第六十二条（二）", stop.Str("reason"), StringComparison.Ordinal);
        Assert.Equal("active", (await PensionAsync(family, family.YoungerChild)).Str("status"));
        Assert.Equal("active", (await PensionAsync(family, family.Spouse)).Str("status"));

        await SweepAsync();
        Assert.Single((await PensionAsync(family, family.OlderChild)).GetProperty("history").EnumerateArray(), c => c.Str("kind") == "stopped");
    }

    [Fact]
    public async Task Two_sweeps_at_once_stop_each_pension_once()
    {
        At("2026-03-02 09:00");
        var family = await FamilyAsync("20150101");
        var (injuryCase, caseId) = await App.InDbAsync(db => db.Entitlements.Where(e => e.RecipientIdNumber == family.Spouse).Select(e => new { e.InjuryCaseId, e.CaseId }).SingleAsync()) is var x ? (x.InjuryCaseId, x.CaseId) : default;
        var children = Enumerable.Range(0, 30).Select(_ => Born("20090720")).ToList();
        await App.InDbAsync(async db =>
        {
            foreach (var child in children)
            {
                db.Entitlements.Add(Entitlement.Grant(new EntitlementGrant(City.Parse("370100"), injuryCase, caseId, MonthlyBenefit.DependantsPension, "并发测试", child, Domain.Injuries.DependantRelation.Child, 1_800m, new DateOnly(2026, 3, 1), "第八十二条", "并发测试"), "test", DateTimeOffset.UnixEpoch));
            }

            return await db.SaveChangesAsync();
        });

        At("2027-07-20 09:00");
        var stoppedBefore = await App.InDbAsync(db => db.AutomaticStops.CountAsync());
        var counts = await System.Threading.Tasks.Task.WhenAll(SweepAsync(), SweepAsync());

        var ours = await App.InDbAsync(db => db.Entitlements.AsNoTracking().Where(e => children.Contains(e.RecipientIdNumber)).ToListAsync());
        Assert.All(ours, e => Assert.Equal((EntitlementStatus.Stopped, 1, new DateOnly(2027, 7, 1)), (e.Status, e.History.Count(c => c.Kind == EntitlementChangeKind.Stopped), e.ToMonth!.Value)));
        Assert.Equal(30, ours.Count);
        Assert.Equal(await App.InDbAsync(db => db.AutomaticStops.CountAsync()) - stoppedBefore, counts.Sum());
    }
}

public sealed class DataMatchesOnSqlite(SqliteRuntimeApp app) : DataMatchesScenarios(app), IClassFixture<SqliteRuntimeApp>;

public sealed class DataMatchesOnPostgres(PostgresRuntimeApp app) : DataMatchesScenarios(app), IClassFixture<PostgresRuntimeApp>;
