using System.Text.Json;
using System.Text.Json.Nodes;
using Cases.Workflows.Definitions;

namespace Cases.Workflows.Tests.Definitions;

/// <summary>A small definition that passes every rule, and ways to break it.</summary>
internal static class DefinitionFixtures
{
    public const string MiniJson = """
        {
          "key": "mini", "version": 1,
          "title": { "zh": "小流程", "en": "Mini" },
          "basis": ["第九条"],
          "initial": "review",
          "data": {
            "filedOn": { "type": "date" },
            "amount": { "type": "decimal" },
            "note": { "type": "text" }
          },
          "startWith": ["filedOn"],
          "states": {
            "review": {
              "kind": "task", "role": "officer",
              "deadline": { "after": "filedOn", "workingDays": 5, "source": "agency", "basis": "第十五条" },
              "form": [ { "field": "note" } ],
              "outcomes": { "done": { "to": "route" } }
            },
            "route": {
              "kind": "decision",
              "branches": [ { "when": "amount > 1000", "to": "approve" } ],
              "otherwise": "record"
            },
            "approve": {
              "kind": "task", "role": "reviewer",
              "deadline": { "after": "$entered", "workingDays": 2, "source": "agency", "basis": "第一百二十条" },
              "notCompletedBySameAs": ["review"],
              "outcomes": { "approved": { "to": "record" } }
            },
            "record": { "kind": "action", "action": "record", "to": "window" },
            "window": {
              "kind": "wait",
              "events": { "objection": { "to": "done", "fields": [ { "field": "note" } ], "accept": "filedOn <= windowEndsOn" } },
              "timer": { "after": "filedOn", "calendarDays": 30, "source": "agency", "basis": "第九条", "to": "done" }
            },
            "done": { "kind": "end", "outcome": "closed" }
          }
        }
        """;

    public static JsonObject Mini() => JsonNode.Parse(MiniJson)!.AsObject();

    public static string Mini(Action<JsonObject> change)
    {
        var root = Mini();
        change(root);
        return root.ToJsonString();
    }

    public static JsonObject State(this JsonObject root, string name) => root["states"]![name]!.AsObject();

    /// <summary>The mini definition changed as JSON and read into the model without the schema (as a designer's edit would be).</summary>
    public static WorkflowDefinition Model(Action<JsonObject>? change = null)
    {
        var root = Mini();
        change?.Invoke(root);
        return root.Deserialize<WorkflowDefinition>(DefinitionValidator.SerializerOptions)!;
    }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WorkInjuryCases.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("WorkInjuryCases.sln not found above " + AppContext.BaseDirectory);
    }

    public static string WorkflowsFolder() => Path.Combine(RepoRoot(), "workflows");
}
