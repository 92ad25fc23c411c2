using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cases.Domain.Catalogues;
using CsvHelper;

namespace Cases.Application.Catalogues;

/// <summary>A problem of one row (and column) of a catalogue file, worded for the administrator.</summary>
public sealed record CatalogueFileError(int Line, string? Column, string Message);

/// <summary>A catalogue file as read: the items it lists (in force from the version's day), or what is wrong with it.</summary>
public sealed record CatalogueFile(IReadOnlyList<CatalogueItem> Items, IReadOnlyList<CatalogueFileError> Errors, string Hash);

/// <summary>
/// Reads a catalogue file: CSV (RFC 4180), UTF-8 with or without a byte-order mark, a header row naming the columns —
/// 编码 (code), 名称 (name), 类别 (class: 甲/乙/丙), 自付比例 (selfPayPercent: 0–100, 乙 only), 限价 (priceCap, per unit,
/// optional), 单位 (unit, optional) — in any order, Chinese or English names. Every row is checked; the errors name the
/// line (the header is line 1) and the column, and a file with any error applies nothing.
/// </summary>
public static class CatalogueCsv
{
    public const int MaxBytes = 8 * 1024 * 1024;
    public const int MaxRows = 100_000;
    private const int MaxErrors = 200;

    private static readonly (string Key, string Zh, string En, bool Required)[] Columns =
    [
        ("code", "编码", "code", true), ("name", "名称", "name", true), ("class", "类别", "class", true),
        ("selfPayPercent", "自付比例", "selfPayPercent", false), ("priceCap", "限价", "priceCap", false), ("unit", "单位", "unit", false),
    ];

    /// <summary>The bytes of an uploaded file as text: UTF-8 (a byte-order mark is dropped); anything else is refused.</summary>
    public static string Decode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
            return text.TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new DomainValidationException("file", new LocalizedText(
                "文件须为 UTF-8 编码的 CSV（可带 BOM）；GB18030/GBK 编码的文件请在 Excel 中“另存为 CSV UTF-8”后再导入。",
                "The file must be CSV in UTF-8 (a byte-order mark is fine); save a GB18030/GBK file as \"CSV UTF-8\" first."));
        }
    }

    public static CatalogueFile Read(CatalogueKind catalogue, DateOnly effectiveFrom, string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        content = content.TrimStart('\uFEFF');
        var errors = new List<CatalogueFileError>();
        var items = new List<CatalogueItem>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrimWhitespace = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = m => errors.Add(new((int)m.LineNumber, null, Text("引号不成对或位置不对，无法读取该行。", "Unbalanced or misplaced quotes: the line cannot be read."))),
        };
        using var csv = CsvReader.Create(Encoding.UTF8.GetBytes(content), options);
        csv.ReadHeader();
        var header = csv.Headers.ToArray();
        if (header.Length == 0 || header.All(string.IsNullOrWhiteSpace))
        {
            return new([], [new(1, null, Text("文件是空的：第 1 行须为列名（编码、名称、类别、自付比例、限价、单位）。", "The file is empty: line 1 must name the columns (code, name, class, selfPayPercent, priceCap, unit)."))], "");
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim().TrimStart('\uFEFF');
            var column = Columns.FirstOrDefault(c => string.Equals(c.Zh, name, StringComparison.Ordinal) || string.Equals(c.En, name, StringComparison.OrdinalIgnoreCase));
            if (column.Key is null)
            {
                errors.Add(new(1, name, Text($"不认识的列名「{name}」；可用的列：编码、名称、类别、自付比例、限价、单位。", $"Unknown column \"{name}\"; the columns are code, name, class, selfPayPercent, priceCap, unit.")));
            }
            else if (!index.TryAdd(column.Key, i))
            {
                errors.Add(new(1, column.Zh, Text($"列「{column.Zh}」出现了两次。", $"The column {column.En} appears twice.")));
            }
        }

        foreach (var missing in Columns.Where(c => c.Required && !index.ContainsKey(c.Key)))
        {
            errors.Add(new(1, missing.Zh, Text($"缺少必需的列「{missing.Zh}」。", $"The required column {missing.En} is missing.")));
        }

        if (errors.Count > 0)
        {
            return new([], errors, "");
        }

        var canonical = new StringBuilder();
        while (csv.Read())
        {
            var line = (int)csv.LineNumber;
            string? Field(string key) => index.TryGetValue(key, out var i) && i < csv.FieldCount ? csv.GetString(i) : null;
            var (code, name, @class, share, cap, unit) = (Field("code"), Field("name"), Field("class"), Field("selfPayPercent"), Field("priceCap"), Field("unit"));
            if (new[] { code, name, @class, share, cap, unit }.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (items.Count + errors.Count >= MaxRows)
            {
                errors.Add(new(line, null, Text($"文件超过 {MaxRows} 行，请分目录导入。", $"The file has more than {MaxRows} rows.")));
                break;
            }

            var rowErrors = errors.Count;
            var parsedClass = CatalogueNames.ParseClass(@class);
            if (parsedClass is null)
            {
                errors.Add(new(line, "类别", Text($"类别「{@class}」须为 甲、乙 或 丙。", $"class \"{@class}\" must be 甲, 乙 or 丙.")));
            }

            var parsedShare = Number(share, line, "自付比例", errors);
            var parsedCap = Number(cap, line, "限价", errors);
            if (parsedClass is { } c && errors.Count == rowErrors)
            {
                try
                {
                    var item = CatalogueItem.Create(catalogue, code, name, c, parsedShare, parsedCap, unit, effectiveFrom);
                    if (seen.TryGetValue(item.Code, out var first))
                    {
                        errors.Add(new(line, "编码", Text($"编码「{item.Code}」已在第 {first} 行出现，同一目录中编码不能重复。", $"code {item.Code} already appears on line {first}.")));
                    }
                    else
                    {
                        seen[item.Code] = line;
                        items.Add(item);
                        canonical.Append(CultureInfo.InvariantCulture, $"{item.Code}\u001f{item.Name}\u001f{item.Class}\u001f{item.SelfPayPercent}\u001f{item.PriceCap}\u001f{item.Unit}\n");
                    }
                }
                catch (DomainValidationException e)
                {
                    var column = Columns.First(col => col.Key == e.Field);
                    errors.Add(new(line, column.Zh, e.Message));
                }
            }

            if (errors.Count >= MaxErrors)
            {
                break;
            }
        }

        if (items.Count == 0 && errors.Count == 0)
        {
            errors.Add(new(2, null, Text("文件只有列名，没有任何项目。", "The file has a header and no items.")));
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString()))).ToLowerInvariant();
        return new(errors.Count == 0 ? items : [], errors, hash);
    }

    private static decimal? Number(string? text, int line, string column, List<CatalogueFileError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim().TrimEnd('%');
        if (decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(new(line, column, Text($"「{text}」不是数字。", $"\"{text}\" is not a number.")));
        return null;
    }

    // The errors are read by the administrator who imports, in the request's language.
    private static string Text(string zh, string en) => new LocalizedText(zh, en).Current;
}
