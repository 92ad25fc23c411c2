using System.Net;
using System.Text.Json;
using Cases.Web.Tests.Procedures;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Casework;

/// <summary>GET /api/cases (案件查询): filters, keyset paging, city scoping and refused input, on each provider.</summary>
public abstract class SearchCasesScenarios(AppFixture app) : ProcedureScenario(app)
{
    private async Task<Guid> OpenRateCaseAsync(string creditCode, string user = "officer.jinan", string city = "370100")
    {
        var client = await App.As(user);
        var started = await (await client.PostJsonAsync("/api/cases", new
        {
            procedure = "fee-rate-objection",
            city,
            data = new { employerCreditCode = creditCode, previousRate = 0.005m, newRate = 0.0045m, effectiveFrom = "2024-06", adjustedOn = "2024-05-10" },
        })).JsonAsync(HttpStatusCode.Created);
        return started.GetProperty("caseId").GetGuid();
    }

    private async Task<Guid> OpenDemoCaseAsync(string contractEndsOn) =>
        (await (await (await App.As("officer.jinan")).PostJsonAsync("/api/cases", DemoFiling.StartBody(contractEndsOn))).JsonAsync(HttpStatusCode.Created)).GetProperty("caseId").GetGuid();

    private async Task<JsonElement> SearchAsync(string query, string user = "officer.jinan") =>
        await (await (await App.As(user)).GetAsync(new Uri("/api/cases?" + query, UriKind.Relative))).JsonAsync(HttpStatusCode.OK);

