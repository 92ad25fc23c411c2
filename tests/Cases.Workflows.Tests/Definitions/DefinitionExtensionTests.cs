using System.Text.Json.Nodes;
using Cases.Workflows.Definitions;
using Cases.Workflows.Runtime;

namespace Cases.Workflows.Tests.Definitions;

/// <summary>The clock "on" a date, dates a state sets, and event rules with messages.</summary>
public sealed class DefinitionExtensionTests
{
    private readonly DefinitionValidator _validator = new(BuiltInActions.All());

    private IReadOnlyList<DefinitionError> Errors(Action<JsonObject> change) =>
        _validator.Validate(DefinitionFixtures.Mini(root =>
        {
            root["data"]!["windowOpensOn"] = new JsonObject { ["type"] = "date" };
            change(root);
        }), "mini.json").Errors;

    [Fact]
    public void A_state_may_set_a_date_and_an_event_may_carry_rules_over_it()
    {
        var errors = Errors(root =>
        {
            root.State("window")["set"] = JsonNode.Parse("""{ "windowOpensOn": { "before": "filedOn", "calendarDays": 15, "source": "agency", "basis": "第四十九条" } }""");
            root.State("window")["events"]!["objection"]!["rules"] = JsonNode.Parse("""[ { "require": "today >= windowOpensOn", "message": { "zh": "自{windowOpensOn}起受理。", "en": "Accepted from {windowOpensOn}." } } ]""");
            root.State("window")["timer"] = JsonNode.Parse("""{ "on": "filedOn", "source": "agency", "basis": "第四十四条", "to": "done" }""");
        });
        Assert.Empty(errors);
    }

    [Fact]
    public void A_clock_on_a_date_takes_no_amount()
    {
        var errors = Errors(root => root.State("window")["timer"] = JsonNode.Parse("""{ "on": "filedOn", "calendarDays": 3, "source": "agency", "basis": "第四十四条", "to": "done" }"""));
        var error = Assert.Single(errors);
        Assert.Equal((DefinitionRules.Schema, "$.states.window.timer"), (error.Rule, error.Path));
    }

    [Fact]
    public void A_set_date_must_be_a_declared_date_field()
    {
        var undeclared = Errors(root => root.State("window")["set"] = JsonNode.Parse("""{ "opensOn": { "before": "filedOn", "calendarDays": 15, "source": "agency", "basis": "第四十九条" } }"""));
        Assert.Contains(undeclared, e => e.Rule == DefinitionRules.UndeclaredField && e.Path == "$.states.window.set.opensOn");
        var notDate = Errors(root => root.State("window")["set"] = JsonNode.Parse("""{ "amount": { "before": "filedOn", "calendarDays": 15, "source": "agency", "basis": "第四十九条" } }"""));
        Assert.Contains(notDate, e => e.Rule == DefinitionRules.ClockFieldNotDate && e.Path == "$.states.window.set.amount");
    }

    [Fact]
    public void Event_rules_are_checked_like_guards_and_their_messages_name_only_declared_fields()
    {
        var unknown = Errors(root => root.State("window")["events"]!["objection"]!["rules"] =
            JsonNode.Parse("""[ { "require": "receivedOn >= windowOpensOn", "message": { "zh": "自{openDay}起受理。", "en": "Accepted from {opensOn}." } } ]"""));
        Assert.Contains(unknown, e => e.Rule == DefinitionRules.GuardUnknownField && e.Path == "$.states.window.events.objection.rules[0].require");
        // Each language is checked on its own: a placeholder the Chinese names is refused as well as one the English names.
        Assert.Contains(unknown, e => e.Rule == DefinitionRules.UndeclaredField && e.Path == "$.states.window.events.objection.rules[0].message.zh" && e.MessageEn.Contains("{openDay}", StringComparison.Ordinal));
        Assert.Contains(unknown, e => e.Rule == DefinitionRules.UndeclaredField && e.Path == "$.states.window.events.objection.rules[0].message.en" && e.MessageEn.Contains("{opensOn}", StringComparison.Ordinal));
        var syntax = Errors(root => root.State("window")["events"]!["objection"]!["rules"] = JsonNode.Parse("""[ { "require": "filedOn >= (", "message": { "zh": "x", "en": "x" } } ]"""));
        Assert.Contains(syntax, e => e.Rule == DefinitionRules.GuardSyntax);
    }

    [Fact]
    public void Set_field_names_declared_fields()
    {
        var errors = Errors(root =>
        {
            root.State("record")["action"] = "set-field";
            root.State("record")["parameters"] = JsonNode.Parse("""{ "field": "filedOn", "from": "newDate" }""");
        });
        var error = Assert.Single(errors);
        Assert.Equal((DefinitionRules.UndeclaredField, "$.states.record.parameters.from"), (error.Rule, error.Path));
    }
}
