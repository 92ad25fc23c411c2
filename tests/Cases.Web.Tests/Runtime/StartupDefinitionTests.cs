using System.Net;
using System.Text.Json.Nodes;
using Cases.Testing;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cases.Web.Tests.Runtime;

/// <summary>The app refuses to start on a definition file it cannot trust, and says which file, where and why.</summary>
public sealed class StartupDefinitionTests
{
    /// <summary>workflows/demo-filing.json as shipped next to the app (copied into the test output), else from the repository.</summary>
    internal static string ShippedDemoFiling()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "workflows", "demo-filing.json");
        if (File.Exists(beside))
        {
            return File.ReadAllText(beside);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "workflows", "demo-filing.json");
            if (File.Exists(candidate))
            {
                return File.ReadAllText(candidate);
            }
        }

        throw new FileNotFoundException("workflows/demo-filing.json not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public async Task A_broken_definition_file_stops_the_start_naming_the_file_the_path_and_the_rule()
    {
        var folder = Directory.CreateTempSubdirectory("cases-workflows-").FullName;
        try
        {
            var definition = JsonNode.Parse(ShippedDemoFiling())!;
            definition["states"]!["await-materials"]!["events"]!["resubmitted"]!["to"] = "check-materialz";
            await File.WriteAllTextAsync(Path.Combine(folder, "demo-filing.json"), definition.ToJsonString());
            var connectionString = await TestDatabases.CreateAsync(TestProvider.Sqlite);
            await using var factory = new CasesAppFactory(TestProvider.Sqlite, connectionString,
                settings: new Dictionary<string, string>(RuntimeSettings.NoJobServer) { ["Workflows:Path"] = folder });

            var error = Assert.ThrowsAny<Exception>(() => factory.Server);

            var messages = string.Join(" | ", Chain(error).Select(e => e.Message));
            Assert.Contains("demo-filing.json", messages, StringComparison.Ordinal);
            Assert.Contains("$.states.await-materials.events.resubmitted.to", messages, StringComparison.Ordinal);
            Assert.Contains("unknown-target", messages, StringComparison.Ordinal);
            Assert.Contains("check-materialz", messages, StringComparison.Ordinal);
            SqliteFiles.Delete(connectionString);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_shipped_folder_starts_and_publishes_version_1_once()
    {
        var folder = Directory.CreateTempSubdirectory("cases-workflows-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "demo-filing.json"), ShippedDemoFiling());
            var connectionString = await TestDatabases.CreateAsync(TestProvider.Sqlite);
            await using (var factory = new CasesAppFactory(TestProvider.Sqlite, connectionString,
                settings: new Dictionary<string, string>(RuntimeSettings.NoJobServer) { ["Workflows:Path"] = folder }))
            {
                _ = factory.Server;
                await using var scope = factory.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<Cases.Application.Persistence.CasesDb>();
                Assert.Equal([1], await db.Definitions.Where(d => d.Key == "demo-filing").Select(d => d.Version).ToListAsync());
            }

            SqliteFiles.Delete(connectionString);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// An upgrade: the database runs version 1; the release ships version 2. Start-up stores version 2 beside version 1
    /// (cases on 1 keep it), and a later file claiming an already stored number changes nothing: published versions never change.
    /// </summary>
    [Fact]
    public async Task An_upgraded_database_gains_the_shipped_version_2_beside_version_1_and_never_rewrites_a_stored_version()
    {
        var folder = Directory.CreateTempSubdirectory("cases-workflows-").FullName;
        var file = Path.Combine(folder, "demo-filing.json");
        try
        {
            await File.WriteAllTextAsync(file, ShippedDemoFiling());
            var connectionString = await TestDatabases.CreateAsync(TestProvider.Sqlite);
            async Task<List<(int Version, string Sha)>> StartAsync()
            {
                await using var factory = new CasesAppFactory(TestProvider.Sqlite, connectionString,
                    settings: new Dictionary<string, string>(RuntimeSettings.NoJobServer) { ["Workflows:Path"] = folder });
                _ = factory.Server;
                await using var scope = factory.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<Cases.Application.Persistence.CasesDb>();
                return (await db.Definitions.Where(d => d.Key == "demo-filing").OrderBy(d => d.Version).Select(d => new { d.Version, d.Sha256 }).ToListAsync())
                    .Select(d => (d.Version, d.Sha256)).ToList();
            }

            var before = await StartAsync();
            Assert.Equal([1], before.Select(d => d.Version));

            var shipped = JsonNode.Parse(ShippedDemoFiling())!;
            shipped["version"] = 2;
            shipped["states"]!["check-materials"]!["deadline"]!["workingDays"] = 4;
            await File.WriteAllTextAsync(file, shipped.ToJsonString());
            var upgraded = await StartAsync();
            Assert.Equal([1, 2], upgraded.Select(d => d.Version));
            Assert.Equal(before[0], upgraded[0]);

            shipped["states"]!["check-materials"]!["deadline"]!["workingDays"] = 6;
            await File.WriteAllTextAsync(file, shipped.ToJsonString());
            Assert.Equal(upgraded, await StartAsync());
            SqliteFiles.Delete(connectionString);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The six procedures of the first wave, whose shipped files became version 2.</summary>
    private static readonly string[] SixProcedures = ["advance-payment", "fee-rate-objection", "project-term-extension", "rehab-extension", "third-party-reimbursement", "transfer-approval"];

    /// <summary>The version number of a procedure's shipped file (2 or later: the release's own).</summary>
    private static int Shipped(string key) =>
        Cases.Workflows.Persistence.DefinitionStore.Parse(File.ReadAllText(Path.Combine(RepositoryFolder("workflows"), key + ".json"))).Version;

    /// <summary>A folder of the repository found above the test's output (workflows/, or this project's Runtime/Version1/).</summary>
    private static string RepositoryFolder(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine([dir.FullName, .. parts]);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(string.Join('/', parts) + " not found above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// The upgrade as a running office meets it: a database on version 1 of the six procedures (as released, stored before
    /// clocks carried their source: Runtime/Version1/ holds those files), a case of each running, then the release with the
    /// shipped files (version 2, or 3 where the register ref came) starts. Each case finishes on version 1 — a published version is what its cases run to their end
    /// (规程 第一百一十九条: what was decided under a version is not changed under the case) — and a new case starts on the shipped version.
    /// </summary>
    [Fact]
    public async Task Cases_running_on_version_1_of_the_six_procedures_finish_on_version_1_after_the_shipped_files_are_stored()
    {
        var onlyDemo = Directory.CreateTempSubdirectory("cases-workflows-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(onlyDemo, "demo-filing.json"), ShippedDemoFiling());
            var connectionString = await TestDatabases.CreateAsync(TestProvider.Sqlite);
            var cases = new Dictionary<string, Guid>(StringComparer.Ordinal);

            // Release 1: the database holds version 1 of each, and a case of each is opened on it.
            await using (var release1 = new CasesAppFactory(TestProvider.Sqlite, connectionString,
                settings: new Dictionary<string, string>(RuntimeSettings.NoJobServer) { ["Workflows:Path"] = onlyDemo }))
            {
                _ = release1.Server;
                await using (var scope = release1.Services.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<Cases.Application.Persistence.CasesDb>();
                    foreach (var key in SixProcedures)
                    {
                        var json = await File.ReadAllTextAsync(Path.Combine(RepositoryFolder("tests", "Cases.Web.Tests", "Runtime", "Version1"), key + ".json"));
                        var v1 = Cases.Workflows.Persistence.DefinitionStore.Parse(json);
                        Assert.Equal(1, v1.Version);
                        db.Definitions.Add(new Cases.Workflows.Records.StoredDefinition
                        {
                            Key = key, Version = 1, TitleZh = v1.Title.Zh, TitleEn = v1.Title.En, Json = json,
                            Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json))),
                            PublishedAt = release1.Clock.GetUtcNow(), PublishedBy = "release-1", Status = Cases.Workflows.Records.PublicationStatus.Approved,
                        });
                    }

                    await db.SaveChangesAsync();
                }

                // Monday 2025-10-20 (the factory's clock).
                var officer = await release1.LoginAsync("officer.jinan");
                async Task<Guid> Start(string key, object data) =>
                    (await (await officer.PostJsonAsync("/api/cases", new { procedure = key, city = "370100", data })).JsonAsync(HttpStatusCode.Created)).GetProperty("caseId").GetGuid();
                cases["advance-payment"] = await Start("advance-payment", new
                {
                    variant = "employer-refuses", injuryCaseId = "IC-V1-AP", workerIdNumber = "370102198503120011", employerCreditCode = "91370100MA3C4E5F61",
                    claimedAmount = 5000m, liableParty = new { name = "济南某建材有限公司", creditCode = "91370100MA3C4E5F61" },
                });
                cases["fee-rate-objection"] = await Start("fee-rate-objection", new { employerCreditCode = "91370100MA3C4E5F61", previousRate = 0.005m, newRate = 0.0045m, effectiveFrom = "2025-07", adjustedOn = "2025-10-17" });
                cases["project-term-extension"] = await Start("project-term-extension", new { projectCode = "PRJ-V1-1", generalContractorCreditCode = "91370100MA3C4E5F61", contractStartsOn = "2025-01-01", contractEndsOn = "2026-06-30", totalCost = 1000000m });
                cases["rehab-extension"] = await Start("rehab-extension", new { workerIdNumber = "370102198503120011", injuryCaseId = "IC-V1-RE", rehabStartsOn = "2025-08-01", rehabEndsOn = "2025-11-10", institution = "山东省工伤康复医院" });
                cases["third-party-reimbursement"] = await Start("third-party-reimbursement", new { injuryCaseId = "IC-V1-TP", workerIdNumber = "370102198503120011", employerCreditCode = "91370100MA3C4E5F61", accidentType = "traffic", eligibleMedicalCost = 20000m });
                cases["transfer-approval"] = await Start("transfer-approval", new
                {
                    injuryCaseId = "IC-V1-TA", workerIdNumber = "370102198503120011", employerCreditCode = "91370100MA3C4E5F61", appliedOn = "2025-10-20",
                    referral = new { hospital = "济南市第四人民医院", issuedOn = "2025-10-16", destinationHospital = "北京积水潭医院", destinationCity = "北京市", reason = "需行二期骨科手术" },
                });
                var fee = DemoFiling.SingleTask(await DemoFiling.GetAsync(officer, cases["fee-rate-objection"]));
                await (await DemoFiling.CompleteAsync(officer, fee.Id(), "notified", new { noticeReceivedOn = "2025-10-20" })).JsonAsync(HttpStatusCode.OK);
            }

            // Release 2: the shipped folder; start-up stores each shipped version beside version 1.
            await using var release2 = new CasesAppFactory(TestProvider.Sqlite, connectionString,
                settings: new Dictionary<string, string>(RuntimeSettings.NoJobServer) { ["Workflows:Path"] = RepositoryFolder("workflows") });
            _ = release2.Server;
            release2.Clock.SetUtcNow(new DateTimeOffset(2025, 11, 20, 1, 0, 0, TimeSpan.Zero));
            var again = await release2.LoginAsync("officer.jinan");
            async Task<List<(string Key, int Version, string? End)>> InstancesAsync()
            {
                await using var scope = release2.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<Cases.Application.Persistence.CasesDb>();
                var ids = cases.Values.ToList();
                return (await db.Instances.AsNoTracking().Where(i => ids.Contains(i.CaseId)).Select(i => new { i.DefinitionKey, i.DefinitionVersion, i.EndOutcome }).ToListAsync())
                    .Select(i => (i.DefinitionKey, i.DefinitionVersion, i.EndOutcome)).OrderBy(i => i.DefinitionKey, StringComparer.Ordinal).ToList();
            }

            await using (var scope = release2.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<Cases.Application.Persistence.CasesDb>();
                foreach (var key in SixProcedures)
                {
                    Assert.Equal([1, Shipped(key)], await db.Definitions.Where(d => d.Key == key).OrderBy(d => d.Version).Select(d => d.Version).ToListAsync());
                }
            }

            // Each runs to an end on version 1: rejections at the counter, an early completion, and the clocks of
            // version 1 (the objection window and the rehabilitation period) running out.
            foreach (var (key, note) in new[] { ("advance-payment", "reviewNote"), ("third-party-reimbursement", "checkNote"), ("transfer-approval", "reviewNote") })
            {
                var task = DemoFiling.SingleTask(await DemoFiling.GetAsync(again, cases[key]));
                await (await DemoFiling.CompleteAsync(again, task.Id(), "rejected", new Dictionary<string, object> { [note] = "材料不符合规定，不予办理。" })).JsonAsync(HttpStatusCode.OK);
            }

            await (await again.PostJsonAsync($"/api/cases/{cases["project-term-extension"]}/events/early-completion", new { completedOn = "2025-11-19" })).JsonAsync(HttpStatusCode.OK);
            await using (var scope = release2.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<Cases.Workflows.Timers.TimerFiring>().RunDueAsync(1000, CancellationToken.None);
            }

            Assert.Equal(
                [
                    ("advance-payment", 1, "rejected"), ("fee-rate-objection", 1, "final-no-objection"), ("project-term-extension", 1, "completed-early"),
                    ("rehab-extension", 1, "period-ended"), ("third-party-reimbursement", 1, "rejected"), ("transfer-approval", 1, "rejected"),
                ],
                await InstancesAsync());

            // A case opened now runs the shipped version.
            var started = await (await again.PostJsonAsync("/api/cases", new { procedure = "fee-rate-objection", city = "370100", data = new { employerCreditCode = "91370100MA3C4E5F61", previousRate = 0.005m, newRate = 0.0045m, effectiveFrom = "2025-10", adjustedOn = "2025-11-20" } })).JsonAsync(HttpStatusCode.Created);
            Assert.Equal(Shipped("fee-rate-objection"), started.GetProperty("definitionVersion").GetInt32());
            SqliteFiles.Delete(connectionString);
        }
        finally
        {
            Directory.Delete(onlyDemo, recursive: true);
        }
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            yield return x;
            if (x is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }
}