    private static List<Guid> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("caseId").GetGuid())];

    [Fact]
    public async Task Pages_run_newest_first_without_gaps_or_repeats_even_when_a_case_is_opened_between_pages()
    {
        // Three cases in the same instant (the id breaks the tie), then one a minute later each.
        At("2024-05-14 10:00");
        var opened = new List<(Guid Id, int Order)>();
        for (var i = 0; i < 3; i++)
        {
            opened.Add((await OpenRateCaseAsync(TestParties.NewCreditCode()), 0));
        }

        for (var minute = 1; minute <= 4; minute++)
        {
            At($"2024-05-14 10:0{minute}");
            opened.Add((await OpenRateCaseAsync(TestParties.NewCreditCode()), minute));
        }

        const string day = "openedFrom=2024-05-14&openedTo=2024-05-14&limit=3";
        var first = await SearchAsync(day);
        Assert.Equal(3, Ids(first).Count);
        Assert.False(string.IsNullOrEmpty(first.Str("next")));

        // Opened after the first page was read: it belongs before it, so later pages neither repeat nor skip a case.
        At("2024-05-14 10:30");
        var late = await OpenRateCaseAsync(TestParties.NewCreditCode());

        var seen = Ids(first);
        var next = first.Str("next");
        while (next is not null)
        {
            var page = await SearchAsync($"{day}&after={next}");
            seen.AddRange(Ids(page));
            next = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.Str("next");
        }

        Assert.Equal(7, seen.Count);
        Assert.Equal(opened.Select(o => o.Id).Order(), seen.Order());
        Assert.DoesNotContain(late, seen);
        // Newest first: the minutes run backwards, the three of 10:00 last.
        Assert.Equal(opened.OrderByDescending(o => o.Order).Take(4).Select(o => o.Id), seen.Take(4));
        Assert.Contains(late, Ids(await SearchAsync(day)));
    }

    [Fact]
    public async Task Opened_dates_are_china_dates_and_each_row_says_what_the_case_is_and_when_its_next_task_is_due()
    {
        At("2024-07-02 23:30");
        var late = await OpenRateCaseAsync(TestParties.NewCreditCode());
        At("2024-07-03 00:10");
        var early = await OpenRateCaseAsync(TestParties.NewCreditCode());

        Assert.Equal([late], Ids(await SearchAsync("openedFrom=2024-07-02&openedTo=2024-07-02")));
        Assert.Equal([early], Ids(await SearchAsync("openedFrom=2024-07-03&openedTo=2024-07-03")));

        var row = (await SearchAsync("openedFrom=2024-07-03&openedTo=2024-07-03")).GetProperty("items")[0];
        Assert.Equal("fee-rate-objection", row.Str("procedure"));
        Assert.Equal("工伤保险费率浮动告知与异议", row.Str("procedureTitle"));
        Assert.Equal("notify-employer", row.Str("state"));
        Assert.False(string.IsNullOrEmpty(row.Str("stateTitle")));
        Assert.Equal("running", row.Str("status"));
        Assert.Equal("370100", row.Str("city"));
        var task = Task(await CaseAsync(early));
        Assert.Equal(task.Str("dueOn"), row.Str("nextDueOn"));
        Assert.Equal(new DateTimeOffset(2024, 7, 3, 0, 10, 0, TimeSpan.FromHours(8)), row.GetProperty("openedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Procedure_status_and_state_narrow_the_list_and_a_completed_case_shows_how_it_ended()
    {
        At("2024-06-03 09:00");
        var rate = await OpenRateCaseAsync(TestParties.NewCreditCode());
        At("2024-06-03 09:01");
        var demo = await OpenDemoCaseAsync("2024-06-30");
        At("2024-06-03 09:02");
        var ended = await OpenDemoCaseAsync("2024-06-20");
        // 第九条: the term of the second demo ends 15 days before its contract (06-05); the timer ends the case.
        At("2024-06-06 09:00");
        await App.RunDueTimersAsync();
        const string day = "openedFrom=2024-06-03&openedTo=2024-06-03";

        Assert.Equal([ended, demo], Ids(await SearchAsync($"{day}&procedure=demo-filing")));
        Assert.Equal([rate], Ids(await SearchAsync($"{day}&procedure=fee-rate-objection&state=notify-employer")));
        Assert.Equal([demo], Ids(await SearchAsync($"{day}&procedure=demo-filing&status=running")));
        var completed = Assert.Single((await SearchAsync($"{day}&status=completed")).GetProperty("items").EnumerateArray());
        Assert.Equal(ended, completed.GetProperty("caseId").GetGuid());
        Assert.Equal("completed", completed.Str("status"));
        Assert.Equal("term-ends", completed.Str("state"));
        Assert.Equal(JsonValueKind.Null, completed.GetProperty("nextDueOn").ValueKind);
    }

    [Fact]
    public async Task A_name_finds_the_cases_of_the_registered_worker_or_employer_of_that_name()
    {
        At("2024-09-02 09:00");
        var officer = await App.As("officer.jinan");
        var code = TestParties.NewCreditCode();
        var employerName = "泉城查询测试建材" + code[^6..];
        (await officer.PostJsonAsync("/api/employers", new { creditCode = code, name = employerName, riskClass = 2, city = "370100" })).EnsureSuccessStatusCode();
        var id = TestParties.NewIdNumber();
        var workerName = "查询测试" + id[^4..];
        (await officer.PostJsonAsync("/api/workers", new { idNumber = id, name = workerName, phone = "13812345678", employerCreditCode = code })).EnsureSuccessStatusCode();

        var rate = await OpenRateCaseAsync(code);
        var rehab = await StartAsync("rehab-extension", new
        {
            workerIdNumber = id, injuryCaseId = await TestInjuries.RegisterAsync(officer, id), rehabStartsOn = "2024-09-01", rehabEndsOn = "2024-12-31", institution = "山东省康复中心",
        });
        var unrelated = await OpenRateCaseAsync(TestParties.NewCreditCode());

        // The cases' own labels hold codes and masked numbers, not names: the names are found through the registers.
        Assert.Equal([rehab], Ids(await SearchAsync($"q={Uri.EscapeDataString(workerName)}")));
        Assert.Equal([rate], Ids(await SearchAsync($"q={Uri.EscapeDataString(employerName)}")));
        var byPart = Ids(await SearchAsync($"q={Uri.EscapeDataString("泉城查询测试")}"));
        Assert.Contains(rate, byPart);
        Assert.DoesNotContain(unrelated, byPart);
        // Another city's staff still see none of them.
        Assert.Empty(Ids(await SearchAsync($"q={Uri.EscapeDataString(workerName)}", "officer.qingdao")));
    }

    [Fact]
    public async Task Text_finds_a_case_by_its_party_in_any_case_by_the_short_number_shown_by_an_id_prefix_or_the_whole_id()
    {
        At("2024-08-05 09:00");
        var code = TestParties.NewCreditCode();
        var id = await OpenRateCaseAsync(code);
        var other = await OpenRateCaseAsync(TestParties.NewCreditCode());
        const string day = "openedFrom=2024-08-05&openedTo=2024-08-05";

        Assert.Equal([id], Ids(await SearchAsync($"{day}&q={code}")));
        Assert.Equal([id], Ids(await SearchAsync($"{day}&q={code[^8..].ToLowerInvariant()}")));
        var number = id.ToString("N")[^8..].ToUpperInvariant();
        Assert.Equal([id], Ids(await SearchAsync($"{day}&q={number}")));
        Assert.Equal([id], Ids(await SearchAsync($"{day}&q={id.ToString("N")[..20]}")));
        Assert.Equal([id], Ids(await SearchAsync($"q={id}")));
        Assert.Equal([id], Ids(await SearchAsync($"q={id.ToString().ToUpperInvariant()}")));
        Assert.DoesNotContain(other, Ids(await SearchAsync($"{day}&q={number}")));
        Assert.Empty(Ids(await SearchAsync($"{day}&q=没有这个单位")));
    }

    [Fact]
    public async Task City_staff_see_their_city_provincial_staff_every_city_or_the_one_named_and_another_city_is_forbidden()
    {
        At("2024-09-10 09:00");
        var jinan = await OpenRateCaseAsync(TestParties.NewCreditCode());
        At("2024-09-10 09:01");
        var qingdao = await OpenRateCaseAsync(TestParties.NewCreditCode("370200"), "officer.qingdao", "370200");
        const string day = "openedFrom=2024-09-10&openedTo=2024-09-10";

        Assert.Equal([jinan], Ids(await SearchAsync(day)));
        Assert.Equal([jinan], Ids(await SearchAsync($"{day}&city=370100")));
        Assert.Equal([qingdao], Ids(await SearchAsync(day, "officer.qingdao")));
        Assert.Equal([qingdao, jinan], Ids(await SearchAsync(day, "supervisor.province")));
        Assert.Equal([qingdao], Ids(await SearchAsync($"{day}&city=370200", "supervisor.province")));
        // Auditors and designers search no cases: they audit journals and design procedures (规程 第一百四十条).
        await (await (await App.As("auditor")).GetAsync(new Uri($"/api/cases?{day}", UriKind.Relative))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await (await App.As("designer")).GetAsync(new Uri($"/api/cases?{day}", UriKind.Relative))).ProblemAsync(HttpStatusCode.Forbidden);

        var refused = await (await (await App.As("officer.jinan")).GetAsync(new Uri($"/api/cases?{day}&city=370200", UriKind.Relative))).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("370100", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_party_label_holding_an_identity_number_stays_masked_in_the_list()
    {
        At("2024-10-08 09:00");
        var idNumber = TestParties.NewIdNumber();
        var injuryCaseId = await TestInjuries.RegisterWithNewWorkerAsync(await App.As("officer.jinan"), idNumber);
        await StartAsync("rehab-extension", new
        {
            workerIdNumber = idNumber,
            injuryCaseId,
            rehabStartsOn = "2024-08-01",
            rehabEndsOn = "2024-12-31",
            institution = "山东省工伤康复医院",
        });
        var row = (await SearchAsync("openedFrom=2024-10-08&openedTo=2024-10-08&procedure=rehab-extension")).GetProperty("items")[0];
        Assert.DoesNotContain(idNumber, row.Str("party"), StringComparison.Ordinal);
        Assert.EndsWith(idNumber[^4..], row.Str("party"), StringComparison.Ordinal);
        Assert.Single((await SearchAsync($"openedFrom=2024-10-08&openedTo=2024-10-08&q={idNumber[^4..]}")).GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("status=open", "status")]
    [InlineData("procedure=no-such-procedure", "procedure")]
    [InlineData("state=notify-employer", "state")]
    [InlineData("procedure=fee-rate-objection&state=no-such-state", "state")]
    [InlineData("openedFrom=2025-02-30", "openedFrom")]
    [InlineData("openedTo=yesterday", "openedTo")]
    [InlineData("openedFrom=2025-03-02&openedTo=2025-03-01", "openedTo")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("after=bm90LWEtY3Vyc29y", "after")]
    [InlineData("city=3701", "city")]
    public async Task Bad_input_is_a_400_naming_the_field(string query, string field)
    {
        // A provincial user, for whom a malformed city is malformed rather than another city's.
        var response = await (await App.As("supervisor.province")).GetAsync(new Uri("/api/cases?" + query, UriKind.Relative));
        await response.FieldErrorAsync(field);
    }

    [Fact]
    public async Task Text_too_long_or_with_control_characters_is_a_400_naming_q()
    {
        var client = await App.As("officer.jinan");
        await (await client.GetAsync(new Uri("/api/cases?q=" + new string('单', 101), UriKind.Relative))).FieldErrorAsync("q");
        await (await client.GetAsync(new Uri("/api/cases?q=a%01b", UriKind.Relative))).FieldErrorAsync("q");
    }
}

public sealed class SearchCasesOnSqlite(SqliteRuntimeApp app) : SearchCasesScenarios(app), IClassFixture<SqliteRuntimeApp>;

public sealed class SearchCasesOnPostgres(PostgresRuntimeApp app) : SearchCasesScenarios(app), IClassFixture<PostgresRuntimeApp>;
