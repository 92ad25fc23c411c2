namespace Cases.Workflows.Runtime;

/// <summary>
/// The materials checklist of a case (规程 第十五条): which of the definition's materials the case needs (their
/// <c>when</c> guards over its data) and which of those are not yet ticked in its checklist field.
/// </summary>
public static class Materials
{
    public sealed record Item(string Key, MaterialSpec Spec, bool Required, bool Received);

    /// <summary>Every material of the definition, in its declared order, with whether this case needs it and has it.</summary>
    public static IReadOnlyList<Item> Checklist(WorkflowDefinition definition, CaseData data)
    {
        var field = definition.Data.FirstOrDefault(d => d.Value.Type == "checklist").Key;
        var received = field is not null && data[field] is JsonArray items
            ? items.Select(i => i?.GetValue<string>()).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : [];
        return (definition.Materials ?? [])
            .Select(m => new Item(m.Key, m.Value, m.Value.When is not { } when || Guards.Evaluate(when, data, definition.Data), received.Contains(m.Key)))
            .ToList();
    }

    public static IReadOnlyList<Item> Missing(WorkflowDefinition definition, CaseData data) =>
        Checklist(definition, data).Where(i => i.Required && !i.Received).ToList();

    /// <summary>The computed guard parameters every rule may use: today (China time) and the number of missing materials.</summary>
    public static Dictionary<string, object?> GuardExtras(WorkflowDefinition definition, CaseData data, DateTimeOffset now) => new()
    {
        [DefinitionValidator.TodayParameter] = Domain.Calendar.ChinaTime.DateOf(now).ToDateTime(TimeOnly.MinValue),
        [DefinitionValidator.MaterialsMissingParameter] = (decimal)Missing(definition, data).Count,
    };
}

/// <summary>
/// "materials-notice": the one-time notice of 规程 第十五条 — the reasons and every missing material at once, each
/// with the article asking for it — written to the outbox and journaled. Parameters: <c>to</c> (the party notified).
/// </summary>
public sealed class MaterialsNoticeAction : IWorkflowAction
{
    public string Name => "materials-notice";

    public void Check(ActionCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (!check.Definition.Data.Values.Any(d => d.Type == "checklist"))
        {
            check.Problem($"{check.Path}.action", DefinitionRules.Checklist, "A materials notice lists what the checklist lacks, but the definition has no checklist field.");
        }

        if (check.Parameters.GetValueOrDefault("note") is { } note)
        {
            check.Field($"{check.Path}.parameters.note", note, "The notice's reasons field");
        }
    }

    public void Run(ActionContext context)
    {
        var missing = new JsonArray(Materials.Missing(context.Definition, context.Progress.Data)
            .Select(i => (JsonNode)new JsonObject { ["key"] = i.Key, ["zh"] = i.Spec.Label.Zh, ["en"] = i.Spec.Label.En, ["basis"] = i.Spec.Basis })
            .ToArray());
        var to = context.Parameters.GetValueOrDefault("to", "");
        var payload = new JsonObject { ["state"] = context.State, ["missing"] = missing };
        if (context.Parameters.GetValueOrDefault("note") is { } note && context.Progress.Data[note] is { } reasons)
        {
            payload["reasons"] = reasons.DeepClone();
        }

        context.Progress.Outbox.Add(new OutboxPlan(to, "one-time-missing-materials-notice", payload));
        context.Progress.Journal.Add(new JournalPlan(JournalActions.MaterialsNotice, context.State, context.State, new JsonObject { ["to"] = to, ["missing"] = missing.DeepClone() }));
    }
}
