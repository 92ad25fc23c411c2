using System.Globalization;
using Cases.Domain.Benefits;
using Cases.Domain.Parties;

namespace Cases.Application.Benefits.Certifications;

/// <summary>The certification methods as the API and the forms name them (第六十四条's ways to confirm the right).</summary>
public static class CertificationMethods
{
    public static readonly IReadOnlyDictionary<string, CertificationMethod> ByName = new Dictionary<string, CertificationMethod>(StringComparer.Ordinal)
    {
        ["in-person"] = CertificationMethod.InPerson,
        ["remote-photo"] = CertificationMethod.RemotePhoto,
        ["agent"] = CertificationMethod.Agent,
        ["data-match"] = CertificationMethod.DataMatch,
    };

    public static string NameOf(CertificationMethod method) => ByName.First(p => p.Value == method).Key;
}

/// <summary>One certification made, as shown: the day, how, the note, who recorded it and when.</summary>
public sealed record CertificationEntryView(DateOnly On, string Method, string Note, string By, DateTimeOffset At);

/// <summary>
/// A recipient's certification as the API and the page show it: the recipient by name (the identity number masked as in
/// every list), the cycle, the due date, the last certification, since when it is overdue, and every certification made.
/// </summary>
public sealed record CertificationView(
    Guid Id, string City, string RecipientName, string RecipientIdNumber, int CycleMonths, DateOnly DueOn, DateOnly? LastCertifiedOn,
    DateOnly? OverdueSince, string Status, IReadOnlyList<CertificationEntryView> Entries)
{
    internal static CertificationView From(Certification c, DateOnly today) => new(
        c.Id, c.CityCode, c.RecipientName, Masked(c.RecipientIdNumber), c.CycleMonths, c.DueOn, c.LastCertifiedOn, c.OverdueSince,
        c.IsOverdueOn(today) ? "overdue" : c.DueOn.Year == today.Year && c.DueOn.Month == today.Month ? "due-this-month" : "current",
        [.. c.Entries.Select(e => new CertificationEntryView(e.On, CertificationMethods.NameOf(e.Method), e.Note, e.By, e.At))]);

    internal static string Masked(string idNumber) => IdNumber.TryParse(idNumber, out var id, out _) ? id.Masked : string.Empty;
}

/// <summary>One page of certifications and the cursor of the next (null on the last).</summary>
public sealed record CertificationPage(IReadOnlyList<CertificationView> Items, string? Next);

/// <summary>A certification recorded, and the benefits it resumed.</summary>
public sealed record CertifiedRecipient(CertificationView Certification, IReadOnlyList<Guid> Resumed);

internal static class CertificationDates
{
    /// <summary>The first day of the month after <paramref name="day"/>: 第一百〇六条 ¶2 "自符合条件的次月起".</summary>
    public static DateOnly MonthAfter(DateOnly day) => new DateOnly(day.Year, day.Month, 1).AddMonths(1);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
