namespace Cases.Workflows.Runtime;

/// <summary>
/// The host's registers as the runtime reads them (<see cref="RegisterRef"/>): an entry's properties by the names of
/// <see cref="Registers"/>, found by its key within one city — another city's entry is not found, as a case of another
/// city is not (规程 第一百四十条: the staff see their own city's data).
/// </summary>
public interface ICaseRegisters
{
    /// <summary>The entry's properties (dates as yyyy-MM-dd), or null when the city has no entry with that key.</summary>
    Task<IReadOnlyDictionary<string, JsonNode?>?> FindAsync(RegisterKind kind, string key, string cityCode, CancellationToken ct);
}

/// <summary>
/// Resolves the start fields that name a register's entry before the start data is checked: each must be registered
/// in the case's city (else 422 naming the field), and its fills are taken from the register — a value the caller gave
/// that differs is refused rather than silently replaced, since one of the two is wrong.
/// </summary>
public static class RegisterRefs
{
    private const int KeyMaxLength = 64;

    /// <summary>The start data with the fills added (a copy; <paramref name="given"/> is not changed).</summary>
    public static async Task<JsonObject?> ResolveAsync(IEnumerable<ICaseRegisters> hosts, WorkflowDefinition definition, JsonObject? given, string cityCode, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var references = definition.Data.Where(d => d.Value.Ref is not null).ToList();
        if (references.Count == 0 || given is null)
        {
            return given;
        }

        var registers = hosts.FirstOrDefault() ?? throw new InvalidOperationException($"{definition.Key} names registers, and no {nameof(ICaseRegisters)} is registered.");
        var data = (JsonObject)given.DeepClone();
        foreach (var (field, spec) in references)
        {
            if (data[field] is not JsonValue value || !value.TryGetValue<string>(out var text) || string.IsNullOrWhiteSpace(text))
            {
                continue; // absent or not text: the start data's own checks name the field
            }

            var register = Registers.Find(spec.Ref!.Register)!;
            var key = text.Trim();
            IReadOnlyDictionary<string, JsonNode?>? entry;
            try
            {
                entry = key.Length <= KeyMaxLength && !key.Any(char.IsControl)
                    ? await registers.FindAsync(register.Kind, key, cityCode, ct)
                    : null;
            }
            catch (RegisterEntryRefusedException refused)
            {
                // Registered, and closed to new work (a deregistered employer): said at the field that named it.
                throw new Domain.DomainValidationException("data." + field, refused.Reason);
            }

            if (entry is null)
            {
                var label = spec.Label ?? new LocalizedText(field, field);
                throw new Domain.DomainValidationException("data." + field, new LocalizedText(
                    $"「{label.Zh}」须为本市已登记的{register.Title.Zh}；没有找到“{Shown(key)}”。",
                    $"{label.En} must name a {register.Title.En} registered in the city; \"{Shown(key)}\" was not found."));
            }

            data[field] = key;
            foreach (var (target, property) in spec.Ref.Fills ?? [])
            {
                if (entry.GetValueOrDefault(property) is not { } registered)
                {
                    continue;
                }

                // A form posts the fields it shows, left empty when the register is to fill them: empty is not a value.
                if (data[target] is { } stated && !(stated is JsonValue blank && blank.TryGetValue<string>(out var t) && string.IsNullOrWhiteSpace(t)) && !SameValue(stated, registered))
                {
                    var label = definition.Data.GetValueOrDefault(target)?.Label ?? new LocalizedText(target, target);
                    throw new Domain.DomainValidationException("data." + target, new LocalizedText(
                        $"「{label.Zh}」与{register.Title.Zh}登记的不一致；请不填此项，系统按登记信息填写。",
                        $"{label.En} differs from the {register.Title.En} register; leave it out and the register's value is used."));
                }

                data[target] = registered.DeepClone();
            }
        }

        return data;
    }

    private static bool SameValue(JsonNode stated, JsonNode registered) =>
        JsonNode.DeepEquals(stated, registered)
        || (stated is JsonValue s && s.TryGetValue<string>(out var text) && string.Equals(text.Trim(), registered.ToString(), StringComparison.Ordinal));

    // The key as typed, cut short: it is echoed back to the one who typed it, never logged.
    private static string Shown(string key) => key.Length <= KeyMaxLength && !key.Any(char.IsControl) ? key : "…";
}
