using System.Diagnostics;
using System.Globalization;
using Cases.Domain.Parties;

namespace Cases.Benchmarks;

/// <summary>
/// Bulk-seeds the human_tasks table with raw SQL generated inside the database (generate_series on PostgreSQL, a
/// recursive CTE on SQLite): N tasks across the 16 cities and 500 officers, not through the commands (a million
/// commands would take hours and measure the commands again). The mix is fixed, so every run sees the same data:
/// 60% completed, 5% cancelled, 15% open, 20% claimed; 80% for officers, 20% for reviewers; five procedures;
/// due dates from 30 days ago to 60 days ahead of <see cref="BenchApp.Today"/>, at 24:00 Asia/Shanghai.
/// Officer number 0 of 济南 is the demo user officer.jinan, so the web scenario can sign in as a real user.
/// </summary>
public static class TaskSeeder
{
    public const int Officers = 500;

    public static readonly string[] Procedures = ["transfer-approval", "fee-rate-objection", "rehab-extension", "project-term-extension", "demo-filing"];

    /// <summary>How many officers city number <paramref name="c"/> (0..15) has: officer j works in city j mod 16.</summary>
    public static int OfficersIn(int c) => (Officers / 16) + (c < Officers % 16 ? 1 : 0);

    public static string OfficerName(int j) => j == 0 ? "officer.jinan" : $"bench.officer{j.ToString("000", CultureInfo.InvariantCulture)}";

    public static async Task<TimeSpan> SeedAsync(BenchDatabase database, int count, TextWriter log)
    {
        var sql = database.Sql;
        var cityCase = "CASE c " + string.Concat(City.All.Select((city, k) => $"WHEN {k} THEN '{city.Code}' ")) + "END";
        var procedureCase = "CASE p " + string.Concat(Procedures.Select((p, k) => $"WHEN {k} THEN '{p}' ")) + "END";
        var officerCount = $"(CASE WHEN c < {Officers % 16} THEN {(Officers / 16) + 1} ELSE {Officers / 16} END)";
        var officer = $"(CASE WHEN j = 0 THEN 'officer.jinan' ELSE 'bench.officer' || {sql.Pad3("j")} END)";
        var status = "(CASE WHEN r < 600 THEN 'Completed' WHEN r < 650 THEN 'Cancelled' WHEN r < 800 THEN 'Open' ELSE 'Claimed' END)";
        // 16:00 UTC is 24:00 in Shanghai: the instant a task's due day ends.
        var dueDay = BenchApp.Today.Date.AddHours(16);
        var dueAt = sql.Instant(new DateTimeOffset(dueDay, TimeSpan.Zero), "d * 86400");
        var inner = $"SELECT i, c, p, r, d, role, c + 16 * ((i / 16) % {officerCount}) AS j FROM (" +
                    "SELECT i, i % 16 AS c, (i * 40503 + 7) % 5 AS p, (i * 2654435761) % 1000 AS r, ((i * 7919) % 90) - 30 AS d, " +
                    "CASE WHEN (i * 97 + 13) % 10 < 2 THEN 'reviewer' ELSE 'officer' END AS role FROM {series}) a";
        var columns = "\"Id\", \"InstanceId\", \"CaseId\", \"Procedure\", \"State\", \"TitleZh\", \"TitleEn\", \"Role\", \"CityCode\", \"Party\", " +
                      "\"Assignee\", \"Status\", \"Priority\", \"DueOn\", \"DueAt\", \"WarnAt\", \"Basis\", \"DueRule\", \"CreatedAt\", " +
                      "\"ClaimedAt\", \"CompletedAt\", \"CompletedBy\", \"Outcome\", \"Breached\"";
        var select = string.Join(", ",
            sql.NewId(0x7A5C0001, "i"), sql.NewId(0x7A5C0002, "i"), sql.NewId(0x7A5C0003, "i"),
            procedureCase, "'review'", "'审核申请材料'", "'Review the application'", "role", cityCase,
            "'IC-' || i",
            $"CASE WHEN r < 600 OR r >= 800 THEN {officer} ELSE NULL END",
            status, "1",
            sql.ShanghaiDate(sql.Instant(new DateTimeOffset(dueDay, TimeSpan.Zero), "d * 86400 - 60")), dueAt, sql.Instant(new DateTimeOffset(dueDay, TimeSpan.Zero), "d * 86400 - 3 * 86400"),
            "'第三十八条'", "'workingDays:5'", sql.Instant(new DateTimeOffset(dueDay, TimeSpan.Zero), "d * 86400 - 7 * 86400"),
            $"CASE WHEN r < 600 OR r >= 800 THEN {sql.Instant(new DateTimeOffset(dueDay, TimeSpan.Zero), "d * 86400 - 6 * 86400")} ELSE {sql.Null("timestamptz")} END",
            $"CASE WHEN r < 650 THEN {sql.Instant(new DateTimeOffset(dueDay, TimeSpan.Zero), "d * 86400 - 2 * 86400")} ELSE {sql.Null("timestamptz")} END",
            $"CASE WHEN r < 600 THEN {officer} ELSE NULL END",
            "CASE WHEN r < 600 THEN 'approved' ELSE NULL END",
            sql.Bool(false));

        var watch = Stopwatch.StartNew();
        const int batch = 200_000;
        for (long first = 1; first <= count; first += batch)
        {
            var last = Math.Min(count, first + batch - 1);
            // The derived table computes the mix once per row.
            await database.ExecuteAsync(sql.InsertSeries("human_tasks", columns, select, first, last, $"({inner}) x"));
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  seeded {last:N0} tasks ({watch.Elapsed.TotalSeconds:0} s)"));
        }

        // PostgreSQL's autovacuum would analyze a table this size on its own within a minute; do it now so the first
        // queries do not run on empty statistics. SQLite gets nothing: the product never runs ANALYZE there.
        if (sql.IsPostgres)
        {
            await database.ExecuteAsync("VACUUM ANALYZE human_tasks");
        }

        return watch.Elapsed;
    }
}
