using System.Globalization;
using Cases.Domain.Calendar;
using Cases.Domain.Parties;
using Cases.Workflows.Calendar;
using Cases.Workflows.Definitions;
using Cases.Workflows.Persistence;

namespace Cases.Application.Supervision;

/// <summary>
/// Time to complete each procedure step, in working days of the official calendar (规程 第一百二十条; the day a task
/// opens is not counted, the day it is completed is), for the steps opened in the last <see cref="Weeks"/> weeks and
/// completed since, with each step's target (<see cref="StepTargets"/>).
/// </summary>
public sealed record GetStepDurations(string? City, Actor By, int Weeks = GetBreachesPerWeek.DefaultWeeks) : IQuery<IReadOnlyList<StepDuration>>;

/// <summary>
/// One step: how many were completed, the mean, median and 90th percentile of their working days, the target (null
/// when neither the deadline nor the definition gives one) and how many met their statutory due date (<see cref="WithinTarget"/>:
/// completed no later than the task's own deadline, which may count from a date before the task opened — a task that
/// opened late and took fewer days than the target can still be late). Uncounted: completed tasks whose dates fall in
/// a year the calendar has no data for.
/// </summary>
public sealed record StepDuration(string Procedure, string State, string Title, string TitleEn, int Completed, decimal Mean, int Median, int P90,
    int? Target, int WithinTarget, int Uncounted);

/// <summary>The target of a step, in working days from the task's start to its completion.</summary>
public static class StepTargets
{
    /// <summary>The definition's <see cref="StateSpec.TargetWorkingDays"/> when given, else the deadline's working days; null otherwise.</summary>
    public static int? Of(StateSpec state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.TargetWorkingDays ?? state.Deadline?.WorkingDays;
    }
}

