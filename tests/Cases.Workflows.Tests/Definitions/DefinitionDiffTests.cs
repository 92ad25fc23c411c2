using System.Text.Json;
using System.Text.Json.Nodes;
using Cases.Workflows.Definitions;

namespace Cases.Workflows.Tests.Definitions;

public sealed class DefinitionDiffTests
{
    [Fact]
    public void Diff_of_identical_definitions_is_empty()
    {
        var diff = DefinitionDiff.Compare(DefinitionFixtures.Model(), DefinitionFixtures.Model());
        Assert.True(diff.IsEmpty);
        Assert.Equal("mini v1", diff.From);
    }

    [Fact]
    public void Diff_lists_added_state_and_its_transitions()
    {
        var after = DefinitionFixtures.Model(r =>
        {
            r["version"] = 2;
            r["states"]!["refused"] = new JsonObject { ["kind"] = "end", ["outcome"] = "refused" };
            r.State("approve")["outcomes"]!["refused"] = new JsonObject { ["to"] = "refused" };
        });

        var diff = DefinitionDiff.Compare(DefinitionFixtures.Model(), after);

        Assert.Equal(["refused"], diff.StatesAdded);
        Assert.Empty(diff.StatesRemoved);
        Assert.Equal(["approve --outcome:refused--> refused"], diff.TransitionsAdded);
        Assert.Empty(diff.TransitionsRemoved);
        Assert.Equal("mini v2", diff.To);
        Assert.Contains(diff.DefinitionChanges, c => c is { Property: "version", Before: "1", After: "2" });
        Assert.Contains(diff.StatesChanged, s => s.State == "approve" && s.Changes.Any(c => c.Property == "outcomes"));
    }

    [Fact]
    public void Diff_lists_removed_state_and_removed_transition()
    {
        var after = DefinitionFixtures.Model(r =>
        {
            r["states"]!.AsObject().Remove("approve");
            r.State("route")["branches"]![0]!["to"] = "record";
        });

        var diff = DefinitionDiff.Compare(DefinitionFixtures.Model(), after);

        Assert.Equal(["approve"], diff.StatesRemoved);
        Assert.Contains("route --branch:amount > 1000--> approve", diff.TransitionsRemoved);
        Assert.Contains("approve --outcome:approved--> record", diff.TransitionsRemoved);
        Assert.Contains("route --branch:amount > 1000--> record", diff.TransitionsAdded);
        Assert.Contains(diff.ClocksRemoved, c => c.Location == "approve.deadline" && c.Basis == "第一百二十条");
    }

    [Fact]
    public void Diff_lists_changed_deadline_days_and_basis()
    {
        var after = DefinitionFixtures.Model(r =>
        {
            r.State("review")["deadline"]!["workingDays"] = 10;
            r.State("review")["deadline"]!["basis"] = "第二十二条";
        });

        var diff = DefinitionDiff.Compare(DefinitionFixtures.Model(), after);

        var clock = Assert.Single(diff.ClocksChanged);
        Assert.Equal("review.deadline", clock.Location);
        Assert.Equal(5, clock.Before.WorkingDays);
        Assert.Equal(10, clock.After.WorkingDays);
        Assert.Equal(["basis", "workingDays"], clock.Changes.Select(c => c.Property).Order(StringComparer.Ordinal));
        Assert.Contains(clock.Changes, c => c is { Property: "basis", Before: "第十五条", After: "第二十二条" });

        var state = Assert.Single(diff.StatesChanged);
        Assert.Equal("review", state.State);
        var change = Assert.Single(state.Changes);
        Assert.Equal("deadline", change.Property);
        Assert.Equal("5 working days after filedOn (第十五条)", change.Before);
        Assert.Equal("10 working days after filedOn (第二十二条)", change.After);
        Assert.Empty(diff.TransitionsAdded);
        Assert.Empty(diff.TransitionsRemoved);
    }

    [Fact]
    public void Diff_lists_changed_kind_and_role()
    {
        var after = DefinitionFixtures.Model(r => r.State("approve")["role"] = "supervisor");
        var diff = DefinitionDiff.Compare(DefinitionFixtures.Model(), after);
        var state = Assert.Single(diff.StatesChanged);
        Assert.Contains(state.Changes, c => c is { Property: "role", Before: "reviewer", After: "supervisor" });
    }

    [Fact]
    public void Diff_names_a_changed_kind_in_the_words_of_the_definition()
    {
        var after = DefinitionFixtures.Model(r => r.State("record")["kind"] = "wait");
        var diff = DefinitionDiff.Compare(DefinitionFixtures.Model(), after);
        var kind = Assert.Single(Assert.Single(diff.StatesChanged).Changes, c => c.Property == "kind");
        Assert.Equal(("action", "wait"), (kind.Before, kind.After));
    }

    [Fact]
    public void A_definition_is_written_with_the_kinds_it_was_read_with()
    {
        static IEnumerable<string> Kinds(JsonNode root) => root["states"]!.AsObject().Select(s => s.Value!["kind"]!.GetValue<string>());
        var written = JsonSerializer.SerializeToNode(DefinitionFixtures.Model(), DefinitionValidator.SerializerOptions)!;
        Assert.Equal(Kinds(DefinitionFixtures.Mini()), Kinds(written));
    }

    [Fact]
    public void Diff_lists_added_clock_and_timer_change()
    {
        var after = DefinitionFixtures.Model(r =>
        {
            r.State("window")["reminders"] = JsonNode.Parse("""[ { "at": { "after": "filedOn", "calendarDays": 25, "source": "agency", "basis": "第九条" }, "notify": { "to": "employer", "template": "soon" } } ]""");
            r.State("window")["timer"]!["to"] = "review";
        });

        var diff = DefinitionDiff.Compare(DefinitionFixtures.Model(), after);

        var added = Assert.Single(diff.ClocksAdded);
        Assert.Equal("window.reminders[0].at", added.Location);
        Assert.Equal("25 calendar days after filedOn (第九条)", added.Text);
        Assert.Contains(diff.ClocksChanged, c => c.Location == "window.timer" && c.Changes.Any(p => p is { Property: "to", Before: "done", After: "review" }));
        Assert.Contains("window --timer--> review", diff.TransitionsAdded);
        Assert.Contains("window --timer--> done", diff.TransitionsRemoved);
    }

    [Fact]
    public void Diff_serializes_to_json()
    {
        var after = DefinitionFixtures.Model(r => r.State("review")["deadline"]!["basis"] = "第二十二条");
        var json = DefinitionDiff.Compare(DefinitionFixtures.Model(), after).ToJson();

        using var document = JsonDocument.Parse(json);
        var changed = document.RootElement.GetProperty("clocksChanged");
        Assert.Equal("review.deadline", changed[0].GetProperty("location").GetString());
        Assert.Contains("第二十二条", json, StringComparison.Ordinal);
        var back = JsonSerializer.Deserialize<DefinitionDiffResult>(json, DefinitionDiff.JsonOptions);
        Assert.NotNull(back);
        Assert.Equal("review.deadline", back.ClocksChanged[0].Location);
    }
}
