using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Cases.Workflows.Publishing;

/// <summary>A step of the publication journal as pages and the API show it.</summary>
public sealed record PublicationRecord(PublicationAction Action, string By, DateTimeOffset At, string? Note, IReadOnlyList<SensitiveChange> SensitiveChanges);

/// <summary>A provincial supervisor approves a pending version: from then on it is used (new cases, migration).</summary>
public sealed record ApproveDefinitionVersion(string Key, int Version, string? Note, Actor By) : ICommand<DefinitionVersionView>;

/// <summary>A provincial supervisor rejects a pending version, with the reason; it is never used.</summary>
public sealed record RejectDefinitionVersion(string Key, int Version, string? Reason, Actor By) : ICommand<DefinitionVersionView>;

/// <summary>Every version waiting for approval, oldest first, with its sensitive changes.</summary>
public sealed record ListPendingDefinitions(Actor By) : IQuery<IReadOnlyList<DefinitionVersionView>>;

/// <summary>The publication journal of one version, oldest step first.</summary>
public sealed record GetPublicationJournal(string Key, int Version) : IQuery<IReadOnlyList<PublicationRecord>>;

/// <summary>
/// Four-eyes publication (规程 第一百一十九条: incompatible duties are held by different people): a version that removes a
/// separation of duties or changes who approves a payment is decided by a second person — a supervisor of the province,
/// never the designer who proposed it. Every decision is journaled and logged under <see cref="LogCategory"/>.
/// </summary>
public sealed partial class PublicationHandlers(IWorkflowDb db, TimeProvider clock, ILoggerFactory loggers) :
    ICommandHandler<ApproveDefinitionVersion, DefinitionVersionView>,
    ICommandHandler<RejectDefinitionVersion, DefinitionVersionView>,
    IQueryHandler<ListPendingDefinitions, IReadOnlyList<DefinitionVersionView>>,
    IQueryHandler<GetPublicationJournal, IReadOnlyList<PublicationRecord>>
{
    public const string LogCategory = "Cases.DefinitionPublication";

    public const int DecidedEvent = 4301;

    private readonly ILogger _log = loggers.CreateLogger(LogCategory);

    public ValueTask<DefinitionVersionView> Handle(ApproveDefinitionVersion command, CancellationToken cancellationToken) =>
        DecideAsync(command.Key, command.Version, PublicationStatus.Approved, TextInput.Optional(command.Note, "note", "note", DefinitionPublication.MaxNoteLength, lineBreaks: true), command.By, cancellationToken);

    public ValueTask<DefinitionVersionView> Handle(RejectDefinitionVersion command, CancellationToken cancellationToken) =>
        DecideAsync(command.Key, command.Version, PublicationStatus.Rejected, TextInput.Required(command.Reason, "reason", "reason", DefinitionPublication.MaxNoteLength, lineBreaks: true), command.By, cancellationToken);

    public async ValueTask<IReadOnlyList<DefinitionVersionView>> Handle(ListPendingDefinitions query, CancellationToken cancellationToken)
    {
        if (!query.By.May(Permission.ReviewDefinitions))
        {
            throw new ForbiddenException(new LocalizedText("待审核的版本仅供流程设计人员和主管查看。", "Pending versions are for designers and supervisors."));
        }

        var rows = await db.Definitions.AsNoTracking().Where(d => d.Status == PublicationStatus.Pending)
            .OrderBy(d => d.PublishedAt).ThenBy(d => d.Key).ThenBy(d => d.Version).ToListAsync(cancellationToken);
        return rows.Select(DefinitionHandlers.View).ToList();
    }

    public async ValueTask<IReadOnlyList<PublicationRecord>> Handle(GetPublicationJournal query, CancellationToken cancellationToken)
    {
        var rows = await db.DefinitionPublications.AsNoTracking().Where(p => p.Key == query.Key && p.Version == query.Version)
            .OrderBy(p => p.Id).ToListAsync(cancellationToken);
        return rows.Select(p => new PublicationRecord(p.Action, p.By, p.At, p.Note, ChangesOf(p.SensitiveChanges))).ToList();
    }

    /// <summary>Sensitive changes as stored (JSON), or none.</summary>
    public static IReadOnlyList<SensitiveChange> ChangesOf(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<SensitiveChange>>(json, Storage) ?? [];

    /// <summary>Sensitive changes as stored: enums by name, as every enum of the database is.</summary>
    public static string Store(IReadOnlyList<SensitiveChange> changes) => JsonSerializer.Serialize(changes, Storage);

    private static readonly JsonSerializerOptions Storage = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private async ValueTask<DefinitionVersionView> DecideAsync(string key, int version, PublicationStatus decision, string? note, Actor by, CancellationToken ct)
    {
        var verb = decision == PublicationStatus.Approved ? new LocalizedText("审核通过", "approves") : new LocalizedText("驳回", "rejects");
        // 第一百一十九条: the second person is a supervisor of the province, for a procedure every city runs.
        if (!by.May(Permission.DecidePublications) || !by.IsProvincial)
        {
            throw new ForbiddenException(new LocalizedText($"只有省级主管可以{verb.Zh}待审核的版本。", $"Only a provincial supervisor {verb.En} a pending version."));
        }

        var row = await db.Definitions.SingleOrDefaultAsync(d => d.Key == key && d.Version == version, ct)
            ?? throw new NotFoundException(new LocalizedText($"业务流程“{key}”没有第 {version} 版。", $"Procedure {key} has no version {version}."));
        if (row.Status != PublicationStatus.Pending)
        {
            throw new ConflictException(row.Status == PublicationStatus.Approved && row.DecidedBy is null
                ? new LocalizedText($"“{key}”第 {version} 版没有敏感变更，发布即已启用，无须审核。", $"{key} v{version} had no sensitive change: it was in use from its publication and waits for nobody.")
                : new LocalizedText(
                    $"“{key}”第 {version} 版已由 {row.DecidedBy} 于 {row.DecidedAt:O} {(row.Status == PublicationStatus.Approved ? "审核通过" : "驳回")}。",
                    $"{key} v{version} was already {row.Status.ToString().ToLowerInvariant()} by {row.DecidedBy} at {row.DecidedAt:O}."),
                DefinitionHandlers.View(row));
        }

        if (string.Equals(row.PublishedBy, by.UserName, StringComparison.Ordinal))
        {
            throw new ForbiddenException(new LocalizedText($"{by.UserName} 提交了“{key}”第 {version} 版，不能再由本人审核，须由另一人审核（第一百一十九条）。", $"{by.UserName} proposed {key} v{version} and may not also decide it: a second person does (第一百一十九条)."));
        }

        if (decision == PublicationStatus.Approved
            && await db.Definitions.AsNoTracking().Where(d => d.Key == key && d.Version > version && d.Status == PublicationStatus.Approved).MaxAsync(d => (int?)d.Version, ct) is { } newer)
        {
            throw new ConflictException(new LocalizedText($"“{key}”已启用更新的第 {newer} 版，审核通过第 {version} 版也不会启用它。请驳回此版本，并在第 {newer} 版的基础上重新发布其修改。", $"{key} v{newer} is newer and already in use; approving v{version} would not put it in use. Reject it, and publish its changes again on top of v{newer}."), DefinitionHandlers.View(row));
        }

        var now = clock.GetUtcNow();
        row.Status = decision;
        row.DecidedBy = by.UserName;
        row.DecidedAt = now;
        row.DecisionNote = note;
        var action = decision == PublicationStatus.Approved ? PublicationAction.Approved : PublicationAction.Rejected;
        db.DefinitionPublications.Add(new DefinitionPublication { Key = key, Version = version, Action = action, By = by.UserName, At = now, Note = note });
        // Status is a concurrency token: of two decisions at the same moment, one stands.
        await db.SaveOrConflictAsync(
            async () =>
            {
                var current = await db.Definitions.AsNoTracking().SingleAsync(d => d.Key == key && d.Version == version, ct);
                return new ConflictException(new LocalizedText($"“{key}”第 {version} 版刚刚已由 {current.DecidedBy} 同时审核。", $"{key} v{version} was decided by {current.DecidedBy} at the same moment."), DefinitionHandlers.View(current));
            },
            ct);

        Decided(_log, key, version, action.ToString().ToLowerInvariant(), by.UserName, row.PublishedBy, now, Cases.Domain.Privacy.PersonalDataMask.Text(note ?? ""));
        return DefinitionHandlers.View(row);
    }

    [LoggerMessage(EventId = DecidedEvent, EventName = "DefinitionVersionDecided", Level = LogLevel.Information,
        Message = "{Key} v{Version} {Decision} by {By} (proposed by {ProposedBy}) at {At:O}: {Note}")]
    private static partial void Decided(ILogger log, string key, int version, string decision, string by, string proposedBy, DateTimeOffset at, string note);
}
