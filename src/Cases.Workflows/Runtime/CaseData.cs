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
    /// the fields this step may set and whether each is required; any other field is refused. The error's field is
    /// <paramref name="prefix"/>.field (the machine name, for the API's errors and the form's control); its words name
    /// the field by its label in the definition, in both languages, so the officer reads what to correct.
    /// A date given is not after <paramref name="today"/> (the China date) unless its field is declared <c>future</c>,
    /// and each field given keeps its declared bounds (<see cref="FieldSpec.Bounds"/>) against this data with the input
    /// merged over it; nothing is merged when anything is refused. <paramref name="caseCity"/> is the case's city, for
    /// the fields declared <c>notCaseCity</c> (a place outside the insured city, 第三十八条).
    /// </summary>
    public void Merge(JsonObject? input, IReadOnlyDictionary<string, FieldSpec> declared, IReadOnlyCollection<FieldRef> allowed, string prefix, DateOnly today, string? caseCity = null)
    {
        input ??= [];
        var allowedNames = allowed.ToDictionary(a => a.Field, a => a.Required, StringComparer.Ordinal);
        foreach (var (name, _) in input)
        {
            if (!allowedNames.ContainsKey(name))
            {
                throw new DomainValidationException($"{prefix}.{name}", NotAField(name, allowedNames.Keys.Select(k => (k, declared.GetValueOrDefault(k))), "此步骤", "of this step"));
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
                    throw new DomainValidationException($"{prefix}.{name}", Required(Named(name, declared.GetValueOrDefault(name))));
                }

                continue;
            }

            accepted.Add((name, Check(name, value, declared[name], prefix, Named(name, declared[name]), today, caseCity)));
        }

        var given = accepted.ToDictionary(a => a.Item1, a => a.Item2, StringComparer.Ordinal);
        foreach (var (name, _) in accepted)
        {
            if (FieldBounds.Breach(name, declared[name], f => given.TryGetValue(f, out var v) ? v : _values[f], declared, today, Named) is { } breach)
            {
                throw new DomainValidationException($"{prefix}.{name}", breach);
            }
        }

        foreach (var (name, value) in accepted)
        {
            _values[name] = declared[name].Type == "checklist" ? SharedMaterials.KeepSources(value, _values[name]) : value;
        }
    }

    /// <summary>A field as the officer knows it: 「its Chinese label」 / its English label; the machine name when the definition gives none.</summary>
    private static LocalizedText Named(string name, FieldSpec? spec) => new(
        $"「{(spec?.Label?.Zh is { Length: > 0 } zh ? zh : name)}」",
        spec?.Label?.En is { Length: > 0 } en ? en : name);

    private static LocalizedText Required(LocalizedText where) => new($"{where.Zh}必须填写", $"{where.En} is required");

    private static LocalizedText NotAField(string name, IEnumerable<(string Name, FieldSpec? Spec)> expected, string hereZh, string hereEn)
    {
        var list = expected.ToList();
        return new(
            $"「{name}」不是{hereZh}可填写的内容（可填写：{(list.Count == 0 ? "无" : string.Join("、", list.Select(e => Named(e.Name, e.Spec).Zh)))}）",
            $"{name} is not a field {hereEn} (expected: {(list.Count == 0 ? "none" : string.Join(", ", list.Select(e => e.Name)))})");
    }

    // An object's (or a list item's) fields: every declared one is required and checked; nothing undeclared passes.
    private static JsonObject CheckObject(JsonNode node, FieldSpec spec, string field, LocalizedText where, DateOnly today, string? caseCity)
    {
        var input = node as JsonObject ?? throw new DomainValidationException(field, new LocalizedText($"{where.Zh}应为一组内容，请按表单逐项填写", $"{where.En} must be an object"));
        var output = new JsonObject();
        foreach (var (name, _) in input)
        {
            if (spec.Fields is null || !spec.Fields.ContainsKey(name))
            {
                throw new DomainValidationException($"{field}.{name}", NotAField(name, (spec.Fields ?? []).Select(f => (f.Key, (FieldSpec?)f.Value)), where.Zh, "here"));
            }
        }

        foreach (var (name, inner) in spec.Fields ?? [])
        {
            var member = Member(where, Named(name, inner));
            if (!input.TryGetPropertyValue(name, out var value) || value is null)
            {
                if (inner.Optional && !ObjectRules.RequiredHere(inner, input, spec.Fields!))
                {
                    continue;
                }

                throw new DomainValidationException($"{field}.{name}", Required(member));
            }

            output[name] = Check(name, value, inner, field, member, today, caseCity);
        }

        return output;
    }

    // 「每月工资」第 2 行「工资总额」 / Monthly wages, row 2, Total.
    private static LocalizedText Member(LocalizedText where, LocalizedText member) => new(where.Zh + member.Zh, $"{where.En}, {member.En}");

    private static LocalizedText Row(LocalizedText where, int index) => new($"{where.Zh}第 {index + 1} 行", $"{where.En}, row {index + 1}");

    private static JsonNode Check(string name, JsonNode value, FieldSpec spec, string prefix, LocalizedText where, DateOnly today, string? caseCity)
    {
        var field = $"{prefix}.{name}";
        if (spec.Type == "object")
        {
            return CheckObject(value, spec, field, where, today, caseCity);
        }

        if (spec.Type == "list")
        {
            var items = value as JsonArray ?? throw Invalid(field, where, "应为多行列表", "must be a list");
            var max = spec.MaxItems ?? 120;
            if (items.Count > max)
            {
                throw Invalid(field, where, $"最多 {max} 项", $"may have at most {max} items");
            }

            var checkedItems = new JsonArray();
            for (var i = 0; i < items.Count; i++)
            {
                var row = Row(where, i);
                checkedItems.Add(CheckObject(items[i] ?? throw Invalid($"{field}[{i}]", row, "为空，请填写或删去该行", "is empty"), spec, $"{field}[{i}]", row, today, caseCity));
            }

            return checkedItems;
        }

        if (spec.Type == "checklist")
        {
            // The materials received (第十五条): known keys, each once; a material obtained by information sharing
            // between departments is an object naming its source (SharedMaterials).
            var keys = value as JsonArray ?? throw Invalid(field, where, "应为所收材料的清单", "must be a list of material keys");
            var seen = new JsonArray();
            var seenKeys = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < keys.Count; i++)
            {
                var (key, entry) = SharedMaterials.Entry(keys[i], $"{field}[{i}]", where);
                if (key is null || spec.Values?.Contains(key, StringComparer.Ordinal) != true)
                {
                    throw Invalid($"{field}[{i}]", where, $"只能勾选所列材料（{string.Join("、", spec.Values ?? [])}）", $"holds material keys, one of: {string.Join(", ", spec.Values ?? [])}");
                }

                if (!seenKeys.Add(key))
                {
                    throw Invalid($"{field}[{i}]", where, $"中同一材料勾选了两次（{key}）", $"lists {key} twice");
                }

                seen.Add(entry);
            }

            return seen;
        }

        var v = value as JsonValue ?? throw Invalid(field, where, "只能填写一个值", $"must be a single {spec.Type} value");
        switch (spec.Type)
        {
            case "date":
                if (!v.TryGetValue<string>(out var ds) || !DateOnly.TryParseExact(ds, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    throw Invalid(field, where, "须为有效日期（yyyy-MM-dd）", "must be a real date as yyyy-MM-dd");
                }

                // What a user reports has happened (received, paid, returned): not tomorrow. A deadline or a period's
                // end says "future" in its declaration.
                if (!spec.Future && date > today)
                {
                    throw new DomainValidationException(field, FieldBounds.InTheFuture(where, date, today));
                }

                return JsonValue.Create(ds);
            case "month":
                if (!v.TryGetValue<string>(out var ms) || !DateOnly.TryParseExact(ms + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    throw Invalid(field, where, "须为月份（yyyy-MM）", "must be a month as yyyy-MM");
                }

                return JsonValue.Create(ms);
            case "decimal" or "integer":
                if (v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue<decimal>(out var n))
                {
                    throw Invalid(field, where, "须为数值", "must be a number");
                }

                if (spec.Type == "integer" && n != decimal.Truncate(n))
                {
                    throw Invalid(field, where, "须为整数", "must be a whole number");
                }

                if (spec.Min is decimal min && n < min)
                {
                    var least = min.ToString(CultureInfo.InvariantCulture);
                    throw Invalid(field, where, $"不能小于 {least}", $"must be at least {least}");
                }

                if (spec.Max is decimal max && n > max)
                {
                    var most = max.ToString(CultureInfo.InvariantCulture);
                    throw Invalid(field, where, $"不能大于 {most}", $"must be at most {most}");
                }

                return JsonValue.Create(n);
            case "boolean":
                return v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
                    ? JsonValue.Create(v.GetValue<bool>())
                    : throw Invalid(field, where, "须选择 是 或 否", "must be true or false");
            default:
                if (!v.TryGetValue<string>(out var s))
                {
                    throw Invalid(field, where, "须为文字", "must be text");
                }

                var maxLength = spec.MaxLength ?? (spec.Type == "text" ? 4000 : 200);
                if (s.Length > maxLength)
                {
                    throw Invalid(field, where, $"最多 {maxLength} 个字", $"must be at most {maxLength} characters");
                }

                // PostgreSQL cannot store U+0000 and no form types a control character; a note may break lines.
                if (TextInput.ControlCharacter(s, lineBreaks: spec.Type == "text") is { } control)
                {
                    var code = $"U+{(int)control:X4}";
                    throw Invalid(field, where, $"含有不可见的控制字符（{code}），请删去后再提交", $"contains the control character {code}");
                }

                if (spec.Type == "enum" && spec.Values is { } values && !values.Contains(s, StringComparer.Ordinal))
                {
                    throw Invalid(field, where, "须为所列选项之一", $"must be one of: {string.Join(", ", values)}");
                }

                if (spec.NotCaseCity && ObjectRules.SameCity(s, caseCity) is { } same)
                {
                    throw new DomainValidationException(field, new LocalizedText($"{where.Zh}{same.Zh}", $"{where.En} {same.En}"));
                }

                try
                {
                    return spec.Format switch
                    {
                        "credit-code" => JsonValue.Create(Domain.Parties.CreditCode.Parse(s, field).Value),
                        "id-number" => JsonValue.Create(Domain.Parties.IdNumber.Parse(s, field).Value),
                        _ => JsonValue.Create(s),
                    };
                }
                catch (DomainValidationException e)
                {
                    // The number's own rule (check digit, length …), said after the field it was typed in.
                    throw new DomainValidationException(e.Field, new LocalizedText($"{where.Zh}：{e.Text.Zh}", $"{where.En}: {e.Text.En}")) { Reason = e.Reason };
                }
        }
    }

    private static DomainValidationException Invalid(string field, LocalizedText where, string zh, string en) =>
        new(field, new LocalizedText($"{where.Zh}{zh}", $"{where.En} {en}"));
}
