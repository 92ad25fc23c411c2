using System.Diagnostics;
using System.Net;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Cases.Web.Tests.Runtime;

/// <summary>POST /api/definitions/{key}/dry-run: the real runtime on a throwaway database, refusals as the runtime's ProblemDetails.</summary>
public sealed class DryRunApiTests(SqliteRuntimeApp app, ITestOutputHelper output) : IClassFixture<SqliteRuntimeApp>
{
    private static readonly object RateCase = new
    {
        employerCreditCode = "91370100MA3C4E5F61",
        previousRate = 0.005m,
        newRate = 0.0045m,
        effectiveFrom = "2025-07",
        adjustedOn = "2025-09-26",
    };

    private static object LateObjection(int? version = null) => new
    {
        version,
        city = "370100",
        start = new { on = "2025-09-26", data = RateCase },
        steps = new object[]
        {
            new { on = "2025-10-09", task = "notify-employer", outcome = "notified", data = new { noticeReceivedOn = "2025-10-09" } },
            new { on = "2025-10-23", @event = "objection", data = new { receivedOn = "2025-10-23", reason = "支缴率计算有误" } },
        },
    };

    private Task<int> RowsAsync() => app.InDbAsync(async db => await db.Cases.CountAsync() + await db.Journal.CountAsync() + await db.Timers.CountAsync() + await db.Definitions.CountAsync());

    [Fact]
    public async Task A_late_objection_is_refused_inside_the_report_with_the_runtimes_422_and_nothing_real_changes()
    {
        var designer = await app.As("designer");
        var before = await RowsAsync();

        var report = await (await designer.PostJsonAsync("/api/definitions/fee-rate-objection/dry-run", LateObjection())).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(2, report.GetProperty("version").GetInt32());
        // The window closed unobjected and the rate changed: the difference is being settled (第二十二条 ¶2), and the
        // late objection is refused there as it is at the end.
        Assert.Equal(["notify-employer", "objection-window", "no-objection", "rate-changed", "settle-no-objection"], report.GetProperty("path").EnumerateArray().Select(p => p.Str("state")));
        var refused = report.GetProperty("refused");
        Assert.Equal(2, refused.GetProperty("step").GetInt32());
        var problem = refused.GetProperty("problem");
        Assert.Equal(422, problem.GetProperty("status").GetInt32());
        Assert.Equal("不符合规定，未予办理", problem.Str("title"));
        Assert.Contains("已于2025年10月22日届满", problem.Str("detail"), StringComparison.Ordinal);
        Assert.False(refused.TryGetProperty("error", out _));
        var window = report.GetProperty("clocks").EnumerateArray().Single(c => c.Str("kind") == "transition");
        Assert.Equal(("2025-10-22", "第二十二条", "fired"), (window.Str("dueOn"), window.Str("basis"), window.Str("status")));
        Assert.Equal(before, await RowsAsync());
    }

    [Fact]
    public async Task Supervisors_may_dry_run_officers_may_not_and_bad_input_is_a_400_naming_its_field()
    {
        Assert.Equal(HttpStatusCode.OK, (await (await app.As("supervisor.jinan")).PostJsonAsync("/api/definitions/fee-rate-objection/dry-run", LateObjection())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("officer.jinan")).PostJsonAsync("/api/definitions/fee-rate-objection/dry-run", LateObjection())).StatusCode);

