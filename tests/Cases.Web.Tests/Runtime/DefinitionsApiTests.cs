using System.Net;
using System.Text.Json.Nodes;
using Cases.Web.Tests.Pages;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Tests.Runtime;

/// <summary>Listing, exporting, validating, publishing and diffing definitions; running cases stay on their version.</summary>
public sealed class DefinitionsApiTests(SqliteRuntimeApp app) : IClassFixture<SqliteRuntimeApp>
{
    private Task<int> VersionCountAsync() => app.InDbAsync(db => db.Definitions.CountAsync(d => d.Key == DemoFiling.Key));

    private async Task<JsonObject> Version1Async()
    {
        var designer = await app.As("designer");
        var response = await designer.GetAsync($"/api/definitions/{DemoFiling.Key}/versions/1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static Task<HttpResponseMessage> PublishAsync(HttpClient client, JsonNode definition) =>
        client.PostRawJsonAsync($"/api/definitions/{DemoFiling.Key}/versions", definition.ToJsonString());

    [Fact]
    public async Task Version_2_with_a_longer_check_applies_to_new_cases_while_running_ones_keep_version_1()
    {
        var officer = await app.As("officer.jinan");
        var designer = await app.As("designer");
        var list = await (await officer.GetAsync("/api/definitions")).JsonAsync(HttpStatusCode.OK);
        var v1 = Assert.Single(list.EnumerateArray(), d => d.Str("key") == DemoFiling.Key);
        Assert.Equal(1, v1.GetProperty("version").GetInt32());
        Assert.Equal("system:seed", v1.Str("publishedBy"));
        var exported = await Version1Async();
        Assert.Equal(DemoFiling.Key, exported["key"]!.GetValue<string>());
        Assert.Equal(3, exported["states"]!["check-materials"]!["deadline"]!["workingDays"]!.GetValue<int>());

        // A case opened on version 1, still waiting for its filing when version 2 is published.
        var running = await DemoFiling.StartAsync(officer, "2026-03-29");
        Assert.Equal(1, running.GetProperty("definitionVersion").GetInt32());

        var v2 = exported.DeepClone();
        v2["states"]!["check-materials"]!["deadline"]!["workingDays"] = 5;
        var published = await (await PublishAsync(designer, v2)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(2, published.GetProperty("version").GetInt32());
        Assert.Equal("designer", published.Str("publishedBy"));
        Assert.Equal([1, 2], (await (await officer.GetAsync("/api/definitions")).JsonAsync(HttpStatusCode.OK)).EnumerateArray()
            .Where(d => d.Str("key") == DemoFiling.Key).Select(d => d.GetProperty("version").GetInt32()));

        // The running case files after the publication and still gets version 1's 3 working days (2025-09-30 → 2025-10-11).
        var oldFiled = await (await DemoFiling.FileAsync(officer, running.GetProperty("caseId").GetGuid(), "2025-09-30", "2026-06-30")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("2025-10-11", DemoFiling.SingleTask(oldFiled).Str("dueOn"));
        Assert.Equal(1, (await DemoFiling.GetAsync(officer, running.GetProperty("caseId").GetGuid())).GetProperty("definitionVersion").GetInt32());

        // A new case runs version 2: 5 working days (10-09, 10-10, 10-11, 10-13, 10-14).
        var fresh = await DemoFiling.StartAsync(officer, "2026-03-29");
        Assert.Equal(2, fresh.GetProperty("definitionVersion").GetInt32());
        var newFiled = await (await DemoFiling.FileAsync(officer, fresh.GetProperty("caseId").GetGuid(), "2025-09-30", "2026-06-30")).JsonAsync(HttpStatusCode.OK);
        var task = DemoFiling.SingleTask(newFiled);
        Assert.Equal("2025-10-14", task.Str("dueOn"));
        Assert.Equal("第十五条", task.Str("basis"));

        // The stored version 2 says version 2, and the diff shows exactly the changed clock.
        var stored = JsonNode.Parse(await officer.GetStringAsync($"/api/definitions/{DemoFiling.Key}/versions/2"))!;
        Assert.Equal(2, stored["version"]!.GetValue<int>());
        var diff = await (await officer.GetAsync($"/api/definitions/{DemoFiling.Key}/diff?from=1&to=2")).JsonAsync(HttpStatusCode.OK);
        var change = Assert.Single(diff.GetProperty("clocksChanged").EnumerateArray());
        Assert.Equal("check-materials.deadline", change.Str("location"));
        Assert.Equal(3, change.GetProperty("before").GetProperty("workingDays").GetInt32());
        Assert.Equal(5, change.GetProperty("after").GetProperty("workingDays").GetInt32());
        Assert.Equal("第十五条", change.GetProperty("after").Str("basis"));
        Assert.Empty(diff.GetProperty("statesAdded").EnumerateArray());
        Assert.Empty(diff.GetProperty("statesRemoved").EnumerateArray());
        Assert.Empty(diff.GetProperty("transitionsAdded").EnumerateArray());
        Assert.Empty(diff.GetProperty("transitionsRemoved").EnumerateArray());
        await (await officer.GetAsync($"/api/definitions/{DemoFiling.Key}/versions/9")).ProblemAsync(HttpStatusCode.NotFound);
        await (await officer.GetAsync($"/api/definitions/{DemoFiling.Key}/diff?from=1&to=x")).FieldErrorAsync("to");
    }

    [Fact]
    public async Task An_invalid_definition_is_400_with_source_path_and_rule_and_no_version_is_stored()
    {
        var designer = await app.As("designer");
        var before = await VersionCountAsync();
        var broken = await Version1Async();
        broken["states"]!["check-dates"]!["otherwise"] = "nowhere";

        var problem = await (await PublishAsync(designer, broken)).ProblemAsync(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Str("source")));
            Assert.False(string.IsNullOrWhiteSpace(e.Str("path")));
            Assert.False(string.IsNullOrWhiteSpace(e.Str("rule")));
            Assert.False(string.IsNullOrWhiteSpace(e.Str("message")));
        });
        var unknown = Assert.Single(errors, e => e.Str("rule") == "unknown-target");
        Assert.Equal("$.states.check-dates.otherwise", unknown.Str("path"));
        Assert.Equal("demo-filing v2", unknown.Str("source"));
        Assert.Contains("nowhere", unknown.Str("message"), StringComparison.Ordinal);

        // A clock with no basis: refused by the schema, at the clock's path.
        var noBasis = await Version1Async();
        ((JsonObject)noBasis["states"]!["approve"]!["deadline"]!).Remove("basis");
        var basisProblem = await (await PublishAsync(designer, noBasis)).ProblemAsync(HttpStatusCode.BadRequest);
        var basisError = Assert.Single(basisProblem.GetProperty("errors").EnumerateArray());
        Assert.Equal("$.states.approve.deadline", basisError.Str("path"));
        Assert.Equal("schema", basisError.Str("rule"));
        Assert.Contains("basis", basisError.Str("message"), StringComparison.Ordinal);
        Assert.Equal(before, await VersionCountAsync());

        // Validation alone answers 200 with the same errors and stores nothing.
        var validated = await (await designer.PostRawJsonAsync("/api/definitions/validate", broken.ToJsonString())).JsonAsync(HttpStatusCode.OK);
        Assert.False(validated.GetProperty("valid").GetBoolean());
        Assert.Contains(validated.GetProperty("errors").EnumerateArray(), e => e.Str("rule") == "unknown-target");
        var valid = await (await designer.PostRawJsonAsync("/api/definitions/validate", (await Version1Async()).ToJsonString())).JsonAsync(HttpStatusCode.OK);
        Assert.True(valid.GetProperty("valid").GetBoolean());
        Assert.Empty(valid.GetProperty("errors").EnumerateArray());

        // Not JSON at all: the error says where.
        var garbled = await (await designer.PostRawJsonAsync($"/api/definitions/{DemoFiling.Key}/versions", "{\"key\": \"demo-filing\",")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(garbled.GetProperty("errors").EnumerateArray());
        Assert.Equal(before, await VersionCountAsync());
    }

    private async Task<JsonObject> ExportAsync(string key, int? version = null) =>
        (JsonObject)JsonNode.Parse(await (await app.As("designer")).GetStringAsync($"/api/definitions/{key}/versions/{version ?? ShippedDefinitions.Version(key)}"))!;

    private Task<int> VersionCountAsync(string key) => app.InDbAsync(db => db.Definitions.CountAsync(d => d.Key == key));

    private static async Task<object> AdvancePaymentStartAsync(HttpClient officer) => new
    {
        procedure = "advance-payment",
        city = "370100",
        data = new { variant = "employer-refuses", appliedOn = "2025-09-01", injuryCaseId = await TestInjuries.RegisterAsync(officer), workerIdNumber = "370102198503120011", employerCreditCode = "91370100MA3C4E5F61", claimItems = new[] { new { kind = "medical", amount = 30000.00m } }, liableParty = new { name = "济南四眼建材有限公司" } },
    };

    // 规程 第一百一十九条: a designer who could give a task to their own role would route casework to themselves.
    [Theory]
    [InlineData("designer")]
    [InlineData("admin")]
    [InlineData("auditor")]
    public async Task A_task_or_a_notification_for_a_role_that_works_no_case_is_refused_and_nothing_is_stored(string role)
    {
        var designer = await app.As("designer");
        var before = await VersionCountAsync();

        var task = await Version1Async();
        task["states"]!["check-materials"]!["role"] = role;
        var taskErrors = (await (await PublishAsync(designer, task)).ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateArray().ToList();
        Assert.Contains(taskErrors, e => e.Str("path") == "$.states.check-materials.role");

        var notice = await Version1Async();
        notice["states"]!["term-ends"]!["onEnter"]![0]!["to"] = "role:" + role;
        var noticeErrors = (await (await PublishAsync(designer, notice)).ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateArray().ToList();
        Assert.Contains(noticeErrors, e => e.Str("path") == "$.states.term-ends.onEnter[0].to");

        var validated = await (await designer.PostRawJsonAsync("/api/definitions/validate", task.ToJsonString())).JsonAsync(HttpStatusCode.OK);
        Assert.False(validated.GetProperty("valid").GetBoolean());
        Assert.Equal(before, await VersionCountAsync());
    }

    [Fact]
    public async Task Removing_a_separation_of_duties_waits_for_a_provincial_supervisor_and_is_used_only_once_approved()
    {
        const string Key = "advance-payment";
        var designer = await app.As("designer");
        var officer = await app.As("officer.jinan");
        var supervisor = await app.As("supervisor.jinan");
        var province = await app.As("supervisor.province");
        var draft = await ExportAsync(Key);
        ((JsonObject)draft["states"]!["approve"]!).Remove("notCompletedBySameAs");

        // Published as version 2, but pending: the validator names the change against version 1, in use.
        var proposed = await (await designer.PostRawJsonAsync($"/api/definitions/{Key}/versions", draft.ToJsonString())).JsonAsync(HttpStatusCode.Created);
        var version = proposed.GetProperty("version").GetInt32();
        Assert.Equal("pending", proposed.Str("status"));
        Assert.Equal(ShippedDefinitions.Version(Key), proposed.GetProperty("comparedWith").GetInt32());
        var change = Assert.Single(proposed.GetProperty("sensitiveChanges").EnumerateArray());
        Assert.Equal(("separationRemoved", "approve", "review", "$.states.approve.notCompletedBySameAs"), (change.Str("kind"), change.Str("state"), change.Str("before"), change.Str("path")));
        Assert.Contains("第一百一十九条", change.Str("message"), StringComparison.Ordinal);
        Assert.Contains("岗位不相容", change.Str("messageZh"), StringComparison.Ordinal);
        var pending = await (await province.GetAsync("/api/definitions/pending")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(pending.EnumerateArray(), v => v.Str("key") == Key && v.GetProperty("version").GetInt32() == version && v.Str("publishedBy") == "designer");
        Assert.Equal(HttpStatusCode.OK, (await designer.GetAsync("/api/definitions/pending")).StatusCode);
        await (await officer.GetAsync("/api/definitions/pending")).ProblemAsync(HttpStatusCode.Forbidden);

        // Until approved it is not used: new cases start on version 1, and no case is migrated to it.
        var started = await (await officer.PostJsonAsync("/api/cases", await AdvancePaymentStartAsync(officer))).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(ShippedDefinitions.Version(Key), started.GetProperty("definitionVersion").GetInt32());
        var caseId = started.GetProperty("caseId").GetGuid();
        var migration = new { toVersion = version, stateMapping = new Dictionary<string, string> { ["urge-employer"] = "urge-employer" }, dryRun = true };
        await (await supervisor.PostJsonAsync($"/api/cases/{caseId}/migrate", migration)).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        // Nobody but a provincial supervisor decides, and never the designer who proposed it, whatever other role they hold.
        var approve = $"/api/definitions/{Key}/versions/{version}/approve";
        await (await supervisor.PostJsonAsync(approve, new { note = "济南同意" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await designer.PostJsonAsync(approve, new { })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await officer.PostJsonAsync(approve, new { })).ProblemAsync(HttpStatusCode.Forbidden);
        var admin = await app.As("admin");
        await (await admin.PostJsonAsync("/api/admin/users", new { userName = "designer.supervisor", displayName = "设计兼主管", roles = new[] { "designer", "supervisor" }, city = "province", password = Testing.CasesAppFactory.DemoPassword }))
            .JsonAsync(HttpStatusCode.Created);
        var both = await app.As("designer.supervisor");
        var own = await (await both.PostRawJsonAsync($"/api/definitions/{Key}/versions", draft.ToJsonString())).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("pending", own.Str("status"));
        var refusal = await (await both.PostJsonAsync($"/api/definitions/{Key}/versions/{own.GetProperty("version").GetInt32()}/approve", new { })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("第一百一十九条", refusal.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await province.PostJsonAsync($"/api/definitions/{Key}/versions/{version}/reject", new { reason = " " })).FieldErrorAsync("reason");
        await (await province.PostJsonAsync(approve, new { note = new string('意', 501) })).FieldErrorAsync("note");

        var approved = await (await province.PostJsonAsync(approve, new { note = "已核对：复核环节另设抽查" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("approved", "supervisor.province", "已核对：复核环节另设抽查"), (approved.Str("status"), approved.Str("decidedBy"), approved.Str("decisionNote")));
        await (await province.PostJsonAsync(approve, new { })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.DoesNotContain((await (await province.GetAsync("/api/definitions/pending")).JsonAsync(HttpStatusCode.OK)).EnumerateArray(),
            v => v.Str("key") == Key && v.GetProperty("version").GetInt32() == version);

        // From now on it is in use.
        var fresh = await (await officer.PostJsonAsync("/api/cases", await AdvancePaymentStartAsync(officer))).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(version, fresh.GetProperty("definitionVersion").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostJsonAsync($"/api/cases/{caseId}/migrate", migration)).StatusCode);

        // 第一百二十条: who proposed, who approved, when, and what the sensitive changes were — on the version's page.
        var page = await officer.OpenAsync($"/designer/{Key}?version={version}");
        var steps = page.QuerySelectorAll("[data-testid=publication-step]").ToList();
        Assert.Equal(["Proposed", "Approved"], steps.Select(s => s.GetAttribute("data-action")));
        // By display name, as every page names people.
        Assert.Contains("赵磊（流程设计）", steps[0].Text(), StringComparison.Ordinal);
        Assert.Contains("杨洋（省级主管）", steps[1].Text(), StringComparison.Ordinal);
        Assert.Contains("已核对：复核环节另设抽查", steps[1].Text(), StringComparison.Ordinal);
        Assert.Equal("SeparationRemoved", page.QuerySelector("[data-testid=sensitive-change]")?.GetAttribute("data-kind"));
    }

    [Fact]
    public async Task Changing_who_approves_a_payment_is_sensitive_and_a_rejected_version_is_never_used()
    {
        const string Key = "third-party-reimbursement";
        var designer = await app.As("designer");
        var province = await app.As("supervisor.province");
        var draft = await ExportAsync(Key);
        draft["states"]!["approve"]!["role"] = "supervisor";

        var proposed = await (await designer.PostRawJsonAsync($"/api/definitions/{Key}/versions", draft.ToJsonString())).JsonAsync(HttpStatusCode.Created);
        var version = proposed.GetProperty("version").GetInt32();
        Assert.Equal("pending", proposed.Str("status"));
        var change = Assert.Single(proposed.GetProperty("sensitiveChanges").EnumerateArray());
        Assert.Equal(("paymentApproverChanged", "approve", "reviewer", "supervisor", "$.states.approve.role"),
            (change.Str("kind"), change.Str("state"), change.Str("before"), change.Str("after"), change.Str("path")));

        var rejected = await (await province.PostJsonAsync($"/api/definitions/{Key}/versions/{version}/reject", new { reason = "支付须由复核人员审批" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("rejected", "支付须由复核人员审批"), (rejected.Str("status"), rejected.Str("decisionNote")));
        await (await province.PostJsonAsync($"/api/definitions/{Key}/versions/{version}/approve", new { })).ProblemAsync(HttpStatusCode.Conflict);
        await (await province.PostJsonAsync($"/api/definitions/{Key}/versions/{version}/reject", new { reason = "再次驳回" })).ProblemAsync(HttpStatusCode.Conflict);
        await (await province.PostJsonAsync($"/api/definitions/{Key}/versions/99/approve", new { })).ProblemAsync(HttpStatusCode.NotFound);
        var listed = await (await province.GetAsync("/api/definitions")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("rejected", listed.EnumerateArray().Single(v => v.Str("key") == Key && v.GetProperty("version").GetInt32() == version).Str("status"));

        // A later change that is not sensitive (a longer time to check) is compared with version 1, in use, and is in use at once.
        var longer = await ExportAsync(Key);
        longer["states"]!["check-materials"]!["deadline"]!["workingDays"] = 12;
        var next = await (await designer.PostRawJsonAsync($"/api/definitions/{Key}/versions", longer.ToJsonString())).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(("approved", ShippedDefinitions.Version(Key)), (next.Str("status"), next.GetProperty("comparedWith").GetInt32()));
        Assert.Empty(next.GetProperty("sensitiveChanges").EnumerateArray());
        var list = await designer.OpenAsync("/designer");
        Assert.StartsWith($"v{next.GetProperty("version").GetInt32()} ", list.QuerySelector($"[data-key={Key}] [data-testid=in-force]")!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validation_names_the_sensitive_changes_against_the_version_the_draft_was_edited_from()
    {
        var designer = await app.As("designer");
        var draft = await Version1Async();
        ((JsonObject)draft["states"]!["approve"]!).Remove("notCompletedBySameAs");

        var checkedDraft = await (await designer.PostRawJsonAsync("/api/definitions/validate?from=1", draft.ToJsonString())).JsonAsync(HttpStatusCode.OK);
        Assert.True(checkedDraft.GetProperty("valid").GetBoolean());
        Assert.Equal(1, checkedDraft.GetProperty("comparedWith").GetInt32());
        var change = Assert.Single(checkedDraft.GetProperty("sensitiveChanges").EnumerateArray());
        Assert.Equal(("separationRemoved", "approve", "check-materials"), (change.Str("kind"), change.Str("state"), change.Str("before")));

        var unchanged = await (await designer.PostRawJsonAsync("/api/definitions/validate?from=1", (await Version1Async()).ToJsonString())).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(unchanged.GetProperty("sensitiveChanges").EnumerateArray());
        await (await designer.PostRawJsonAsync("/api/definitions/validate?from=99", draft.ToJsonString())).FieldErrorAsync("from");
        await (await designer.PostRawJsonAsync("/api/definitions/validate?from=0", draft.ToJsonString())).FieldErrorAsync("from");
    }

    [Fact]
    public async Task Only_designers_validate_and_publish()
    {
        var officer = await app.As("officer.jinan");
        var supervisor = await app.As("supervisor.jinan");
        var before = await VersionCountAsync();
        var definition = await Version1Async();

        Assert.Equal(HttpStatusCode.Forbidden, (await PublishAsync(officer, definition)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PublishAsync(supervisor, definition)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostRawJsonAsync("/api/definitions/validate", definition.ToJsonString())).StatusCode);
        using var anonymous = app.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/definitions")).StatusCode);
        Assert.Equal(before, await VersionCountAsync());
    }
}
