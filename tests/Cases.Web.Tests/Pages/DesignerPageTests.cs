using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Tests.Pages;

/// <summary>The definition designer's pages: list, diagram with its table, editor and publishing, diff, dry run, migration.</summary>
public sealed partial class DesignerPageTests(SqliteRuntimeApp app) : IClassFixture<SqliteRuntimeApp>
{
    private static readonly string[] RealProcedures = ["fee-rate-objection", "rehab-extension", "project-term-extension", "transfer-approval", "advance-payment", "third-party-reimbursement"];

    [Fact]
    public async Task The_list_shows_every_procedure_with_its_versions_and_only_designers_get_the_editor()
    {
        var officer = await app.As("officer.jinan");
        var page = await officer.OpenAsync("/designer");
        var keys = page.QuerySelectorAll("[data-testid=procedure]").Select(r => r.GetAttribute("data-key")).ToList();
        Assert.All(RealProcedures.Append("demo-filing"), key => Assert.Contains(key, keys));
        Assert.Contains("第二十二条", page.QuerySelector("[data-key=fee-rate-objection]").Text(), StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("a[href$='/edit']"));
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PageAsync("/designer/fee-rate-objection/edit")).Status);

        var designer = await app.As("designer");
        Assert.NotEmpty((await designer.OpenAsync("/designer")).QuerySelectorAll("a[href='/designer/fee-rate-objection/edit']"));
    }

    [Theory]
    [MemberData(nameof(Procedures))]
    public async Task Each_real_procedure_is_drawn_without_overlaps_and_listed_state_by_state_with_its_clocks(string key)
    {
        var page = await (await app.As("officer.jinan")).OpenAsync($"/designer/{key}");
        var svg = page.QuerySelector("svg[data-testid=diagram]")!;
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Contains("下表列出相同内容", svg.QuerySelector("title").Text(), StringComparison.Ordinal);

        var nodes = svg.QuerySelectorAll("g.diagram-node").Select(g =>
        {
            var m = Translate().Match(g.GetAttribute("transform")!);
            var rect = g.QuerySelector("rect")!;
            return (State: g.GetAttribute("data-state"), X: D(m.Groups[1].Value), Y: D(m.Groups[2].Value), W: D(rect.GetAttribute("width")!), H: D(rect.GetAttribute("height")!));
        }).ToList();
        var rows = page.QuerySelectorAll("[data-testid=state-row]").Select(r => r.GetAttribute("data-state")).ToList();
        Assert.Equal(rows.Order(StringComparer.Ordinal), nodes.Select(n => n.State).Order(StringComparer.Ordinal));

        // Readable: no two states overlap, and every state lies inside the drawing.
        var box = svg.GetAttribute("viewBox")!.Split(' ').Select(D).ToArray();
        foreach (var a in nodes)
        {
            Assert.True(a.X >= 0 && a.Y >= 0 && a.X + a.W <= box[2] && a.Y + a.H <= box[3], $"{key}: {a.State} lies outside the drawing");
            foreach (var b in nodes.Where(b => string.CompareOrdinal(b.State, a.State) > 0))
            {
                var apart = a.X + a.W <= b.X || b.X + b.W <= a.X || a.Y + a.H <= b.Y || b.Y + b.H <= a.Y;
                Assert.True(apart, $"{key}: {a.State} overlaps {b.State}");
            }
        }

        // Every transition is an edge of the drawing and a line of the table.
        var definition = JsonNode.Parse(await (await (await app.As("officer.jinan")).GetAsync(new Uri($"/api/definitions/{key}/versions/{ShippedDefinitions.Version(key)}", UriKind.Relative))).Content.ReadAsStringAsync())!;
        var edges = svg.QuerySelectorAll("g.diagram-edge").Select(e => (e.GetAttribute("data-from"), e.GetAttribute("data-to"))).ToHashSet();
        foreach (var (name, state) in definition["states"]!.AsObject())
        {
            foreach (var target in Targets(state!.AsObject()).Where(t => t != name))
            {
                Assert.Contains((name, target), edges);
            }

            // Each clock is listed with its basis.
            foreach (var clock in new[] { "deadline", "timer" }.Select(c => state![c]).OfType<JsonObject>())
            {
                Assert.Contains(clock["basis"]!.GetValue<string>(), page.QuerySelector($"[data-testid=state-row][data-state='{name}']").Text(), StringComparison.Ordinal);
            }
        }
    }

    public static TheoryData<string> Procedures => [.. RealProcedures];

    [Fact]
    public async Task A_designer_publishes_from_the_editor_a_refusal_lists_path_and_rule_and_stores_nothing_and_the_diff_shows_the_change()
    {
        var designer = await app.As("designer");
        var editor = await designer.OpenAsync("/designer/rehab-extension/edit");
        var json = JsonNode.Parse(editor.QuerySelector("#json")!.TextContent)!;
        Assert.Equal("rehab-extension", json["key"]!.GetValue<string>());
        var versions = await app.InDbAsync(db => db.Definitions.CountAsync(d => d.Key == "rehab-extension"));
        var inForce = await app.InDbAsync(db => db.Definitions.Where(d => d.Key == "rehab-extension").MaxAsync(d => d.Version));

        var broken = json.DeepClone();
        broken["states"]!["review-application"]!["deadline"]!.AsObject().Remove("basis");
        var refused = await designer.SubmitAsync(editor, "[data-testid=editor-form]", [new("json", broken.ToJsonString())]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedPage = await PageSupport.ParseAsync(refused);
        var error = refusedPage.QuerySelector("[data-testid=validation-error]")!;
        Assert.Contains("$.states.review-application.deadline", error.Text(), StringComparison.Ordinal);
        Assert.Contains("未发布", refusedPage.QuerySelector("[data-testid=publish-refused]").Text(), StringComparison.Ordinal);
        // The text stays as typed, to be fixed.
        Assert.Equal(broken.ToJsonString(), refusedPage.QuerySelector("#json")!.TextContent);
        Assert.Equal(versions, await app.InDbAsync(db => db.Definitions.CountAsync(d => d.Key == "rehab-extension")));

        var changed = json.DeepClone();
        changed["states"]!["review-application"]!["deadline"]!["workingDays"] = 7;
        var next = inForce + 1;
        // Publishing asks first: it names the version new cases will start on and that running cases stay on theirs.
        var asked = await designer.SubmitAsync(editor, "[data-testid=editor-form]", [new("json", changed.ToJsonString())]);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var confirm = await PageSupport.ParseAsync(asked);
        var what = confirm.QuerySelector("[data-testid=publish-confirm-what]").Text();
        Assert.Contains($"「延长工伤康复期申请」第 {next} 版即成为新立案件使用的版本", what, StringComparison.Ordinal);
        Assert.Contains("在办案件仍按其立案时的版本办理", what, StringComparison.Ordinal);
        Assert.Equal(versions, await app.InDbAsync(db => db.Definitions.CountAsync(d => d.Key == "rehab-extension")));
        var published = await designer.SubmitAsync(confirm, "[data-testid=publish-confirm-form]", []);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal($"/designer/rehab-extension?version={next}", published.Headers.Location!.OriginalString);
        var shown = await designer.OpenAsync(published.Headers.Location.OriginalString);
        Assert.Contains($"已发布", shown.QuerySelector("[data-testid=notice]").Text(), StringComparison.Ordinal);
        Assert.Equal($"第 {next} 版", shown.QuerySelector("[data-testid=version]").Text());
        Assert.Contains("7个工作日", shown.QuerySelector("[data-testid=state-row][data-state=review-application]").Text(), StringComparison.Ordinal);

        var diff = await designer.OpenAsync($"/designer/rehab-extension/diff?from={inForce}&to={next}");
        var clockRow = diff.QuerySelector("[data-testid=diff-clocks] [data-change=changed]")!;
        Assert.Contains("修改", clockRow.Text(), StringComparison.Ordinal);
        Assert.Contains("review-application.deadline", clockRow.Text(), StringComparison.Ordinal);
        // The clocks in words, the date they count from by its label.
        Assert.Contains("「申请受理日期」后5个工作日", clockRow.Text(), StringComparison.Ordinal);
        Assert.Contains("「申请受理日期」后7个工作日", clockRow.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("working days", clockRow.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("receivedOn", clockRow.Text(), StringComparison.Ordinal);
        Assert.NotNull(diff.QuerySelector("#diagram-to g.diagram-node.mark-changed[data-state=review-application]"));
        Assert.Contains("（修改）", diff.QuerySelector("#diagram-to g[data-state=review-application]").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_officer_cannot_publish_through_the_form()
    {
        var designer = await app.As("designer");
        var editor = await designer.OpenAsync("/designer/transfer-approval/edit");
        var officer = await app.As("officer.jinan");
        var anyPage = await officer.OpenAsync("/designer");
        var versions = await app.InDbAsync(db => db.Definitions.CountAsync());

        var response = await officer.SubmitAsync(anyPage, "form[action='/culture']", [new("json", editor.QuerySelector("#json")!.TextContent)], action: "/designer/transfer-approval/publish");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("只有流程设计人员可以发布流程定义", (await PageSupport.ParseAsync(response)).QuerySelector("[data-testid=problem]").Text(), StringComparison.Ordinal);
        Assert.Equal(versions, await app.InDbAsync(db => db.Definitions.CountAsync()));
    }

    [Fact]
    public async Task The_dry_run_page_plays_a_timeline_and_shows_the_path_the_deadlines_and_the_refused_line()
    {
        var designer = await app.As("designer");
        var form = await designer.OpenAsync("/designer/fee-rate-objection/dry-run");
        Assert.Contains(" start {", form.QuerySelector("#timeline")!.TextContent, StringComparison.Ordinal);
        var timeline = string.Join('\n',
            "# 迟到的异议",
            """2025-09-26 start {"employerCreditCode":"91370100MA3C4E5F61","previousRate":0.005,"newRate":0.0045,"effectiveFrom":"2025-07","adjustedOn":"2025-09-26"}""",
            """2025-10-09 task notify-employer notified {"noticeReceivedOn":"2025-10-09"}""",
            """2025-10-23 event objection {"receivedOn":"2025-10-23","reason":"支缴率计算有误"}""");

        var response = await designer.SubmitAsync(form, "[data-testid=dry-run-form]", [new("timeline", timeline)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PageSupport.ParseAsync(response);
        var refusal = page.QuerySelector("[data-testid=dry-run-refusal]").Text();
        Assert.Contains("HTTP 422", refusal, StringComparison.Ordinal);
        Assert.Contains("时间线第 4 行", refusal, StringComparison.Ordinal);
        Assert.Contains("2025年10月22日", refusal, StringComparison.Ordinal);
        var path = page.QuerySelectorAll("[data-testid=dry-run-path] tbody tr");
        // The window closed on 10/22 and the rate changed: the case settles the difference (第二十二条 ¶2), where the late
        // objection is refused as at the end.
        Assert.Equal(["notify-employer", "objection-window", "no-objection", "rate-changed", "settle-no-objection"], path.Select(r => r.GetAttribute("data-state")));
        // What led into each state is said by its label: the outcome's name in the definition, not its code.
        Assert.Equal(["立案", "结果：已告知", "时限届满", "自动", "判断：finalRate != previousRate"], path.Select(r => r.QuerySelectorAll("td")[2].Text()));
        var window = page.QuerySelector("[data-testid=dry-run-clocks] tr[data-kind=transition]").Text();
        Assert.Contains("2025-10-22", window, StringComparison.Ordinal);
        Assert.Contains("第二十二条", window, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#diagram-dry-run g.mark-current[data-state=settle-no-objection]"));

        // A line that cannot be read is named, and nothing runs.
        var bad = await designer.SubmitAsync(form, "[data-testid=dry-run-form]", [new("timeline", timeline + "\n2025-11-01 finish")]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("第 5 行", (await PageSupport.ParseAsync(bad)).QuerySelector("[data-testid=dry-run-errors]").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_designer_dry_runs_an_unpublished_draft_from_the_editor_and_nothing_is_published()
    {
        var designer = await app.As("designer");
        var editor = await designer.OpenAsync("/designer/fee-rate-objection/edit");
        var json = JsonNode.Parse(editor.QuerySelector("#json")!.TextContent)!;
        var versions = await app.InDbAsync(db => db.Definitions.CountAsync(d => d.Key == "fee-rate-objection"));
        var inForce = await app.InDbAsync(db => db.Definitions.Where(d => d.Key == "fee-rate-objection").MaxAsync(d => d.Version));

        // A broken draft goes back to the editor with the validator's messages, as publishing would.
        var broken = json.DeepClone();
        broken["states"]!["notify-employer"]!["deadline"]!.AsObject().Remove("basis");
        var refused = await designer.SubmitAsync(editor, "[data-testid=editor-form]", [new("json", broken.ToJsonString())], action: "/designer/fee-rate-objection/dry-run/draft");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedPage = await PageSupport.ParseAsync(refused);
        Assert.Contains("$.states.notify-employer.deadline", refusedPage.QuerySelector("[data-testid=validation-error]").Text(), StringComparison.Ordinal);
        Assert.Contains("不能试运行", refusedPage.QuerySelector("[data-testid=publish-refused]").Text(), StringComparison.Ordinal);

        // The draft shortens the notice to 5 working days; the dry run counts it across the National Day holidays.
        var draft = json.DeepClone();
        draft["states"]!["notify-employer"]!["deadline"]!["workingDays"] = 5;
        var opened = await designer.SubmitAsync(editor, "[data-testid=editor-form]", [new("json", draft.ToJsonString())], action: "/designer/fee-rate-objection/dry-run/draft");
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var form = await PageSupport.ParseAsync(opened);
        Assert.Equal($"草稿（发布后为第 {inForce + 1} 版）", form.QuerySelector("[data-testid=dry-run-draft]").Text());
        Assert.Contains(" start {", form.QuerySelector("#timeline")!.TextContent, StringComparison.Ordinal);

        var timeline = """2025-09-26 start {"employerCreditCode":"91370100MA3C4E5F61","previousRate":0.005,"newRate":0.0045,"effectiveFrom":"2025-07","adjustedOn":"2025-09-26"}""";
        var ran = await PageSupport.ParseAsync(await designer.SubmitAsync(form, "[data-testid=dry-run-form]", [new("timeline", timeline)]));
        Assert.Contains("（草稿）", ran.QuerySelector("[data-testid=dry-run-summary]").Text(), StringComparison.Ordinal);
        // 5 working days from Friday 9/26: Sunday 9/28 (a make-up working day), 9/29, 9/30, then 10/9 and 10/10 after the holidays.
        Assert.Contains("2025-10-10", ran.QuerySelector("[data-testid=dry-run-tasks] tr[data-state=notify-employer]").Text(), StringComparison.Ordinal);
        Assert.Equal($"草稿（发布后为第 {inForce + 1} 版）", ran.QuerySelector("[data-testid=dry-run-draft]").Text());

        // "as 姓名" after a step's data names who acts, as the page's help says; data that is not JSON is told in Chinese,
        // with the line, never the parser's own words.
        var acting = await PageSupport.ParseAsync(await designer.SubmitAsync(form, "[data-testid=dry-run-form]",
            [new("timeline", timeline + "\n2025-09-29 task notify-employer notified {\"noticeReceivedOn\":\"2025-09-29\"} as 张三")]));
        Assert.Null(acting.QuerySelector("[data-testid=dry-run-errors]"));
        var notJson = await designer.SubmitAsync(form, "[data-testid=dry-run-form]", [new("timeline", timeline + "\n2025-09-29 task notify-employer notified {\"noticeReceivedOn\": as 张三")]);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        var told = (await PageSupport.ParseAsync(notJson)).QuerySelector("[data-testid=dry-run-errors]").Text();
        Assert.StartsWith("第 2 行：数据不是有效的 JSON 对象", told, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", told, StringComparison.Ordinal);
        Assert.DoesNotContain("is an invalid", told, StringComparison.Ordinal);

        // Back to the editor with the draft as it was; nothing was published.
        var back = await designer.SubmitAsync(ran, "form:has([data-testid=back-to-draft])", []);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        var again = JsonNode.Parse((await PageSupport.ParseAsync(back)).QuerySelector("#json")!.TextContent)!;
        Assert.Equal(5, again["states"]!["notify-employer"]!["deadline"]!["workingDays"]!.GetValue<int>());
        Assert.Equal(versions, await app.InDbAsync(db => db.Definitions.CountAsync(d => d.Key == "fee-rate-objection")));
    }

    [Fact]
    public async Task A_supervisor_previews_then_applies_the_migration_of_a_running_case_to_the_new_version()
    {
        var officer = await app.As("officer.jinan");
        var caseId = await DemoFiling.StartCaseAsync(officer, "2026-06-30");
        var other = await DemoFiling.StartCaseAsync(officer, "2026-06-30");
        var designer = await app.As("designer");
        var v1 = await (await designer.GetAsync(new Uri($"/api/definitions/{DemoFiling.Key}/versions/1", UriKind.Relative))).Content.ReadAsStringAsync();
        var published = await (await designer.PostRawJsonAsync($"/api/definitions/{DemoFiling.Key}/versions", v1)).JsonAsync(HttpStatusCode.Created);
        var target = published.GetProperty("version").GetInt32();

        // The case's workspace tells a supervisor (and only a supervisor) that a newer version exists, and links to the migration.
        var supervisor = await app.As("supervisor.jinan");
        var workspace = await supervisor.OpenAsync($"/cases/{caseId}");
        Assert.Equal($"/designer/{DemoFiling.Key}/migrate?caseId={caseId}", workspace.QuerySelector("[data-testid=migrate-link]")!.GetAttribute("href"));
        Assert.Null((await officer.OpenAsync($"/cases/{caseId}")).QuerySelector("[data-testid=migrate-hint]"));
        var page = await supervisor.OpenAsync($"/designer/{DemoFiling.Key}/migrate?caseId={caseId}");
        Assert.NotNull(page.QuerySelector($"[data-testid=running-cases] tr[data-case-id='{caseId}']"));
        Assert.Equal("await-filing=await-filing", page.QuerySelector("#mapping")!.TextContent);

        var fields = new Dictionary<string, string> { ["caseId"] = caseId.ToString(), ["toVersion"] = target.ToString(CultureInfo.InvariantCulture), ["mapping"] = "await-filing=await-filing" };
        var preview = await PageSupport.ParseAsync(await supervisor.SubmitAsync(page, "[data-testid=migrate-form]", fields));
        Assert.Equal("true", preview.QuerySelector("[data-testid=migration-plan]")!.GetAttribute("data-dry-run"));
        Assert.Contains("第九条", preview.QuerySelector("[data-testid=timers-armed]").Text(), StringComparison.Ordinal);
        Assert.Equal(1, (await DemoFiling.GetAsync(officer, caseId)).GetProperty("definitionVersion").GetInt32());

        var applied = await PageSupport.ParseAsync(await supervisor.SubmitAsync(page, "[data-testid=migrate-form]", fields.Append(new("apply", "true"))));
        Assert.Equal("false", applied.QuerySelector("[data-testid=migration-plan]")!.GetAttribute("data-dry-run"));
        Assert.Equal(target, (await DemoFiling.GetAsync(officer, caseId)).GetProperty("definitionVersion").GetInt32());
        Assert.Null(applied.QuerySelector($"[data-testid=running-cases] tr[data-case-id='{caseId}']"));
        Assert.Null((await supervisor.OpenAsync($"/cases/{caseId}")).QuerySelector("[data-testid=migrate-hint]"));

        // A mapping to a state the new version lacks is refused by the runtime, named and shown.
        var refused = await supervisor.SubmitAsync(page, "[data-testid=migrate-form]", new Dictionary<string, string>(fields) { ["caseId"] = other.ToString(), ["mapping"] = "await-filing=nowhere" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("stateMapping.await-filing", (await PageSupport.ParseAsync(refused)).QuerySelector("[data-testid=migrate-problem]").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sensitive_change_is_named_in_the_editor_published_pending_and_decided_by_a_provincial_supervisor_on_its_page()
    {
        const string Key = "third-party-reimbursement";
        var designer = await app.As("designer");
        var editor = await designer.OpenAsync($"/designer/{Key}/edit");
        Assert.Equal($"/api/definitions/validate?from={ShippedDefinitions.Version(Key)}", editor.QuerySelector("#json")!.GetAttribute("data-validate-url"));
        var draft = JsonNode.Parse(editor.QuerySelector("#json")!.TextContent)!;
        draft["states"]!["approve"]!.AsObject().Remove("notCompletedBySameAs");

        // Back in the editor (after a draft's dry run) the change is named before anything is published.
        var named = await PageSupport.ParseAsync(await designer.SubmitAsync(editor, "[data-testid=editor-form]", [new("json", draft.ToJsonString())], $"/designer/{Key}/edit"));
        var warning = named.QuerySelector("[data-testid=sensitive] [data-testid=sensitive-change]")!;
        Assert.Equal(("SeparationRemoved", "approve"), (warning.GetAttribute("data-kind"), warning.GetAttribute("data-state")));
        Assert.Contains("岗位不相容", warning.Text(), StringComparison.Ordinal);

        // The confirmation says the version waits for a provincial supervisor, and names the change.
        var confirm = await PageSupport.ParseAsync(await designer.SubmitAsync(editor, "[data-testid=editor-form]", [new("json", draft.ToJsonString())]));
        Assert.Contains("须经省级主管审批才启用", confirm.QuerySelector("[data-testid=publish-confirm-what]").Text(), StringComparison.Ordinal);
        Assert.Equal("SeparationRemoved", confirm.QuerySelector("[data-testid=publish-confirm-sensitive] [data-testid=sensitive-change]")!.GetAttribute("data-kind"));
        var published = await designer.SubmitAsync(confirm, "[data-testid=publish-confirm-form]", []);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var shown = await designer.OpenAsync(published.Headers.Location!.OriginalString);
        var version = int.Parse(shown.QuerySelector("[data-testid=version]").Text().Replace("第 ", "", StringComparison.Ordinal).Replace(" 版", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        Assert.Contains("须经省级主管审批", shown.QuerySelector("[data-testid=notice]").Text(), StringComparison.Ordinal);
        Assert.Equal("待审批", shown.QuerySelector("[data-testid=publication-status]").Text());
        Assert.Equal("SeparationRemoved", shown.QuerySelector("[data-testid=sensitive-change]")!.GetAttribute("data-kind"));
        Assert.Null(shown.QuerySelector("[data-testid=approve-form]")); // never the designer who proposed it
        var list = await designer.OpenAsync("/designer");
        Assert.NotNull(list.QuerySelector($"[data-testid=pending-version][data-key={Key}][data-version='{version}']"));
        Assert.StartsWith($"v{ShippedDefinitions.Version(Key)} ", list.QuerySelector($"[data-key={Key}] [data-testid=in-force]").Text(), StringComparison.Ordinal);

        // A city's supervisor sees it but does not decide; the provincial supervisor does, and a rejection needs its reason.
        Assert.Null((await (await app.As("supervisor.jinan")).OpenAsync($"/designer/{Key}?version={version}")).QuerySelector("[data-testid=approve-form]"));
        var province = await app.As("supervisor.province");
        var decide = await province.OpenAsync($"/designer/{Key}?version={version}");
        var noReason = await province.SubmitAsync(decide, "[data-testid=reject-form]", [new("reason", "")]);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", (await PageSupport.ParseAsync(noReason)).QuerySelector("[data-testid=decision-problem]").Text(), StringComparison.Ordinal);
        var approved = await province.SubmitAsync(decide, "[data-testid=approve-form]", [new("note", "复核改由抽查，已核对")]);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var after = await province.OpenAsync(approved.Headers.Location!.OriginalString);
        Assert.Contains("已批准", after.QuerySelector("[data-testid=notice]").Text(), StringComparison.Ordinal);
        Assert.Equal("使用中", after.QuerySelector("[data-testid=publication-status]").Text());
        Assert.Equal(["Proposed", "Approved"], after.QuerySelectorAll("[data-testid=publication-step]").Select(s => s.GetAttribute("data-action")));
        Assert.Contains("复核改由抽查，已核对", after.QuerySelector("[data-testid=publication-journal]").Text(), StringComparison.Ordinal);
        Assert.Null(after.QuerySelector("[data-testid=approve-form]"));

        // In English, the same page.
        var english = await province.OpenAsync($"/designer/{Key}?version={version}&culture=en");
        Assert.Contains("separation of duties", english.QuerySelector("[data-testid=sensitive-change]").Text(), StringComparison.Ordinal);
        Assert.Contains("Publication record", english.QuerySelector("[data-testid=publication]").Text(), StringComparison.Ordinal);
    }

    private static IEnumerable<string> Targets(JsonObject state)
    {
        foreach (var group in new[] { "outcomes", "events" })
        {
            foreach (var (_, spec) in state[group]?.AsObject() ?? [])
            {
                yield return spec!["to"]!.GetValue<string>();
            }
        }

        if (state["timer"]?["to"] is { } timer)
        {
            yield return timer.GetValue<string>();
        }

        foreach (var branch in state["branches"]?.AsArray() ?? [])
        {
            yield return branch!["to"]!.GetValue<string>();
        }

        foreach (var single in new[] { "otherwise", "to" })
        {
            if (state[single] is JsonValue value)
            {
                yield return value.GetValue<string>();
            }
        }
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"translate\(([-\d.]+),([-\d.]+)\)")]
    private static partial Regex Translate();
}