        var designer = await app.As("designer");
        await (await designer.PostJsonAsync("/api/definitions/fee-rate-objection/dry-run", LateObjection(version: 7))).FieldErrorAsync("version");
        await (await designer.PostJsonAsync("/api/definitions/fee-rate-objection/dry-run", new
        {
            start = new { on = "2025-09-26", data = new { employerCreditCode = "91370100MA3C4E5F61", previousRate = 0.005m, newRate = 0.0045m, effectiveFrom = "2025-07", adjustedOn = "2025-02-30" } },
        }))
            .FieldErrorAsync("start.data.adjustedOn");
        await (await designer.PostJsonAsync("/api/definitions/fee-rate-objection/dry-run", new { steps = Array.Empty<object>() })).FieldErrorAsync("start");
        await (await designer.PostJsonAsync("/api/definitions/fee-rate-objection/dry-run", new
        {
            start = new { on = "2025-09-26", data = RateCase },
            steps = new object[] { new { on = "2025-10-09" }, new { on = "2025-10-01" } },
        })).FieldErrorAsync("steps[1].on");
        Assert.Equal(HttpStatusCode.NotFound, (await designer.PostJsonAsync("/api/definitions/no-such-procedure/dry-run", LateObjection())).StatusCode);
    }

    [Fact]
    public async Task A_draft_is_played_before_publishing_and_an_invalid_one_lists_its_paths_and_rules()
    {
        var designer = await app.As("designer");
        var json = System.Text.Json.Nodes.JsonNode.Parse(await (await designer.GetAsync(new Uri("/api/definitions/fee-rate-objection/versions/2", UriKind.Relative))).Content.ReadAsStringAsync())!;
        json["states"]!["objection-window"]!["set"]!["objectionDeadline"]!["workingDays"] = 15;
        var body = new
        {
            definition = json,
            start = new { on = "2025-09-26", data = RateCase },
            steps = new object[] { new { on = "2025-10-09", task = "notify-employer", outcome = "notified", data = new { noticeReceivedOn = "2025-10-09" } } },
        };

        var report = await (await designer.PostJsonAsync("/api/definitions/fee-rate-objection/dry-run", body)).JsonAsync(HttpStatusCode.OK);
        Assert.True(report.GetProperty("draft").GetBoolean());
        // 15 working days after 10/9 instead of 10: 10/10, 10/11 (make-up), 10/13–17, 10/20–24, 10/27, 10/28, 10/29.
        Assert.Equal("2025-10-29", report.GetProperty("data").Str("objectionDeadline"));

        json["states"]!["notify-employer"]!["outcomes"]!["notified"]!["to"] = "objection-windw";
        var invalid = await (await designer.PostJsonAsync("/api/definitions/fee-rate-objection/dry-run", body)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(invalid.GetProperty("errors").EnumerateArray(), e => e.Str("path") == "$.states.notify-employer.outcomes.notified.to" && e.Str("rule") == "unknown-target");
        Assert.Equal(1, await app.InDbAsync(db => db.Definitions.CountAsync(d => d.Key == "fee-rate-objection")));
    }

    [Fact]
    public async Task Every_real_procedure_opens_and_runs_a_month_in_a_dry_run_measured()
    {
        var designer = await app.As("designer");
        var keys = new[] { "fee-rate-objection", "rehab-extension", "project-term-extension", "transfer-approval", "advance-payment", "third-party-reimbursement" };
        var page = await designer.GetAsync(new Uri("/designer", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        foreach (var key in keys)
        {
            // The dry-run page's own sample timeline (the test clock says 2025-10-20): the case opened with a sample of
            // each start field, then a month passes.
            var form = await Pages.PageSupport.OpenAsync(designer, $"/designer/{key}/dry-run");
            var timeline = form.QuerySelector("#timeline")!.TextContent;
            var watch = Stopwatch.StartNew();
            var response = await Pages.PageSupport.SubmitAsync(designer, form, "[data-testid=dry-run-form]", [new("timeline", timeline)]);
            watch.Stop();
            var result = await Pages.PageSupport.ParseAsync(response);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{key}: {(int)response.StatusCode} {result.QuerySelector("[data-testid=dry-run-errors]")?.TextContent}");
            Assert.NotNull(result.QuerySelector("[data-testid=dry-run-result]"));
            output.WriteLine($"{key}: dry run page {watch.ElapsedMilliseconds} ms, {result.QuerySelectorAll("[data-testid=dry-run-clocks] tbody tr").Length} clocks");
        }
    }
}
