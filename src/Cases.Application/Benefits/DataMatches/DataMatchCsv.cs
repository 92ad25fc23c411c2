using System.Globalization;
using System.Text;
using Cases.Domain.Parties;
using CsvHelper;

namespace Cases.Application.Benefits.DataMatches;

/// <summary>What a row of a data-match file says happened to a person, and what it leads to.</summary>
public enum DataMatchEffect
{
    /// <summary>The department confirms the person (户籍正常、在世): the yearly certification is made by data match (第六十四条).</summary>
    Certifies = 1,

    /// <summary>The person may have lost the right (第六十二条): an investigation, never an automatic stop (第六十四条 "应调查核实").</summary>
    Flags = 2,

    /// <summary>Noted only: a release from prison is resumed by the officer with 第六十二条's rules (the standard of the month before the judgment).</summary>
    Notes = 3,
}

/// <summary>An event a department reports, in both languages, and its effect.</summary>
public sealed record DataMatchEvent(string Key, string Zh, string En, DataMatchEffect Effect);

/// <summary>A department whose data the agency matches (第六十四条 民政、卫生健康、公安、司法等政府部门) and the events it reports.</summary>
public sealed record DataMatchSource(string Key, string Zh, string En, IReadOnlyList<string> Events);

/// <summary>The departments and events a data-match file may name.</summary>
public static class DataMatchVocabulary
{
    public static IReadOnlyList<DataMatchEvent> Events { get; } =
    [
        new("alive", "在世（户籍、身份信息正常）", "Alive (household register in order)", DataMatchEffect.Certifies),
        new("death", "死亡", "Death", DataMatchEffect.Flags),
        new("imprisonment", "判刑收监或羁押执行", "Imprisonment", DataMatchEffect.Flags),
        new("release", "刑满释放", "Release from prison", DataMatchEffect.Notes),
        new("remarriage", "配偶再婚", "Remarriage", DataMatchEffect.Flags),
        new("employment", "就业或参军", "Employment or enlistment", DataMatchEffect.Flags),
        new("adoption", "被他人或组织收养", "Adoption", DataMatchEffect.Flags),
        new("basic-pension", "享受职工基本养老保险定期待遇", "Basic pension", DataMatchEffect.Flags),
    ];

    public static IReadOnlyList<DataMatchSource> Sources { get; } =
    [
        new("civil-affairs", "民政部门", "Civil affairs", ["alive", "death", "remarriage", "adoption"]),
        new("health", "卫生健康部门", "Health", ["death"]),
        new("public-security", "公安部门", "Public security", ["alive", "death"]),
        new("justice", "司法部门", "Justice", ["imprisonment", "release"]),
        new("social-insurance", "社会保险经办（参保、养老保险待遇）", "Social insurance", ["employment", "basic-pension"]),
    ];

    public static DataMatchSource Source(string? key) =>
        Sources.FirstOrDefault(s => string.Equals(s.Key, key?.Trim(), StringComparison.Ordinal))
        ?? throw new DomainValidationException("source", new LocalizedText(
            $"数据来源须为：{string.Join("、", Sources.Select(s => $"{s.Key}（{s.Zh}）"))}。",
            $"source is one of: {string.Join(", ", Sources.Select(s => s.Key))}."));

    public static DataMatchEvent Event(string key) => Events.First(e => e.Key == key);

    /// <summary>The event a cell names, by its key or its Chinese name; null when it names none.</summary>
    public static DataMatchEvent? EventNamed(string? text)
    {
        var t = text?.Trim();
        return Events.FirstOrDefault(e => string.Equals(e.Key, t, StringComparison.OrdinalIgnoreCase) || e.Zh == t || e.Zh.StartsWith(t + "（", StringComparison.Ordinal));
    }
}

/// <summary>One valid row: the line it is on (the header is line 1), the person, the event and its day.</summary>
public sealed record DataMatchRow(int Line, IdNumber IdNumber, string Name, DataMatchEvent Event, DateOnly EventOn);

/// <summary>One row that cannot be used: its line, the column at fault, why.</summary>
public sealed record DataMatchRowError(int Line, string Field, string Message, string? MaskedIdNumber);

/// <summary>A data-match file as read: its valid rows and the rows that are not.</summary>
public sealed record DataMatchFile(IReadOnlyList<DataMatchRow> Rows, IReadOnlyList<DataMatchRowError> Errors)
{
    public int Total => Rows.Count + Errors.Count;
}

/// <summary>
/// Reads a department's data-match file: CSV (RFC 4180), UTF-8 with or without a byte-order mark, a header naming the
/// columns idNumber (身份证号码), name (姓名), event (事件) and eventOn (事件日期, yyyy-MM-dd) in any order. A row with a
/// bad cell is reported with its line and column and never stops the others; a file that cannot be read at all (not
/// UTF-8, no header, a column missing, too many rows) is refused whole, naming <c>file</c>.
/// </summary>
public static class DataMatchCsv
{
    /// <summary>The most rows one file may have: a city's recipients fit many times over; a larger file is split.</summary>
    public const int MaxRows = 20_000;

    private static readonly (string Key, string Zh, string[] Names)[] Columns =
    [
        ("idNumber", "身份证号码", ["idNumber", "身份证号码", "公民身份号码", "身份号码"]),
        ("name", "姓名", ["name", "姓名"]),
        ("event", "事件", ["event", "事件"]),
        ("eventOn", "事件日期", ["eventOn", "事件日期", "日期"]),
    ];

