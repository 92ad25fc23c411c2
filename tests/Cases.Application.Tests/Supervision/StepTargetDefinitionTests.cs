using System.Text.Json.Nodes;
using Cases.Application.Supervision;
using Cases.Workflows.Definitions;
using Cases.Workflows.Tests.Definitions;

namespace Cases.Application.Tests.Supervision;

/// <summary>The dashboard's target per step: a task's working-day deadline, or the definition's targetWorkingDays.</summary>
public sealed class StepTargetDefinitionTests
{
    private readonly DefinitionValidator _validator = new(ProductActions.All);

    [Fact]
    public void A_task_may_declare_its_target_in_working_days()
    {
        var errors = _validator.Validate(DefinitionFixtures.Mini(root => root.State("review")["targetWorkingDays"] = 4), "mini.json").Errors;

        Assert.Empty(errors);
    }

    [Fact]
    public void Only_a_task_has_a_target_and_it_is_a_whole_number_of_working_days()
    {
        var onWait = _validator.Validate(DefinitionFixtures.Mini(root => root.State("window")["targetWorkingDays"] = 3), "mini.json").Errors;
        var zero = _validator.Validate(DefinitionFixtures.Mini(root => root.State("review")["targetWorkingDays"] = 0), "mini.json").Errors;
        var fraction = _validator.Validate(DefinitionFixtures.Mini(root => root.State("review")["targetWorkingDays"] = 1.5), "mini.json").Errors;

        Assert.Equal((DefinitionRules.TargetWorkingDays, "$.states.window.targetWorkingDays"), (Assert.Single(onWait).Rule, onWait[0].Path));
        Assert.Equal((DefinitionRules.Schema, "$.states.review.targetWorkingDays"), (Assert.Single(zero).Rule, zero[0].Path));
        Assert.Equal(DefinitionRules.Schema, Assert.Single(fraction).Rule);
    }

    [Fact]
    public void The_target_is_the_working_day_deadline_unless_the_definition_declares_one()
    {
        var plain = DefinitionFixtures.Model();
        var declared = DefinitionFixtures.Model(root => root.State("review")["targetWorkingDays"] = 4);
        var calendarDays = DefinitionFixtures.Model(root => root.State("review")["deadline"] = JsonNode.Parse("""{ "after": "filedOn", "calendarDays": 30, "source": "agency", "basis": "第十五条" }"""));

        Assert.Equal(5, StepTargets.Of(plain.States["review"]));
        Assert.Equal(2, StepTargets.Of(plain.States["approve"]));
        Assert.Equal(4, StepTargets.Of(declared.States["review"]));
        Assert.Null(StepTargets.Of(calendarDays.States["review"]));
    }
}
