using System.Text.Json.Nodes;
using Cases.Workflows.Definitions;
using Cases.Workflows.Runtime;
using static Cases.Workflows.Tests.Runtime.RuntimeFixtures;

namespace Cases.Workflows.Tests.Runtime;

/// <summary>
/// The runtime's own actions check the parameters an action state gives them, so a designer learns of a misnamed field
/// when the definition is checked (at its place in the document), not when a case runs into it; and they do what they say.
/// </summary>
public sealed class BuiltInActionsTests
{
    private const string Path = "$.states.act";

    private const string Json = """
        {
          "key": "actions", "version": 1,
          "title": { "zh": "动作", "en": "Actions" },
          "basis": ["第十五条"],
          "initial": "review",
          "data": {
            "filedOn": { "type": "date" },
            "contractEnd": { "type": "date" },
            "newEnd": { "type": "date" },
            "reviewNote": { "type": "text" },
            "received": { "type": "checklist" },
            "hasAgent": { "type": "boolean" }
          },
          "startWith": ["filedOn"],
          "materials": {
            "application": { "label": { "zh": "书面申请", "en": "The written application" }, "basis": "第十五条" },
            "power-of-attorney": { "label": { "zh": "授权委托书", "en": "The power of attorney" }, "basis": "第十五条", "when": "hasAgent" }
          },
          "states": {
            "review": {
              "kind": "task", "role": "officer",
              "deadline": { "after": "filedOn", "workingDays": 5, "source": "agency", "basis": "第十五条" },
              "outcomes": { "done": { "to": "done" } }
            },
            "done": { "kind": "end", "outcome": "done" }
          }
        }
        """;

    private static readonly WorkflowDefinition WithChecklist = Definition(Json);

    private static readonly WorkflowDefinition WithoutChecklist = Unvalidated(WithoutTheChecklist());

    private static string WithoutTheChecklist()
    {
        var root = JsonNode.Parse(Json)!.AsObject();
        root["data"]!.AsObject().Remove("received");
        root.Remove("materials");
        return root.ToJsonString();
    }

    private static List<(string Path, string Rule, string Message)> Check(string action, WorkflowDefinition definition, params (string Name, string Value)[] parameters)
    {
        var problems = new List<(string, string, string)>();
        var contract = BuiltInActions.All().Single(a => a.Name == action);
        contract.Check(new ActionCheck(definition, Path, parameters.ToDictionary(p => p.Name, p => p.Value), (path, rule, message) => problems.Add((path, rule, message.En))));
        return problems;
    }

    [Theory]
    [InlineData("notify")]
    [InlineData("record")]
    public void Notify_and_record_carry_only_declared_fields(string action)
    {
        Assert.Empty(Check(action, WithChecklist, ("to", "employer"), ("fields", "filedOn, reviewNote")));
        Assert.Empty(Check(action, WithChecklist));

        var problem = Assert.Single(Check(action, WithChecklist, ("fields", "filedOn, reviewNotes")));
        Assert.Equal(($"{Path}.parameters.fields", DefinitionRules.UndeclaredField), (problem.Path, problem.Rule));
        Assert.Contains("\"reviewNotes\"", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_field_needs_both_fields_and_both_declared()
    {
        Assert.Empty(Check("set-field", WithChecklist, ("field", "contractEnd"), ("from", "newEnd")));

        var missing = Check("set-field", WithChecklist, ("field", "contractEnd"));
        Assert.Equal([$"{Path}.parameters.from"], missing.Select(p => p.Path));

        var undeclared = Check("set-field", WithChecklist, ("field", "contractEnds"), ("from", "newEnd"));
        Assert.Equal([$"{Path}.parameters.field"], undeclared.Select(p => p.Path));
        Assert.All(missing.Concat(undeclared), p => Assert.Equal(DefinitionRules.UndeclaredField, p.Rule));
    }

    [Fact]
    public void The_materials_notice_needs_a_checklist_and_a_declared_reasons_field()
    {
        Assert.Empty(Check("materials-notice", WithChecklist, ("to", "worker"), ("note", "reviewNote")));

        var noChecklist = Assert.Single(Check("materials-notice", WithoutChecklist, ("to", "worker")));
        Assert.Equal(($"{Path}.action", DefinitionRules.Checklist), (noChecklist.Path, noChecklist.Rule));

        var note = Assert.Single(Check("materials-notice", WithChecklist, ("to", "worker"), ("note", "reviewNotes")));
        Assert.Equal(($"{Path}.parameters.note", DefinitionRules.UndeclaredField), (note.Path, note.Rule));
    }

    [Fact]
    public void The_materials_notice_lists_every_material_the_case_still_needs_at_once()
    {
        var progress = new Progress { FromState = "review", State = "review", Data = Data("""{ "received": ["application"], "hasAgent": true, "reviewNote": "委托书缺失" }""") };
        var notice = BuiltInActions.All().Single(a => a.Name == "materials-notice");

        notice.Run(new ActionContext(progress, WithChecklist, "act", new Dictionary<string, string> { ["to"] = "worker", ["note"] = "reviewNote" }, China(2025, 9, 26)));

        var message = Assert.Single(progress.Outbox);
        Assert.Equal("worker", message.Recipient);
        Assert.Equal(["power-of-attorney"], message.Payload["missing"]!.AsArray().Select(m => (string?)m!["key"]));
        Assert.Equal("委托书缺失", (string?)message.Payload["reasons"]);
        Assert.Contains(progress.Journal, j => j.Action == "materials-notice");
    }

    [Fact]
    public void Notify_sends_the_named_fields_to_the_recipient()
    {
        var progress = new Progress { FromState = "act", State = "act", Data = Data("""{ "filedOn": "2025-09-26", "reviewNote": "ok" }""") };
        var notify = BuiltInActions.All().Single(a => a.Name == "notify");

        notify.Run(new ActionContext(progress, WithChecklist, "act", new Dictionary<string, string> { ["to"] = "employer", ["template"] = "filed", ["fields"] = "filedOn" }, China(2025, 9, 26)));

        var message = Assert.Single(progress.Outbox);
        Assert.Equal(("employer", "filed"), (message.Recipient, message.Template));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "state": "act", "filedOn": "2025-09-26" }"""), message.Payload));
    }
}
