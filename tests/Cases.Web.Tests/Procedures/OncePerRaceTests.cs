using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using Cases.Application.Persistence;
using Cases.Testing;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Cases.Web.Tests.Procedures;

/// <summary>
/// 第四十九条 allows one rehabilitation extension per injury case (oncePer). Two starts for the same injury case at the
/// same moment both find no case when they look; the claim each writes in its own transaction under (procedure, value)
/// lets the database keep one, and the other gets the same 409 as a later start, naming the case that won.
/// </summary>
public abstract class OncePerRaceScenarios(AppFixture app) : ProcedureScenario(app)
{
    private const string Key = "rehab-extension";

    private static object Body(string injuryCaseId) => new
    {
        procedure = Key, city = "370100",
        data = new { workerIdNumber = "370102198503120011", injuryCaseId, rehabStartsOn = "2025-08-01", rehabEndsOn = "2025-10-15", institution = "山东省工伤康复医院" },
    };

    [Fact]
    public async Task Two_starts_at_once_for_one_injury_case_keep_one_case_and_refuse_the_other_naming_it()
    {
        At("2025-09-20 09:00");
        var injuryCase = await TestInjuries.RegisterAsync(await App.As("officer.jinan"));
        var gate = new OncePerReadGate(2);
        // The same app on the same database, its commands held by the gate: each start waits, after its once-per read,
        // until the other has made its read too, so both pass the read before either writes.
        await using var held = App.Factory.WithWebHostBuilder(b => b.ConfigureServices(s =>
        {
            if (App.Factory.Provider == TestProvider.Sqlite)
            {
                s.ConfigureDbContext<SqliteCasesDb>(o => o.AddInterceptors(gate));
            }
            else
            {
                s.ConfigureDbContext<PostgresCasesDb>(o => o.AddInterceptors(gate));
            }
        }));
        using var first = await LoginAsync(held);
        using var second = await LoginAsync(held);

        gate.Arm();
        var answers = await System.Threading.Tasks.Task.WhenAll(
            System.Threading.Tasks.Task.Run(() => first.PostAsJsonAsync("/api/cases", Body(injuryCase))),
            System.Threading.Tasks.Task.Run(() => second.PostAsJsonAsync("/api/cases", Body(injuryCase))));

        Assert.Equal(2, gate.Passed);
        var won = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        var lost = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Conflict);
        var caseId = (await won.JsonAsync(HttpStatusCode.Created)).GetProperty("caseId").GetGuid();
        var refusal = await lost.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(caseId.ToString("N")[^8..].ToUpperInvariant(), refusal.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("第四十九条", refusal.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Nothing of the loser stayed: one case, one projection row, one claim.
        Assert.Equal([caseId], await App.InDbAsync(db => db.CaseValues.Where(v => v.Field == "injuryCaseId" && v.Text == injuryCase).Select(v => v.CaseId).ToListAsync()));
        Assert.Equal([caseId], await App.InDbAsync(db => db.Set<Cases.Workflows.Records.OncePerClaim>().Where(c => c.Procedure == Key && c.Value == injuryCase).Select(c => c.CaseId).ToListAsync()));
    }

    [Fact]
    public async Task A_case_started_before_claims_were_written_still_refuses_a_second()
    {
        At("2025-09-20 09:00");
        var injuryCase = await TestInjuries.RegisterAsync(await App.As("officer.jinan"));
        var officer = await App.As("officer.jinan");
        var caseId = (await (await officer.PostJsonAsync("/api/cases", Body(injuryCase))).JsonAsync(HttpStatusCode.Created)).GetProperty("caseId").GetGuid();
        // As a database upgraded from a version without once_per_claims holds it: the case, and no claim for it.
        Assert.Equal(1, await App.InDbAsync(db => db.Set<Cases.Workflows.Records.OncePerClaim>().Where(c => c.CaseId == caseId).ExecuteDeleteAsync()));

        var refusal = await (await officer.PostJsonAsync("/api/cases", Body(injuryCase))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(caseId.ToString("N")[^8..].ToUpperInvariant(), refusal.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<HttpClient> LoginAsync(WebApplicationFactory<Program> factory)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(CasesAppFactory.ApiClientHeader, "XMLHttpRequest");
        (await client.PostAsJsonAsync("/api/auth/login", new { userName = "officer.jinan", password = CasesAppFactory.DemoPassword })).EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>
    /// Holds each start's once-per read (the look-up of case_values joined with cases) once armed, until as many reads
    /// as expected have run: the starts go on together, on progress, not after a pause.
    /// </summary>
    private sealed class OncePerReadGate(int expected) : DbCommandInterceptor
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _armed;
        private int _arrived;

        public int Passed => Volatile.Read(ref _arrived);

        public void Arm() => Volatile.Write(ref _armed, 1);

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (Volatile.Read(ref _armed) == 1
                && command.CommandText.Contains("case_values", StringComparison.Ordinal)
                && command.CommandText.Contains("JOIN", StringComparison.Ordinal)
                && Interlocked.Increment(ref _arrived) <= expected)
            {
                if (Volatile.Read(ref _arrived) >= expected)
                {
                    _all.TrySetResult();
                }

                // A safety net only (a start that never comes fails the test instead of hanging it), not the synchronisation.
                await _all.Task.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
            }

            return result;
        }
    }
}

public sealed class OncePerRaceOnSqlite(SqliteRuntimeApp app) : OncePerRaceScenarios(app), IClassFixture<SqliteRuntimeApp>;

public sealed class OncePerRaceOnPostgres(PostgresRuntimeApp app) : OncePerRaceScenarios(app), IClassFixture<PostgresRuntimeApp>;