    public static DataMatchFile Read(byte[] bytes, DataMatchSource source, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(source);
        var text = Decode(bytes);
        var errors = new List<DataMatchRowError>();
        var rows = new List<DataMatchRow>();
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrimWhitespace = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = m => errors.Add(new((int)m.LineNumber, "file", Text("引号不成对或位置不对，无法读取该行。", "Unbalanced or misplaced quotes: the line cannot be read."), null)),
        };
        using var csv = CsvReader.Create(Encoding.UTF8.GetBytes(text), options);
        csv.ReadHeader();
        var header = csv.Headers.ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim().TrimStart('\uFEFF');
            var column = Columns.FirstOrDefault(c => c.Names.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)));
            if (column.Key is not null)
            {
                index.TryAdd(column.Key, i);
            }
        }

        if (Columns.Where(c => !index.ContainsKey(c.Key)).Select(c => c.Zh).ToList() is { Count: > 0 } missing)
        {
            throw new DomainValidationException("file", new LocalizedText(
                $"无法读取比对文件：第 1 行须为列名 idNumber（身份证号码）、name（姓名）、event（事件）、eventOn（事件日期），缺少：{string.Join("、", missing)}。",
                $"The file cannot be read: line 1 must name the columns idNumber, name, event, eventOn; missing: {string.Join(", ", Columns.Where(c => !index.ContainsKey(c.Key)).Select(c => c.Key))}."));
        }

        while (csv.Read())
        {
            var line = (int)csv.LineNumber;
            string? Field(string key) => index[key] < csv.FieldCount ? csv.GetString(index[key]) : null;
            var (id, name, @event, on) = (Field("idNumber"), Field("name"), Field("event"), Field("eventOn"));
            if (new[] { id, name, @event, on }.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (rows.Count + errors.Count >= MaxRows)
            {
                throw new DomainValidationException("file", new LocalizedText(
                    $"比对文件超过 {MaxRows} 行，请分批导入。", $"The file has more than {MaxRows} rows; import it in parts."));
            }

            if (Row(line, id, name, @event, on, source, today, out var error) is { } row)
            {
                rows.Add(row);
            }
            else
            {
                errors.Add(error!);
            }
        }

        if (rows.Count + errors.Count == 0)
        {
            throw new DomainValidationException("file", new LocalizedText("比对文件只有列名，没有任何数据行。", "The file has a header and no rows."));
        }

        return new(rows, errors);
    }

    private static DataMatchRow? Row(int line, string? id, string? name, string? @event, string? on, DataMatchSource source, DateOnly today, out DataMatchRowError? error)
    {
        error = null;
        if (!IdNumber.TryParse(id?.Trim(), out var idNumber, out var idError))
        {
            error = new(line, "idNumber", idError.Current, null);
            return null;
        }

        var masked = idNumber.Masked;
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > Domain.Benefits.Entitlement.NameMaxLength)
        {
            error = new(line, "name", Text($"姓名须填写，且不超过 {Domain.Benefits.Entitlement.NameMaxLength} 个字。", $"The name is required, at most {Domain.Benefits.Entitlement.NameMaxLength} characters."), masked);
            return null;
        }

        var kind = DataMatchVocabulary.EventNamed(@event);
        if (kind is null || !source.Events.Contains(kind.Key))
        {
            var given = string.Join("、", source.Events.Select(e => $"{e}（{DataMatchVocabulary.Event(e).Zh}）"));
            error = new(line, "event", Text(
                $"事件「{Cut(@event)}」不是{source.Zh}提供的比对事件；可用：{given}。",
                $"\"{Cut(@event)}\" is not an event {source.En} reports; it reports: {string.Join(", ", source.Events)}."), masked);
            return null;
        }

        if (!DateOnly.TryParseExact(on?.Trim(), ["yyyy-MM-dd", "yyyy/MM/dd", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var eventOn))
        {
            error = new(line, "eventOn", Text($"事件日期「{Cut(on)}」须为 yyyy-MM-dd 格式的日期。", $"eventOn \"{Cut(on)}\" must be a date, yyyy-MM-dd."), masked);
            return null;
        }

        if (eventOn > today || eventOn < idNumber.BirthDate)
        {
            error = new(line, "eventOn", Text(
                $"事件日期 {Iso(eventOn)} 不能晚于今天，也不能早于出生日期。", $"eventOn {Iso(eventOn)} is after today or before the birth date."), masked);
            return null;
        }

        return new(line, idNumber, trimmed, kind, eventOn);
    }

    /// <summary>The bytes as text: UTF-8 (a byte-order mark is dropped); anything else is refused, naming <c>file</c>.</summary>
    private static string Decode(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new DomainValidationException("file", new LocalizedText(
                "比对文件须为 UTF-8 编码的 CSV（可带 BOM）；GB18030/GBK 编码的文件请先“另存为 CSV UTF-8”。",
                "The file must be CSV in UTF-8 (a byte-order mark is fine); save a GB18030/GBK file as \"CSV UTF-8\" first."));
        }
    }

    /// <summary>A date as the files and the API write it: yyyy-MM-dd.</summary>
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // A cell quoted back is cut short: a hostile file cannot make the answer as long as itself.
    private static string Cut(string? text) => text is null ? "" : text.Length > 40 ? text[..40] + "…" : text;

    // The row problems are read by the officer who imports, in the request's language.
    private static string Text(string zh, string en) => new LocalizedText(zh, en).Current;
}
