using Microsoft.Extensions.Logging;

namespace Cases.Application.Parties;

/// <summary>One view of a worker's unmasked personal data: who, when, why, whose (规程 第一百四十条).</summary>
/// <param name="At">When, by the app's clock.</param>
/// <param name="UserName">Who looked.</param>
/// <param name="UserCity">Their city; null for provincial staff.</param>
/// <param name="Purpose">Why: the purpose they gave, or the case they were working.</param>
/// <param name="WorkerId">The worker, when looked up as a worker.</param>
/// <param name="CaseId">The case, when seen in a case.</param>
/// <param name="Subject">The worker's identity number, masked: the log itself must not become a list of numbers.</param>
/// <param name="Fields">What was shown unmasked, e.g. "idNumber, phone".</param>
public sealed record PersonalDataAccess(DateTimeOffset At, string UserName, string? UserCity, string Purpose, string Subject, string Fields, Guid? WorkerId, Guid? CaseId)
{
    /// <summary>What kind of person: a <see cref="Worker"/> (by identity number) or a phone met in a case's data.</summary>
    public string SubjectKind { get; init; } = Worker;

    /// <summary>The whole number the person is known by: the stored log is searched by it and shows it only masked.</summary>
    public string SubjectKey { get; init; } = "";

    /// <summary>The city whose record was seen (the case's, the worker's employer's); empty when none.</summary>
    public string SubjectCity { get; init; } = "";

    public const string Worker = "worker";

    public const string Employer = "employer";

    public const string Phone = "phone";

    public const string BankCard = "bankCard";

    /// <summary>
    /// The <see cref="Fields"/> of a refused registration: not a view, but an attempt to register a number the province's
    /// register already holds, journaled where auditors read the views because probing the register is what it can be
    /// (规程 第一百四十条: a city sees only its own records; 第一百二十条: 留痕可溯).
    /// </summary>
    public const string RegistrationRefused = "registration refused";

    /// <summary>The refused registration of <paramref name="number"/>, whose record is in <paramref name="registeredIn"/> (empty when it has no city).</summary>
    public static PersonalDataAccess RefusedRegistration(DateTimeOffset at, Cases.Domain.Staff.Actor by, string kind, string number, string masked, string registeredIn) =>
        new(at, by.UserName, by.CityCode,
            $"registration refused: the number is in the province's register{(registeredIn.Length > 0 ? $" (city {registeredIn})" : "")}; attempted by a user of {by.CityCode ?? "the province"}",
            masked, RegistrationRefused, null, null)
        {
            SubjectKind = kind,
            SubjectKey = number,
            SubjectCity = registeredIn,
        };
}

/// <summary>Where every view of unmasked personal data is recorded for auditors (规程 第一百四十条).</summary>
public interface IPersonalDataAccessLog
{
    /// <summary>Records the views; the data is shown only after this returns, and not at all when it throws (fail closed).</summary>
    ValueTask RecordAsync(IReadOnlyList<PersonalDataAccess> views, CancellationToken cancellationToken);
}

/// <summary>
/// The access log as structured log entries (category <see cref="Category"/>, event <see cref="ViewedEvent"/>): a copy for
/// log shipping beside the table auditors read (see RecordedPersonalDataAccess in Cases.Web).
/// </summary>
public sealed partial class LoggedPersonalDataAccess(ILoggerFactory loggers) : IPersonalDataAccessLog
{
    public const string Category = "Cases.PersonalDataAccess";

    public const int ViewedEvent = 4101;

    private readonly ILogger _log = loggers.CreateLogger(Category);

    public ValueTask RecordAsync(IReadOnlyList<PersonalDataAccess> views, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(views);
        foreach (var access in views)
        {
            // The purpose is what someone typed: a number in it is masked before it reaches the log.
            if (access.Fields == PersonalDataAccess.RegistrationRefused)
            {
                Refused(_log, access.UserName, access.UserCity, access.At, access.SubjectKind, access.Subject, access.SubjectCity);
                continue;
            }

            Viewed(_log, access.UserName, access.UserCity, access.At, Cases.Domain.Privacy.PersonalDataMask.Text(access.Purpose), access.Subject, access.Fields, access.WorkerId, access.CaseId);
        }

        return ValueTask.CompletedTask;
    }

    [LoggerMessage(EventId = ViewedEvent, EventName = "PersonalDataViewed", Level = LogLevel.Information,
        Message = "Personal data viewed by {UserName} ({UserCity}) at {At:O} for '{Purpose}': {Subject} [{Fields}] worker {WorkerId} case {CaseId}")]
    private static partial void Viewed(ILogger log, string userName, string? userCity, DateTimeOffset at, string purpose, string subject, string fields, Guid? workerId, Guid? caseId);

    public const int RefusedEvent = 4102;

    [LoggerMessage(EventId = RefusedEvent, EventName = "RegistrationRefused", Level = LogLevel.Warning,
        Message = "Registration refused for {UserName} ({UserCity}) at {At:O}: {Kind} {Subject} is in the province's register (city {RegisteredIn})")]
    private static partial void Refused(ILogger log, string userName, string? userCity, DateTimeOffset at, string kind, string subject, string registeredIn);
}

/// <summary>The purpose a user gives for seeing a worker's full data.</summary>
public static class CasePersonalData
{
    /// <summary>The purpose given for seeing a worker's full data: 2 to 200 characters of text.</summary>
    public static string? Purpose(string? purpose)
    {
        var text = TextInput.Optional(purpose, "purpose", "purpose", 200);
        return text is { Length: < 2 } ? throw new DomainValidationException("purpose", new LocalizedText("请说明查看原因（至少 2 个字）。", "purpose must say why, in at least 2 characters.")) : text;
    }
}
