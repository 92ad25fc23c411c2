using System.Net;
using System.Text.Json.Nodes;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Security;

public partial class SecurityApp
{
    /// <summary>The procedure whose versions wait for approval in the four-eyes rows: it posts payments to a ledger.</summary>
    public const string PaymentProcedure = "advance-payment";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<int>>> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _publishing = new(1, 1);

    /// <summary>One pending version per key, proposed on first use (for the calls that are refused and change nothing).</summary>
    public Task<int> SharedPendingAsync(string key) => _pending.GetOrAdd(key, _ => new Lazy<Task<int>>(NewPendingVersionAsync)).Value;

    /// <summary>
    /// A new version of advance-payment that waits for a provincial supervisor: the role approving the payment flipped
    /// (reviewer ↔ supervisor) against the version in use, which is a sensitive change whatever was approved before.
    /// </summary>
    public async Task<int> NewPendingVersionAsync()
    {
        // One at a time: each is compared with the version in use, which an approval elsewhere may change meanwhile.
        await _publishing.WaitAsync();
        try
        {
            var versions = await (await SendAsync("designer", HttpMethod.Get, "/api/definitions")).JsonAsync(HttpStatusCode.OK);
            var inForce = versions.EnumerateArray()
                .Where(v => v.GetProperty("key").GetString() == PaymentProcedure && v.GetProperty("status").GetString() == "approved")
                .Max(v => v.GetProperty("version").GetInt32());
            var json = JsonNode.Parse(await (await SendAsync("designer", HttpMethod.Get, $"/api/definitions/{PaymentProcedure}/versions/{inForce}")).Content.ReadAsStringAsync())!;
            var approve = json["states"]!["approve"]!;
            approve["role"] = approve["role"]!.GetValue<string>() == "reviewer" ? "supervisor" : "reviewer";
            var published = await (await SendAsync("designer", HttpMethod.Post, $"/api/definitions/{PaymentProcedure}/versions", Json(json.ToJsonString()))).JsonAsync(HttpStatusCode.Created);
            if (published.GetProperty("status").GetString() != "pending")
            {
                throw new InvalidOperationException($"{PaymentProcedure} v{published.GetProperty("version").GetInt32()} was not sent for approval.");
            }

            return published.GetProperty("version").GetInt32();
        }
        finally
        {
            _publishing.Release();
        }
    }
}
