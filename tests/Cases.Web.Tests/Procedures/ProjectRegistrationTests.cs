using System.Net;
using System.Text.Json;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Procedures;

/// <summary>
/// project-registration — 建设项目工伤保险参保登记 (第九条, 第十五条, 第二十六条, 第二十七条): the papers, the premium, the
/// project in the register; its workers filed by real name (第十一条); the 2025 calendar.
/// </summary>
public abstract class ProjectRegistrationScenarios(AppFixture app) : ProcedureScenario(app)
{
    private const string Key = "project-registration";
    private const string Contractor = "91370100MA3C4E5F61";
    private static int _serial = Random.Shared.Next(1000, 9000);

    private static readonly object[] PapersOnFile =
    [
        "construction-contract", "award-notice",
        new { key = "business-licence", sharedFrom = "济南市市场监督管理局" },
    ];

    /// <summary>A project code no other test of this run uses.</summary>
    protected static string NewCode() => $"JS370100-T{Interlocked.Increment(ref _serial):D5}";

    private Task<Guid> StartAsync(string code, bool workStarted = false, bool subcontracted = false, string startsOn = "2025-10-09", object? materials = null) =>
        StartAsync(Key, new
        {
            projectCode = code,
            name = "济南市历城区港沟街道安置房（一期）工程",
            generalContractorCreditCode = Contractor,
            contractNumber = "JSGC-HT-2025-0901",
            awardNotice = "winning-bid",
            contractStartsOn = startsOn,
            contractEndsOn = "2026-12-31",
            totalCost = 50_000_000.00m,
            workStarted,
            subcontracted,
            receivedOn = "2025-09-01",
            materialsReceived = materials ?? PapersOnFile,
        });

    /// <summary>Runs the procedure to its end: papers complete, premium 0.15%, paid on <paramref name="paidOn"/> at 10:00 that day.</summary>
    protected async Task<Guid> RegisterAsync(string code, string paidOn = "2025-09-05", bool workStarted = false, string startsOn = "2025-10-09")
    {
        At("2025-09-01 09:00");
        var materials = workStarted ? PapersOnFile.Append("start-notice").ToArray() : PapersOnFile;
        var caseId = await StartAsync(code, workStarted, startsOn: startsOn, materials: materials);
        var check = Task(await CaseAsync(caseId));
        Assert.Equal("awaiting-payment", (await CompleteAsync(check, "complete", new { premiumRate = 0.0015m })).Str("state"));
        At(paidOn + " 10:00");
        Assert.Equal("registered", (await EventOkAsync(caseId, "premium-paid", new { premiumPaidOn = paidOn })).Str("endOutcome"));
        return caseId;
    }

    protected async Task<JsonElement> ProjectAsync(string code, string user = "officer.jinan") =>
        await (await (await App.As(user)).GetAsync($"/api/projects/{code}")).JsonAsync(HttpStatusCode.OK);

    [Fact]
    public async Task A_project_registered_through_the_procedure_is_in_the_register_with_its_premium_and_term()
    {
        var code = NewCode();
        At("2025-09-01 09:00");
        var caseId = await StartAsync(code);
        var check = Task(await CaseAsync(caseId));
        // The agency's own target: 5 working days from Monday 9/1 (本机构办理时限).
        Assert.Equal(("check-materials", "officer", "2025-09-08"), (check.Str("state"), check.Str("role"), check.Str("dueOn")));
        var waiting = await CompleteAsync(check, "complete", new { premiumRate = 0.0015m });
        Assert.Equal("awaiting-payment", waiting.Str("state"));
        var view = await CaseAsync(caseId);
        // 第二十六条: 50,000,000 × 0.15%; journaled with its explanation; due before work starts (第二十七条).
        Assert.Equal(75000.00m, decimal.Parse(Data(view, "premium")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("2025-10-08", Data(view, "premiumDueOn"));
        Assert.Contains(await App.JournalAsync(caseId), j => j.Action == "calculated" && j.DataJson.Contains("project-premium", StringComparison.Ordinal));
        Assert.Contains(await App.OutboxAsync(caseId), m => m.Template == "project-premium-due" && m.Recipient == "contractor");
        // Not yet in the register.
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.As("officer.jinan")).GetAsync($"/api/projects/{code}")).StatusCode);

