using System.Globalization;
using System.Text.Json;

namespace Cases.Workflows.Runtime;

/// <summary>
/// The case data of an instance: a JSON object whose declared fields are checked against their types and limits
/// before anything is stored. Dates are "yyyy-MM-dd", months "yyyy-MM", amounts JSON numbers.
/// </summary>
public sealed class CaseData
{
    private readonly JsonObject _values;

    // Dates a state set by counting over a provisional calendar year, while one command computes; not stored (a later
    // computation counts again from the calendar as it then is).
    private readonly Dictionary<string, int> _provisional = new(StringComparer.Ordinal);

    private CaseData(JsonObject values) => _values = values;

    public static CaseData Empty() => new([]);

    public static CaseData Parse(string json) => new(JsonNode.Parse(json) as JsonObject ?? []);

    public CaseData Clone()
    {
        var copy = new CaseData((JsonObject)_values.DeepClone());
        foreach (var (field, year) in _provisional)
        {
            copy._provisional[field] = year;
        }

        return copy;
    }

    /// <summary>Stored JSON keeps Chinese as characters (it is data, never markup), so it reads as written.</summary>
    public static readonly JsonSerializerOptions Storage = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string ToJson() => _values.ToJsonString(Storage);

    public JsonObject AsJson() => (JsonObject)_values.DeepClone();

    public bool Has(string field) => _values.TryGetPropertyValue(field, out var v) && v is not null;

    public JsonNode? this[string field] => _values[field];

    public IEnumerable<KeyValuePair<string, JsonNode?>> Values => _values;

    public DateOnly? GetDate(string field) =>
        _values[field] is JsonValue v && v.TryGetValue<string>(out var s) && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : null;

    public decimal? GetDecimal(string field) =>
        _values[field] is JsonValue v && v.TryGetValue<decimal>(out var d) ? d : null;

