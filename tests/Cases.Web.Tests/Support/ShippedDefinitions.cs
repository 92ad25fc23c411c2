using System.Text.Json.Nodes;

namespace Cases.Web.Tests.Support;

/// <summary>The procedures as shipped in workflows/ (copied beside the tests): a new database holds each at the version its file says.</summary>
public static class ShippedDefinitions
{
    public static int Version(string key) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflows", key + ".json")))!["version"]!.GetValue<int>();
}
