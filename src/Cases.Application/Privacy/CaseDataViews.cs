using Cases.Application.Parties;
using Cases.Domain.Privacy;

namespace Cases.Application.Privacy;

/// <summary>
/// The views of the numbers met in a case (its data, journal, comments, notices, file names) by a role that sees them
/// whole: one record per person, with the case as the purpose (规程 第一百四十条).
/// </summary>
public static class CaseDataViews
{
    private const string CasePurpose = "case ";

    /// <summary>The case a recorded view was for, when its purpose names one ("case {id}", as <see cref="Of"/> records it).</summary>
    public static Guid? CaseOf(string purpose) =>
        purpose is { Length: 41 } && purpose.StartsWith(CasePurpose, StringComparison.Ordinal) && !purpose.Any(char.IsUpper)
            && Guid.TryParseExact(purpose[CasePurpose.Length..], "D", out var id) ? id : null;

    /// <summary>One view per number met, whatever it was met in; <paramref name="where"/> says what held it, when not the case data.</summary>
    public static List<PersonalDataAccess> Of(IEnumerable<PersonalDataFound> found, Guid caseId, string city, Actor by, DateTimeOffset now, string? where = null) =>
        found.GroupBy(f => (f.Kind, f.Value))
            .Select(g => new PersonalDataAccess(now, by.UserName, by.CityCode, CasePurpose + caseId.ToString("D"), PersonalDataMask.Of(g.Key.Kind, g.Key.Value),
                where is null ? g.Key.Kind : $"{g.Key.Kind} ({where})", null, caseId)
            {
                SubjectKind = g.Key.Kind switch
                {
                    PersonalDataMask.IdNumberKind => PersonalDataAccess.Worker,
                    PersonalDataMask.BankCardKind => PersonalDataAccess.BankCard,
                    _ => PersonalDataAccess.Phone,
                },
                SubjectKey = g.Key.Value,
                SubjectCity = city,
            })
            .ToList();

    /// <summary>Records the views of what <paramref name="found"/> holds, when the actor saw them whole; nothing when masked or none.</summary>
    public static async ValueTask RecordAsync(
        IPersonalDataAccessLog log, IReadOnlyCollection<PersonalDataFound> found, Guid caseId, string city, Actor by, DateTimeOffset now, string? where, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(by);
        if (by.NeedsFullIdNumbers && found.Count > 0)
        {
            await log.RecordAsync(Of(found, caseId, city, by, now, where), ct);
        }
    }
}
