namespace Cases.Workflows.Runtime;

/// <summary>The runtime's own actions; the host registers its own beside them. Definitions name them, never .NET types.</summary>
public static class BuiltInActions
{
    public static IReadOnlyList<IWorkflowAction> All() => [new NotifyAction(), new RecordAction(), new SetFieldAction(), new MaterialsNoticeAction(), new ItemisedTotalAction(), new ItemisedSettlementAction()];
}

/// <summary>
/// "notify": writes a notification to the outbox (第九十四条). Parameters: <c>to</c> (employer, worker, contractor,
/// institution, role:supervisor …) and <c>template</c>; the payload carries the case data fields named in
/// <c>fields</c> (comma-separated), e.g. the list of missing materials of a one-time notice (第十五条).
/// </summary>
public sealed class NotifyAction : IWorkflowAction
{
    public string Name => "notify";

    public void Check(ActionCheck check) => FieldList.Check(check, "notify");

    public void Run(ActionContext context)
    {
        var to = context.Parameters.GetValueOrDefault("to", "");
        var template = context.Parameters.GetValueOrDefault("template", context.State);
        var payload = NotificationPayload.With(new JsonObject { ["state"] = context.State }, context.Progress.Data, NotificationPayload.Named(context.Parameters.GetValueOrDefault("fields")));
        context.Progress.Outbox.Add(new OutboxPlan(to, template, payload));
        context.Progress.Journal.Add(new JournalPlan(JournalActions.Notified, context.State, context.State, new JsonObject { ["to"] = to, ["template"] = template, ["payload"] = payload.DeepClone() }));
    }
}

/// <summary>"record": journals a named fact about the case (e.g. "registration updated"), with the fields named in <c>fields</c>.</summary>
public sealed class RecordAction : IWorkflowAction
{
    public string Name => "record";

    public void Check(ActionCheck check) => FieldList.Check(check, "record");

    public void Run(ActionContext context)
    {
        var data = NotificationPayload.With(new JsonObject { ["what"] = context.Parameters.GetValueOrDefault("what", context.State) }, context.Progress.Data, NotificationPayload.Named(context.Parameters.GetValueOrDefault("fields")));
        context.Progress.Journal.Add(new JournalPlan(JournalActions.Recorded, context.State, context.State, data));
    }
}

/// <summary>
/// "set-field": copies one case-data field into another, e.g. an approved new contract end date becoming the
/// contract end date (第九条), journaled with the old and new value. Parameters: <c>field</c> and <c>from</c>.
/// </summary>
public sealed class SetFieldAction : IWorkflowAction
{
    public string Name => "set-field";

    public void Check(ActionCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        foreach (var parameter in new[] { "field", "from" })
        {
            check.Field($"{check.Path}.parameters.{parameter}", check.Parameters.GetValueOrDefault(parameter), $"The set-field parameter {parameter}");
        }
    }

    public void Run(ActionContext context)
    {
        var field = context.Parameters["field"];
        var from = context.Parameters["from"];
        var before = context.Progress.Data[field]?.DeepClone();
        var value = context.Progress.Data[from]?.DeepClone();
        context.Progress.Data.Set(field, value);
        context.Progress.Journal.Add(new JournalPlan(JournalActions.FieldSet, context.State, context.State, new JsonObject { ["field"] = field, ["from"] = before, ["to"] = value?.DeepClone() }));
    }
}

/// <summary>The <c>fields</c> parameter of notify and record: comma-separated data fields, each declared.</summary>
internal static class FieldList
{
    public static void Check(ActionCheck check, string action)
    {
        ArgumentNullException.ThrowIfNull(check);
        foreach (var field in NotificationPayload.Named(check.Parameters.GetValueOrDefault("fields")))
        {
            check.Field($"{check.Path}.parameters.fields", field, $"The {action} field");
        }
    }
}
