using System.Text.Json.Nodes;
using Cases.Workflows.Instances;


namespace Cases.Application.Casework;

/// <summary>A case with its instance: data, current state, open tasks, pending clocks, journal and materials checklist.</summary>
public sealed record CaseView(
    Guid CaseId, Guid InstanceId, string Procedure, int DefinitionVersion, string City, string Party, string State, InstanceStatus Status,
    string? EndOutcome, int Revision, JsonNode? Data, IReadOnlyList<TaskView> OpenTasks, IReadOnlyList<TimerView> PendingTimers,
    IReadOnlyList<JournalView> Journal, IReadOnlyList<MaterialView>? Materials = null, IReadOnlyList<PartyView>? Parties = null);

/// <summary>
/// A party the case's data names: a worker by identity number or an employer by credit code, the number as the user
/// may see it and the registered name (null when not registered in the user's city).
/// </summary>
public sealed record PartyView(string Field, string Kind, string Number, string? Name)
{
    /// <summary>People: the party's page (/workers/{id}, /employers/{code}) when registered in the user's city; for the pages, not the API.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Url { get; init; }

    public const string Worker = "worker";
    public const string Employer = "employer";
}

/// <summary>One material of the case's checklist (第十五条): whether this case needs it and whether it was received.</summary>
public sealed record MaterialView(string Key, string LabelZh, string LabelEn, string Basis, bool Required, bool Received, string? SharedFrom = null);
