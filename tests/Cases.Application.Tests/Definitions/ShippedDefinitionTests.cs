using Cases.Workflows.Definitions;
using Cases.Workflows.Tests.Definitions;

namespace Cases.Application.Tests.Definitions;

/// <summary>The procedures the product ships (workflows/*.json) validate with the actions the product registers.</summary>
public sealed class ShippedDefinitionTests
{
    [Fact]
    public void Every_file_in_the_workflows_folder_validates_with_the_products_actions()
    {
        var validator = new DefinitionValidator(ProductActions.All);
        var files = Directory.GetFiles(DefinitionFixtures.WorkflowsFolder(), "*.json");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var (_, errors) = validator.Validate(File.ReadAllText(file), Path.GetFileName(file));
            Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        }
    }

    [Fact]
    public void A_procedure_naming_an_action_the_runtime_alone_does_not_have_is_refused_without_the_products()
    {
        var json = File.ReadAllText(Path.Combine(DefinitionFixtures.WorkflowsFolder(), "fee-rate-objection.json"));
        var (_, errors) = new DefinitionValidator(Workflows.Runtime.BuiltInActions.All()).Validate(json, "fee-rate-objection.json");
        Assert.Contains(errors, e => e.Rule == DefinitionRules.UnknownAction && e.Path == "$.states.compute-difference.action");
    }
}
