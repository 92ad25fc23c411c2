using Cases.Domain;
using Cases.Workflows.Definitions;
using Cases.Workflows.Records;
using Cases.Workflows.Runtime;
using Microsoft.Extensions.Time.Testing;
using static Cases.Workflows.Tests.Runtime.RuntimeFixtures;

namespace Cases.Workflows.Tests.Runtime;

/// <summary>
/// What the engine decides for a command, without a database: which branch a decision takes, what an action does, where
/// the case stops (a task, a wait, an end), which clocks it arms, and that a definition cycling through automatic states
/// is stopped with a clear failure instead of hanging the command.
/// </summary>
public sealed class WorkflowEngineTests
{
    private const string Json = """
        {
          "key": "grant", "version": 1,
          "title": { "zh": "测试申请", "en": "Test application" },
          "basis": ["第十五条"],
          "initial": "route",
          "data": {
            "filedOn": { "type": "date" },
            "amount": { "type": "decimal" },
            "contractEnd": { "type": "date" },
            "newEnd": { "type": "date" }
          },
          "startWith": ["filedOn"],
          "states": {
            "route": {
              "kind": "decision",
              "branches": [ { "when": "amount > 10000", "to": "review-large" }, { "when": "amount > 0", "to": "review" } ],
              "otherwise": "nothing-to-do"
            },
            "review": {
              "kind": "task", "role": "officer",
              "deadline": { "after": "filedOn", "workingDays": 5, "source": "agency", "basis": "第十五条" },
              "outcomes": { "accept": { "to": "extend" }, "hear": { "to": "hearing" } }
            },
            "review-large": {
              "kind": "task", "role": "reviewer", "priority": "high",
              "deadline": { "after": "$entered", "workingDays": 3, "source": "agency", "basis": "第一百二十条" },
              "outcomes": { "accept": { "to": "extend" } }
            },
            "hearing": {
              "kind": "wait",
              "events": { "heard": { "to": "extend" } },
              "timer": { "after": "$entered", "calendarDays": 10, "source": "agency", "basis": "第二十二条", "to": "extend" }
            },
            "extend": { "kind": "action", "action": "set-field", "parameters": { "field": "contractEnd", "from": "newEnd" }, "to": "granted" },
            "granted": { "kind": "end", "outcome": "granted" },
            "nothing-to-do": { "kind": "end", "outcome": "nothing-to-do" }
          }
        }
        """;

    private static readonly WorkflowDefinition Definition = RuntimeFixtures.Definition(Json);

    private readonly WorkflowEngine _engine = new(BuiltInActions.All());

    private readonly FakeTimeProvider _clock = new(China(2025, 9, 26));

    private Progress Start(string data) => _engine.Start(Definition, Data(data), _clock.GetUtcNow(), Official);

    [Theory]
    [InlineData(20000, "amount > 10000")]
    [InlineData(500, "amount > 0")]
    [InlineData(0, "otherwise")]
    public void The_journal_names_the_guard_that_held_even_when_several_branches_lead_to_the_same_state(int amount, string branch)
    {
        var definition = RuntimeFixtures.Definition("""
            {
              "key": "same-target", "version": 1,
              "title": { "zh": "测试分支", "en": "Test branches" },
              "basis": ["第十五条"],
              "initial": "route",
              "data": { "filedOn": { "type": "date" }, "amount": { "type": "decimal" } },
              "startWith": ["filedOn"],
              "states": {
                "route": {
                  "kind": "decision",
                  "branches": [ { "when": "amount > 10000", "to": "review" }, { "when": "amount > 0", "to": "review" } ],
                  "otherwise": "review"
                },
                "review": {
                  "kind": "task", "role": "officer",
                  "deadline": { "after": "filedOn", "workingDays": 5, "source": "agency", "basis": "第十五条" },
                  "outcomes": { "done": { "to": "closed" } }
                },
                "closed": { "kind": "end", "outcome": "closed" }
              }
            }
            """);

        var progress = _engine.Start(definition, Data($$"""{ "filedOn": "2025-09-26", "amount": {{amount}} }"""), _clock.GetUtcNow(), Official);

        Assert.Equal("review", progress.State);
        var decided = Assert.Single(progress.Journal, j => j.Action == JournalActions.Decided);
        Assert.Equal(branch, (string?)decided.Data["branch"]);
    }

    [Fact]
    public void The_first_branch_whose_guard_holds_is_taken()
    {
        // 20,000 satisfies both guards; the first listed wins.
        var progress = Start("""{ "filedOn": "2025-09-26", "amount": 20000 }""");

        Assert.Equal("review-large", progress.State);
        var task = Assert.Single(progress.Tasks);
        Assert.Equal(("review-large", "reviewer", WorkflowEngine.PriorityOf("high")), (task.State, task.Spec.Role, task.Priority));
        Assert.Contains(progress.Journal, j => j.Action == "decided" && j.From == "route" && j.To == "review-large" && (string?)j.Data["branch"] == "amount > 10000");
        Assert.Contains("route", progress.LeftStates);
        Assert.Null(progress.EndOutcome);
    }

