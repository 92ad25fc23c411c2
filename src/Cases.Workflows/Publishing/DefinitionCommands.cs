using System.Security.Cryptography;
using System.Text;
using Cases.Workflows.Runtime;
using Microsoft.Extensions.Logging;

namespace Cases.Workflows.Publishing;

/// <summary>A definition refused by the validator: every error with its source, JSON path and rule.</summary>
public sealed class DefinitionInvalidException(IReadOnlyList<DefinitionError> errors)
    : Exception($"The definition is invalid: {string.Join("; ", errors.Select(e => $"{e.Source} {e.Path} [{e.Rule}] {e.MessageEn}"))}")
{
    public IReadOnlyList<DefinitionError> Errors { get; } = errors;
}

/// <summary>
/// A version as listed: key, number, titles, when and by whom it was published (proposed), whether it is in use
/// (<see cref="Status"/>), the sensitive changes found against the version in use it was compared with, and who decided
/// it when a second person had to.
/// </summary>
public sealed record DefinitionVersionView(string Key, int Version, string Title, string TitleEn, DateTimeOffset PublishedAt, string PublishedBy, string Sha256,
    PublicationStatus Status, int? ComparedWith, IReadOnlyList<SensitiveChange> SensitiveChanges, string? DecidedBy, DateTimeOffset? DecidedAt, string? DecisionNote);

/// <summary>
/// A designer publishes a new version of a procedure: validated, stored as version N+1, immutable from then on. A version
/// with sensitive changes against the version in use is stored pending: it is not used until a provincial supervisor
/// approves it (<see cref="ApproveDefinitionVersion"/>).
/// </summary>
public sealed record PublishDefinition(string Key, string Json, Actor By) : ICommand<DefinitionVersionView>;

/// <summary>
/// Validates a definition without storing it, and names its sensitive changes against the version it was edited from
/// (<see cref="From"/>; when left out, the version in use of the procedure the text names, if there is one).
/// </summary>
public sealed record ValidateDefinition(string Json, int? From = null) : IQuery<DefinitionCheck>;

/// <summary>The validator's errors, and the sensitive changes against <see cref="ComparedWith"/> (none while there are errors).</summary>
public sealed record DefinitionCheck(IReadOnlyList<DefinitionError> Errors, IReadOnlyList<SensitiveChange> SensitiveChanges, int? ComparedWith)
{
    public bool Valid => Errors.Count == 0;
}

/// <summary>Every procedure with its versions.</summary>
public sealed record ListDefinitions : IQuery<IReadOnlyList<DefinitionVersionView>>;

/// <summary>One version exactly as published (for export).</summary>
public sealed record GetDefinitionVersion(string Key, int Version) : IQuery<string>;

/// <summary>The structural difference between two versions.</summary>
public sealed record DiffDefinitions(string Key, int From, int To) : IQuery<DefinitionDiffResult>;

