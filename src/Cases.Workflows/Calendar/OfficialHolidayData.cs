using System.Text.Json;
using System.Text.Json.Serialization;
using Cases.Domain.Calendar;

namespace Cases.Workflows.Calendar;

/// <summary>One year of the State Council's holiday notice in the holiday-cn file form (see Calendar/Data/README.md).</summary>
public sealed record HolidayYearFile(int Year, string Source, IReadOnlyList<CalendarEntry> Entries)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The years shipped with the product, embedded at build time.</summary>
    public static IReadOnlyList<HolidayYearFile> Shipped()
    {
        var assembly = typeof(HolidayYearFile).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Calendar.Data.cn-", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                return Parse(stream, n);
            })
            .ToList();
    }

    /// <summary>
    /// Reads and checks one file; a malformed file is refused with the reason and changes nothing. Each problem names
    /// its place under <paramref name="field"/> ("file.year", "file.days[3].date"), as a request's field would be named.
    /// </summary>
    public static HolidayYearFile Parse(Stream json, string fileName, string field = "file")
    {
        RawFile raw;
        try
        {
            raw = JsonSerializer.Deserialize<RawFile>(json, Json) ?? throw new JsonException("empty document");
        }
        catch (JsonException e)
        {
            var at = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? field : field + e.Path[1..];
            throw new DomainValidationException(at, new LocalizedText($"{fileName} 不是节假日文件（{at}）：{e.Message}", $"{fileName} is not a holiday file ({at}): {e.Message}"));
        }

        if (raw.Year is < 2000 or > 2100)
        {
            throw new DomainValidationException($"{field}.year", new LocalizedText($"{fileName}：年份 {raw.Year} 超出范围（2000–2100）。", $"{fileName}: year {raw.Year} is out of range (2000–2100)."));
        }

        if (raw.Days is not { Count: > 0 })
        {
            throw new DomainValidationException($"{field}.days", new LocalizedText($"{fileName}：文件中没有任何日期；一年的通知应列出放假日期和调休上班日期。", $"{fileName}: the file lists no days; a year's notice lists its holidays and make-up working days."));
        }

        var entries = new List<CalendarEntry>();
        for (var i = 0; i < raw.Days.Count; i++)
        {
            var day = raw.Days[i] ?? throw new DomainValidationException($"{field}.days[{i}]", new LocalizedText($"{fileName}：第 {i + 1} 个日期为空。", $"{fileName}: day {i} is empty."));
            var at = $"{field}.days[{i}]";
            if (!DateOnly.TryParseExact(day.Date, "yyyy-MM-dd", out var date))
            {
                throw new DomainValidationException($"{at}.date", new LocalizedText($"{fileName}：“{Shorten(day.Date)}”不是 yyyy-MM-dd 格式的日期。", $"{fileName}: '{Shorten(day.Date)}' is not a yyyy-MM-dd date."));
            }

            if (date.Year != raw.Year)
            {
                throw new DomainValidationException($"{at}.date", new LocalizedText($"{fileName}：{day.Date} 不在 {raw.Year} 年内。", $"{fileName}: {day.Date} is not in {raw.Year}."));
            }

            var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            if (day.IsOffDay is not bool off)
            {
                throw new DomainValidationException($"{at}.isOffDay", new LocalizedText($"{fileName}：{day.Date} 未注明是放假还是上班（isOffDay）。", $"{fileName}: {day.Date} has no isOffDay."));
            }

            if (!off && !weekend)
            {
                throw new DomainValidationException($"{at}.isOffDay", new LocalizedText($"{fileName}：{day.Date} 是工作日；只有周末才能是调休上班日。", $"{fileName}: {day.Date} is a weekday; only a weekend day can be a make-up working day."));
            }

            // The calendar keeps a holiday's name in 100 characters.
            var name = TextInput.Required(day.Name, $"{at}.name", new LocalizedText($"{fileName}：{day.Date} 的节日名称", $"{fileName}: the name of {day.Date}"), 100);
            entries.Add(new CalendarEntry(date, off ? DayKind.Holiday : DayKind.MakeUpWorkday, name));
        }

        if (entries.GroupBy(e => e.Date).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new DomainValidationException($"{field}.days", new LocalizedText($"{fileName}：{duplicate.Key:yyyy-MM-dd} 重复列出。", $"{fileName}: {duplicate.Key:yyyy-MM-dd} is listed twice."));
        }

        if (raw.Papers is not null && raw.Papers.Any(p => p is null || p.Length > 500 || TextInput.ControlCharacter(p) is not null))
        {
            throw new DomainValidationException($"{field}.papers", new LocalizedText($"{fileName}：每个出处须为通知的网址，最多 500 个字符。", $"{fileName}: each paper is the notice's address, at most 500 characters of text."));
        }

        var source = raw.Papers is { Count: > 0 } papers ? string.Join(" ", papers) : fileName;
        return new HolidayYearFile(raw.Year, source, entries);
    }

    private static string Shorten(string? text) => text is { Length: > 40 } ? text[..40] + "…" : text ?? "";

    private sealed record RawFile(int Year, List<string?>? Papers, List<RawDay?>? Days);

    private sealed record RawDay(string? Name, string? Date, [property: JsonPropertyName("isOffDay")] bool? IsOffDay);
}
