using System.Collections.Concurrent;
using System.Text.Json;

namespace Cases.Workflows.Persistence;

/// <summary>
/// Published definitions, parsed once per node: a published version never changes, so (key, version) is a safe
/// cache key for the life of the process. The latest version is read from the database each time it is asked for.
/// </summary>
public sealed class DefinitionStore
{
    public static JsonSerializerOptions Json => DefinitionValidator.SerializerOptions;

    private readonly ConcurrentDictionary<(string, int), WorkflowDefinition> _parsed = new();

    public async Task<WorkflowDefinition> GetAsync(IWorkflowDb db, string key, int version, CancellationToken ct)
    {
        if (_parsed.TryGetValue((key, version), out var cached))
        {
            return cached;
        }

        var json = await db.Definitions.AsNoTracking().Where(d => d.Key == key && d.Version == version).Select(d => d.Json).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException(new LocalizedText($"业务流程“{key}”没有第 {version} 版。", $"Procedure {key} has no version {version}."));
        return _parsed.GetOrAdd((key, version), _ => Parse(json));
    }

    /// <summary>
    /// The version in use: the latest approved one, on which new cases start. A later version waiting for a second
    /// person's approval, or rejected, is never used (four-eyes publication, 规程 第一百一十九条).
    /// </summary>
    public async Task<WorkflowDefinition> GetLatestAsync(IWorkflowDb db, string key, CancellationToken ct)
    {
        var version = await InForceVersionAsync(db, key, ct) ?? throw new NotFoundException(new LocalizedText($"没有名为“{key}”的业务流程。", $"There is no procedure '{key}'."));
        return await GetAsync(db, key, version, ct);
    }

    /// <summary>The number of the version in use (the latest approved), or null when the procedure has none.</summary>
    public static Task<int?> InForceVersionAsync(IWorkflowDb db, string key, CancellationToken ct) =>
        db.Definitions.AsNoTracking().Where(d => d.Key == key && d.Status == PublicationStatus.Approved).MaxAsync(d => (int?)d.Version, ct);

    /// <summary>The versions in use of every procedure (the latest approved of each), by key.</summary>
    public static Task<Dictionary<string, int>> InForceVersionsAsync(IWorkflowDb db, CancellationToken ct) =>
        db.Definitions.AsNoTracking().Where(d => d.Status == PublicationStatus.Approved).GroupBy(d => d.Key)
            .Select(g => new { g.Key, Version = g.Max(d => d.Version) }).ToDictionaryAsync(x => x.Key, x => x.Version, StringComparer.Ordinal, ct);

    public static WorkflowDefinition Parse(string json) =>
        JsonSerializer.Deserialize<WorkflowDefinition>(json, Json) ?? throw new JsonException("The definition is empty.");
}