public sealed class DefinitionHandlers(IWorkflowDb db, DefinitionStore store, WorkflowEngine engine, TimeProvider clock) :
    ICommandHandler<PublishDefinition, DefinitionVersionView>,
    IQueryHandler<ValidateDefinition, DefinitionCheck>,
    IQueryHandler<ListDefinitions, IReadOnlyList<DefinitionVersionView>>,
    IQueryHandler<GetDefinitionVersion, string>,
    IQueryHandler<DiffDefinitions, DefinitionDiffResult>
{
    public async ValueTask<DefinitionVersionView> Handle(PublishDefinition command, CancellationToken cancellationToken)
    {
        if (!command.By.May(Permission.DesignDefinitions))
        {
            throw new ForbiddenException(new LocalizedText("只有流程设计人员可以发布流程定义。", "Only designers publish definitions."));
        }

        var latest = await db.Definitions.AsNoTracking().Where(d => d.Key == command.Key).MaxAsync(d => (int?)d.Version, cancellationToken) ?? 0;
        var next = latest + 1;
        // The version is the store's to give: whatever the body says, it is published as N+1.
        var json = WithVersion(command.Json, next);
        var source = $"{command.Key} v{next}";
        var (definition, errors) = new DefinitionValidator(engine.Actions).Validate(json, source);
        if (errors.Count == 0 && definition!.Key != command.Key)
        {
            errors = [new DefinitionError(source, "$.key", "key-version", new LocalizedText($"提交内容的 key“{definition.Key}”与地址中的“{command.Key}”不一致。", $"The body's key '{definition.Key}' is not the key in the address, '{command.Key}'."))];
        }

        if (errors.Count > 0)
        {
            throw new DefinitionInvalidException(errors);
        }

        // Compared with the version in use, not with whatever the text was edited from: what matters is what changes
        // for the cases that start tomorrow (a version still pending is compared with the one in use, too).
        var inForce = await DefinitionStore.InForceVersionAsync(db, command.Key, cancellationToken);
        var sensitive = SensitiveChanges.Between(inForce is { } v ? await store.GetAsync(db, command.Key, v, cancellationToken) : null, definition!, engine.Actions);
        var now = clock.GetUtcNow();
        var row = Store(definition!, json, command.By.UserName, now);
        row.ComparedWith = inForce;
        row.Status = sensitive.Count > 0 ? PublicationStatus.Pending : PublicationStatus.Approved;
        row.SensitiveChanges = sensitive.Count > 0 ? PublicationHandlers.Store(sensitive) : null;
        db.Definitions.Add(row);
        db.DefinitionPublications.Add(new DefinitionPublication
        {
            Key = row.Key,
            Version = row.Version,
            Action = sensitive.Count > 0 ? PublicationAction.Proposed : PublicationAction.Published,
            By = command.By.UserName,
            At = now,
            SensitiveChanges = row.SensitiveChanges,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new ConflictException(new LocalizedText($"“{command.Key}”刚刚有另一个版本同时发布，请刷新后重新发布。", $"Another version of {command.Key} was published at the same moment; reload and publish again."));
        }

        return View(row);
    }

    public async ValueTask<DefinitionCheck> Handle(ValidateDefinition query, CancellationToken cancellationToken)
    {
        if (query.From is < 1)
        {
            throw new DomainValidationException("from", new LocalizedText("“所据版本”须为 1 或更大的版本号。", "from is the version the text was edited from: 1 or more."));
        }

        var (definition, errors) = new DefinitionValidator(engine.Actions).Validate(query.Json, "request");
        if (errors.Count > 0 || definition is null)
        {
            return new DefinitionCheck(errors, [], null);
        }

        var from = query.From ?? await DefinitionStore.InForceVersionAsync(db, definition.Key, cancellationToken);
        if (from is not { } version)
        {
            return new DefinitionCheck(errors, SensitiveChanges.Between(null, definition, engine.Actions), null);
        }

        WorkflowDefinition before;
        try
        {
            before = await store.GetAsync(db, definition.Key, version, cancellationToken);
        }
        catch (NotFoundException e)
        {
            throw new DomainValidationException("from", e.Text);
        }

        return new DefinitionCheck(errors, SensitiveChanges.Between(before, definition, engine.Actions), version);
    }

    public async ValueTask<IReadOnlyList<DefinitionVersionView>> Handle(ListDefinitions query, CancellationToken cancellationToken)
    {
        var rows = await db.Definitions.AsNoTracking().OrderBy(d => d.Key).ThenBy(d => d.Version).ToListAsync(cancellationToken);
        return rows.Select(View).ToList();
    }

    public async ValueTask<string> Handle(GetDefinitionVersion query, CancellationToken cancellationToken) =>
        await db.Definitions.AsNoTracking().Where(d => d.Key == query.Key && d.Version == query.Version).Select(d => d.Json).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(new LocalizedText($"业务流程“{query.Key}”没有第 {query.Version} 版。", $"Procedure {query.Key} has no version {query.Version}."));

    public async ValueTask<DefinitionDiffResult> Handle(DiffDefinitions query, CancellationToken cancellationToken) =>
        DefinitionDiff.Compare(await store.GetAsync(db, query.Key, query.From, cancellationToken), await store.GetAsync(db, query.Key, query.To, cancellationToken));

    internal static StoredDefinition Store(WorkflowDefinition definition, string json, string by, DateTimeOffset now) => new()
    {
        Key = definition.Key,
        Version = definition.Version,
        TitleZh = definition.Title.Zh,
        TitleEn = definition.Title.En,
        Json = json,
        Sha256 = Sha(json),
        PublishedAt = now,
        PublishedBy = by,
    };

    internal static string Sha(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));

    internal static DefinitionVersionView View(StoredDefinition d) => new(d.Key, d.Version, d.TitleZh, d.TitleEn, d.PublishedAt, d.PublishedBy, d.Sha256,
        d.Status, d.ComparedWith, PublicationHandlers.ChangesOf(d.SensitiveChanges), d.DecidedBy, d.DecidedAt, d.DecisionNote);

    private static string WithVersion(string json, int version)
    {
        try
        {
            if (JsonNode.Parse(json) is JsonObject o)
            {
                o["version"] = version;
                return o.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Left as sent: the validator reports the syntax error with its position.
        }

        return json;
    }
}

/// <summary>
/// At start-up, validates every file in workflows/ (each procedure's version as shipped with this release) and stores
/// it under its own version number when the database has no version of that number yet: a new database gets the
/// shipped version, an upgraded one gets it beside the versions it already runs (its running cases stay on theirs
/// until a supervisor migrates them). A broken file stops the start with its errors (file, path, rule): the product
/// never runs on a definition it cannot trust. Published versions never change: a stored version of the same number
/// with other content (a designer's, or an older shipped text) is kept, and the difference logged.
/// </summary>
public static class SeedDefinitions
{
    public static async Task<IReadOnlyList<string>> RunAsync(IWorkflowDb db, string folder, IEnumerable<IActionContract> actions, TimeProvider clock, ILogger log, CancellationToken ct = default)
    {
        if (!Directory.Exists(folder))
        {
            throw new InvalidOperationException($"The workflow definitions folder {folder} does not exist (configuration Workflows:Path).");
        }

        var validator = new DefinitionValidator(actions);
        var parsed = new List<(WorkflowDefinition Definition, string Json)>();
        var errors = new List<DefinitionError>();
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var json = await File.ReadAllTextAsync(file, ct);
            var (definition, found) = validator.Validate(json, Path.GetFileName(file));
            errors.AddRange(found);
            if (found.Count == 0)
            {
                parsed.Add((definition!, json));
            }
        }

        if (errors.Count > 0)
        {
            throw new DefinitionInvalidException(errors);
        }

        var seeded = new List<string>();
        var existing = await db.Definitions.AsNoTracking().Select(d => new { d.Key, d.Version, d.Sha256, d.PublishedBy }).ToListAsync(ct);
        foreach (var (definition, json) in parsed)
        {
            var stored = existing.FirstOrDefault(e => e.Key == definition.Key && e.Version == definition.Version);
            if (stored is null)
            {
                var row = DefinitionHandlers.Store(definition, json, "system:seed", clock.GetUtcNow());
                db.Definitions.Add(row);
                db.DefinitionPublications.Add(new DefinitionPublication { Key = row.Key, Version = row.Version, Action = PublicationAction.Published, By = row.PublishedBy, At = row.PublishedAt });
                seeded.Add(definition.Key);
            }
            else if (stored.Sha256 != DefinitionHandlers.Sha(json))
            {
                log.LogWarning("workflows/{Key}.json differs from its stored version {Version}, published by {PublishedBy}; published versions never change. Publish the shipped text as a new version in the designer.",
                    definition.Key, definition.Version, stored.PublishedBy);
            }
        }

        await db.SaveChangesAsync(ct);
        return seeded;
    }
}
