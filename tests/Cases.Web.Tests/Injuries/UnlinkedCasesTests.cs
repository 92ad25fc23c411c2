using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cases.Application.Seeding;
using Cases.Domain.Staff;
using Cases.Web.Tests.Pages;
using Cases.Web.Tests.Procedures;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Injuries;

/// <summary>
/// 待关联案件 (docs/adr/0017): transfer cases opened on version 2, before the injury-case register, with the injury case
/// typed as text. A registered decision links the cases whose text is its number (brackets, widths and spaces aside) in
/// the registration's transaction; a supervisor's run links by number or id once; the rest are listed for an officer to
/// link by hand with a reason, or undo; nothing crosses cities, nothing rewrites the case's data, every step is journaled.
/// </summary>
public abstract class UnlinkedCasesScenarios(AppFixture app) : ProcedureScenario(app)
{
    private static readonly Actor JinanOfficer = new("officer.jinan", "370100", new HashSet<string> { Roles.Officer });
    private static readonly Actor QingdaoOfficer = new("officer.qingdao", "370200", new HashSet<string> { Roles.Officer });
    private static int _next = Random.Shared.Next(0, 500_000);

    private static string NewNumber(string city = "济") =>
        string.Create(CultureInfo.InvariantCulture, $"{city}人社工认字〔2025〕第{Interlocked.Increment(ref _next):D6}号");

    private Task<Guid> LegacyAsync(string typed, bool qingdao = false) =>
        LegacyCases.OpenAsync(App.Factory.Services, qingdao ? QingdaoOfficer : JinanOfficer, typed,
            qingdao ? TestInjuries.Zhao : TestInjuries.Wang, qingdao ? TestInjuries.Haiwan : TestInjuries.Hengda, new DateOnly(2025, 9, 26));

    /// <summary>Every case the user's unlinked list holds, page by page (keyset: none twice).</summary>
    private async Task<List<JsonElement>> UnlinkedAsync(string user = "officer.jinan")
    {
        var client = await App.As(user);
        var all = new List<JsonElement>();
        string? after = null;
        do
        {
            var page = await (await client.GetAsync("/api/injury-cases/unlinked?limit=3" + (after is null ? "" : "&after=" + after))).JsonAsync(HttpStatusCode.OK);
            all.AddRange(page.GetProperty("items").EnumerateArray());
            after = page.GetProperty("next").ValueKind == JsonValueKind.String ? page.GetProperty("next").GetString() : null;
        }
        while (after is not null);
        Assert.Equal(all.Count, all.Select(i => i.Str("caseId")).Distinct().Count());
        return all;
    }

    private async Task<List<Guid>> UnlinkedIdsAsync(string user = "officer.jinan") => [.. (await UnlinkedAsync(user)).Select(i => i.GetProperty("caseId").GetGuid())];

    private async Task<List<Cases.Workflows.Records.JournalEntry>> LinkJournalAsync(Guid caseId) =>
        [.. (await App.JournalAsync(caseId)).Where(j => j.Action is "injury-case-linked" or "injury-case-unlinked")];

    private static Task<HttpResponseMessage> UnlinkAsync(HttpClient client, Guid caseId, object body) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/cases/{caseId}/injury-case-link") { Content = JsonContent.Create(body) });

