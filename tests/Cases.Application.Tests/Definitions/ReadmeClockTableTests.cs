using System.Text.Json.Nodes;
using Cases.Workflows.Tests.Definitions;

namespace Cases.Application.Tests.Definitions;

/// <summary>
/// README's table of the six procedures' clocks is what the definitions say: every clock (its state path) with its
/// source (statutory or agency) and its article — an officer or auditor reading it reads the product, not a memory of it.
/// </summary>
public sealed class ReadmeClockTableTests
{
    [Fact]
    public void Every_clock_of_the_shipped_procedures_is_a_row_of_the_readme_with_its_source_and_article()
    {
        var readme = File.ReadAllLines(Path.Combine(DefinitionFixtures.RepoRoot(), "README.md"));
        var rows = readme.Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries))
            .Where(c => c.Length > 5 && c[3] is "statutory" or "agency")
            .Select(c => (Key: c[1].Trim('`'), Path: c[2].Trim('`'), Source: c[3], Basis: c[4]))
            .ToHashSet();
        var expected = new List<(string Key, string Path, string Source, string Basis)>();
        foreach (var file in Directory.GetFiles(DefinitionFixtures.WorkflowsFolder(), "*.json").Where(f => !f.EndsWith("demo-filing.json", StringComparison.Ordinal)))
        {
            var definition = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            Clocks(definition["states"]!, "", definition["key"]!.GetValue<string>(), expected);
        }

        Assert.True(expected.Count >= 40, $"only {expected.Count} clocks found in the shipped definitions");
        Assert.All(expected, clock => Assert.True(rows.Contains(clock), $"README lacks the row {clock}"));
        Assert.All(rows.Where(r => expected.Any(e => e.Key == r.Key)), row => Assert.True(expected.Contains(row), $"README lists {row}, which no definition has"));
    }

    private static void Clocks(JsonNode node, string path, string key, List<(string, string, string, string)> found)
    {
        if (node is JsonObject o)
        {
            if (o.ContainsKey("basis") && o.ContainsKey("source") && (o.ContainsKey("after") || o.ContainsKey("before") || o.ContainsKey("on")))
            {
                found.Add((key, path, o["source"]!.GetValue<string>(), o["basis"]!.GetValue<string>()));
            }

            foreach (var (name, child) in o)
            {
                Clocks(child!, path.Length == 0 ? name : $"{path}.{name}", key, found);
            }
        }
        else if (node is JsonArray a)
        {
            for (var i = 0; i < a.Count; i++)
            {
                Clocks(a[i]!, $"{path}[{i}]", key, found);
            }
        }
    }
}