    [Fact]
    public void A_later_branch_is_taken_when_the_earlier_guards_fail_and_its_task_gets_its_deadline_and_clocks()
    {
        var progress = Start("""{ "filedOn": "2025-09-26", "amount": 500 }""");

        Assert.Equal("review", progress.State);
        var task = Assert.Single(progress.Tasks);
        Assert.Equal(Day(2025, 10, 10), task.Due.DueOn);
        // The task's warning and breach clocks are armed with it.
        Assert.Equal(new[] { TimerKind.TaskWarning, TimerKind.TaskBreach }, progress.Timers.Where(t => t.State == "review").Select(t => t.Kind).ToArray());
        Assert.Equal(task.WarnAt, progress.Timers.Single(t => t.Kind == TimerKind.TaskWarning).Due.DueAt);
        Assert.Equal(task.Due.DueAt, progress.Timers.Single(t => t.Kind == TimerKind.TaskBreach).Due.DueAt);
    }

    [Theory]
    [InlineData("""{ "filedOn": "2025-09-26", "amount": 0 }""")]
    [InlineData("""{ "filedOn": "2025-09-26" }""")] // no amount: a guard over a missing field does not hold
    public void When_no_guard_holds_the_default_branch_is_taken(string data)
    {
        var progress = Start(data);

        Assert.Equal("nothing-to-do", progress.State);
        Assert.Equal("nothing-to-do", progress.EndOutcome);
        Assert.Contains(progress.Journal, j => j.Action == "decided" && (string?)j.Data["branch"] == "otherwise");
        Assert.Contains(progress.Journal, j => j.Action == "ended");
        Assert.Empty(progress.Tasks);
    }

    [Fact]
    public void A_task_outcome_runs_the_action_that_follows_and_the_case_ends()
    {
        var progress = new Progress { FromState = "review", State = "review", Data = Data("""{ "filedOn": "2025-09-26", "contractEnd": "2025-12-31", "newEnd": "2026-06-30" }""") };

        _engine.Transition(Definition, progress, "extend", _clock.GetUtcNow(), Official);

        Assert.True(progress.Moved);
        Assert.Equal(new[] { "review", "extend" }, progress.LeftStates);
        Assert.Equal(Day(2026, 6, 30), progress.Data.GetDate("contractEnd"));
        var set = Assert.Single(progress.Journal, j => j.Action == "field-set");
        Assert.Equal(("contractEnd", "2025-12-31", "2026-06-30"), ((string?)set.Data["field"], (string?)set.Data["from"], (string?)set.Data["to"]));
        Assert.Equal(("granted", "granted"), (progress.State, progress.EndOutcome));
    }

    [Fact]
    public void A_wait_entered_later_arms_its_timer_from_the_day_it_was_entered()
    {
        var progress = Start("""{ "filedOn": "2025-09-26", "amount": 500 }""");
        _clock.Advance(TimeSpan.FromDays(5)); // 1 Oct 2025

        _engine.Transition(Definition, progress, "hearing", _clock.GetUtcNow(), Official);

        Assert.Equal(("hearing", Day(2025, 10, 1)), (progress.State, progress.EnteredOn));
        var timer = Assert.Single(progress.Timers, t => t.Kind == TimerKind.Transition);
        // 10 days after 1 Oct end on Saturday 11 Oct, a make-up working day.
        Assert.Equal(("hearing", "extend", Day(2025, 10, 11)), (timer.State, timer.TargetState, timer.Due.DueOn));
        Assert.Contains(progress.Journal, j => j.Action == "entered" && j.From == "review" && j.To == "hearing");
    }

    [Fact]
    public void An_action_the_installation_does_not_register_is_refused()
    {
        var engine = new WorkflowEngine([]);
        var progress = new Progress { FromState = "review", State = "review", Data = Data("""{ "filedOn": "2025-09-26" }""") };

        var e = Assert.Throws<DomainRuleException>(() => engine.Transition(Definition, progress, "extend", _clock.GetUtcNow(), Official));

        Assert.Contains("set-field", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_definition_that_cycles_through_decisions_and_actions_without_a_task_is_stopped_with_a_clear_failure()
    {
        // The validator sees a way to the end (the default branch); only the case's data makes the loop endless.
        var looping = RuntimeFixtures.Definition("""
            {
              "key": "looping", "version": 3,
              "title": { "zh": "循环", "en": "Looping" },
              "basis": ["第十五条"],
              "initial": "again",
              "data": { "filedOn": { "type": "date" }, "amount": { "type": "decimal" } },
              "startWith": ["filedOn"],
              "states": {
                "again": { "kind": "decision", "branches": [ { "when": "amount >= 0", "to": "note" } ], "otherwise": "done" },
                "note": { "kind": "action", "action": "record", "parameters": { "what": "checked" }, "to": "again" },
                "done": { "kind": "end", "outcome": "done" }
              }
            }
            """);

        var e = Assert.Throws<DomainRuleException>(() =>
            _engine.Start(looping, Data("""{ "filedOn": "2025-09-26", "amount": 1 }"""), _clock.GetUtcNow(), Official));

        Assert.Contains("“looping”第 3 版在自动环节之间循环", e.Message, StringComparison.Ordinal);
        Assert.Contains("looping v3", e.Text.En, StringComparison.Ordinal);
        Assert.Contains("loops through automatic states", e.Text.En, StringComparison.Ordinal);

        // The same definition with data that leaves the loop ends normally.
        Assert.Equal("done", _engine.Start(looping, Data("""{ "filedOn": "2025-09-26", "amount": -1 }"""), _clock.GetUtcNow(), Official).EndOutcome);
    }
}
