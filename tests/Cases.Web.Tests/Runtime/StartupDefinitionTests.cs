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
