using System.Text.Json.Nodes;

namespace Cases.Workflows.Runtime;

/// <summary>
/// "notify": writes a notification to the outbox (第九十四条). Parameters: <c>to</c> (employer, worker, contractor,
/// institution, role:supervisor …) and <c>template</c>; the payload carries the case data fields named in
/// <c>fields</c> (comma-separated), e.g. the list of missing materials of a one-time notice (第十五条).
/// </summary>
public sealed class NotifyAction : IWorkflowAction
{
    public string Name => "notify";

    public void Run(ActionContext context)
    {
        var to = context.Parameters.GetValueOrDefault("to", "");
        var template = context.Parameters.GetValueOrDefault("template", context.State);
        var payload = new JsonObject { ["state"] = context.State };
        foreach (var field in context.Parameters.GetValueOrDefault("fields", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            payload[field] = context.Progress.Data[field]?.DeepClone();
        }

        context.Progress.Outbox.Add(new OutboxPlan(to, template, payload));
        context.Progress.Journal.Add(new JournalPlan("notified", context.State, context.State, new JsonObject { ["to"] = to, ["template"] = template, ["payload"] = payload.DeepClone() }));
    }
}

/// <summary>"record": journals a named fact about the case (e.g. "registration updated"), with the fields named in <c>fields</c>.</summary>
public sealed class RecordAction : IWorkflowAction
{
    public string Name => "record";

    public void Run(ActionContext context)
    {
        var data = new JsonObject { ["what"] = context.Parameters.GetValueOrDefault("what", context.State) };
        foreach (var field in context.Parameters.GetValueOrDefault("fields", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            data[field] = context.Progress.Data[field]?.DeepClone();
        }

        context.Progress.Journal.Add(new JournalPlan("recorded", context.State, context.State, data));
    }
}

/// <summary>
/// "set-field": copies one case-data field into another, e.g. an approved new contract end date becoming the
/// contract end date (第九条), journaled with the old and new value. Parameters: <c>field</c> and <c>from</c>.
/// </summary>
public sealed class SetFieldAction : IWorkflowAction
{
    public string Name => "set-field";

    public void Run(ActionContext context)
    {
        var field = context.Parameters["field"];
        var from = context.Parameters["from"];
        var before = context.Progress.Data[field]?.DeepClone();
        var value = context.Progress.Data[from]?.DeepClone();
        context.Progress.Data.Set(field, value);
        context.Progress.Journal.Add(new JournalPlan("field-set", context.State, context.State, new JsonObject { ["field"] = field, ["from"] = before, ["to"] = value?.DeepClone() }));
    }
}
