using System.Net;
using System.Text.Json;
using Cases.Application.Parties;
using Cases.Web.Tests.Pages;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Cases.Web.Tests.Security;

/// <summary>
/// Personal data (规程 第一百四十条): identity numbers and phones are masked in every list and export, shown in full
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
          "basis": ["第一百四十条"],
          "initial": "review",
          "data": {
            "workerIdNumber": { "type": "string", "maxLength": 18 }, "filedOn": { "type": "date" },
            "workerBirthDate": { "type": "date" }, "note": { "type": "string", "maxLength": 500 }
          },
          "startWith": ["workerIdNumber", "filedOn"],
          "states": {
            "review": {
              "kind": "task", "role": "officer",
              "deadline": { "after": "filedOn", "workingDays": 5, "source": "agency", "basis": "第十五条" },
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
        // Payments: the bank file carries whole account numbers by design, each download recorded as a view (ADR 0018); nothing else may.
        Assert.DoesNotContain(Accesses(), a => !Value(a, "Purpose").EndsWith(": bank file", StringComparison.Ordinal));
        Assert.All(Accesses(), a => Assert.Equal("account", Value(a, "Fields")));
    }

    private string MaskedWorker => Jinan.WorkerId[..6] + "********" + Jinan.WorkerId[14..];

    private static string MaskedId(string id) => id[..6] + "********" + id[14..];

    // Numbers someone types into free text: a mobile number, another person's identity number, a bank card number (Luhn).
    private const string TypedPhone = "13900003333";
    private const string TypedCard = "6217001234567893";

    private static string Note(string id) => $"联系人电话{TypedPhone}，身份证{id}，银行卡{TypedCard}";

    private static string MaskedNote(string id) => $"联系人电话139****3333，身份证{MaskedId(id)}，银行卡6217********7893";

    /// <summary>
    /// A case whose data (a note, a birth date beside the worker's number), comment and file name hold numbers typed as
    /// text: an officer opens it with the note, comments it and uploads a file named with a number.
    /// </summary>
    private async Task<(Guid CaseId, string Typed)> CaseWithTypedNumbersAsync()
    {
        var typed = TestParties.NewIdNumber("370103");
        var started = await _app.CreatedAsync("officer.jinan", "/api/cases", new
        {
            procedure = "privacy-check", city = SecurityApp.Jinan,
            data = new { workerIdNumber = Jinan.WorkerId, filedOn = "2025-10-20", workerBirthDate = $"{Jinan.WorkerId[6..10]}-{Jinan.WorkerId[10..12]}-{Jinan.WorkerId[12..14]}", note = Note(typed) },
        });
        var caseId = started.GetProperty("caseId").GetGuid();
        await _app.CreatedAsync("officer.jinan", $"/api/cases/{caseId}/comments", new { text = Note(typed) });
        using var upload = await _app.SendAsync("officer.jinan", HttpMethod.Post, $"/api/cases/{caseId}/attachments?fileName={Uri.EscapeDataString($"身份证{typed}.pdf")}",
            new ByteArrayContent(TestFiles.Pdf) { Headers = { ContentType = new("application/pdf") } });
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        _log.Clear();
        return (caseId, typed);
    }

    [Theory]
    [InlineData("supervisor.jinan")]
    [InlineData("supervisor.province")]
    [InlineData("admin")]
    public async Task Numbers_typed_into_case_data_the_journal_comments_and_file_names_reach_roles_that_see_masked_data_masked(string user)
    {
        var (caseId, typed) = await CaseWithTypedNumbersAsync();
        string[] secrets = [TypedPhone, typed, TypedCard, Jinan.WorkerId];

        foreach (var url in new[] { $"/api/cases/{caseId}", $"/api/cases/{caseId}/comments", $"/api/cases/{caseId}/attachments", $"/cases/{caseId}" })
        {
            using var response = await _app.SendAsync(user, HttpMethod.Get, url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.All(secrets, s => Assert.DoesNotContain(s, body, StringComparison.Ordinal));
            Assert.Null(MaskedNumbers.Rebuildable(body));
        }

        var view = await (await _app.SendAsync(user, HttpMethod.Get, $"/api/cases/{caseId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(MaskedNote(typed), view.GetProperty("data").GetProperty("note").GetString());
        // Beside the masked number, the birth date its hidden digits are is left out, in the data and in the journal.
        Assert.False(view.GetProperty("data").TryGetProperty("workerBirthDate", out _));
        Assert.All(view.GetProperty("journal").EnumerateArray(), e => Assert.DoesNotContain("workerBirthDate", e.ToString(), StringComparison.Ordinal));
        var comments = await (await _app.SendAsync(user, HttpMethod.Get, $"/api/cases/{caseId}/comments")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(MaskedNote(typed), comments[0].GetProperty("text").GetString());
        var files = await (await _app.SendAsync(user, HttpMethod.Get, $"/api/cases/{caseId}/attachments")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal($"身份证{MaskedId(typed)}.pdf", files[0].GetProperty("fileName").GetString());
        using var download = await _app.SendAsync(user, HttpMethod.Get, $"/api/cases/{caseId}/attachments/{files[0].GetProperty("id").GetGuid()}");
        Assert.Equal($"身份证{MaskedId(typed)}.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Empty(Accesses());
    }

    [Fact]
    public async Task An_officer_reads_typed_numbers_whole_and_each_person_is_recorded_once_per_view_with_the_case()
    {
        var (caseId, typed) = await CaseWithTypedNumbersAsync();

        var comments = await (await _app.SendAsync("officer.jinan", HttpMethod.Get, $"/api/cases/{caseId}/comments")).JsonAsync(HttpStatusCode.OK);
        using var page = await _app.SendAsync("officer.jinan", HttpMethod.Get, $"/cases/{caseId}");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(Note(typed), comments[0].GetProperty("text").GetString());
        Assert.Contains(Note(typed), html, StringComparison.Ordinal);
        var phone = (await AuditAsync($"subject={TypedPhone}")).Where(r => r.GetProperty("reason").GetString() == $"case {caseId}").ToList();
        // The comments' list once; the page once, though the number is in the data, the journal and a comment.
        Assert.Equal(["GET /api/cases/{id:guid}/comments", "GET /cases/{id:guid}"], phone.Select(r => r.GetProperty("route").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal("phone (comment)", phone.Single(r => r.GetProperty("route").GetString()!.Contains("comments", StringComparison.Ordinal)).GetProperty("fields").GetString());
        Assert.All(phone, r => Assert.Equal("139****3333", r.GetProperty("subject").GetString()));
        var card = Assert.Single(await AuditAsync($"subject={TypedCard}"), r => r.GetProperty("reason").GetString() == $"case {caseId}"
            && r.GetProperty("route").GetString() == "GET /cases/{id:guid}");
        Assert.Equal("bankCard", card.GetProperty("subjectKind").GetString());
        Assert.Equal("6217********7893", card.GetProperty("subject").GetString());
        Assert.Single(await AuditAsync($"subject={typed}"), r => r.GetProperty("reason").GetString() == $"case {caseId}"
            && r.GetProperty("route").GetString() == "GET /cases/{id:guid}");
    }

    [Fact]
    public async Task A_number_in_a_saved_filters_name_a_calendar_reason_or_a_parameters_source_is_masked_for_every_reader()
    {
        var name = $"回访{TypedPhone}";
        await _app.CreatedAsync("officer.jinan", "/api/inbox/filters", new { name, shareWithRole = "officer" });
        using (var day = await _app.SendAsync("admin", HttpMethod.Put, "/api/calendar/days/2026-12-27", SecurityApp.Json(new { kind = "weekend", reason = $"经办人电话{TypedPhone}" })))
        {
            Assert.Equal(HttpStatusCode.OK, day.StatusCode);
        }

        using (var parameter = await _app.SendAsync("admin", HttpMethod.Put, "/api/parameters", SecurityApp.Json(new
        {
            name = "minimumWage", year = 2024, city = SecurityApp.Qingdao, value = 2100m, source = $"青岛市人社局（联系{TypedPhone}）", reason = $"核对人身份证{Jinan.WorkerId}",
        })))
        {
            Assert.Equal(HttpStatusCode.OK, parameter.StatusCode);
        }

        var filters = await (await _app.SendAsync("officer2.jinan", HttpMethod.Get, "/api/inbox/filters")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(filters.EnumerateArray(), f => f.GetProperty("name").GetString() == "回访139****3333");
        foreach (var (user, url) in new[]
        {
            ("officer.jinan", "/api/inbox/filters"), ("officer2.jinan", "/api/inbox/filters"), ("officer2.jinan", "/inbox"),
            ("admin", "/api/calendar/changes?year=2026"), ("admin", "/admin/calendar?year=2026"),
            ("officer.jinan", "/api/parameters"), ("admin", "/api/parameters/changes"), ("admin", "/admin/parameters"),
        })
        {
            using var response = await _app.SendAsync(user, HttpMethod.Get, url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain(TypedPhone, body, StringComparison.Ordinal);
            Assert.DoesNotContain(Jinan.WorkerId, body, StringComparison.Ordinal);
        }

        var changes = await (await _app.SendAsync("admin", HttpMethod.Get, "/api/calendar/changes?year=2026")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(changes.EnumerateArray(), c => c.GetProperty("reason").GetString() == "经办人电话139****3333");
    }

    [Fact]
    public async Task A_tasks_party_is_masked_in_every_list_as_the_cases_party_is()
    {
        // A number with a wrong check digit is kept as the case's label as typed; the case masks it, and so must its tasks.
        var mistyped = TestParties.WithWrongCheck(TestParties.NewIdNumber());
        var started = await _app.CreatedAsync("officer.jinan", "/api/cases", new { procedure = "privacy-check", city = SecurityApp.Jinan, data = new { workerIdNumber = mistyped, filedOn = "2025-10-20" } });
        var caseId = started.GetProperty("caseId").GetGuid();

        foreach (var (user, url) in new[]
        {
            ("supervisor.jinan", "/api/tasks?scope=all&procedure=privacy-check&limit=200"),
            ("supervisor.province", "/api/tasks?scope=open&procedure=privacy-check&limit=200"),
            ("admin", "/api/tasks?scope=all&procedure=privacy-check&limit=200"),
            ("officer.jinan", "/api/tasks?scope=available&procedure=privacy-check&limit=200"),
            ("supervisor.jinan", $"/api/cases/{caseId}"),
            ("supervisor.jinan", $"/cases/{caseId}"),
            ("supervisor.jinan", "/supervision"),
            ("officer.jinan", "/inbox?tab=available"),
        })
        {
            using var response = await _app.SendAsync(user, HttpMethod.Get, url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(body.Contains(mistyped, StringComparison.Ordinal), $"{url} as {user} shows the number whole");
            if (url.StartsWith("/api/tasks", StringComparison.Ordinal))
            {
                using var json = JsonDocument.Parse(body);
                var task = json.RootElement.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("caseId").GetGuid() == caseId);
                Assert.Equal(MaskedId(mistyped), task.GetProperty("party").GetString());
            }
        }

        var view = await (await _app.SendAsync("supervisor.jinan", HttpMethod.Get, $"/api/cases/{caseId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(view.GetProperty("party").GetString(), view.GetProperty("openTasks")[0].GetProperty("party").GetString());
    }

    [Fact]
    public async Task A_purpose_and_a_notification_reach_the_log_masked()
    {
        var purpose = $"回电{TypedPhone}核对身份证{Jinan.WorkerId}";
        using (var response = await _app.SendAsync("officer.jinan", HttpMethod.Get, $"/api/workers/{Jinan.WorkerId}?purpose={Uri.EscapeDataString(purpose)}"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var sender = new Cases.Workflows.Outbox.LoggingOutboxSender(new FakeLogger<Cases.Workflows.Outbox.LoggingOutboxSender>(_log));
        await sender.SendAsync(new Cases.Workflows.Records.OutboxMessage
        {
            Template = "one-time-missing-materials-notice", Recipient = TypedPhone, CityCode = SecurityApp.Jinan, CaseId = _case,
            PayloadJson = $$"""{"workerIdNumber":"{{Jinan.WorkerId}}","reasons":"请联系{{TypedPhone}}补正"}""",
        }, CancellationToken.None);

        var access = Assert.Single(Accesses());
        Assert.Equal($"回电139****3333核对身份证{MaskedWorker}", Value(access, "Purpose"));
        // The app's own log (its categories are Cases.*): no number in it whole.
        var records = _log.GetSnapshot().Where(r => r.Category?.StartsWith("Cases", StringComparison.Ordinal) == true).ToList();
        Assert.Contains(records, r => r.Category == typeof(Cases.Workflows.Outbox.LoggingOutboxSender).FullName && r.Message.Contains("139****3333", StringComparison.Ordinal));
        Assert.All(records, r =>
        {
            Assert.DoesNotContain(TypedPhone, r.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Jinan.WorkerId, r.Message, StringComparison.Ordinal);
        });
    }

    /// <summary>The auditor's reading of the stored log: every row for the query, following the cursor to the end.</summary>
    private async Task<List<JsonElement>> AuditAsync(string query)
    {
        var rows = new List<JsonElement>();
        string? after = null;
        do
        {
            using var response = await _app.SendAsync("auditor", HttpMethod.Get, $"/api/audit/personal-data?{query}" + (after is null ? "" : $"&after={after}"));
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(Jinan.WorkerId, body, StringComparison.Ordinal);
            Assert.DoesNotContain("13800001111", body, StringComparison.Ordinal);
            var page = await response.JsonAsync(HttpStatusCode.OK);
            rows.AddRange(page.GetProperty("items").EnumerateArray());
            after = page.GetProperty("next").GetString();
        }
        while (after is not null);
        return rows;
    }

    private Task<List<JsonElement>> AuditForAsync(string reason) =>
        AuditAsync($"subject={Jinan.WorkerId}").ContinueWith(t => t.Result.Where(r => r.GetProperty("reason").GetString() == reason).ToList(), TaskScheduler.Default);

    [Fact]
    public async Task A_view_of_a_workers_full_data_is_stored_and_the_auditor_reads_who_when_why_whose_masked()
    {
        const string reason = "核对工伤认定申请材料（审计读取）";
        using (var response = await _app.SendAsync("officer.jinan", HttpMethod.Get, $"/api/workers/{Jinan.WorkerId}?purpose={Uri.EscapeDataString(reason)}"))
        {
            await response.JsonAsync(HttpStatusCode.OK);
        }

        var row = Assert.Single(await AuditForAsync(reason));
        Assert.Equal("officer.jinan", row.GetProperty("userName").GetString());
        Assert.Equal(_app.Factory.Clock.GetUtcNow(), row.GetProperty("at").GetDateTimeOffset());
        Assert.Equal(MaskedWorker, row.GetProperty("subject").GetString());
        Assert.Equal("worker", row.GetProperty("subjectKind").GetString());
        Assert.Equal("idNumber, phone", row.GetProperty("fields").GetString());
        Assert.Equal(SecurityApp.Jinan, row.GetProperty("city").GetString());
        Assert.Equal("GET /api/workers/{idNumber}", row.GetProperty("route").GetString());
    }

    [Fact]
    public async Task A_case_seen_whole_on_the_api_or_its_page_is_stored_once_per_view_with_the_case_as_reason()
    {
        var before = (await AuditForAsync($"case {_case}")).Count;
        using (var response = await _app.SendAsync("officer.jinan", HttpMethod.Get, $"/api/cases/{_case}"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using (var page = await _app.SendAsync("officer.jinan", HttpMethod.Get, $"/cases/{_case}"))
        {
            Assert.Contains(Jinan.WorkerId, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var rows = await AuditForAsync($"case {_case}");
        Assert.Equal(before + 2, rows.Count);
        Assert.Equal(["GET /api/cases/{id:guid}", "GET /cases/{id:guid}"], rows.Take(2).Select(r => r.GetProperty("route").GetString()).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal(MaskedWorker, r.GetProperty("subject").GetString()));
    }

    [Theory]
    [InlineData("supervisor.jinan")]
    [InlineData("admin")]
    public async Task The_case_page_masks_as_the_api_does_and_a_masked_view_is_not_recorded(string user)
    {
        var before = (await AuditForAsync($"case {_case}")).Count;
        using var api = await _app.SendAsync(user, HttpMethod.Get, $"/api/cases/{_case}");
        using var page = await _app.SendAsync(user, HttpMethod.Get, $"/cases/{_case}");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain(Jinan.WorkerId, html, StringComparison.Ordinal);
        var document = await PageSupport.ParseAsync(page);
        Assert.Equal(MaskedWorker, document.QuerySelector("[data-testid=party-number]").Text());
        Assert.Equal(MaskedWorker, (await api.JsonAsync(HttpStatusCode.OK)).GetProperty("parties")[0].GetProperty("number").GetString());
        Assert.Equal(before, (await AuditForAsync($"case {_case}")).Count);
    }

    [Fact]
    public async Task A_view_that_cannot_be_recorded_is_not_shown()
    {
        // The store refuses every new row, as a full disk or a revoked grant would.
        await _app.InDbAsync(db => db.Database.ExecuteSqlRawAsync("CREATE TRIGGER refuse_views BEFORE INSERT ON personal_data_views BEGIN SELECT RAISE(ABORT, 'refused'); END"));
        try
        {
            using var worker = await _app.SendAsync("officer.jinan", HttpMethod.Get, $"/api/workers/{Jinan.WorkerId}?purpose={Uri.EscapeDataString(Purpose)}");
            using var caseView = await _app.SendAsync("officer.jinan", HttpMethod.Get, $"/api/cases/{_case}");
            using var casePage = await _app.SendAsync("officer.jinan", HttpMethod.Get, $"/cases/{_case}");

            foreach (var response in new[] { worker, caseView, casePage })
            {
                // The number the caller put in the URL may come back (the problem's instance); nothing else may.
                var body = (await response.Content.ReadAsStringAsync()).Replace(response.RequestMessage!.RequestUri!.AbsolutePath, "", StringComparison.Ordinal);
                Assert.True((int)response.StatusCode >= 500, $"{response.RequestMessage!.RequestUri}: {(int)response.StatusCode}");
                Assert.DoesNotContain(Jinan.WorkerId, body, StringComparison.Ordinal);
                Assert.DoesNotContain("13800001111", body, StringComparison.Ordinal);
            }

            Assert.Empty(Accesses());
        }
        finally
        {
            await _app.InDbAsync(db => db.Database.ExecuteSqlRawAsync("DROP TRIGGER refuse_views"));
        }
    }

    [Fact]
    public async Task Numbers_typed_into_a_purpose_reach_the_auditor_masked()
    {
        var reason = $"电话13800001111，身份证{Jinan.WorkerId}";
        using (var response = await _app.SendAsync("officer.jinan", HttpMethod.Get, $"/api/workers/{Jinan.WorkerId}?purpose={Uri.EscapeDataString(reason)}"))
        {
            await response.JsonAsync(HttpStatusCode.OK);
        }

        var rows = await AuditForAsync($"电话138****1111，身份证{MaskedWorker}");
        Assert.Single(rows);
    }

    [Fact]
    public async Task The_log_pages_newest_first_without_gaps_or_repeats_and_filters_by_user_date_and_city()
    {
        var reason = "翻页核对" + Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 5; i++)
        {
            using var response = await _app.SendAsync(i % 2 == 0 ? "officer.jinan" : "reviewer.jinan", HttpMethod.Get, $"/api/workers/{Jinan.WorkerId}?purpose={Uri.EscapeDataString(reason)}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var day = Cases.Domain.Calendar.ChinaTime.DateOf(_app.Factory.Clock.GetUtcNow()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var all = (await AuditAsync($"subject={Jinan.WorkerId}&limit=2&from={day}&to={day}&city={SecurityApp.Jinan}")).Where(r => r.GetProperty("reason").GetString() == reason).ToList();
        var ids = all.Select(r => r.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(5, ids.Count);
        Assert.Equal(ids.OrderDescending(), ids);
        Assert.Equal(5, ids.Distinct().Count());

        var reviewer = (await AuditAsync($"subject={Jinan.WorkerId}&user=reviewer.jinan")).Where(r => r.GetProperty("reason").GetString() == reason).ToList();
        Assert.Equal(2, reviewer.Count);
        Assert.Empty(await AuditAsync($"subject={Jinan.WorkerId}&to=2025-10-19"));
        Assert.Empty(await AuditAsync($"subject={Jinan.WorkerId}&city={SecurityApp.Qingdao}"));
    }

    [Fact]
    public async Task A_masked_number_is_no_search_and_to_before_from_is_refused()
    {
        using var masked = await _app.SendAsync("auditor", HttpMethod.Get, $"/api/audit/personal-data?subject={Uri.EscapeDataString(MaskedWorker)}");
        using var backwards = await _app.SendAsync("auditor", HttpMethod.Get, "/api/audit/personal-data?from=2025-10-20&to=2025-10-19");

        await masked.FieldErrorAsync("subject");
        await backwards.FieldErrorAsync("to");
    }

    [Fact]
    public async Task The_audit_page_lists_the_views_masked_and_filters_by_person()
    {
        using (var response = await _app.SendAsync("officer.jinan", HttpMethod.Get, $"/api/workers/{Jinan.WorkerId}?purpose={Uri.EscapeDataString(Purpose)}"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var page = await _app.SendAsync("auditor", HttpMethod.Get, $"/audit?subject={Jinan.WorkerId}");
        var html = await page.Content.ReadAsStringAsync();
        var document = await PageSupport.ParseAsync(page);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        // The number the auditor typed comes back in the filter and the language switch's return address, nowhere else.
        var shown = html.Replace($"value=\"{Jinan.WorkerId}\"", "", StringComparison.Ordinal).Replace($"subject={Jinan.WorkerId}", "", StringComparison.Ordinal);
        Assert.DoesNotContain(Jinan.WorkerId, shown, StringComparison.Ordinal);
        var rows = document.QuerySelectorAll("[data-testid=audit-row]");
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(MaskedWorker, r.QuerySelector("[data-testid=audit-subject]").Text()));
        Assert.Contains(rows, r => r.QuerySelector("[data-testid=audit-reason]").Text() == Purpose);
        Assert.NotNull(document.QuerySelector("[data-testid=nav-audit]"));
    }
}