public sealed class GetStepDurationsHandler(CasesDb db, CalendarStore calendars, DefinitionStore definitions, TimeProvider clock)
    : IQueryHandler<GetStepDurations, IReadOnlyList<StepDuration>>
{
    // The latest version of each procedure names its steps and their targets (a published version never changes).
    private readonly Dictionary<string, WorkflowDefinition?> _latest = new(StringComparer.Ordinal);

    public async ValueTask<IReadOnlyList<StepDuration>> Handle(GetStepDurations query, CancellationToken cancellationToken)
    {
        var city = query.By.SupervisionScope(query.City);
        var from = ChinaTime.StartOf(Weeks.Ending(ChinaTime.DateOf(clock.GetUtcNow()), query.Weeks)[0]);
        var groups = await StepDayCounts.ReadAsync(db, city, from, cancellationToken);
        var calendar = await calendars.GetAsync(db, cancellationToken);

        var result = new List<StepDuration>();
        foreach (var step in groups.GroupBy(g => (g.Procedure, g.State)))
        {
            var spec = await LatestStateAsync(step.Key.Procedure, step.Key.State, cancellationToken);
            var target = spec is null ? null : StepTargets.Of(spec);
            var days = new List<(int Days, long Tasks)>();
            long uncounted = 0;
            long onTime = 0;
            foreach (var g in step)
            {
                try
                {
                    days.Add((calendar.WorkingDaysBetween(DateOnly.FromDayNumber((int)g.StartDay), DateOnly.FromDayNumber((int)g.EndDay)), g.Tasks));
                    onTime += g.OnTime;
                }
                catch (CalendarYearMissingException)
                {
                    uncounted += g.Tasks;
                }
            }

            days.Sort((a, b) => a.Days.CompareTo(b.Days));
            var completed = days.Sum(d => d.Tasks);
            result.Add(new StepDuration(
                step.Key.Procedure,
                step.Key.State,
                spec?.Title?.Zh ?? step.Key.State,
                spec?.Title?.En ?? step.Key.State,
                (int)completed,
                completed == 0 ? 0 : Math.Round((decimal)days.Sum(d => (long)d.Days * d.Tasks) / completed, 1, MidpointRounding.AwayFromZero),
                Percentile(days, completed, 0.5m),
                Percentile(days, completed, 0.9m),
                target,
                // Met: completed by the task's statutory due date, not within the target's count of days from when the
                // task opened (规程 第一百二十条: the deadline runs from the date the regulation names).
                target is null ? 0 : (int)onTime,
                (int)uncounted));
        }

        return [.. result.OrderBy(r => r.Procedure, StringComparer.Ordinal).ThenBy(r => r.State, StringComparer.Ordinal)];
    }

    // The nearest-rank percentile over (days, how many tasks took them), sorted by days.
    private static int Percentile(List<(int Days, long Tasks)> sorted, long total, decimal p)
    {
        if (total == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(p * total);
        long seen = 0;
        foreach (var (d, n) in sorted)
        {
            seen += n;
            if (seen >= rank)
            {
                return d;
            }
        }

        return sorted[^1].Days;
    }

    private async Task<StateSpec?> LatestStateAsync(string procedure, string state, CancellationToken ct)
    {
        if (!_latest.TryGetValue(procedure, out var definition))
        {
            try
            {
                definition = await definitions.GetLatestAsync(db, procedure, ct);
            }
            catch (NotFoundException)
            {
                definition = null;
            }

            _latest[procedure] = definition;
        }

        return definition?.States.GetValueOrDefault(state);
    }
}

/// <summary>
/// Completed tasks opened since an instant, counted per procedure, step, day opened and day completed (China time):
/// the database groups, so what travels is bounded by steps × day pairs, not by tasks. The days need each provider's
/// date arithmetic, so this one query is SQL; it reads ix_human_tasks_claimable_age (city, role, status, created) with
/// every city and role of the scope named, so each is a range of that index.
/// </summary>
internal static class StepDayCounts
{
    // DateOnly(2000-01-01).DayNumber: PostgreSQL and SQL Server count days from there.
    private static readonly int Epoch = new DateOnly(2000, 1, 1).DayNumber;

    internal sealed class Row
    {
        public string Procedure { get; set; } = "";

        public string State { get; set; } = "";

        /// <summary>The China-time day the task opened, as <see cref="DateOnly.DayNumber"/>.</summary>
        public long StartDay { get; set; }

        public long EndDay { get; set; }

        public long Tasks { get; set; }

        /// <summary>Of <see cref="Tasks"/>, those completed no later than their due instant.</summary>
        public long OnTime { get; set; }
    }

    public static async Task<IReadOnlyList<Row>> ReadAsync(CasesDb db, string? city, DateTimeOffset from, CancellationToken ct)
    {
        var cities = city is null ? City.All.Select(c => c.Code).ToList() : [city];
        var parameters = new List<object>();
        string Add(object value)
        {
            parameters.Add(value);
            return string.Create(CultureInfo.InvariantCulture, $"{{{parameters.Count - 1}}}");
        }

        var cityList = string.Join(", ", cities.Select(Add));
        var roleList = string.Join(", ", Roles.All.Select(Add));
        var status = Add(nameof(HumanTaskStatus.Completed));
        var provider = db.Database.ProviderName ?? "";
        string Day(string column) => provider switch
        {
            _ when provider.Contains("Sqlite", StringComparison.Ordinal) =>
                // UTC ticks, shifted to China time, in whole days since 0001-01-01: exactly DateOnly.DayNumber.
                $"((\"{column}\" + {ChinaTime.Offset.Ticks}) / {TimeSpan.TicksPerDay})",
            _ when provider.Contains("Npgsql", StringComparison.Ordinal) =>
                $"(CAST((\"{column}\" AT TIME ZONE 'UTC') + INTERVAL '8 hours' AS date) - DATE '2000-01-01' + {Epoch})",
            _ => $"(DATEDIFF_BIG(day, '2000-01-01', CAST(SWITCHOFFSET(\"{column}\", '+08:00') AS date)) + {Epoch})",
        };
        object since = provider.Contains("Sqlite", StringComparison.Ordinal) ? from.UtcTicks : from.ToUniversalTime();
        var sinceParameter = Add(since);
        var count = provider.Contains("SqlServer", StringComparison.Ordinal) ? "COUNT_BIG(*)" : "COUNT(*)";
        var start = Day("CreatedAt");
        var end = Day("CompletedAt");
        var sql = $"""
            SELECT "Procedure" AS "Procedure", "State" AS "State", CAST({start} AS bigint) AS "StartDay", CAST({end} AS bigint) AS "EndDay", {count} AS "Tasks", CAST(SUM(CASE WHEN "CompletedAt" <= "DueAt" THEN 1 ELSE 0 END) AS bigint) AS "OnTime"
            FROM human_tasks
            WHERE "CityCode" IN ({cityList}) AND "Role" IN ({roleList}) AND "Status" = {status} AND "CreatedAt" >= {sinceParameter}
            GROUP BY "Procedure", "State", {start}, {end}
            """;
#pragma warning disable EF1002 // every value is a parameter; the text is built only from constants
        return await db.Database.SqlQueryRaw<Row>(sql, [.. parameters]).ToListAsync(ct);
#pragma warning restore EF1002
    }
}
