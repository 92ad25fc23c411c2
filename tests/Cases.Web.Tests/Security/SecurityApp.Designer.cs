using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Security;

public partial class SecurityApp
{
    /// <summary>The procedure whose versions wait for approval in the four-eyes rows: it posts payments to a ledger.</summary>
    public const string PaymentProcedure = "advance-payment";

    /// <summary>
    /// Another procedure that pays, for the page's approvals: an approval is refused once a newer version is in use, so two
    /// rows that approve at the same moment each decide a procedure of their own.
    /// </summary>
    public const string OtherPaymentProcedure = "third-party-reimbursement";

    // The task of each procedure that leads to "approve", where the extra approver's way in starts.
    private static readonly Dictionary<string, string> Before = new(StringComparer.Ordinal) { [PaymentProcedure] = "review", [OtherPaymentProcedure] = "check-materials" };

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<int>>> _pending = new(StringComparer.Ordinal);

    // One publication at a time: two at the same moment take the same number, and the store answers the second 409.
    private readonly SemaphoreSlim _publishing = new(1, 1);

    /// <summary>One pending version per procedure, proposed on first use (for the calls that are refused and change nothing).</summary>
    public Task<int> SharedPendingAsync(string procedure) => _pending.GetOrAdd(procedure, p => new Lazy<Task<int>>(() => NewPendingVersionAsync(p))).Value;

    /// <summary>
    /// A new version of a procedure that pays, waiting for a provincial supervisor: version 1 with one more task, of a name no
    /// other version has, that approves the payment. A new approver is a sensitive change against whichever version is in
    /// use, however many of these were approved meanwhile.
    /// </summary>
    public Task<int> NewPendingVersionAsync() => NewPendingVersionAsync(PaymentProcedure);

    /// <inheritdoc cref="NewPendingVersionAsync()"/>
    public async Task<int> NewPendingVersionAsync(string procedure)
    {
        var json = JsonNode.Parse(await (await SendAsync("designer", HttpMethod.Get, $"/api/definitions/{procedure}/versions/{ShippedDefinitions.Version(procedure)}")).Content.ReadAsStringAsync())!;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var states = json["states"]!.AsObject();
        states["approve-" + suffix] = states["approve"]!.DeepClone();
        states[Before[procedure]]!["outcomes"]!["fast-" + suffix] = new JsonObject { ["to"] = "approve-" + suffix };
        JsonElement published;
        await _publishing.WaitAsync();
        try
        {
            published = await (await SendAsync("designer", HttpMethod.Post, $"/api/definitions/{procedure}/versions", Json(json.ToJsonString()))).JsonAsync(HttpStatusCode.Created);
        }
        finally
        {
            _publishing.Release();
        }

        if (published.GetProperty("status").GetString() != "pending")
        {
            throw new InvalidOperationException($"{procedure} v{published.GetProperty("version").GetInt32()} was not sent for approval.");
        }

        return published.GetProperty("version").GetInt32();
    }
}
