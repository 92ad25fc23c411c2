using Cases.Workflows.Definitions;
using Cases.Workflows.Runtime;
using static Cases.Workflows.Tests.Runtime.RuntimeFixtures;

namespace Cases.Workflows.Tests.Runtime;

/// <summary>
/// The guards of decisions, events and outcome rules over a case's data: dates compare as dates, amounts as decimals,
/// and a guard over a field the case does not have yet is false rather than an error.
/// </summary>
public sealed class GuardsTests
{
    private static readonly WorkflowDefinition Definition = RuntimeFixtures.Definition("""
        {
          "key": "guards", "version": 1,
          "title": { "zh": "条件", "en": "Guards" },
          "basis": ["第二十二条"],
          "initial": "window",
          "data": {
            "filedOn": { "type": "date" },
            "receivedOn": { "type": "date" },
            "amount": { "type": "decimal" },
            "urgent": { "type": "boolean" },
            "kind": { "type": "enum", "values": ["injury", "death"], "labels": { "injury": { "zh": "工伤", "en": "Injury" }, "death": { "zh": "因工死亡", "en": "Death" } } }
          },
          "startWith": ["filedOn"],
          "states": {
            "window": {
              "kind": "wait",
              "events": { "objection": { "to": "done", "accept": "receivedOn <= windowEndsOn" } },
              "timer": { "after": "filedOn", "calendarDays": 30, "source": "agency", "basis": "第二十二条", "to": "done" }
            },
            "done": { "kind": "end", "outcome": "done" }
          }
        }
        """);

    private static bool Holds(string guard, string data, IReadOnlyDictionary<string, object?>? extras = null) =>
        Guards.Evaluate(guard, Data(data), Definition.Data, extras);

    [Theory]
    [InlineData("2025-10-09", true)] // on the last day of the window: in time
    [InlineData("2025-10-10", false)] // a day late
    public void An_objection_is_in_time_up_to_the_last_day_of_its_window(string receivedOn, bool accepted)
    {
        var windowEndsOn = new Dictionary<string, object?> { [DefinitionValidator.WindowEndsOnParameter] = Day(2025, 10, 9).ToDateTime(TimeOnly.MinValue) };

        Assert.Equal(accepted, Holds("receivedOn <= windowEndsOn", $$"""{ "receivedOn": "{{receivedOn}}" }""", windowEndsOn));
    }

    [Fact]
    public void Dates_compare_as_dates_not_as_text()
    {
        Assert.True(Holds("receivedOn > filedOn", """{ "filedOn": "2025-09-30", "receivedOn": "2025-10-01" }"""));
        Assert.False(Holds("receivedOn > filedOn", """{ "filedOn": "2025-10-01", "receivedOn": "2025-10-01" }"""));
    }

    [Theory]
    [InlineData("10000.01", true)]
    [InlineData("10000", false)]
    [InlineData("9999.999", false)]
    public void Amounts_compare_as_decimals(string amount, bool large) =>
        Assert.Equal(large, Holds("amount > 10000", $$"""{ "amount": {{amount}} }"""));

    [Fact]
    public void Booleans_and_chosen_values_are_compared_as_given()
    {
        Assert.True(Holds("urgent == true && kind == 'death'", """{ "urgent": true, "kind": "death" }"""));
        Assert.False(Holds("urgent == true && kind == 'death'", """{ "urgent": false, "kind": "death" }"""));
        Assert.False(Holds("urgent == true && kind == 'death'", """{ "urgent": true, "kind": "injury" }"""));
    }

    [Theory]
    [InlineData("amount > 10000")]
    [InlineData("receivedOn <= filedOn")]
    public void A_guard_over_a_field_the_case_does_not_have_is_false(string guard) =>
        Assert.False(Holds(guard, """{ "filedOn": "2025-10-01" }"""));

    [Fact]
    public void Today_and_the_count_of_missing_materials_are_computed_for_rules()
    {
        var extras = Materials.GuardExtras(Definition, Data("{}"), China(2025, 10, 9, hour: 1));

        Assert.True(Holds("today == filedOn", """{ "filedOn": "2025-10-09" }""", extras));
        Assert.True(Holds("materialsMissing == 0", "{}", extras));
    }
}
