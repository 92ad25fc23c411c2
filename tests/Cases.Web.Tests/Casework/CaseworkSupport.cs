using System.Net;
using System.Net.Http.Headers;
using Cases.Testing;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Casework;

/// <summary>An app whose attachments may be at most 4 KiB, to try sizes around the limit without megabytes of test data.</summary>
public sealed class SmallUploadApp() : AppFixture(TestProvider.Sqlite, new Dictionary<string, string>
{
    ["Hangfire:Server"] = "false",
    ["Clock:AllowOverride"] = "false",
    ["Attachments:MaxBytes"] = "4096",
});

internal static class Uploads
{
    /// <summary>POSTs the bytes as an API upload (the body is the file).</summary>
    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, Guid caseId, string? fileName, byte[] content, string contentType = "application/pdf", string? material = null)
    {
        var query = new List<string>();
        if (fileName is not null)
        {
            query.Add("fileName=" + Uri.EscapeDataString(fileName));
        }

        if (material is not null)
        {
            query.Add("material=" + Uri.EscapeDataString(material));
        }

        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await client.PostAsync(new Uri($"/api/cases/{caseId}/attachments?{string.Join('&', query)}", UriKind.Relative), body);
    }

    /// <summary>Every file under the attachment store's folder (the staging folder included).</summary>
    public static string[] StoredFiles(this AppFixture app) =>
        Directory.Exists(app.Factory.AttachmentsPath) ? Directory.GetFiles(app.Factory.AttachmentsPath, "*", SearchOption.AllDirectories) : [];

    public static async Task<Guid> NewCaseAsync(this AppFixture app, string user = "officer.jinan", string city = "370100")
    {
        var client = await app.As(user);
        var started = await (await client.PostJsonAsync("/api/cases", new { procedure = DemoFiling.Key, city, data = new { contractEndsOn = "2026-06-30" } })).JsonAsync(HttpStatusCode.Created);
        return started.GetProperty("caseId").GetGuid();
    }
}