    public string? GetText(string field) =>
        _values[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public void Set(string field, JsonNode? value)
    {
        _values[field] = value?.DeepClone();
        _provisional.Remove(field);
    }

    /// <summary>Sets a date a state computed; <paramref name="provisionalYear"/> marks it as counted over a provisional year, for the clocks that read it next.</summary>
    public void SetComputedDate(string field, DateOnly date, int? provisionalYear)
    {
        Set(field, JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        if (provisionalYear is int year)
        {
            _provisional[field] = year;
        }
    }

    /// <summary>The provisional year a date set in this computation was counted over, or null.</summary>
    public int? ProvisionalYearOf(string field) => _provisional.TryGetValue(field, out var year) ? year : null;

    /// <summary>
    /// Checks <paramref name="input"/> against the declared fields and merges it in. <paramref name="allowed"/> names
    /// the fields this step may set and whether each is required; any other field is refused. The error names
    /// the field as <paramref name="prefix"/>.field.
    /// </summary>
    public void Merge(JsonObject? input, IReadOnlyDictionary<string, FieldSpec> declared, IReadOnlyCollection<FieldRef> allowed, string prefix)
    {
        input ??= [];
        var allowedNames = allowed.ToDictionary(a => a.Field, a => a.Required, StringComparer.Ordinal);
        foreach (var (name, _) in input)
        {
            if (!allowedNames.ContainsKey(name))
            {
                var expected = allowedNames.Count == 0 ? "none" : string.Join(", ", allowedNames.Keys);
                throw new DomainValidationException($"{prefix}.{name}", $"{name} is not a field of this step (expected: {expected}).");
            }
        }

        var accepted = new List<(string, JsonNode?)>();
        foreach (var (name, required) in allowedNames)
        {
            input.TryGetPropertyValue(name, out var value);
            if (value is null)
            {
                if (required)
                {
                    throw new DomainValidationException($"{prefix}.{name}", $"{name} is required.");
                }

                continue;
            }

            accepted.Add((name, Check(name, value, declared[name], prefix)));
        }

        foreach (var (name, value) in accepted)
        {
            _values[name] = value;
        }
    }

    // An object's (or a list item's) fields: every declared one is required and checked; nothing undeclared passes.
    private static JsonObject CheckObject(JsonNode node, FieldSpec spec, string field)
    {
        var input = node as JsonObject ?? throw new DomainValidationException(field, "must be an object.");
        var output = new JsonObject();
        foreach (var (name, _) in input)
        {
            if (spec.Fields is null || !spec.Fields.ContainsKey(name))
            {
                throw new DomainValidationException($"{field}.{name}", $"{name} is not a field here (expected: {string.Join(", ", spec.Fields?.Keys.ToArray() ?? [])}).");
            }
        }

        foreach (var (name, inner) in spec.Fields ?? [])
        {
            if (!input.TryGetPropertyValue(name, out var value) || value is null)
            {
                if (inner.Optional)
                {
                    continue;
                }

                throw new DomainValidationException($"{field}.{name}", $"{name} is required.");
            }

            output[name] = Check(name, value, inner, field);
        }

        return output;
    }

    private static JsonNode Check(string name, JsonNode value, FieldSpec spec, string prefix)
    {
        var field = $"{prefix}.{name}";
        if (spec.Type == "object")
        {
            return CheckObject(value, spec, field);
        }

        if (spec.Type == "list")
        {
            var items = value as JsonArray ?? throw new DomainValidationException(field, $"{name} must be a list.");
            var max = spec.MaxItems ?? 120;
            if (items.Count > max)
            {
                throw new DomainValidationException(field, $"{name} may have at most {max} items.");
            }

            var checkedItems = new JsonArray();
            for (var i = 0; i < items.Count; i++)
            {
                checkedItems.Add(CheckObject(items[i] ?? throw new DomainValidationException($"{field}[{i}]", "An item is empty."), spec, $"{field}[{i}]"));
            }

            return checkedItems;
        }

        if (spec.Type == "checklist")
        {
            // The materials received (第十五条): known keys, each once.
            var keys = value as JsonArray ?? throw new DomainValidationException(field, $"{name} must be a list of material keys.");
            var seen = new JsonArray();
            for (var i = 0; i < keys.Count; i++)
            {
                if (keys[i] is not JsonValue k || !k.TryGetValue<string>(out var key) || spec.Values?.Contains(key, StringComparer.Ordinal) != true)
                {
                    throw new DomainValidationException($"{field}[{i}]", $"{name} holds material keys, one of: {string.Join(", ", spec.Values ?? [])}.");
                }

                if (seen.Any(s => s!.GetValue<string>() == key))
                {
                    throw new DomainValidationException($"{field}[{i}]", $"{key} is listed twice.");
                }

                seen.Add(key);
            }

            return seen;
        }

        var v = value as JsonValue ?? throw new DomainValidationException(field, $"{name} must be a single {spec.Type} value.");
        switch (spec.Type)
        {
            case "date":
                if (!v.TryGetValue<string>(out var ds) || !DateOnly.TryParseExact(ds, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    throw new DomainValidationException(field, $"{name} must be a real date as yyyy-MM-dd.");
                }

                return JsonValue.Create(ds);
            case "month":
                if (!v.TryGetValue<string>(out var ms) || !DateOnly.TryParseExact(ms + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    throw new DomainValidationException(field, $"{name} must be a month as yyyy-MM.");
                }

                return JsonValue.Create(ms);
            case "decimal" or "integer":
                if (v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue<decimal>(out var n))
                {
                    throw new DomainValidationException(field, $"{name} must be a number.");
                }

                if (spec.Type == "integer" && n != decimal.Truncate(n))
                {
                    throw new DomainValidationException(field, $"{name} must be a whole number.");
                }

                if (spec.Min is decimal min && n < min)
                {
                    throw new DomainValidationException(field, $"{name} must be at least {min.ToString(CultureInfo.InvariantCulture)}.");
                }

                if (spec.Max is decimal max && n > max)
                {
                    throw new DomainValidationException(field, $"{name} must be at most {max.ToString(CultureInfo.InvariantCulture)}.");
                }

                return JsonValue.Create(n);
            case "boolean":
                return v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
                    ? JsonValue.Create(v.GetValue<bool>())
                    : throw new DomainValidationException(field, $"{name} must be true or false.");
            default:
                if (!v.TryGetValue<string>(out var s))
                {
                    throw new DomainValidationException(field, $"{name} must be text.");
                }

                var maxLength = spec.MaxLength ?? (spec.Type == "text" ? 4000 : 200);
                if (s.Length > maxLength)
                {
                    throw new DomainValidationException(field, $"{name} must be at most {maxLength} characters.");
                }

                // PostgreSQL cannot store U+0000 and no form types a control character; a note may break lines.
                if (TextInput.ControlCharacter(s, lineBreaks: spec.Type == "text") is { } control)
                {
                    throw new DomainValidationException(field, $"{name} contains the control character U+{(int)control:X4}.");
                }

                if (spec.Type == "enum" && spec.Values is { } values && !values.Contains(s, StringComparer.Ordinal))
                {
                    throw new DomainValidationException(field, $"{name} must be one of: {string.Join(", ", values)}.");
                }

                if (spec.Format == "credit-code")
                {
                    return JsonValue.Create(Domain.Parties.CreditCode.Parse(s, field).Value);
                }

                if (spec.Format == "id-number")
                {
                    return JsonValue.Create(Domain.Parties.IdNumber.Parse(s, field).Value);
                }

                return JsonValue.Create(s);
        }
    }
}
