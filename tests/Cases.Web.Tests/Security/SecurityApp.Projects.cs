using System.Net.Http.Json;
using System.Text.Json;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Security;

public partial class SecurityApp
{
    /// <summary>The demo seed's project of each city (DemoSeed: one in 济南, one in 青岛).</summary>
    public static string ProjectOf(string city) => city == Jinan ? "JS3701002026-D01" : "JS3702002026-D02";

    /// <summary>The first day of the city's demo project: a day every filing may name as the day of employment.</summary>
    public async Task<string> ProjectStartAsync(string city)
    {
        using var response = await SendAsync(Cities[city].Officer, HttpMethod.Get, $"/api/projects/{ProjectOf(city)}");
        response.EnsureSuccessStatusCode();
        var project = await response.Content.ReadFromJsonAsync<JsonElement>();
        return project.GetProperty("term").GetProperty("from").GetString()!;
    }

    /// <summary>A worker freshly filed on the city's demo project, by its officer; their identity number.</summary>
    public async Task<string> NewProjectWorkerAsync(string city)
    {
        var idNumber = TestParties.NewIdNumber();
        await CreatedAsync(Cities[city].Officer, $"/api/projects/{ProjectOf(city)}/workers", new { idNumber, name = "离场测试工人", employedOn = await ProjectStartAsync(city) });
        return idNumber;
    }
}
