using System.Text.Json.Nodes;
using Cases.Workflows.Definitions;
using Cases.Workflows.Runtime;

using Cases.Workflows.Tests.Definitions;

namespace Cases.Application.Tests.Definitions;

/// <summary>The materials checklist (第十五条), outcome rules and ledger actions (第九十、九十三条) as definitions declare them.</summary>
public sealed class MaterialsAndLedgerRulesTests
{
    private readonly DefinitionValidator _validator = new(ProductActions.All);

    private static void WithMaterials(JsonObject root)
    {
        root["data"]!["received"] = new JsonObject { ["type"] = "checklist" };
        root["data"]!["kind"] = JsonNode.Parse("""
            { "type": "enum", "values": ["traffic", "court"],
              "labels": { "traffic": { "zh": "交通事故", "en": "Traffic accident" }, "court": { "zh": "法院判决或调解", "en": "Court judgment or mediation" } } }
            """);
        root["materials"] = JsonNode.Parse("""
            {
              "application": { "label": { "zh": "申请", "en": "Application" }, "basis": "第九十一条（一）" },
              "judgment": { "label": { "zh": "判决书", "en": "Judgment" }, "basis": "第八十九条（三）", "when": "kind == 'court'" }
            }
            """);
    }

    private IReadOnlyList<DefinitionError> Errors(Action<JsonObject> change) => _validator.Validate(DefinitionFixtures.Mini(change), "mini.json").Errors;

    [Fact]
    public void A_checklist_with_its_materials_and_outcome_rules_on_materialsMissing_is_valid()
    {
        var errors = Errors(root =>
        {
            WithMaterials(root);
            root.State("review")["outcomes"]!["done"]!["rules"] = JsonNode.Parse("""[ { "require": "materialsMissing == 0 && today >= filedOn", "message": { "zh": "尚缺{materialsMissing}项", "en": "{materialsMissing} missing" } } ]""");
        });
        Assert.Empty(errors);
    }

    [Fact]
    public void A_checklist_without_materials_and_materials_without_a_checklist_are_refused()
    {
        var noMaterials = Assert.Single(Errors(root => root["data"]!["received"] = new JsonObject { ["type"] = "checklist" }));
        Assert.Equal((DefinitionRules.Checklist, "$.materials"), (noMaterials.Rule, noMaterials.Path));

        var noChecklist = Assert.Single(Errors(root =>
        {
            WithMaterials(root);
            root["data"]!.AsObject().Remove("received");
        }));
        Assert.Equal((DefinitionRules.Checklist, "$.materials"), (noChecklist.Rule, noChecklist.Path));
    }

    [Fact]
    public void A_material_guard_over_an_undeclared_field_names_the_material()
    {
        var error = Assert.Single(Errors(root =>
        {
            WithMaterials(root);
            root["materials"]!["judgment"]!["when"] = "accidentKind == 'court'";
        }));
        Assert.Equal((DefinitionRules.GuardUnknownField, "$.materials.judgment.when"), (error.Rule, error.Path));
    }

    [Fact]
    public void An_outcome_rule_naming_an_unknown_field_is_refused_with_its_path()
    {
        var error = Assert.Single(Errors(root => root.State("review")["outcomes"]!["done"]!["rules"] = JsonNode.Parse("""[ { "require": "approvedAmount <= 1", "message": { "zh": "m", "en": "m" } } ]""")));
        Assert.Equal((DefinitionRules.GuardUnknownField, "$.states.review.outcomes.done.rules[0].require"), (error.Rule, error.Path));
    }

    [Theory]
    [InlineData("""{ "ledger": "petty-cash", "entry": "advanced", "amount": "amount", "on": "filedOn", "injuryCase": "note" }""", "$.states.record.parameters.ledger")]
    [InlineData("""{ "ledger": "advance-payment", "entry": "reimbursed", "amount": "amount", "on": "filedOn", "injuryCase": "note" }""", "$.states.record.parameters.entry")]
    [InlineData("""{ "ledger": "advance-payment", "entry": "advanced", "amount": "filedOn", "on": "filedOn", "injuryCase": "note" }""", "$.states.record.parameters.amount")]
    [InlineData("""{ "ledger": "advance-payment", "entry": "advanced", "on": "filedOn", "injuryCase": "note" }""", "$.states.record.parameters.amount")]
    [InlineData("""{ "ledger": "third-party-medical", "entry": "reimbursed", "amount": "amount", "on": "filedOn", "injuryCase": "note", "items": "note.number" }""", "$.states.record.parameters.items")]
    public void A_ledger_action_with_wrong_parameters_names_the_parameter(string parameters, string path)
    {
        var errors = Errors(root =>
        {
            root.State("record")["action"] = "ledger";
            root.State("record")["parameters"] = JsonNode.Parse(parameters);
        });
        Assert.Contains(errors, e => e.Rule == DefinitionRules.LedgerParameters && e.Path == path);
    }

    [Fact]
    public void The_missing_list_follows_the_material_guards_and_the_ticked_keys()
    {
        var definition = DefinitionFixtures.Model(WithMaterials);
        Assert.Equal(["application", "judgment"], definition.Data["received"].Values);

        var traffic = CaseData.Parse("""{ "kind": "traffic", "received": [] }""");
        Assert.Equal(["application"], Materials.Missing(definition, traffic).Select(m => m.Key));
        var court = CaseData.Parse("""{ "kind": "court", "received": ["application"] }""");
        Assert.Equal(["judgment"], Materials.Missing(definition, court).Select(m => m.Key));
        Assert.Equal(1m, Materials.GuardExtras(definition, court, DateTimeOffset.UnixEpoch)[DefinitionValidator.MaterialsMissingParameter]);
    }

    [Fact]
    public void A_checklist_value_outside_the_materials_or_listed_twice_is_refused_naming_the_item()
    {
        var definition = DefinitionFixtures.Model(WithMaterials);
        var allowed = new List<FieldRef> { new() { Field = "received" } };
        var unknown = Assert.Throws<Domain.DomainValidationException>(() =>
            CaseData.Empty().Merge(JsonNode.Parse("""{ "received": ["application", "photo"] }""")!.AsObject(), definition.Data, allowed, "data", new DateOnly(2026, 12, 7)));
        Assert.Equal("data.received[1]", unknown.Field);
        var twice = Assert.Throws<Domain.DomainValidationException>(() =>
            CaseData.Empty().Merge(JsonNode.Parse("""{ "received": ["application", "application"] }""")!.AsObject(), definition.Data, allowed, "data", new DateOnly(2026, 12, 7)));
        Assert.Equal("data.received[1]", twice.Field);
    }
}
