using System.Net;
using System.Text.Json;
using Cases.Domain.Parties;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Tests.Procedures;

/// <summary>
/// employer-registration, employer-change and employer-deregistration — 参保登记、变更登记、注销登记 (第六～八条、
/// 第十三～十九条) through the HTTP API, and the register they write (GET /api/employers).
/// </summary>
public abstract class EmployerRegistersScenarios(AppFixture app) : ProcedureScenario(app)
{
    private const string RepIdNumber = "370102198001010015";

    private static object RegistrationData(string code, string name = "济南鲁建建设集团有限公司") => new
    {
        employerCreditCode = code,
        employerName = name,
        appliedOn = "2025-11-03",
        unitType = "enterprise",
        economicType = "limited-liability",
        affiliation = "city",
        registrationAuthority = "market-regulation",
        establishedOn = "2012-06-18",
        industry = "房屋建筑业",
        address = "济南市历下区经十路 17703 号",
        phone = "053188886666",
        legalRepresentative = new { name = "王建国", idType = "resident-id", idNumber = RepIdNumber, phone = "13805310001" },
        laborDispatch = false,
    };

    private async Task<JsonElement> EmployerAsync(string code, string user = "officer.jinan") =>
        await (await (await App.As(user)).GetAsync($"/api/employers/{code}")).JsonAsync(HttpStatusCode.OK);

    private async Task<string> RegisteredAsync(string? name = null)
    {
        var code = TestParties.NewCreditCode();
        var officer = await App.As("officer.jinan");
        await (await officer.PostJsonAsync("/api/employers", new
        {
            creditCode = code,
            name = name ?? "济南泉城精密机械有限公司",
            riskClass = 3,
            city = "370100",
            registeredOn = "2018-03-01",
            unitType = "enterprise",
            address = "济南市槐荫区经七路 88 号",
            legalRepresentative = new { name = "李秀兰", documentType = "resident-id", documentNumber = RepIdNumber, phone = "13905310002" },
        })).JsonAsync(HttpStatusCode.Created);
        return code;
    }

    private Task<Employer> StoredAsync(string code) =>
        App.InDbAsync(db => db.Employers.AsNoTracking().SingleAsync(e => e.CreditCode == CreditCode.Parse(code, "creditCode")));

