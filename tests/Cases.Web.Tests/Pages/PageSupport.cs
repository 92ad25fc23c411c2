using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Pages;

/// <summary>A page as the browser would get it: its status, its parsed document, and its forms posted with their antiforgery token.</summary>
internal static class PageSupport
{
    private static readonly IBrowsingContext Parser = BrowsingContext.New(Configuration.Default);

    public static async Task<(HttpStatusCode Status, IDocument Document)> PageAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        return (response.StatusCode, await ParseAsync(response));
    }

    /// <summary>GETs a page that must answer 200 and returns its document.</summary>
    public static async Task<IDocument> OpenAsync(this HttpClient client, string url)
    {
        var (status, document) = await client.PageAsync(url);
        Assert.True(status == HttpStatusCode.OK, $"GET {url} answered {(int)status}: {document.Body?.TextContent}");
        return document;
    }

    /// <summary>
    /// Posts the form found by <paramref name="formSelector"/> on <paramref name="page"/> as a browser would: its current
    /// fields (the antiforgery token among them) with <paramref name="values"/> set over them, to its action or <paramref name="action"/>.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, IDocument page, string formSelector, IEnumerable<KeyValuePair<string, string>> values, string? action = null)
    {
        var form = page.QuerySelector<IHtmlFormElement>(formSelector) ?? throw new InvalidOperationException($"No form {formSelector} on the page.");
        var fields = form.Elements.OfType<IHtmlInputElement>()
            .Where(i => !string.IsNullOrEmpty(i.Name) && i.Type is not ("checkbox" or "submit") && i.Type != "radio")
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();
        var given = values.ToList();
        fields.RemoveAll(f => given.Any(g => g.Key == f.Key));
        fields.AddRange(given);
        using var content = new FormUrlEncodedContent(fields);
        var target = action ?? form.GetAttribute("action") ?? throw new InvalidOperationException("The form has no action.");
        return await client.PostAsync(new Uri(target, UriKind.Relative), content);
    }

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response) =>
        await Parser.OpenAsync(r => r.Content(response.Content.ReadAsStream()).Header("Content-Type", "text/html; charset=utf-8"));

    public static string Text(this IElement? element) => element?.TextContent.Trim() ?? "";

    /// <summary>
    /// A fee-rate objection case of Jinan, adjusted on <paramref name="adjustedOn"/>: its notify-employer task is open to officers.
    /// The rate changes (0.5% → 0.45%) unless <paramref name="newRate"/> says otherwise; an unchanged rate has no difference to settle.
    /// </summary>
    public static async Task<(Guid CaseId, Guid TaskId)> StartRateCaseAsync(HttpClient officer, string adjustedOn, string? creditCode = null, decimal newRate = 0.0045m)
    {
        var started = await (await officer.PostAsJsonAsync("/api/cases", new
        {
            procedure = "fee-rate-objection",
            city = "370100",
            data = new { employerCreditCode = creditCode ?? TestParties.NewCreditCode(), previousRate = 0.005m, newRate, effectiveFrom = "2025-06", adjustedOn },
        })).JsonAsync(HttpStatusCode.Created);
        var caseId = started.GetProperty("caseId").GetGuid();
        var view = await (await officer.GetAsync(new Uri($"/api/cases/{caseId}", UriKind.Relative))).JsonAsync(HttpStatusCode.OK);
        return (caseId, view.GetProperty("openTasks")[0].GetProperty("id").GetGuid());
    }

    public static async Task<JsonElement> TaskAsync(HttpClient client, Guid caseId) =>
        (await (await client.GetAsync(new Uri($"/api/cases/{caseId}", UriKind.Relative))).JsonAsync(HttpStatusCode.OK)).GetProperty("openTasks")[0];

    public static IElement Row(this IDocument inbox, Guid taskId) =>
        inbox.QuerySelector($"[data-testid=task-row][data-task-id='{taskId}']") ?? throw new InvalidOperationException($"Task {taskId} is not in the inbox.");

    public static bool HasRow(this IDocument inbox, Guid taskId) => inbox.QuerySelector($"[data-testid=task-row][data-task-id='{taskId}']") is not null;
}
