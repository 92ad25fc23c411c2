using System.Text.Json.Nodes;
using Cases.Workflows.Definitions;
using Cases.Workflows.Runtime;

namespace Cases.Workflows.Tests.Definitions;

/// <summary>
/// The field rules a definition may declare beyond bounds: a place that is not the case's city (第三十八条), a member
/// required when a guard over its siblings holds, and an amount not above a list's total (第九十条).
/// </summary>
public sealed class FieldRulesValidatorTests
{
    private readonly DefinitionValidator _validator = new(BuiltInActions.All());

    private IReadOnlyList<DefinitionError> WithData(string data) => _validator.Validate(DefinitionFixtures.Mini(r =>
    {
        foreach (var (name, spec) in JsonNode.Parse(data)!.AsObject())
        {
            r["data"]![name] = spec!.DeepClone();
        }
    }), "mini.json").Errors;

    [Fact]
    public void A_destination_outside_the_case_city_and_an_amount_not_above_the_invoices_total_are_accepted()
    {
        Assert.Empty(WithData("""
            {
              "destination": { "type": "object", "fields": {
                "cityCode": { "type": "enum", "notCaseCity": true, "values": ["370200", "outside"], "labels": { "370200": { "zh": "青岛市", "en": "Qingdao" }, "outside": { "zh": "山东省以外", "en": "Outside Shandong" } } },
                "province": { "type": "string", "optional": true, "requiredWhen": "cityCode == 'outside'" } } },
              "invoices": { "type": "list", "fields": { "number": { "type": "string" }, "amount": { "type": "decimal" } } },
              "eligible": { "type": "decimal", "notAbove": "invoices.amount" }
            }
            """));
    }

    [Theory]
    [InlineData("""{ "count": { "type": "integer", "notCaseCity": true } }""", "$.data.count.notCaseCity", DefinitionRules.FieldBound)]
    [InlineData("""{ "note2": { "type": "string", "requiredWhen": "true" } }""", "$.data.note2.requiredWhen", DefinitionRules.FieldBound)]
    [InlineData("""{ "place": { "type": "object", "fields": { "a": { "type": "string" }, "b": { "type": "string", "requiredWhen": "a == 'x'" } } } }""", "$.data.place.fields.b.requiredWhen", DefinitionRules.FieldBound)]
    [InlineData("""{ "place": { "type": "object", "fields": { "a": { "type": "string" }, "b": { "type": "string", "optional": true, "requiredWhen": "c == 'x'" } } } }""", "$.data.place.fields.b.requiredWhen", DefinitionRules.GuardUnknownField)]
    [InlineData("""{ "eligible": { "type": "decimal", "notAbove": "invoices.number" }, "invoices": { "type": "list", "fields": { "number": { "type": "string" } } } }""", "$.data.eligible.notAbove", DefinitionRules.FieldBound)]
    public void A_field_rule_the_runtime_could_not_apply_is_reported_at_it(string data, string path, string rule)
    {
        var error = Assert.Single(WithData(data));

        Assert.Equal((rule, path), (error.Rule, error.Path));
        Assert.False(string.IsNullOrWhiteSpace(error.MessageZh));
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", error.MessageEn);
    }
}