    [Fact]
    public async Task A_registration_determined_and_approved_enters_the_register_and_tells_the_employer_and_the_tax_department()
    {
        At("2025-11-03 09:00");
        var code = TestParties.NewCreditCode();
        var caseId = await StartAsync("employer-registration", RegistrationData(code));
        var determine = Task(await CaseAsync(caseId));
        Assert.Equal(("determine-risk-class", "officer", "第八条"), (determine.Str("state"), determine.Str("role"), determine.Str("basis")));
        Assert.Equal("agency", determine.GetProperty("source").ToString(), ignoreCase: true);

        // The licence came from the market regulator's shared information (第六条), the ID from the employer.
        object[] received = [new { key = "business-licence", sharedFrom = "济南市市场监督管理局" }, "legal-representative-id"];
        var approve = Task(await CompleteAsync(determine, "determined", new { materialsReceived = received, riskClass = "5" }));
        Assert.Equal(("approve-registration", "reviewer"), (approve.Str("state"), approve.Str("role")));
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.As("officer.jinan")).GetAsync($"/api/employers/{code}")).StatusCode);

        At("2025-11-04 10:00");
        var done = await CompleteAsync(approve, "approved", null, "reviewer.jinan");
        Assert.Equal("registered", done.Str("state"));

        var employer = await EmployerAsync(code);
        Assert.Equal(("济南鲁建建设集团有限公司", 5, "五类", "2025-11-04"), (employer.Str("name"), employer.GetProperty("riskClass").GetInt32(), employer.Str("riskClassName"), employer.Str("registeredOn")));
        Assert.Equal(("enterprise", "企业"), (employer.GetProperty("unitType").Str("code"), employer.GetProperty("unitType").Str("nameZh")));
        Assert.Equal("有限责任公司", employer.GetProperty("economicType").Str("nameZh"));
        Assert.Equal("市场监督管理部门", employer.GetProperty("registrationAuthority").Str("nameZh"));
        Assert.Equal(("2012-06-18", "房屋建筑业"), (employer.Str("establishedOn"), employer.Str("industry")));
        var rep = employer.GetProperty("legalRepresentative");
        Assert.Equal(("王建国", "370102********0015", "138****0001"), (rep.Str("name"), rep.Str("documentNumber"), rep.Str("phone")));
        Assert.DoesNotContain(RepIdNumber, employer.ToString(), StringComparison.Ordinal);
        Assert.Equal(("active", "正常"), (employer.GetProperty("status").Str("code"), employer.GetProperty("status").Str("nameZh")));
        var stored = await StoredAsync(code);
        Assert.Equal(("370100", RepIdNumber), (stored.CityCode, stored.LegalRepresentativeDocumentNumber));

        var outbox = await App.OutboxAsync(caseId);
        var toEmployer = Assert.Single(outbox, m => m.Template == "employer-registered");
        Assert.Equal("employer", toEmployer.Recipient);
        var toTax = Assert.Single(outbox, m => m.Template == "employer-registration-to-tax-department");
        Assert.Equal("tax-department", toTax.Recipient);
        var payload = JsonDocument.Parse(toTax.PayloadJson).RootElement;
        Assert.Equal((code, "5", "2025-11-04"), (payload.Str("employerCreditCode"), payload.GetProperty("riskClass").ToString(), payload.Str("registeredOn")));
    }

    [Fact]
    public async Task A_second_registration_of_a_registered_code_is_409_naming_it_and_starts_no_case()
    {
        At("2025-11-03 09:00");
        var code = await RegisteredAsync();
        var before = await App.InDbAsync(db => db.Cases.CountAsync());

        var response = await (await App.As("officer.jinan")).PostJsonAsync("/api/cases", new { procedure = "employer-registration", city = "370100", data = RegistrationData(code) });

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(code, problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(before, await App.InDbAsync(db => db.Cases.CountAsync()));
        var again = await (await App.As("officer.jinan")).PostJsonAsync("/api/employers", new { creditCode = code, name = "重复登记有限公司", riskClass = 1, city = "370100" });
        Assert.Contains(code, (await again.ProblemAsync(HttpStatusCode.Conflict)).Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dispatch_firm_records_the_basis_of_its_risk_class()
    {
        At("2025-11-03 09:00");
        var code = TestParties.NewCreditCode();
        var data = JsonSerializer.SerializeToNode(RegistrationData(code, "山东齐鲁人力资源劳务派遣有限公司"))!.AsObject();
        data["laborDispatch"] = true;
        var caseId = await StartAsync("employer-registration", data);
        var approve = Task(await CompleteAsync(Task(await CaseAsync(caseId)), "determined", new
        {
            materialsReceived = new[] { "business-licence", "legal-representative-id" },
            riskClass = "4",
            dispatchRiskBasis = "被派遣劳动者多数在制造业用工单位（第八条第二款）",
        }));
        await CompleteAsync(approve, "approved", null, "reviewer.jinan");

        var employer = await EmployerAsync(code);
        Assert.True(employer.GetProperty("laborDispatch").GetBoolean());
        Assert.Equal("被派遣劳动者多数在制造业用工单位（第八条第二款）", employer.Str("dispatchRiskBasis"));
    }

    [Fact]
    public async Task A_change_updates_the_register_at_once_and_tells_the_tax_department_and_a_credit_code_change_is_refused()
    {
        At("2025-11-03 09:00");
        var code = await RegisteredAsync();
        var caseId = await StartAsync("employer-change", new { employerCreditCode = code, appliedOn = "2025-11-03" });
        var review = Task(await CaseAsync(caseId));
        Assert.Equal(("review-change", "第十五条"), (review.Str("state"), review.Str("basis")));
        string[] received = ["change-application", "change-evidence"];

        var newCode = TestParties.NewCreditCode();
        var refused = await (await DemoFiling.CompleteAsync(await App.As("officer.jinan"), review.Id(), "passed", new { materialsReceived = received, newCreditCode = newCode, address = "不应写入的地址" }))
            .FieldErrorAsync("data.newCreditCode");
        Assert.Contains("第十四条", refused, StringComparison.Ordinal);
        Assert.Equal("济南市槐荫区经七路 88 号", (await StoredAsync(code)).Address);
        Assert.Equal("review-change", (await CaseAsync(caseId)).Str("state"));

        var done = await CompleteAsync(review, "passed", new
        {
            materialsReceived = received,
            newName = "济南泉城智能装备有限公司",
            newRiskClass = "2",
            address = "济南市高新区舜华路 2000 号",
            legalRepresentative = new { name = "赵明", idType = "passport", idNumber = "E12345678" },
        });
        Assert.Equal("changed", done.Str("state"));

        var employer = await EmployerAsync(code);
        Assert.Equal(("济南泉城智能装备有限公司", 2, "济南市高新区舜华路 2000 号", code), (employer.Str("name"), employer.GetProperty("riskClass").GetInt32(), employer.Str("address"), employer.Str("creditCode")));
        Assert.Equal(("赵明", "护照"), (employer.GetProperty("legalRepresentative").Str("name"), employer.GetProperty("legalRepresentative").GetProperty("documentType").Str("nameZh")));
        Assert.Equal("enterprise", employer.GetProperty("unitType").Str("code"));
        var toTax = Assert.Single(await App.OutboxAsync(caseId), m => m.Template == "employer-change-to-tax-department");
        Assert.Equal("tax-department", toTax.Recipient);
        Assert.Contains("济南泉城智能装备有限公司", toTax.PayloadJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_not_passed_gives_the_reason_and_the_one_time_notice_and_changes_nothing()
    {
        At("2025-11-03 09:00");
        var code = await RegisteredAsync();
        var caseId = await StartAsync("employer-change", new { employerCreditCode = code, appliedOn = "2025-11-03" });

        var waiting = await CompleteAsync(Task(await CaseAsync(caseId)), "not-passed", new
        {
            materialsReceived = new[] { "change-application" },
            newName = "未经审核的名称有限公司",
            reviewNote = "变更后的名称与登记机关共享信息不一致，请提交名称变更核准通知书",
        });

        Assert.Equal("awaiting-materials", waiting.Str("state"));
        var notice = Assert.Single(await App.OutboxAsync(caseId), m => m.Recipient == "employer");
        Assert.Contains("变更后的名称与登记机关共享信息不一致", notice.PayloadJson, StringComparison.Ordinal);
        Assert.Contains("change-evidence", notice.PayloadJson, StringComparison.Ordinal);
        Assert.Equal("济南泉城精密机械有限公司", (await StoredAsync(code)).Name);
    }

    [Fact]
    public async Task A_deregistration_is_refused_while_a_case_of_the_employer_runs_and_nothing_changes()
    {
        At("2025-11-03 09:00");
        var code = await RegisteredAsync();
        var running = await StartAsync("fee-rate-objection", new { employerCreditCode = code, previousRate = 0.005m, newRate = 0.0045m, effectiveFrom = "2025-07", adjustedOn = "2025-10-31" });
        var cases = await App.InDbAsync(db => db.Cases.CountAsync());

        var response = await (await App.As("officer.jinan")).PostJsonAsync("/api/cases", new { procedure = "employer-deregistration", city = "370100", data = new { employerCreditCode = code, appliedOn = "2025-11-03", reason = "dissolved" } });

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("尚有办理中的案件", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Contains(Cases.Workflows.Instances.CaseNumbers.Of(running), problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(cases, await App.InDbAsync(db => db.Cases.CountAsync()));
        Assert.Equal(EmployerStatus.Active, (await StoredAsync(code)).Status);
    }

    /// <summary>A deregistration applied for on 11/3 and reviewed on 11/5 with what the tax department reported owed on 11/4 (第十七条).</summary>
    private async Task<(Guid CaseId, JsonElement Done)> DeregistrationReviewedAsync(string code, decimal owedContributions, decimal owedLateFees)
    {
        var caseId = await StartAsync("employer-deregistration", new { employerCreditCode = code, appliedOn = "2025-11-03", reason = "dissolved" });
        var review = Task(await CaseAsync(caseId));
        Assert.Equal(("review-deregistration", "第十七条"), (review.Str("state"), review.Str("basis")));
        At("2025-11-05 10:00");
        var done = await CompleteAsync(review, "reviewed", new
        {
            materialsReceived = new[] { "deregistration-record", "tax-arrears-report" },
            owedContributions,
            owedLateFees,
            taxReportedOn = "2025-11-04",
            liquidationReminded = true,
        });
        return (caseId, done);
    }

    [Fact]
    public async Task An_employer_that_still_owes_is_flagged_pre_deregistered_and_the_tax_department_told()
    {
        At("2025-11-03 09:00");
        var code = await RegisteredAsync();
        var (caseId, done) = await DeregistrationReviewedAsync(code, owedContributions: 12800.50m, owedLateFees: 64.00m);

        Assert.Equal("pre-deregistered", done.Str("state"));
        var stored = await StoredAsync(code);
        Assert.Equal((EmployerStatus.PreDeregistered, new DateOnly(2025, 11, 5)), (stored.Status, stored.StatusOn));
        Assert.Equal(("pre-deregistered", "预注销"), ((await EmployerAsync(code)).GetProperty("status").Str("code"), (await EmployerAsync(code)).GetProperty("status").Str("nameZh")));
        var toTax = Assert.Single(await App.OutboxAsync(caseId), m => m.Template == "employer-pre-deregistered-to-tax-department");
        Assert.Equal("tax-department", toTax.Recipient);
        Assert.Contains("12800.5", toTax.PayloadJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_employer_that_owes_nothing_is_deregistered_with_the_day_and_changes_no_more()
    {
        At("2025-11-03 09:00");
        var code = await RegisteredAsync();
        var (caseId, done) = await DeregistrationReviewedAsync(code, owedContributions: 0m, owedLateFees: 0m);

        Assert.Equal("deregistered", done.Str("state"));
        var employer = await EmployerAsync(code);
        Assert.Equal(("deregistered", "已注销", "2025-11-05"), (employer.GetProperty("status").Str("code"), employer.GetProperty("status").Str("nameZh"), employer.Str("statusOn")));
        Assert.Contains(await App.OutboxAsync(caseId), m => m.Template == "employer-deregistered-to-tax-department" && m.Recipient == "tax-department");

        var cases = await App.InDbAsync(db => db.Cases.CountAsync());
        var refused = await (await App.As("officer.jinan")).PostJsonAsync("/api/cases", new { procedure = "employer-change", city = "370100", data = new { employerCreditCode = code, appliedOn = "2025-11-05" } });
        // Injury pages: a deregistered employer is refused at the start field that names it (第十七、十八条).
        Assert.Contains("已于 2025-11-05 注销登记", await refused.FieldErrorAsync("data.employerCreditCode"), StringComparison.Ordinal);
        Assert.Equal(cases, await App.InDbAsync(db => db.Cases.CountAsync()));
        Assert.Equal("济南泉城精密机械有限公司", (await StoredAsync(code)).Name);
    }

    [Fact]
    public async Task Another_citys_employer_is_404_and_cannot_be_changed_from_here()
    {
        At("2025-11-03 09:00");
        var code = TestParties.NewCreditCode("370200");
        await (await (await App.As("officer.qingdao")).PostJsonAsync("/api/employers", new { creditCode = code, name = "青岛港湾物流有限公司", riskClass = 2, city = "370200" })).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.NotFound, (await (await App.As("officer.jinan")).GetAsync($"/api/employers/{code}")).StatusCode);
        var listed = await (await (await App.As("officer.jinan")).GetAsync($"/api/employers?q={code}")).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(listed.GetProperty("items").EnumerateArray());
        var start = await (await App.As("officer.jinan")).PostJsonAsync("/api/cases", new { procedure = "employer-change", city = "370100", data = new { employerCreditCode = code, appliedOn = "2025-11-03" } });
        Assert.Equal(HttpStatusCode.BadRequest, start.StatusCode);
        await start.FieldErrorAsync("data.employerCreditCode");
    }

    [Fact]
    public async Task The_register_lists_the_citys_employers_by_name_prefix_or_code_in_keyset_pages()
    {
        At("2025-11-03 09:00");
        var prefix = "济南历城" + Guid.NewGuid().ToString("N")[..4];
        var codes = new List<string>();
        foreach (var suffix in new[] { "甲建材有限公司", "乙建材有限公司", "丙建材有限公司" })
        {
            codes.Add(await RegisteredAsync(prefix + suffix));
        }

        var officer = await App.As("officer.jinan");
        var first = await (await officer.GetAsync($"/api/employers?q={Uri.EscapeDataString(prefix)}&limit=2")).JsonAsync(HttpStatusCode.OK);
        var names = first.GetProperty("items").EnumerateArray().Select(e => e.Str("name")).ToList();
        Assert.Equal(2, names.Count);
        var next = first.Str("next");
        Assert.NotNull(next);
        var second = await (await officer.GetAsync($"/api/employers?q={Uri.EscapeDataString(prefix)}&limit=2&after={next}")).JsonAsync(HttpStatusCode.OK);
        names.AddRange(second.GetProperty("items").EnumerateArray().Select(e => e.Str("name")));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
        Assert.Equal(3, names.Distinct().Count());
        Assert.Equal(names.Order(StringComparer.Ordinal).ToList(), names);

        var byCode = await (await officer.GetAsync($"/api/employers?q={codes[1]}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(prefix + "乙建材有限公司", Assert.Single(byCode.GetProperty("items").EnumerateArray()).Str("name"));
        Assert.Equal("370102********0015", Assert.Single(byCode.GetProperty("items").EnumerateArray()).GetProperty("legalRepresentative").Str("documentNumber"));

        await (await officer.GetAsync("/api/employers?limit=0")).FieldErrorAsync("limit");
        await (await officer.GetAsync("/api/employers?after=not-a-code")).FieldErrorAsync("after");
    }
}

public sealed class EmployerRegistersOnSqlite(SqliteRuntimeApp app) : EmployerRegistersScenarios(app), IClassFixture<SqliteRuntimeApp>;

public sealed class EmployerRegistersOnPostgres(PostgresRuntimeApp app) : EmployerRegistersScenarios(app), IClassFixture<PostgresRuntimeApp>;