    [Fact]
    public async Task Registering_a_decision_links_the_waiting_cases_typed_with_its_number_and_its_page_lists_them()
    {
        At("2025-09-29 10:00");
        var officer = await App.As("officer.jinan");
        var number = NewNumber();
        var squareBrackets = await LegacyAsync(number.Replace('〔', '[').Replace('〕', ']'));
        var fullWidth = await LegacyAsync(" " + number.Replace('〔', '（').Replace('〕', '）').Replace("2025", "２０２５", StringComparison.Ordinal) + " ");
        var otherNumber = await LegacyAsync(number.Replace("第", "第9", StringComparison.Ordinal));
        var inQingdao = await LegacyAsync(number, qingdao: true);

        // Waiting: each with its procedure, version 2, its state and the text as typed.
        var waiting = await UnlinkedAsync();
        var row = Assert.Single(waiting, i => i.GetProperty("caseId").GetGuid() == squareBrackets);
        Assert.Equal(("transfer-approval", 2, "转诊转院备案", number.Replace('〔', '[').Replace('〕', ']')), (row.Str("procedure"), row.GetProperty("version").GetInt32(), row.Str("procedureTitle"), row.Str("typed")));
        Assert.Contains(fullWidth, waiting.Select(i => i.GetProperty("caseId").GetGuid()));
        Assert.DoesNotContain(inQingdao, waiting.Select(i => i.GetProperty("caseId").GetGuid()));

        var injuryCaseId = await TestInjuries.RegisterAsync(officer, recognitionNumber: number);

        // Linked in the registration's transaction; a different number and another city's case are not.
        var still = await UnlinkedIdsAsync();
        Assert.DoesNotContain(squareBrackets, still);
        Assert.DoesNotContain(fullWidth, still);
        Assert.Contains(otherNumber, still);
        Assert.Contains(inQingdao, await UnlinkedIdsAsync("officer.qingdao"));

        // The case's own data is as typed; its journal says who linked it, to which decision, and how.
        Assert.Equal(number.Replace('〔', '[').Replace('〕', ']'), Data(await CaseAsync(squareBrackets), "injuryCaseId"));
        var entry = Assert.Single(await LinkJournalAsync(squareBrackets));
        Assert.Equal(("injury-case-linked", "officer.jinan"), (entry.Action, entry.Actor));
        using (var data = JsonDocument.Parse(entry.DataJson))
        {
            Assert.Equal((injuryCaseId, number, "number", "registration"), (data.RootElement.Str("injuryCaseId"), data.RootElement.Str("recognitionNumber"), data.RootElement.Str("how"), data.RootElement.Str("trigger")));
        }

        // The injury case's page lists them as it lists the cases opened on it.
        var page = await officer.OpenAsync($"/injury-cases/{injuryCaseId}");
        var listed = page.QuerySelectorAll("[data-testid=case-row]").Select(r => r.GetAttribute("data-case-id")).ToList();
        Assert.Contains(squareBrackets.ToString(), listed);
        Assert.Contains(fullWidth.ToString(), listed);
        Assert.DoesNotContain(otherNumber.ToString(), listed);

        // The case page tells the link in Chinese.
        var casePage = await officer.OpenAsync($"/cases/{squareBrackets}");
        Assert.Contains("按工伤认定决定书编号自动关联工伤案件 " + number, casePage.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_supervisors_run_links_by_number_or_id_once_and_never_across_cities()
    {
        At("2025-09-29 10:00");
        var officer = await App.As("officer.jinan");
        var number = NewNumber();
        var injuryCaseId = await TestInjuries.RegisterAsync(officer, recognitionNumber: number);
        var byNumber = await LegacyAsync(number.Replace('〔', '【').Replace('〕', '】'));
        var byId = await LegacyAsync(injuryCaseId.ToUpperInvariant());
        var paper = await LegacyAsync("见纸质档案");
        var inQingdao = await LegacyAsync(number, qingdao: true);

        // An officer does not run it.
        await (await officer.PostJsonAsync("/api/injury-cases/unlinked/link-matching", new { })).ProblemAsync(HttpStatusCode.Forbidden);

        var supervisor = await App.As("supervisor.jinan");
        var run = await (await supervisor.PostJsonAsync("/api/injury-cases/unlinked/link-matching", new { })).JsonAsync(HttpStatusCode.OK);
        var linked = run.GetProperty("linkedCases").EnumerateArray().Select(c => c.GetGuid()).ToList();
        Assert.Contains(byNumber, linked);
        Assert.Contains(byId, linked);
        Assert.DoesNotContain(paper, linked);
        Assert.DoesNotContain(inQingdao, linked);
        Assert.True(run.GetProperty("stillUnlinked").GetInt32() >= 1);
        using (var data = JsonDocument.Parse(Assert.Single(await LinkJournalAsync(byId)).DataJson))
        {
            Assert.Equal(("id", "run"), (data.RootElement.Str("how"), data.RootElement.Str("trigger")));
        }

        // Idempotent: the second run links nothing it linked, and journals nothing twice.
        var again = await (await supervisor.PostJsonAsync("/api/injury-cases/unlinked/link-matching", new { })).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(again.GetProperty("linkedCases").EnumerateArray().Select(c => c.GetGuid()).Intersect([byNumber, byId]));
        Assert.Single(await LinkJournalAsync(byNumber));
        Assert.Contains(paper, await UnlinkedIdsAsync());

        // A provincial supervisor's run of Qingdao does not link Qingdao's case to Jinan's decision; a city supervisor may not name another city.
        var province = await App.As("supervisor.province");
        var qingdaoRun = await (await province.PostJsonAsync("/api/injury-cases/unlinked/link-matching?city=370200", new { })).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(inQingdao, qingdaoRun.GetProperty("linkedCases").EnumerateArray().Select(c => c.GetGuid()));
        Assert.Contains(inQingdao, await UnlinkedIdsAsync("supervisor.province"));
        await (await supervisor.PostJsonAsync("/api/injury-cases/unlinked/link-matching?city=370200", new { })).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_officer_links_a_case_by_hand_with_a_reason_and_undoes_a_wrong_link_which_is_not_made_again()
    {
        At("2025-09-29 10:00");
        var officer = await App.As("officer.jinan");
        var number = NewNumber();
        var injuryCaseId = await TestInjuries.RegisterAsync(officer, recognitionNumber: number);
        var otherInjury = await TestInjuries.RegisterAsync(officer, TestInjuries.Li);
        var qingdaoInjury = await TestInjuries.RegisterAsync(await App.As("officer.qingdao"), TestInjuries.Zhao);
        var legacy = await LegacyAsync("济工伤2024-0457");
        var link = $"/api/cases/{legacy}/injury-case-link";

        // Refusals name the field; another city's injury case is as unknown as a missing one; nothing is linked.
        Assert.Contains("关联理由", await (await officer.PostJsonAsync(link, new { injuryCaseId })).FieldErrorAsync("reason"), StringComparison.Ordinal);
        await (await officer.PostJsonAsync(link, new { injuryCaseId = qingdaoInjury, reason = "核对纸质档案" })).FieldErrorAsync("injuryCaseId");
        await (await officer.PostJsonAsync(link, new { injuryCaseId = "济工伤2024-0457", reason = "核对纸质档案" })).FieldErrorAsync("injuryCaseId");
        await (await (await App.As("officer.qingdao")).PostJsonAsync(link, new { injuryCaseId, reason = "核对纸质档案" })).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await LinkJournalAsync(legacy));

        // By the decision's number as the officer types it; the same link again changes nothing.
        var linked = await (await officer.PostJsonAsync(link, new { injuryCaseId = number.Replace('〔', '(').Replace('〕', ')'), reason = "核对纸质档案，编号为旧档案号" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((injuryCaseId, "officer", true), (linked.Str("injuryCaseId"), linked.Str("how"), linked.GetProperty("linked").GetBoolean()));
        await (await officer.PostJsonAsync(link, new { injuryCaseId, reason = "再次确认" })).JsonAsync(HttpStatusCode.OK);
        Assert.Single(await LinkJournalAsync(legacy));
        Assert.DoesNotContain(legacy, await UnlinkedIdsAsync());

        // Linked to another while linked: 409, undo first.
        await (await officer.PostJsonAsync(link, new { injuryCaseId = otherInjury, reason = "改为另一工伤" })).ProblemAsync(HttpStatusCode.Conflict);

        // Undone with a reason (journaled); listed again, and neither a run nor a registration makes it again.
        await (await UnlinkAsync(officer, legacy, new { })).FieldErrorAsync("reason");
        var undone = await (await UnlinkAsync(officer, legacy, new { reason = "关联有误，应为另一次工伤" })).JsonAsync(HttpStatusCode.OK);
        Assert.False(undone.GetProperty("linked").GetBoolean());
        await (await UnlinkAsync(officer, legacy, new { reason = "再次撤销" })).ProblemAsync(HttpStatusCode.Conflict);
        var row = Assert.Single(await UnlinkedAsync(), i => i.GetProperty("caseId").GetGuid() == legacy);
        Assert.True(row.GetProperty("undone").GetBoolean());
        Assert.Equal(["injury-case-linked", "injury-case-unlinked"], (await LinkJournalAsync(legacy)).Select(j => j.Action));

        var undoneByNumber = await LegacyAsync(number);
        await (await (await App.As("supervisor.jinan")).PostJsonAsync("/api/injury-cases/unlinked/link-matching", new { })).JsonAsync(HttpStatusCode.OK);
        await (await UnlinkAsync(officer, undoneByNumber, new { reason = "同号不同伤" })).JsonAsync(HttpStatusCode.OK);
        var rerun = await (await (await App.As("supervisor.jinan")).PostJsonAsync("/api/injury-cases/unlinked/link-matching", new { })).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(undoneByNumber, rerun.GetProperty("linkedCases").EnumerateArray().Select(c => c.GetGuid()));

        // Linked anew, to the right one.
        await (await officer.PostJsonAsync(link, new { injuryCaseId = otherInjury, reason = "改为另一工伤" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, (await LinkJournalAsync(legacy)).Count);

        // A case opened on the register (version 3) needs no link.
        var current = await StartAsync("transfer-approval", new
        {
            injuryCaseId, appliedOn = "2025-09-29", materialsReceived = new[] { "application", "referral-opinion" },
            referral = new { hospital = "济南市第四人民医院", issuedOn = "2025-09-28", destinationHospital = "北京积水潭医院", destinationCityCode = "outside-shandong", destinationProvince = "北京市", destinationCity = "北京市", reason = "需行二期骨科手术" },
        });
        await (await officer.PostJsonAsync($"/api/cases/{current}/injury-case-link", new { injuryCaseId, reason = "试" })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.DoesNotContain(current, await UnlinkedIdsAsync());
    }

    [Fact]
    public async Task The_page_lists_the_unlinked_cases_in_Chinese_and_links_one_through_its_form()
    {
        At("2025-09-29 10:00");
        var officer = await App.As("officer.jinan");
        var injuryCaseId = await TestInjuries.RegisterAsync(officer, TestInjuries.Li);
        var legacy = await LegacyAsync("见纸质档案第" + Interlocked.Increment(ref _next) + "卷");
        var supervisor = await App.As("supervisor.jinan");

        var home = await supervisor.OpenAsync("/");
        Assert.NotNull(home.QuerySelector("[data-testid=nav-unlinked-cases]"));
        var page = await supervisor.OpenAsync("/supervision/unlinked-cases");
        Assert.Equal("待关联案件", page.QuerySelector("h1").Text());
        Assert.NotNull(page.QuerySelector("[data-testid=link-matching]"));
        var headers = page.QuerySelectorAll("[data-testid=unlinked-cases] th").Select(h => h.Text()).ToList();
        Assert.Equal(["案件编号", "业务", "版本", "当前环节", "状态", "填写的工伤案件", "当事人", "城市", "受理时间", "关联到工伤案件"], headers);
        var row = page.QuerySelector($"[data-testid=unlinked-row][data-case-id='{legacy}']");
        Assert.NotNull(row);
        Assert.Contains("转诊转院备案", row.Text(), StringComparison.Ordinal);
        Assert.Contains("第 2 版", row.Text(), StringComparison.Ordinal);
        var visible = page.Body!.TextContent;
        foreach (var word in new[] { "Unlinked", "Link automatically", "Reason for", "Linked by" })
        {
            Assert.DoesNotContain(word, visible, StringComparison.Ordinal);
        }

        // An empty reason is refused on the page; a reason links it and the page says so.
        var refused = await supervisor.SubmitAsync(page, $"[data-testid=unlinked-row][data-case-id='{legacy}'] form", [new("injuryCase", injuryCaseId), new("reason", "")]);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains(legacy, await UnlinkedIdsAsync());
        var script = await supervisor.SubmitAsync(page, $"[data-testid=unlinked-row][data-case-id='{legacy}'] form", [new("injuryCase", "<script>alert('x')</script>\"><img src=x onerror=alert(1)>"), new("reason", "核对")]);
        Assert.Equal(HttpStatusCode.Redirect, script.StatusCode);
        Assert.StartsWith("/supervision/unlinked-cases", script.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var journalBefore = (await App.JournalAsync(legacy)).Count;
        var told = await supervisor.OpenAsync("/supervision/unlinked-cases");
        Assert.Contains("未关联", told.QuerySelector("[data-testid=problem]").Text(), StringComparison.Ordinal);
        Assert.Equal(journalBefore, (await App.JournalAsync(legacy)).Count);
        Assert.Contains(legacy, await UnlinkedIdsAsync());
        var done = await supervisor.SubmitAsync(page, $"[data-testid=unlinked-row][data-case-id='{legacy}'] form", [new("injuryCase", injuryCaseId), new("reason", "核对纸质档案")]);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var after = await supervisor.OpenAsync("/supervision/unlinked-cases");
        Assert.Contains("已关联工伤案件", after.QuerySelector("[data-testid=notice]").Text(), StringComparison.Ordinal);
        Assert.Null(after.QuerySelector($"[data-testid=unlinked-row][data-case-id='{legacy}']"));
        Assert.Contains("人工关联", after.QuerySelector($"[data-testid=link-row][data-case-id='{legacy}']").Text(), StringComparison.Ordinal);

        // In English, the same page in English.
        var english = await supervisor.OpenAsync("/supervision/unlinked-cases?culture=en");
        Assert.Equal("Unlinked cases", english.QuerySelector("h1").Text());

        // A reviewer neither sees nor posts it.
        var reviewer = await App.As("reviewer.jinan");
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync(new Uri("/supervision/unlinked-cases", UriKind.Relative))).StatusCode);
    }
}

public sealed class UnlinkedCasesOnSqlite(SqliteRuntimeApp app) : UnlinkedCasesScenarios(app), IClassFixture<SqliteRuntimeApp>;

public sealed class UnlinkedCasesOnPostgres(PostgresRuntimeApp app) : UnlinkedCasesScenarios(app), IClassFixture<PostgresRuntimeApp>;
