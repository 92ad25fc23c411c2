using System.Net;
using System.Text.Json;
using Cases.Web.Tests.Support;
using Cases.Workflows.Parties;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Cases.Web.Tests.Security;

/// <summary>
/// Personal data (规程 第一百四十一条): identity numbers and phones are masked in every list and export, shown in full
/// only to roles that handle cases and for a reason, and every such view is recorded: who, when, why, whose.
/// </summary>
public sealed class PersonalDataTests : IClassFixture<SecurityApp>, IAsyncLifetime
{
    private const string Purpose = "核对工伤认定申请材料";

    // A procedure of this test's own whose start data is a worker's identity number (the shipped ones change).
    private const string PrivacyProcedure = """
        {
          "key": "privacy-check", "version": 1,
          "title": { "zh": "个人信息测试", "en": "Privacy check" },
          "basis": ["第一百四十一条"],
          "initial": "review",
          "data": { "workerIdNumber": { "type": "string", "maxLength": 18 }, "filedOn": { "type": "date" } },
          "startWith": ["workerIdNumber", "filedOn"],
          "states": {
            "review": {
              "kind": "task", "role": "officer",
              "deadline": { "after": "filedOn", "workingDays": 5, "basis": "第十五条" },
              "outcomes": { "done": { "to": "done" } }
            },
            "done": { "kind": "end", "outcome": "closed" }
          }
        }
        """;

    private readonly SecurityApp _app;
    private readonly FakeLogCollector _log = new();
    private Guid _case;

    public PersonalDataTests(SecurityApp app)
    {
        _app = app;
        // Added to the running app: every logger, the access log's included, now also writes here.
        app.Factory.Services.GetRequiredService<ILoggerFactory>().AddProvider(new FakeLoggerProvider(_log));
    }

    private SecurityApp.CityRecords Jinan => _app.Cities[SecurityApp.Jinan];

