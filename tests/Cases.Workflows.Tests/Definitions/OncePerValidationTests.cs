using System.Text.Json.Nodes;
using Cases.Workflows.Definitions;
using Cases.Workflows.Runtime;

namespace Cases.Workflows.Tests.Definitions;

/// <summary>oncePer (第四十九条: an extension once per injury case) names a declared string field the case starts with.</summary>
public sealed class OncePerValidationTests
{
    private readonly DefinitionValidator _validator = new(BuiltInActions.All());

    private IReadOnlyList<DefinitionError> With(string field, string type = "string", bool startWith = true, string message = "已有案件{caseNumber}（{injuryCaseId}）") =>
        _validator.Validate(DefinitionFixtures.Mini(r =>
        {
            r["data"]!["injuryCaseId"] = JsonNode.Parse($$"""{ "type": "{{type}}" }""");
            if (startWith)
            {
                r["startWith"]!.AsArray().Add("injuryCaseId");
            }

            r["oncePer"] = new JsonObject { ["field"] = field, ["basis"] = "第四十九条", ["message"] = new JsonObject { ["zh"] = message, ["en"] = message } };
        }), "mini.json").Errors;

    [Fact]
    public void A_declared_string_start_field_with_the_case_number_in_its_message_is_valid() => Assert.Empty(With("injuryCaseId"));

    [Fact]
    public void An_undeclared_field_a_field_of_another_type_or_one_not_given_at_the_start_is_refused()
    {
        Assert.Equal("$.oncePer.field", Assert.Single(With("caseRef"), e => e.Rule == DefinitionRules.OncePer).Path);
        Assert.Single(With("injuryCaseId", type: "date"), e => e.Rule == DefinitionRules.OncePer);
        Assert.Single(With("injuryCaseId", startWith: false), e => e.Rule == DefinitionRules.OncePer);
    }

    [Fact]
    public void A_message_naming_an_unknown_placeholder_is_refused() =>
        Assert.Contains(With("injuryCaseId", message: "已有{caseNo}"), e => e is { Rule: DefinitionRules.UndeclaredField, Path: "$.oncePer.message.zh" });

    [Fact]
    public void The_schema_refuses_an_oncePer_without_its_basis() =>
        Assert.Contains(_validator.Validate(DefinitionFixtures.Mini(r => r["oncePer"] = new JsonObject { ["field"] = "filedOn" }), "mini.json").Errors, e => e.Rule == DefinitionRules.Schema);
}
