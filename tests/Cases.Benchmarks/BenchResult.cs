using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cases.Benchmarks;

/// <summary>One figure of a scenario: what, how much, in which unit, and the goal docs/performance.md sets for it when it has one.</summary>
public sealed record Measure(string Name, double Value, string Unit, string? Goal = null, bool? Met = null);

/// <summary>
/// What one scenario measured on one provider: its figures (speed, never asserted), its checks (counts that must hold
/// whatever the speed: duplicates, errors, rows) and the failures among those checks.
/// </summary>
public sealed class BenchResult(string scenario, string provider, int size)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string Scenario { get; } = scenario;

    public string Provider { get; } = provider;

    public int Size { get; } = size;

    public DateTimeOffset RanAt { get; } = DateTimeOffset.UtcNow;

    public string Machine { get; } = MachineInfo.Describe();

    /// <summary>The machine's 1-minute load average when the scenario started: other work on the same cores skews every figure.</summary>
    public double LoadAverage { get; } = MachineInfo.LoadAverage();

    public List<Measure> Measures { get; } = [];

    /// <summary>Correctness counts (e.g. duplicates, errors, rows seen), by name.</summary>
    public Dictionary<string, long> Checks { get; } = new(StringComparer.Ordinal);

    public List<string> Failures { get; } = [];

    /// <summary>Free-form notes: sizes actually run, settings, what a figure means.</summary>
    public List<string> Notes { get; } = [];

    public bool Passed => Failures.Count == 0;

    public void Add(string name, double value, string unit, string? goal = null, bool? met = null) =>
        Measures.Add(new Measure(name, Math.Round(value, 2), unit, goal, met));

    /// <summary>Records a correctness count and fails the scenario when it differs from the expected value.</summary>
    public void Check(string name, long actual, long expected)
    {
        Checks[name] = actual;
        if (actual != expected)
        {
            Failures.Add($"{name}: expected {expected.ToString(CultureInfo.InvariantCulture)}, got {actual.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>Records a count that must be at least <paramref name="minimum"/> (e.g. requests served).</summary>
    public void CheckAtLeast(string name, long actual, long minimum)
    {
        Checks[name] = actual;
        if (actual < minimum)
        {
            Failures.Add($"{name}: expected at least {minimum.ToString(CultureInfo.InvariantCulture)}, got {actual.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    public string ToTable()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"== {Scenario} on {Provider} (size {Size}) — {Machine}, load average {LoadAverage:0.0} at start\n");
        var width = Math.Max(20, Measures.Count == 0 ? 0 : Measures.Max(m => m.Name.Length));
        foreach (var m in Measures)
        {
            var status = m.Met switch { true => "met", false => "NOT met", null => "" };
            sb.Append(CultureInfo.InvariantCulture, $"  {m.Name.PadRight(width)}  {Format(m.Value),12} {m.Unit,-8} {m.Goal ?? "",-14} {status}\n");
        }

        foreach (var (name, value) in Checks)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  check {name} = {value}\n");
        }

        foreach (var note in Notes)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  note: {note}\n");
        }

        foreach (var failure in Failures)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  FAILED: {failure}\n");
        }

        return sb.ToString();
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public async Task<string> WriteAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{Scenario}-{Provider}.json");
        await File.WriteAllTextAsync(path, ToJson());
        return path;
    }

    private static string Format(double v) => v >= 100 ? v.ToString("N0", CultureInfo.InvariantCulture) : v.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>The machine a figure was taken on: cores, memory, OS, runtime.</summary>
public static class MachineInfo
{
    public static double LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public static string Describe()
    {
        var memory = "";
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            if (line is not null)
            {
                var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                memory = $", {(kb / 1024.0 / 1024.0).ToString("0", CultureInfo.InvariantCulture)} GiB";
            }
        }
        catch (IOException)
        {
            // Not Linux: the figure goes without the memory size.
        }

        return $"{Environment.ProcessorCount} cores{memory}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }
}

/// <summary>Latency percentiles from a list of samples in milliseconds.</summary>
public static class Percentiles
{
    public static double Of(IReadOnlyList<double> sortedMs, double p)
    {
        if (sortedMs.Count == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(p / 100.0 * sortedMs.Count) - 1;
        return sortedMs[Math.Clamp(rank, 0, sortedMs.Count - 1)];
    }

    public static void AddLatencies(BenchResult result, string prefix, IEnumerable<double> samplesMs, string? p95Goal = null, double? p95Limit = null)
    {
        var sorted = samplesMs.Order().ToList();
        var p95 = Of(sorted, 95);
        result.Add($"{prefix} p50", Of(sorted, 50), "ms");
        result.Add($"{prefix} p95", p95, "ms", p95Goal, p95Limit is null ? null : p95 <= p95Limit);
        result.Add($"{prefix} p99", Of(sorted, 99), "ms");
    }
}
