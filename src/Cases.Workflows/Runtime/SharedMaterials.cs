namespace Cases.Workflows.Runtime;

/// <summary>
/// A checklist entry (规程 第十五条): the key of a material received, or — where the regulation says papers obtainable
/// through information sharing between departments need not be provided again (第八十九条: 以上材料可通过部门间信息共享获取的，
/// 无需重复提供) — an object { "key": …, "sharedFrom": "公安交管部门" } naming the department it was obtained from. Both
/// count as received; version 1 data holds plain keys only and reads as before.
/// </summary>
internal static class SharedMaterials
{
    private const int SourceMaxLength = 200;

    /// <summary>
    /// The checklist as given, where a plain key for a material already recorded as shared keeps its source: a form
    /// ticks keys only, and ticking again what was obtained by sharing does not forget where it came from.
    /// </summary>
    public static JsonNode? KeepSources(JsonNode? given, JsonNode? stored)
    {
        var sources = Materials.Entries(stored);
        if (given is not JsonArray entries || !sources.Values.Any(s => s is not null))
        {
            return given;
        }

        return new JsonArray([.. entries.Select(e => e is JsonValue v && v.TryGetValue<string>(out var key) && sources.GetValueOrDefault(key) is { } source
            ? new JsonObject { ["key"] = key, [Materials.SharedFromMember] = source }
            : e?.DeepClone())]);
    }

    /// <summary>The entry's key and the entry as stored (the key, or the key with its trimmed source); a null key when it is neither.</summary>
    public static (string? Key, JsonNode? Entry) Entry(JsonNode? node, string field, LocalizedText where)
    {
        switch (node)
        {
            case JsonValue v when v.TryGetValue<string>(out var key):
                return (key, JsonValue.Create(key));
            case JsonObject o when o["key"] is JsonValue k && k.TryGetValue<string>(out var key):
                foreach (var (member, _) in o)
                {
                    if (member is not ("key" or Materials.SharedFromMember))
                    {
                        throw new DomainValidationException($"{field}.{member}", new LocalizedText(
                            $"{where.Zh}中「{member}」不是可填写的内容（可填写：key、sharedFrom）",
                            $"{where.En}: {member} is not a member of a shared material (expected: key, sharedFrom)"));
                    }
                }

                var source = o[Materials.SharedFromMember] is JsonValue s && s.TryGetValue<string>(out var text) ? text.Trim() : "";
                if (source.Length == 0 || source.Length > SourceMaxLength || TextInput.ControlCharacter(source, lineBreaks: false) is not null)
                {
                    throw new DomainValidationException($"{field}.{Materials.SharedFromMember}", new LocalizedText(
                        $"{where.Zh}中通过部门间信息共享获取的材料须写明来源（不超过 {SourceMaxLength} 个字）",
                        $"{where.En}: a material obtained by information sharing names its source department (at most {SourceMaxLength} characters)"));
                }

                return (key, new JsonObject { ["key"] = key, [Materials.SharedFromMember] = source });
            default:
                return (null, null);
        }
    }
}
