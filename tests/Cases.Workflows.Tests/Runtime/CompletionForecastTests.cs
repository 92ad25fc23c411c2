using Cases.Workflows.Definitions;
using Cases.Workflows.Runtime;
using static Cases.Workflows.Tests.Runtime.RuntimeFixtures;

namespace Cases.Workflows.Tests.Runtime;

/// <summary>
/// What a completion leads to at once, as the engine decides it without a database: a window whose timer is already due
/// when it is entered closes as soon as the completion commits, and the case goes on through actions to where it rests;
/// a window still open, or one whose last day lies in a provisional year (a supervisor confirms it), does not.
/// </summary>
public sealed class CompletionForecastTests
{
    private static readonly WorkflowDefinition Definition = RuntimeFixtures.Definition("""
        {
          "key": "notice", "version": 1,
          "title": { "zh": "告知与异议", "en": "Notice and objection" },
          "basis": ["第二十二条"],
          "initial": "notify",
          "data": {
            "receivedOn": { "type": "date" },
            "deadline": { "type": "date" },
            "finalRate": { "type": "decimal" },
            "newRate": { "type": "decimal" }
          },
          "startWith": ["newRate"],
          "states": {
            "notify": {
              "kind": "task", "role": "officer",
              "deadline": { "after": "$entered", "workingDays": 10, "source": "agency", "basis": "第二十二条" },
              "form": [ { "field": "receivedOn", "required": true } ],
              "outcomes": { "notified": { "to": "window" } }
            },
            "window": {
              "kind": "wait",
              "set": { "deadline": { "after": "receivedOn", "workingDays": 10, "source": "agency", "basis": "第二十二条" } },
              "events": { "objection": { "to": "objected" } },
              "timer": { "on": "deadline", "source": "agency", "basis": "第二十二条", "to": "keep-rate" }
            },
            "keep-rate": { "kind": "action", "action": "set-field", "parameters": { "field": "finalRate", "from": "newRate" }, "to": "final" },
            "objected": { "kind": "end", "outcome": "objected" },
            "final": { "kind": "end", "outcome": "final" }
          }
        }
        """);

    private readonly WorkflowEngine _engine = new(BuiltInActions.All());

    private CompletionForecast Complete(string receivedOn, DateTimeOffset now)
    {
        var progress = new Progress { FromState = "notify", State = "notify", Data = Data($$"""{ "newRate": 0.0045, "receivedOn": "{{receivedOn}}" }""") };
        _engine.Transition(Definition, progress, "window", now, Official);
        return CompletionForecast.Follow(_engine, Definition, progress, "window", now, Official);
    }

    [Fact]
    public void A_window_whose_last_day_has_passed_closes_at_once_and_the_case_goes_through_the_action_to_its_end()
    {
        var forecast = Complete("2025-10-23", China(2025, 11, 20));

        var closed = Assert.Single(forecast.Closed);
        Assert.Equal(("window", Day(2025, 11, 6), "keep-rate"), (closed.State, closed.Due.DueOn, closed.To));
        Assert.Equal(("window", "final"), (forecast.Target, forecast.Rests));
        var set = Assert.Single(forecast.Dates);
        Assert.Equal(("window", "deadline", Day(2025, 11, 6)), (set.State, set.Field, set.Date.DueOn));
    }

    [Fact]
    public void A_window_on_its_last_day_is_still_open_until_midnight()
    {
        Assert.Empty(Complete("2025-11-06", China(2025, 11, 20, 23)).Closed);
        Assert.Equal("final", Complete("2025-11-06", China(2025, 11, 21, 0)).Rests);
    }

    [Fact]
    public void A_window_ending_in_a_provisional_year_is_not_closed_at_once_but_waits_for_a_supervisor()
    {
        // 2027 has no State Council notice in the shipped data: the timer is held for a confirmation, not fired.
        var forecast = Complete("2027-03-01", China(2027, 4, 1));

        Assert.Empty(forecast.Closed);
        Assert.Equal("window", forecast.Rests);
        Assert.True(Assert.Single(forecast.Dates).Date.Provisional);
    }
}
