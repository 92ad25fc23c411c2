using System.Text.Json;
using System.Text.Json.Serialization;
using Cases.Domain;
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

    /// <summary>Reads and checks one file; a malformed file is refused with the reason and changes nothing.</summary>
    public static HolidayYearFile Parse(Stream json, string fileName)
    {
        RawFile raw;
        try
        {
            raw = JsonSerializer.Deserialize<RawFile>(json, Json) ?? throw new JsonException("empty document");
        }
        catch (JsonException e)
        {
            throw new DomainValidationException("file", $"{fileName} is not a holiday file: {e.Message}");
        }

        if (raw.Year is < 2000 or > 2100)
        {
            throw new DomainValidationException("year", $"{fileName}: year {raw.Year} is out of range.");
        }

        var entries = new List<CalendarEntry>();
        foreach (var day in raw.Days ?? [])
        {
            if (!DateOnly.TryParseExact(day.Date, "yyyy-MM-dd", out var date))
            {
                throw new DomainValidationException("days", $"{fileName}: '{day.Date}' is not a yyyy-MM-dd date.");
            }

            if (date.Year != raw.Year)
            {
                throw new DomainValidationException("days", $"{fileName}: {day.Date} is not in {raw.Year}.");
            }

            var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            if (day.IsOffDay is not bool off)
            {
                throw new DomainValidationException("days", $"{fileName}: {day.Date} has no isOffDay.");
            }

            if (!off && !weekend)
            {
                throw new DomainValidationException("days", $"{fileName}: {day.Date} is a weekday; only a weekend day can be a make-up working day.");
            }

            entries.Add(new CalendarEntry(date, off ? DayKind.Holiday : DayKind.MakeUpWorkday, day.Name ?? ""));
        }

        if (entries.GroupBy(e => e.Date).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new DomainValidationException("days", $"{fileName}: {duplicate.Key:yyyy-MM-dd} is listed twice.");
        }

        var source = raw.Papers is { Count: > 0 } papers ? string.Join(" ", papers) : fileName;
        return new HolidayYearFile(raw.Year, source, entries);
    }

    private sealed record RawFile(int Year, List<string>? Papers, List<RawDay>? Days);

    private sealed record RawDay(string? Name, string? Date, [property: JsonPropertyName("isOffDay")] bool? IsOffDay);
}