    public async Task InitializeAsync()
    {
        await _app.ReadyAsync();
        if (await _app.SendAsync("designer", HttpMethod.Get, "/api/definitions/privacy-check/versions/1") is { StatusCode: HttpStatusCode.NotFound })
        {
            await _app.CreatedAsync("designer", "/api/definitions/privacy-check/versions", JsonDocument.Parse(PrivacyProcedure).RootElement);
        }

        var started = await _app.CreatedAsync("officer.jinan", "/api/cases", new { procedure = "privacy-check", city = SecurityApp.Jinan, data = new { workerIdNumber = Jinan.WorkerId, filedOn = "2025-10-20" } });
        _case = started.GetProperty("caseId").GetGuid();
        _log.Clear();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private List<FakeLogRecord> Accesses() =>
        _log.GetSnapshot().Where(r => r.Category == LoggedPersonalDataAccess.Category && r.Id.Id == LoggedPersonalDataAccess.ViewedEvent).ToList();

    private static string Value(FakeLogRecord record, string key) => record.StructuredState!.Single(p => p.Key == key).Value!;

    [Fact]
    public async Task An_officer_sees_a_workers_full_data_with_a_purpose_and_the_view_is_recorded()
    {
        using var response = await _app.SendAsync("officer.jinan", HttpMethod.Get, $"/api/workers/{Jinan.WorkerId}?purpose={Uri.EscapeDataString(Purpose)}");

        var worker = await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(Jinan.WorkerId, worker.GetProperty("idNumber").GetString());
        Assert.Equal("13800001111", worker.GetProperty("phone").GetString());
        var access = Assert.Single(Accesses());
        Assert.Equal("officer.jinan", Value(access, "UserName"));
        Assert.Equal(SecurityApp.Jinan, Value(access, "UserCity"));
        Assert.Equal(Purpose, Value(access, "Purpose"));
        Assert.Equal(Jinan.WorkerId[..6] + "********" + Jinan.WorkerId[14..], Value(access, "Subject"));
        Assert.Equal("idNumber, phone", Value(access, "Fields"));
        Assert.Equal(_app.Factory.Clock.GetUtcNow(), DateTimeOffset.Parse(Value(access, "At"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(Jinan.WorkerId, access.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("officer.jinan", "")]
    [InlineData("supervisor.jinan", "?purpose=" + Purpose)]
    [InlineData("supervisor.province", "?purpose=" + Purpose)]
    [InlineData("admin", "?purpose=" + Purpose)]
    [InlineData("designer", "?purpose=" + Purpose)]
    public async Task Without_a_purpose_or_a_role_that_handles_cases_the_worker_is_masked_and_nothing_is_recorded(string user, string query)
    {
        using var response = await _app.SendAsync(user, HttpMethod.Get, $"/api/workers/{Jinan.WorkerId}{query}");

        var worker = await response.JsonAsync(HttpStatusCode.OK);
        Assert.True(worker.GetProperty("idNumberMasked").GetBoolean());
        Assert.Equal(Jinan.WorkerId[..6] + "********" + Jinan.WorkerId[14..], worker.GetProperty("idNumber").GetString());
        Assert.Equal("138****1111", worker.GetProperty("phone").GetString());
        Assert.Empty(Accesses());
    }

    [Theory]
    [InlineData("x")]
    [InlineData("为了\u0000")]
    public async Task A_purpose_that_says_nothing_is_refused_naming_purpose(string purpose)
    {
        using var response = await _app.SendAsync("officer.jinan", HttpMethod.Get, $"/api/workers/{Jinan.WorkerId}?purpose={Uri.EscapeDataString(purpose)}");

        await response.FieldErrorAsync("purpose");
        Assert.Empty(Accesses());
    }

    [Fact]
    public async Task A_purpose_longer_than_200_characters_is_refused()
    {
        using var response = await _app.SendAsync("officer.jinan", HttpMethod.Get, $"/api/workers/{Jinan.WorkerId}?purpose={new string('因', 201)}");

        await response.FieldErrorAsync("purpose");
    }

    [Fact]
    public async Task An_officer_working_a_case_sees_the_workers_number_in_it_and_the_view_is_recorded_with_the_case()
    {
        using var response = await _app.SendAsync("officer.jinan", HttpMethod.Get, $"/api/cases/{_case}");

        var view = await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(Jinan.WorkerId, view.GetProperty("data").GetProperty("workerIdNumber").GetString());
        var access = Assert.Single(Accesses());
        Assert.Equal($"case {_case}", Value(access, "Purpose"));
        Assert.Equal(_case.ToString(), Value(access, "CaseId"));
    }

    [Theory]
    [InlineData("supervisor.jinan")]
    [InlineData("supervisor.province")]
    [InlineData("designer")]
    [InlineData("admin")]
    public async Task Roles_that_do_not_handle_cases_see_the_number_masked_in_the_case_and_its_journal(string user)
    {
        using var response = await _app.SendAsync(user, HttpMethod.Get, $"/api/cases/{_case}");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(Jinan.WorkerId, body, StringComparison.Ordinal);
        using var view = JsonDocument.Parse(body);
        Assert.Equal(Jinan.WorkerId[..6] + "********" + Jinan.WorkerId[14..], view.RootElement.GetProperty("data").GetProperty("workerIdNumber").GetString());
        Assert.Empty(Accesses());
    }

    /// <summary>Every GET of the authorization matrix (lists, exports, views), as every role: no full number, no full phone.</summary>
    [Fact]
    public async Task No_list_or_export_shows_a_full_identity_number_or_phone()
    {
        var secrets = _app.Cities.Values.Select(c => c.WorkerId).Append("13800001111").ToList();
        var calls = (from rule in AuthorizationMatrix.Rules.Where(r => r.Method is "GET" or "*" && r.Pattern != AuthorizationMatrix.StaticAssets)
                     from principal in Principal.All
                     from city in rule.Scope == Scope.None ? [SecurityApp.Jinan] : _app.Cities.Keys
                     select (rule, principal, city)).ToList();
        var shown = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await Parallel.ForEachAsync(calls, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (call, ct) =>
        {
            var attempt = await call.rule.Make(new Cell(_app, call.principal, call.city));
            using var response = await _app.SendAsync(call.principal.UserName, HttpMethod.Get, attempt.Url);
            var body = await response.Content.ReadAsStringAsync(ct);
            // A number the caller put in the URL may come back (a 404's instance); any other may not.
            foreach (var secret in secrets.Where(s => body.Contains(s, StringComparison.Ordinal) && !attempt.Url.Contains(s, StringComparison.Ordinal)))
            {
                shown.Enqueue($"{attempt.Url} as {call.principal} shows {secret[..6]}…");
            }
        });
        var failures = shown.ToList();
        var pages = calls.Count;

        // The lists that carry this case's party, as the supervisors and officers who see them.
        foreach (var url in new[] { "/api/tasks?scope=available", "/api/tasks?scope=all", "/api/sla", $"/api/employers/{Jinan.EmployerCode}/workers" })
        {
            foreach (var user in new[] { "officer.jinan", "supervisor.jinan", "supervisor.province", "admin" })
            {
                using var response = await _app.SendAsync(user, HttpMethod.Get, url);
                var body = await response.Content.ReadAsStringAsync();
                pages++;
                failures.AddRange(secrets.Where(s => body.Contains(s, StringComparison.Ordinal)).Select(s => $"{url} as {user} shows {s[..6]}…"));
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {pages} answers show personal data in full:\n" + string.Join("\n", failures));
        Assert.Empty(Accesses());
    }
}
