using System.Text.Json.Nodes;
using Cases.Domain;
using Cases.Domain.Parties;
using Cases.Workflows.Casework;
using Cases.Workflows.Common;
using Microsoft.Extensions.Logging;

namespace Cases.Workflows.Parties;

/// <summary>One view of a worker's unmasked personal data: who, when, why, whose (规程 第一百四十一条).</summary>
/// <param name="At">When, by the app's clock.</param>
/// <param name="UserName">Who looked.</param>
/// <param name="UserCity">Their city; null for provincial staff.</param>
/// <param name="Purpose">Why: the purpose they gave, or the case they were working.</param>
/// <param name="WorkerId">The worker, when looked up as a worker.</param>
/// <param name="CaseId">The case, when seen in a case.</param>
/// <param name="Subject">The worker's identity number, masked: the log itself must not become a list of numbers.</param>
/// <param name="Fields">What was shown unmasked, e.g. "idNumber, phone".</param>
public sealed record PersonalDataAccess(DateTimeOffset At, string UserName, string? UserCity, string Purpose, string Subject, string Fields, Guid? WorkerId, Guid? CaseId);

/// <summary>Where every view of unmasked personal data is recorded for auditors (规程 第一百四十一条).</summary>
public interface IPersonalDataAccessLog
{
    /// <summary>Records the view; the data is shown only after this returns.</summary>
    ValueTask RecordAsync(PersonalDataAccess access, CancellationToken cancellationToken);
}

/// <summary>
/// The access log as structured log entries (category <see cref="Category"/>, event <see cref="ViewedEvent"/>), until
/// the access table an auditor's page reads exists.
/// </summary>
public sealed partial class LoggedPersonalDataAccess(ILoggerFactory loggers) : IPersonalDataAccessLog
{
    public const string Category = "Cases.PersonalDataAccess";

    public const int ViewedEvent = 4101;

    private readonly ILogger _log = loggers.CreateLogger(Category);

    public ValueTask RecordAsync(PersonalDataAccess access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        Viewed(_log, access.UserName, access.UserCity, access.At, access.Purpose, access.Subject, access.Fields, access.WorkerId, access.CaseId);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(EventId = ViewedEvent, EventName = "PersonalDataViewed", Level = LogLevel.Information,
        Message = "Personal data viewed by {UserName} ({UserCity}) at {At:O} for '{Purpose}': {Subject} [{Fields}] worker {WorkerId} case {CaseId}")]
    private static partial void Viewed(ILogger log, string userName, string? userCity, DateTimeOffset at, string purpose, string subject, string fields, Guid? workerId, Guid? caseId);
}

/// <summary>
/// Identity numbers inside a case (its data and journal): masked for roles that do not handle cases; shown to officers
/// and reviewers, who are working the case, and then recorded with the case as the purpose.
/// </summary>
public static class CasePersonalData
{
    public static async Task<CaseView> ProtectAsync(CaseView view, Actor by, IPersonalDataAccessLog log, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(clock);
        var mask = !by.NeedsFullIdNumbers;
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var data = Walk(view.Data?.DeepClone(), mask, found);
        var journal = view.Journal.Select(j => j with { Data = Walk(j.Data?.DeepClone(), mask, found) }).ToList();
        if (!mask && found.Count > 0)
        {
            await log.RecordAsync(new PersonalDataAccess(clock.GetUtcNow(), by.UserName, by.CityCode, $"case {view.CaseId}", string.Join(", ", found), "idNumber", null, view.CaseId), ct);
        }

        return view with { Data = data, Journal = journal };
    }

    // Every string that is an identity number is collected (masked) and, when asked, replaced by its masked form.
    private static JsonNode? Walk(JsonNode? node, bool mask, SortedSet<string> found)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var name in o.Select(p => p.Key).ToList())
                {
                    if (Replacement(o[name], mask, found) is { } masked)
                    {
                        o[name] = masked;
                    }
                    else
                    {
                        Walk(o[name], mask, found);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (Replacement(a[i], mask, found) is { } masked)
                    {
                        a[i] = masked;
                    }
                    else
                    {
                        Walk(a[i], mask, found);
                    }
                }

                break;
        }

        return node;
    }

    private static JsonValue? Replacement(JsonNode? node, bool mask, SortedSet<string> found)
    {
        if (node is not JsonValue v || !v.TryGetValue<string>(out var text) || !IdNumber.TryParse(text, out var id, out _))
        {
            return null;
        }

        found.Add(id.Masked);
        return mask ? JsonValue.Create(id.Masked) : null;
    }

    /// <summary>The purpose given for seeing a worker's full data: 2 to 200 characters of text.</summary>
    public static string? Purpose(string? purpose)
    {
        var text = TextInput.Optional(purpose, "purpose", "purpose", 200);
        return text is { Length: < 2 } ? throw new DomainValidationException("purpose", "purpose must say why, in at least 2 characters.") : text;
    }
}
