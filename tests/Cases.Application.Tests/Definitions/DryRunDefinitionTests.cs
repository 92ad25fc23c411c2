using System.Text.Json.Nodes;
using Cases.Domain;
using Cases.Domain.Staff;
using Cases.Testing;
using Cases.Workflows.Calendar;
using Cases.Workflows.DryRun;
using Cases.Workflows.Publishing;
using Cases.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

using Cases.Workflows.Tests.Definitions;

namespace Cases.Application.Tests.Definitions;

/// <summary>A migrated SQLite database with the shipped calendar and the procedures of workflows/ published as shipped.</summary>
public sealed class DryRunDatabase : IAsyncLifetime
{
    public TestDb Db { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Db = await TestDb.CreateAsync(TestProvider.Sqlite);
        await using var db = Db.Open();
        await LoadShippedCalendar.RunAsync(db, TimeProvider.System);
        var actions = new WorkflowEngine(ProductActions.All).Actions;
        await SeedDefinitions.RunAsync(db, DefinitionFixtures.WorkflowsFolder(), actions, TimeProvider.System, NullLogger.Instance);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>
/// The dry run plays real procedures through the real handlers, engine, timer firing and calendar on a throwaway
/// database: the dates below are the ones the scenario tests of the runtime assert for the same inputs.
/// </summary>
public sealed class DryRunDefinitionTests(DryRunDatabase fixture) : IClassFixture<DryRunDatabase>
{
    private static readonly Actor Designer = new("designer", null, new HashSet<string>(StringComparer.Ordinal) { Roles.Designer });

    private static readonly JsonObject RateCase = new()
    {
        ["employerCreditCode"] = "91370100MA3C4E5F61",
        ["previousRate"] = 0.005m,
        ["newRate"] = 0.0045m,
        ["effectiveFrom"] = "2025-07",
        ["adjustedOn"] = "2025-09-26",
    };

    private static readonly string[] BothObjectionPapers = ["objection-application", "supporting-materials"];

    private static DryRunStep Task(string on, string task, string outcome, object? data = null, string? by = null) =>
        new(Day(on), task, outcome, null, Json(data), by);

    private static DryRunStep Event(string on, string name, object? data = null) => new(Day(on), null, null, name, Json(data), null);

    private static DryRunStep Advance(string on) => new(Day(on), null, null, null, null, null);

    private static DateOnly Day(string on) => DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture);

    private static JsonObject? Json(object? data) => data is null ? null : System.Text.Json.JsonSerializer.SerializeToNode(data)!.AsObject();

    private async Task<DryRunReport> RunAsync(string key, string startOn, JsonObject start, params DryRunStep[] steps) =>
        await RunAsync(new DryRunDefinition(key, null, null, "370100", new DryRunStart(Day(startOn), (JsonObject)start.DeepClone()), steps, Designer));

    private async Task<DryRunReport> RunAsync(DryRunDefinition query)
    {
        await using var db = fixture.Db.Open();
        return await new DryRunDefinitionHandler(db, new WorkflowEngine(ProductActions.All)).Handle(query, CancellationToken.None);
    }

    [Fact]
    public async Task Fee_rate_objection_on_time_follows_the_objection_to_the_settlement_with_every_deadline_and_its_basis()
    {
        await using (var db = fixture.Db.Open())
        {
            Assert.Equal(0, await db.Cases.CountAsync());
        }

        var report = await RunAsync("fee-rate-objection", "2025-09-26", RateCase,
            Task("2025-10-09", "notify-employer", "notified", new { noticeReceivedOn = "2025-10-09" }),
            Event("2025-10-20", "objection", new { receivedOn = "2025-10-20", reason = "行业类别划分有误", materialsReceived = BothObjectionPapers }),
            Task("2025-10-24", "redetermine", "revised", new { grounds = "按上一周期支缴率重新核定", revisedRate = 0.004m }),
            Task("2025-11-05", "settle-difference", "settled", new { monthlyWageTotals = new[] { new { month = "2025-07", total = 1_000_000m } } }));

        Assert.Null(report.Refused);
        Assert.Equal(("completed", "settled", "settled"), (report.Status, report.EndOutcome, report.State));
        Assert.Equal(
            [
                "notify-employer", "objection-window", "application-complete", "redetermine", "apply-revised", "notify-result", "settle-difference",
                "compute-difference", "notify-settlement", "rate-to-tax-department", "objected", "settled",
            ],
            report.Path.Select(p => p.State));
        Assert.Equal(
            [
                (DryRunArrival.Started, null), (DryRunArrival.Outcome, "notified"), (DryRunArrival.Event, "objection"), (DryRunArrival.Next, null),
                (DryRunArrival.Outcome, "revised"), (DryRunArrival.Next, null), (DryRunArrival.Next, null),
                (DryRunArrival.Outcome, "settled"), (DryRunArrival.Next, null), (DryRunArrival.Next, null), (DryRunArrival.Next, null),
                (DryRunArrival.Branch, "receivedOn <= objectionDeadline"),
            ],
            report.Path.Select(p => (p.Via, p.ViaName)));
        Assert.Equal(new DateOnly(2025, 10, 20), report.Path.Single(p => p.State == "redetermine").On);

        // 10 working days after Friday 9/26, over the National Day holidays and two make-up days (第二十二条).
        var notify = report.Tasks.Single(t => t.State == "notify-employer");
        Assert.Equal((new DateOnly(2025, 10, 16), "第二十二条", "10 working days from adjustedOn", true), (notify.DueOn, notify.Basis, notify.Rule, notify.OnTime));
        // The objection window: 10 working days after the notice received on 10/9 → 10/22, a transition clock that never fired.
        var window = report.Clocks.Single(c => c is { Kind: "transition", State: "objection-window" });
        Assert.Equal((new DateOnly(2025, 10, 22), "第二十二条", "no-objection", "cancelled"), (window.DueOn, window.Basis, window.TargetState, window.Status));
        Assert.Equal("2025-10-22", report.Data["objectionDeadline"]!.GetValue<string>());
        // Re-determined within 10 working days of the application received on 10/20.
        Assert.Equal(new DateOnly(2025, 11, 3), report.Tasks.Single(t => t.State == "redetermine").DueOn);
        Assert.All(report.Tasks, t => Assert.Equal("completed", t.Status));
        Assert.Contains(report.Notifications, n => n.Template == "rate-redetermination-result" && n.Recipient == "employer");
        Assert.Contains(report.Notifications, n => n.Template == "rate-difference-settlement");
        Assert.Contains(report.Notifications, n => n.Template == "rate-floating-notice" && n.Recipient == "employer");
        Assert.Contains(report.Notifications, n => n.Template == "rate-to-tax-department" && n.Recipient == "tax-department");
        Assert.Empty(report.Escalations);
        Assert.Equal(-1000m, report.Data["difference"]!.GetValue<decimal>());
        Assert.All(report.Inputs, i => Assert.Equal("played", i.Result));

        // The product's own database did not gain a case.
        await using (var db = fixture.Db.Open())
        {
            Assert.Equal(0, await db.Cases.CountAsync());
        }
    }

    [Fact]
    public async Task A_late_notice_is_escalated_and_a_late_objection_is_refused_with_the_runtimes_words_after_the_window_closed()
    {
        var report = await RunAsync("fee-rate-objection", "2025-09-26", RateCase,
            Task("2025-10-20", "notify-employer", "notified", new { noticeReceivedOn = "2025-10-20" }),
            Event("2025-11-05", "objection", new { receivedOn = "2025-11-05", reason = "费率过高" }),
            Advance("2025-12-31"));

        // The notice was due on 10/16: its breach fired at midnight and raised an escalation before the officer acted.
        var notify = report.Tasks.Single(t => t.State == "notify-employer");
        Assert.Equal((false, true), (notify.OnTime, notify.Breached));
        var escalation = Assert.Single(report.Escalations);
        Assert.Equal((new DateOnly(2025, 10, 16), "第二十二条"), (escalation.DueOn, escalation.Basis));
        Assert.Contains(report.Notifications, n => n.Template == "deadline-breached" && n.Recipient == "role:supervisor");

        // 10 working days after 10/20 → 11/3; the window's timer moved the case at midnight to settle the difference at
        // the new rate (第二十二条 ¶2), then the objection came.
        Assert.Equal(["notify-employer", "objection-window", "no-objection", "rate-changed", "settle-no-objection"], report.Path.Select(p => p.State));
        Assert.Equal(DryRunArrival.Timer, report.Path[2].Via);
        var refused = Assert.IsType<DryRunRefusal>(report.Refused);
        Assert.Equal((2, "event objection"), (refused.Step, refused.Input));
        Assert.Contains("已于2025年11月3日届满", refused.Message, StringComparison.Ordinal);
        Assert.Contains("the last day was 3 November 2025", Assert.IsType<DomainRuleException>(refused.Error).Text.En, StringComparison.Ordinal);
        Assert.Equal(["played", "played", "refused", "not played"], report.Inputs.Select(i => i.Result));
        Assert.Contains(report.Journal, j => j.Action == "event-refused");
        Assert.Equal(("settle-no-objection", (string?)null), (report.State, report.EndOutcome));
    }

    [Fact]
    public async Task Missing_materials_not_supplied_within_30_days_lapse_the_referral_on_the_timer()
    {
        var start = new JsonObject
        {
            ["materialsReceived"] = new JsonArray("application"),
            ["injuryCaseId"] = "IC-2025-0042",
            ["workerIdNumber"] = "370102198503120011",
            ["employerCreditCode"] = "91370100MA3C4E5F61",
            ["appliedOn"] = "2025-09-29",
            ["referral"] = new JsonObject { ["hospital"] = "济南市第四人民医院", ["issuedOn"] = "2025-09-28", ["destinationHospital"] = "北京积水潭医院", ["destinationCityCode"] = "outside-shandong", ["destinationProvince"] = "北京市", ["destinationCity"] = "北京市", ["reason"] = "需行二期骨科手术" },
        };

        // Filing is refused while a paper is missing (the runtime's 422), so the officer asks for it once.
        var refusedFiling = await RunAsync("transfer-approval", "2025-09-29", start, Task("2025-09-30", "review-filing", "filed", new { filedOn = "2025-09-30" }));
        Assert.IsType<DomainRuleException>(refusedFiling.Refused!.Error);
        Assert.Contains("尚有1项必需材料未收到", refusedFiling.Refused.Message, StringComparison.Ordinal);
        Assert.Equal("review-filing", refusedFiling.State);

        var report = await RunAsync("transfer-approval", "2025-09-29", start,
            Task("2025-09-30", "review-filing", "missing-materials", new { reviewNote = "缺少协议机构转诊意见" }),
            Advance("2025-11-15"));

        Assert.Null(report.Refused);
        Assert.Equal(["review-filing", "notify-missing", "awaiting-materials", "lapsed"], report.Path.Select(p => p.State));
        // 30 calendar days after 9/30 is Thursday 10/30; the timer fires at its end and the application lapses.
        var deadline = report.Clocks.Single(c => c is { Kind: "transition", State: "awaiting-materials" });
        Assert.Equal((new DateOnly(2025, 10, 30), "第十五条", "lapsed", "fired"), (deadline.DueOn, deadline.Basis, deadline.TargetState, deadline.Status));
        Assert.Equal(new DateOnly(2025, 10, 31), report.Path[^1].On);
        Assert.Equal(DryRunArrival.Timer, report.Path[^1].Via);
        Assert.Contains(report.Notifications, n => n.Template == "one-time-missing-materials-notice" && n.Recipient == "worker");
        Assert.Equal("completed", report.Status);
    }

    [Fact]
    public async Task A_draft_runs_as_the_next_version_with_its_own_clocks_and_is_refused_like_a_publication_when_invalid()
    {
        await using (var db = fixture.Db.Open())
        {
            var shipped = await db.Definitions.Where(d => d.Key == "fee-rate-objection").OrderByDescending(d => d.Version).Select(d => new { d.Version, d.Json }).FirstAsync();
            var json = shipped.Json;
            var draft = JsonNode.Parse(json)!.AsObject();
            draft["states"]!["notify-employer"]!["deadline"]!["workingDays"] = 5;
            var report = await RunAsync(new DryRunDefinition("fee-rate-objection", null, draft, null, new DryRunStart(Day("2025-09-26"), (JsonObject)RateCase.DeepClone()), [], Designer));
            Assert.True(report.Draft);
            Assert.Equal(shipped.Version + 1, report.Version);
            // 5 working days after 9/26: 9/28 (make-up Sunday), 9/29, 9/30, 10/9, 10/10.
            Assert.Equal(new DateOnly(2025, 10, 10), report.Tasks.Single().DueOn);

            draft["states"]!["notify-employer"]!["deadline"]!.AsObject().Remove("basis");
            var invalid = await Assert.ThrowsAsync<DefinitionInvalidException>(() => RunAsync(new DryRunDefinition("fee-rate-objection", null, draft, null, new DryRunStart(Day("2025-09-26"), RateCase), [], Designer)));
            Assert.Contains(invalid.Errors, e => e.Path.Contains("notify-employer", StringComparison.Ordinal));
            Assert.Equal(1, await db.Definitions.CountAsync(d => d.Key == "fee-rate-objection"));
        }
    }

    [Fact]
    public async Task Inputs_the_case_cannot_take_are_refused_where_they_stand_and_malformed_ones_name_their_field()
    {
        var notOpen = await RunAsync("fee-rate-objection", "2025-09-26", RateCase, Task("2025-10-09", "redetermine", "upheld", new { grounds = "x" }));
        Assert.IsType<ConflictException>(notOpen.Refused!.Error);
        Assert.Contains("待办任务为：notify-employer", notOpen.Refused.Message, StringComparison.Ordinal);

        var missingField = await RunAsync("fee-rate-objection", "2025-09-26", RateCase, Task("2025-10-09", "notify-employer", "notified"));
        Assert.Equal("steps[0].data.noticeReceivedOn", Assert.IsType<DomainValidationException>(missingField.Refused!.Error).Field);

        var badStart = await Assert.ThrowsAsync<DomainValidationException>(() => RunAsync("fee-rate-objection", "2025-09-26", new JsonObject { ["adjustedOn"] = "2025-09-26" }));
        Assert.StartsWith("start.data.", badStart.Field, StringComparison.Ordinal);

        var backwards = await Assert.ThrowsAsync<DomainValidationException>(() => RunAsync("fee-rate-objection", "2025-09-26", RateCase, Advance("2025-10-09"), Advance("2025-10-01")));
        Assert.Equal("steps[1].on", backwards.Field);

        var version = await Assert.ThrowsAsync<DomainValidationException>(() => RunAsync(new DryRunDefinition("fee-rate-objection", 9, null, null, new DryRunStart(Day("2025-09-26"), RateCase), [], Designer)));
        Assert.Equal("version", version.Field);

        var officer = new Actor("officer.jinan", "370100", new HashSet<string>(StringComparer.Ordinal) { Roles.Officer });
        await Assert.ThrowsAsync<ForbiddenException>(() => RunAsync(new DryRunDefinition("fee-rate-objection", null, null, null, new DryRunStart(Day("2025-09-26"), RateCase), [], officer)));
    }

    [Fact]
    public async Task Separation_of_duties_is_tried_by_naming_who_acts()
    {
        var start = new JsonObject { ["contractEndsOn"] = "2026-06-30" };
        DryRunStep[] steps =
        [
            Event("2025-10-20", "filed", new { filedOn = "2025-10-20", newContractEndsOn = "2026-09-30" }),
            Task("2025-10-21", "check-materials", "complete", new { materialsComplete = true }, by: "张三"),
            Task("2025-10-22", "approve", "approved", by: "张三"),
        ];

        var same = await RunAsync("demo-filing", "2025-10-09", start, steps);
        Assert.IsType<ForbiddenException>(same.Refused!.Error);
        Assert.Contains("第一百一十九条", same.Refused.Message, StringComparison.Ordinal);

        steps[2] = steps[2] with { By = "李四" };
        var other = await RunAsync("demo-filing", "2025-10-09", start, steps);
        Assert.Null(other.Refused);
        Assert.Equal("extended", other.EndOutcome);
        Assert.Equal("李四", other.Tasks.Single(t => t.State == "approve").CompletedBy);
    }
}
