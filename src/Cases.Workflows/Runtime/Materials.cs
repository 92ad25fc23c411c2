namespace Cases.Workflows.Runtime;

/// <summary>
/// The materials checklist of a case (规程 第十五条): which of the definition's materials the case needs (their
/// <c>when</c> guards over its data) and which of those are not yet ticked in its checklist field.
/// </summary>
public static class Materials
{
    /// <summary>
    /// One material: whether the case needs it and has it; <paramref name="SharedFrom"/> names the department it was
    /// obtained from by 部门间信息共享 (e.g. 第八十九条's last sentence: such papers need not be provided again), which
    /// counts as received.
    /// </summary>
    public sealed record Item(string Key, MaterialSpec Spec, bool Required, bool Received, string? SharedFrom = null);

    /// <summary>The JSON member of a checklist entry naming the department a shared material came from.</summary>
    public const string SharedFromMember = "sharedFrom";

    /// <summary>
    /// The entries of a checklist field: a material key received (version 1 data holds only these) or an object
    /// { "key": …, "sharedFrom": … } for a material obtained through information sharing between departments.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Entries(JsonNode? checklist)
    {
        var entries = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var entry in checklist as JsonArray ?? [])
        {
            switch (entry)
            {
                case JsonValue v when v.TryGetValue<string>(out var key):
                    entries.TryAdd(key, null);
                    break;
                case JsonObject o when o["key"] is JsonValue k && k.TryGetValue<string>(out var key):
                    entries.TryAdd(key, o[SharedFromMember] is JsonValue s && s.TryGetValue<string>(out var from) ? from : null);
                    break;
            }
        }

        return entries;
    }

    /// <summary>Every material of the definition, in its declared order, with whether this case needs it and has it.</summary>
    public static IReadOnlyList<Item> Checklist(WorkflowDefinition definition, CaseData data)
    {
        var field = definition.Data.FirstOrDefault(d => d.Value.Type == "checklist").Key;
        var received = field is not null ? Entries(data[field]) : new Dictionary<string, string?>();
        return (definition.Materials ?? [])
            .Select(m => new Item(m.Key, m.Value, m.Value.When is not { } when || Guards.Evaluate(when, data, definition.Data), received.ContainsKey(m.Key), received.GetValueOrDefault(m.Key)))
            .ToList();
    }

    /// <summary>
    /// Journals the materials newly marked as obtained by information sharing, with the department each came from
    /// (规程 第一百二十条 留痕可溯: a paper the case never received on paper still says where it came from).
    /// </summary>
    public static void JournalShared(WorkflowDefinition definition, IReadOnlyList<Item> before, Progress progress)
    {
        var known = before.Where(i => i.SharedFrom is not null).Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
        var shared = Checklist(definition, progress.Data).Where(i => i.SharedFrom is not null && !known.Contains(i.Key))
            .Select(i => (JsonNode)new JsonObject { ["key"] = i.Key, ["zh"] = i.Spec.Label.Zh, ["basis"] = i.Spec.Basis, [SharedFromMember] = i.SharedFrom })
            .ToArray();
        if (shared.Length > 0)
        {
            progress.Journal.Add(new JournalPlan(JournalActions.MaterialsShared, progress.State, progress.State, new JsonObject { ["materials"] = new JsonArray(shared) }));
        }
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