        At("2025-09-05 10:00");
        var done = await EventOkAsync(caseId, "premium-paid", new { premiumPaidOn = "2025-09-05" });
        Assert.Equal("registered", done.Str("endOutcome"));
        var project = await ProjectAsync(code);
        Assert.Equal(("济南市历城区港沟街道安置房（一期）工程", "370100", Contractor, "济南恒达建材有限公司"),
            (project.Str("name"), project.Str("cityCode"), project.Str("generalContractorCreditCode"), project.Str("generalContractorName")));
        Assert.Equal(("JSGC-HT-2025-0901", "winning-bid", "2025-09-05"), (project.Str("contractNumber"), project.Str("awardNotice"), project.Str("registeredOn")));
        var premium = project.GetProperty("premium");
        Assert.Equal((75000.00m, "2025-09-05", false), (premium.GetProperty("amount").GetDecimal(), premium.Str("paidOn"), premium.GetProperty("paidAfterStart").GetBoolean()));
        // 第九条 第二款: from the start of works to the contract end.
        var term = project.GetProperty("term");
        Assert.Equal(("2025-10-09", "2026-12-31"), (term.Str("from"), term.Str("to")));
        Assert.Equal(0, project.GetProperty("workers").GetProperty("filed").GetInt32());
        Assert.Contains(await App.JournalAsync(caseId), j => j.Action == "project-registered" && j.DataJson.Contains(code, StringComparison.Ordinal));
        Assert.Contains(await App.OutboxAsync(caseId), m => m.Template == "project-registered");
    }

    [Fact]
    public async Task The_start_notice_and_the_subcontracts_are_asked_for_only_when_they_apply_and_missing_ones_get_one_notice()
    {
        var code = NewCode();
        At("2025-09-01 09:00");
        var caseId = await StartAsync(code, workStarted: true, subcontracted: true, startsOn: "2025-08-01");
        var check = Task(await CaseAsync(caseId));
        // 第九条: started → 开工通知书; subcontracted → the subcontracts; two papers short.
        var refused = await (await DemoFiling.CompleteAsync(await App.As("officer.jinan"), check.Id(), "complete", new { premiumRate = 0.0015m }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("尚有2项必需材料未收到", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("awaiting-materials", (await CompleteAsync(check, "missing-materials", new { checkNote = "缺开工通知书及劳务分包合同" })).Str("state"));
        var notice = Assert.Single(await App.OutboxAsync(caseId), m => m.Template == "one-time-missing-materials-notice");
        Assert.Equal("contractor", notice.Recipient);
        Assert.Contains("start-notice", notice.PayloadJson, StringComparison.Ordinal);
        Assert.Contains("subcontracts", notice.PayloadJson, StringComparison.Ordinal);
        Assert.DoesNotContain("construction-contract", notice.PayloadJson, StringComparison.Ordinal);
        // The agency's own 15 days (第十五条 notice) from 9/1.
        Assert.Equal("2025-09-16", Data(await CaseAsync(caseId), "materialsDeadline"));

        At("2025-09-03 09:00");
        var again = Task(await EventOkAsync(caseId, "resubmitted", new
        {
            resubmittedOn = "2025-09-03",
            materialsReceived = new object[] { "construction-contract", "award-notice", "start-notice", "subcontracts", new { key = "business-licence", sharedFrom = "济南市市场监督管理局" } },
        }));
        Assert.Equal("awaiting-payment", (await CompleteAsync(again, "complete", new { premiumRate = 0.002m })).Str("state"));

        // 第二十七条 asks for the premium before work starts; paid after, it is accepted and recorded as late.
        At("2025-09-04 10:00");
        Assert.Equal("registered", (await EventOkAsync(caseId, "premium-paid", new { premiumPaidOn = "2025-09-04" })).Str("endOutcome"));
        var late = Assert.Single(await App.JournalAsync(caseId), j => j.Action == "recorded" && j.DataJson.Contains("premium-paid-after-start", StringComparison.Ordinal));
        Assert.Contains("2025-08-01", late.DataJson, StringComparison.Ordinal);
        var project = await ProjectAsync(code);
        Assert.True(project.GetProperty("premium").GetProperty("paidAfterStart").GetBoolean());
        Assert.Equal(100000.00m, project.GetProperty("premium").GetProperty("amount").GetDecimal());
        Assert.True(project.GetProperty("workStarted").GetBoolean());
        Assert.True(project.GetProperty("subcontracted").GetBoolean());
        // 第九条 第二款: a project already under construction is insured from the day it registered.
        Assert.Equal(("2025-09-04", "2026-12-31"), (project.GetProperty("term").Str("from"), project.GetProperty("term").Str("to")));
    }

    [Fact]
    public async Task A_project_code_already_registered_is_refused_with_a_conflict_and_nothing_is_written()
    {
        var code = NewCode();
        await RegisterAsync(code);
        At("2025-09-01 09:00");
        var second = await StartAsync(code);
        Assert.Equal("awaiting-payment", (await CompleteAsync(Task(await CaseAsync(second)), "complete", new { premiumRate = 0.0015m })).Str("state"));
        At("2025-09-06 10:00");
        var refused = await (await EventAsync(second, "premium-paid", new { premiumPaidOn = "2025-09-06" })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains($"项目编号 {code} 已经登记参保", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("awaiting-payment", (await CaseAsync(second)).Str("state"));
        Assert.Equal(1, await App.InDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.ConstructionProjects, p => p.ProjectCode == code)));
    }

    [Fact]
    public async Task Workers_filed_within_30_days_are_on_time_later_ones_are_accepted_and_flagged_and_a_leaver_is_kept()
    {
        var code = NewCode();
        await RegisterAsync(code);
        var officer = await App.As("officer.jinan");
        var onTime = TestParties.NewIdNumber();
        var late = TestParties.NewIdNumber();

        // 第十一条: within 30 days of employment. Employed 10/10: the 30th day is Sunday 11/9, so the period runs to Monday 11/10.
        At("2025-11-10 16:00");
        var filed = await (await officer.PostJsonAsync($"/api/projects/{code}/workers", new { idNumber = onTime, name = "张建军", employedOn = "2025-10-10" })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(("2025-11-10", "2025-11-10", false), (filed.Str("filingDeadline"), filed.Str("filedOn"), filed.GetProperty("filedLate").GetBoolean()));
        Assert.Equal(onTime[..6] + "********" + onTime[14..], filed.Str("idNumber"));

        // Employed 10/9, due Saturday 11/8 → Monday 11/10; filed 11/11: accepted, flagged late.
        At("2025-11-11 09:00");
        var flagged = await (await officer.PostJsonAsync($"/api/projects/{code}/workers", new { idNumber = late, name = "刘德明", employedOn = "2025-10-09" })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(("2025-11-10", true), (flagged.Str("filingDeadline"), flagged.GetProperty("filedLate").GetBoolean()));

        // Once per worker and project; a day not yet come or outside the term is refused naming the field.
        await (await officer.PostJsonAsync($"/api/projects/{code}/workers", new { idNumber = late, name = "刘德明", employedOn = "2025-10-09" })).ProblemAsync(HttpStatusCode.Conflict);
        await (await officer.PostJsonAsync($"/api/projects/{code}/workers", new { idNumber = TestParties.NewIdNumber(), name = "孙强", employedOn = "2025-11-12" })).FieldErrorAsync("employedOn");
        await (await officer.PostJsonAsync($"/api/projects/{code}/workers", new { idNumber = TestParties.NewIdNumber(), name = "孙强", employedOn = "2025-10-01" })).FieldErrorAsync("employedOn");
        await (await officer.PostJsonAsync($"/api/projects/{code}/workers", new { idNumber = TestParties.WithWrongCheck(TestParties.NewIdNumber()), name = "孙强", employedOn = "2025-10-20" })).FieldErrorAsync("idNumber");

        var left = await (await officer.PostJsonAsync($"/api/projects/{code}/workers/{onTime}/leave", new { leftOn = "2025-11-11" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("2025-11-11", left.Str("leftOn"));
        await (await officer.PostJsonAsync($"/api/projects/{code}/workers/{onTime}/leave", new { leftOn = "2025-11-11" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var workers = (await ProjectAsync(code)).GetProperty("workers");
        Assert.Equal((2, 1, 1), (workers.GetProperty("filed").GetInt32(), workers.GetProperty("current").GetInt32(), workers.GetProperty("filedLate").GetInt32()));

        // Another city's officer: the project is not there for them (规程 第一百四十条).
        var qingdao = await App.As("officer.qingdao");
        Assert.Equal(HttpStatusCode.NotFound, (await qingdao.GetAsync($"/api/projects/{code}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await qingdao.PostJsonAsync($"/api/projects/{code}/workers", new { idNumber = TestParties.NewIdNumber(), name = "孙强", employedOn = "2025-10-20" })).StatusCode);
    }

    [Fact]
    public async Task A_project_registered_here_has_its_term_extended_by_project_term_extension_and_the_register_follows()
    {
        var code = NewCode();
        await RegisterAsync(code);
        // 第九条: the extension starts from the registered project; its contractor and period come from the register.
        At("2026-06-01 09:00");
        var caseId = await StartAsync("project-term-extension", new { projectCode = code });
        var view = await CaseAsync(caseId);
        Assert.Equal(("2025-10-09", "2026-12-31", "2026-12-16"), (Data(view, "contractStartsOn"), Data(view, "contractEndsOn"), Data(view, "applicationDeadline")));
        var review = Task(await EventOkAsync(caseId, "extension-application", new
        {
            receivedOn = "2026-06-01", newContractEndsOn = "2027-03-31", materialsReceived = new[] { "extension-application", "contract-extension-proof" },
        }));
        Assert.Equal("insured", (await CompleteAsync(review, "approved")).Str("state"));
        var term = (await ProjectAsync(code)).GetProperty("term");
        Assert.Equal(("2025-10-09", "2027-03-31"), (term.Str("from"), term.Str("to")));
    }

    [Fact]
    public async Task The_list_finds_a_city_s_projects_by_name_or_code_a_page_at_a_time()
    {
        var first = NewCode();
        var second = NewCode();
        await RegisterAsync(first);
        await RegisterAsync(second);
        var officer = await App.As("officer.jinan");
        var page = await (await officer.GetAsync($"/api/projects?q={first[..10]}&limit=1")).JsonAsync(HttpStatusCode.OK);
        var row = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.NotNull(page.Str("next"));
        var next = await (await officer.GetAsync($"/api/projects?q={first[..10]}&limit=1&after={Uri.EscapeDataString(page.Str("next")!)}")).JsonAsync(HttpStatusCode.OK);
        var nextRow = Assert.Single(next.GetProperty("items").EnumerateArray());
        Assert.True(string.CompareOrdinal(row.Str("projectCode"), nextRow.Str("projectCode")) < 0);

        var byName = await (await officer.GetAsync($"/api/projects?q={Uri.EscapeDataString("港沟街道")}&limit=100")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(byName.GetProperty("items").EnumerateArray(), r => r.Str("projectCode") == second);
        Assert.All(byName.GetProperty("items").EnumerateArray(), r => Assert.Equal("370100", r.Str("cityCode")));
        var qingdao = await (await (await App.As("officer.qingdao")).GetAsync($"/api/projects?q={first}")).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(qingdao.GetProperty("items").EnumerateArray());
        await (await officer.GetAsync("/api/projects?limit=0")).FieldErrorAsync("limit");
    }
}

public sealed class ProjectRegistrationOnSqlite(SqliteRuntimeApp app) : ProjectRegistrationScenarios(app), IClassFixture<SqliteRuntimeApp>;

public sealed class ProjectRegistrationOnPostgres(PostgresRuntimeApp app) : ProjectRegistrationScenarios(app), IClassFixture<PostgresRuntimeApp>;
