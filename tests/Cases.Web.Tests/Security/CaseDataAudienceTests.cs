using System.Net;
using System.Text.Json;
using Cases.Application.Casework;
using Cases.Application.Parties;
using Cases.Domain;
using Cases.Domain.Staff;
using Cases.Web.Tests.Pages;
using Cases.Workflows.Tasks;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Cases.Web.Tests.Security;

/// <summary>
/// Case data only for those whose duty needs it (规程 第一百四十、一百四十一条): designers see definitions and dry runs, never a
/// real case; auditors see the audit log and the journals they audit — a case's journal, masked, with its verification —
/// never its data, tasks, files or ledgers. The API and the pages say the same, because both ask the same use cases.
/// </summary>
public sealed class CaseDataAudienceTests : IClassFixture<SecurityApp>, IAsyncLifetime
{
    // A procedure of this test's own whose start data is a worker's identity number, so the journal carries one.
    private const string JournalProcedure = """
        {
          "key": "journal-audit", "version": 1,
          "title": { "zh": "留痕审计测试", "en": "Journal audit check" },
          "basis": ["第一百二十条"],
          "initial": "review",
          "data": { "workerIdNumber": { "type": "string", "maxLength": 18 }, "filedOn": { "type": "date" }, "reviewNote": { "type": "text", "maxLength": 200 } },
          "startWith": ["workerIdNumber", "filedOn"],
          "states": {
            "review": {
              "kind": "task", "role": "officer",
              "deadline": { "after": "filedOn", "workingDays": 5, "source": "agency", "basis": "第十五条" },
              "form": [ { "field": "reviewNote" } ],
              "outcomes": { "done": { "to": "done" } }
            },
            "done": { "kind": "end", "outcome": "closed" }
          }
        }
        """;

    private readonly SecurityApp _app;
    private Guid _case;

    public CaseDataAudienceTests(SecurityApp app) => _app = app;

    private SecurityApp.CityRecords Jinan => _app.Cities[SecurityApp.Jinan];

    private string MaskedWorker => Jinan.WorkerId[..6] + "********" + Jinan.WorkerId[14..];

    public async Task InitializeAsync()
    {
        await _app.ReadyAsync();
        if (await _app.SendAsync("designer", HttpMethod.Get, "/api/definitions/journal-audit/versions/1") is { StatusCode: HttpStatusCode.NotFound })
        {
            await _app.CreatedAsync("designer", "/api/definitions/journal-audit/versions", JsonDocument.Parse(JournalProcedure).RootElement);
        }

        var started = await _app.CreatedAsync("officer.jinan", "/api/cases", new { procedure = "journal-audit", city = SecurityApp.Jinan, data = new { workerIdNumber = Jinan.WorkerId, filedOn = "2025-10-20" } });
        _case = started.GetProperty("caseId").GetGuid();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<List<string>> ApiUrlsAsync() =>
    [
        "/api/cases?city=" + SecurityApp.Jinan,
        $"/api/cases/{_case}",
        $"/api/cases/{_case}/comments",
        $"/api/cases/{_case}/attachments",
        $"/api/cases/{Jinan.CaseId}/attachments/{await _app.SharedAsync($"attachment {SecurityApp.Jinan}", () => CaseworkSupport.UploadAsync(_app, SecurityApp.Jinan))}",
        "/api/tasks",
        "/api/tasks?scope=available",
        "/api/inbox/filters",
        $"/api/employers/{Jinan.EmployerCode}",
        $"/api/employers/{Jinan.EmployerCode}/workers",
        $"/api/workers/{Jinan.WorkerId}",
        "/api/ledgers/advance-payments",
    ];

    [Theory]
    [InlineData("designer")]
    [InlineData("auditor")]
    public async Task Designers_and_auditors_get_no_case_data_from_the_api(string user)
    {
        foreach (var url in await ApiUrlsAsync())
        {
            using var response = await _app.SendAsync(user, HttpMethod.Get, url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{user} GET {url}: {(int)response.StatusCode} {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        using var saved = await _app.SendAsync(user, HttpMethod.Post, "/api/inbox/filters", SecurityApp.Json(new { name = "不该有", sort = "due" }));
        Assert.Equal(HttpStatusCode.Forbidden, saved.StatusCode);
    }

    [Theory]
    [InlineData("designer")]
    [InlineData("auditor")]
    public async Task Designers_and_auditors_are_refused_the_case_pages_and_their_menu_does_not_offer_them(string user)
    {
        var task = await _app.NewOfficerTaskAsync(SecurityApp.Jinan);
        foreach (var page in new[] { "/inbox", "/cases", $"/cases/{_case}", $"/tasks/{task}", "/ledgers" })
        {
            using var response = await _app.SendAsync(user, HttpMethod.Get, page);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden,
                $"{user} GET {page}: {(int)response.StatusCode} {response.Headers.Location}");
        }

        using var home = await _app.SendAsync(user, HttpMethod.Get, "/");
        var document = await PageSupport.ParseAsync(home);
        Assert.Null(document.QuerySelector("[data-testid=nav-inbox]"));
        Assert.Null(document.QuerySelector("[data-testid=nav-cases]"));
        Assert.Null(document.QuerySelector("script[src*='notifications.js']")); // no badges to poll for
        Assert.NotNull(document.QuerySelector(user == "designer" ? "a[href='/designer']" : "[data-testid=nav-audit]"));
    }

    [Fact]
    public async Task The_use_cases_behind_the_pages_and_the_api_refuse_a_designer_too()
    {
        await using var scope = _app.Factory.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var designer = new Actor("designer", null, new HashSet<string>(StringComparer.Ordinal) { Cases.Domain.Staff.Roles.Designer });

        await Assert.ThrowsAsync<ForbiddenException>(async () => await mediator.Send(new GetCase(_case, designer)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await mediator.Send(new ListComments(_case, designer)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await mediator.Send(new SearchCases(null, null, null, null, null, null, null, null, null, designer)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await mediator.Send(new ListTasks("available", null, null, null, null, null, null, designer)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await mediator.Send(new GetWorker(Jinan.WorkerId, designer)));
    }

    [Fact]
    public async Task An_auditor_reads_a_cases_journal_masked_with_its_verification_and_nobody_else_needs_to()
    {
        using var response = await _app.SendAsync("auditor", HttpMethod.Get, $"/api/cases/{_case}/journal");

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.DoesNotContain(Jinan.WorkerId, body, StringComparison.Ordinal);
        Assert.Contains(MaskedWorker, body, StringComparison.Ordinal);
        using var journal = JsonDocument.Parse(body);
        var root = journal.RootElement;
        Assert.Equal(_case, root.GetProperty("caseId").GetGuid());
        Assert.Equal("journal-audit", root.GetProperty("procedure").GetString());
        Assert.Equal("ok", root.GetProperty("verification").GetProperty("status").GetString());
        Assert.NotEmpty(root.GetProperty("entries").EnumerateArray());
        // The journal, not the case: no data, tasks, clocks or files.
        foreach (var property in new[] { "data", "openTasks", "pendingTimers", "materials", "parties" })
        {
            Assert.False(root.TryGetProperty(property, out _), $"The auditor's journal carries {property}.");
        }

        Assert.Equal(HttpStatusCode.OK, (await _app.SendAsync("auditor", HttpMethod.Get, $"/api/cases/{_case}/journal/verify")).StatusCode);
        foreach (var user in new[] { "designer", "officer.jinan", "supervisor.province", "admin" })
        {
            using var refused = await _app.SendAsync(user, HttpMethod.Get, $"/api/cases/{_case}/journal");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using var missing = await _app.SendAsync("auditor", HttpMethod.Get, $"/api/cases/{Guid.NewGuid()}/journal");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_audit_log_leads_to_the_journal_of_the_case_a_view_was_for_and_its_page_is_masked()
    {
        // An officer's view of the case's full number is recorded with the case as its purpose.
        (await _app.SendAsync("officer.jinan", HttpMethod.Get, $"/api/cases/{_case}")).EnsureSuccessStatusCode();

        using var log = await _app.SendAsync("auditor", HttpMethod.Get, $"/audit?subject={Jinan.WorkerId}");
        var logPage = await PageSupport.ParseAsync(log);
        Assert.NotNull(logPage.QuerySelector($"a[href='/audit/cases/{_case}']"));

        using var page = await _app.SendAsync("auditor", HttpMethod.Get, $"/audit/cases/{_case}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain(Jinan.WorkerId, html, StringComparison.Ordinal);
        var document = await PageSupport.ParseAsync(page);
        Assert.NotEmpty(document.QuerySelectorAll("[data-testid=journal-entry]"));
        Assert.Contains(MaskedWorker, document.QuerySelector("[data-testid=journal]").Text(), StringComparison.Ordinal);
        Assert.Equal("ok", document.QuerySelector("[data-testid=journal-verification]")?.GetAttribute("data-status"));
    }
}
