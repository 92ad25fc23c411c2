using Cases.Domain.Benefits;
using Cases.Domain.Calendar;

namespace Cases.Application.Benefits.Certifications;

/// <summary>
/// An officer records a recipient's certification (资格认证, 第六十三、六十四条): made in person, remotely with a photo or by
/// an agent on a day not after today, with a note. The next one falls due a cycle later, and every benefit of the person
/// in the city that was suspended because the certification was overdue is paid again from the month after the day
/// certified (第一百〇六条 ¶2 "自符合条件的次月起"), the suspended months paid back: the recipient never lost the right,
/// only failed to show it in time. The certification is named by its id, or by the city and the recipient's identity number.
/// </summary>
public sealed record CertifyRecipient(Guid? CertificationId, string? City, string? RecipientIdNumber, string? Method, DateOnly? On, string? Note, Actor By)
    : ICommand<CertifiedRecipient>;

public sealed class CertifyRecipientHandler(CasesDb db, TimeProvider clock) : ICommandHandler<CertifyRecipient, CertifiedRecipient>
{
    public async ValueTask<CertifiedRecipient> Handle(CertifyRecipient command, CancellationToken cancellationToken)
    {
        if (!command.By.May(Permission.KeepEntitlements))
        {
            throw new ForbiddenException(new LocalizedText("只有经办人员可以登记领取资格认证。", "Only officers record certifications."));
        }

        var certification = await CertificationQueries.FindAsync(db, command.CertificationId, command.City, command.RecipientIdNumber, command.By, track: true, cancellationToken);
        var method = ParseMethod(command.Method);
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var on = command.On ?? throw new DomainValidationException("on", new LocalizedText("请填写认证日期。", "on is required."));
        if (on > today)
        {
            throw new DomainValidationException("on", new LocalizedText(
                $"认证日期 {CertificationDates.Iso(on)} 晚于今天（{CertificationDates.Iso(today)}）。", $"on {CertificationDates.Iso(on)} is after today ({CertificationDates.Iso(today)})."));
        }

        var resumed = await RecordAsync(db, certification, on, method, command.Note, command.By.UserName, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new CertifiedRecipient(CertificationView.From(certification, today), resumed);
    }

    /// <summary>
    /// Certifies and resumes, in the caller's unit of work: the one path for the officer's certification and the data-match
    /// import's (第六十四条 信息比对). Returns the entitlements resumed.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> RecordAsync(
        CasesDb db, Certification certification, DateOnly on, CertificationMethod method, string? note, string by, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(certification);
        certification.Certify(on, method, note, by, at);
        var suspended = await db.Entitlements
            .Where(e => e.CityCode == certification.CityCode && e.RecipientIdNumber == certification.RecipientIdNumber
                && e.Status == EntitlementStatus.Suspended && e.Suspension == SuspensionCause.CertificationOverdue)
            .ToListAsync(ct);
        return ResumeAfter(suspended, on, by, at);
    }

    /// <summary>
    /// Resumes those of <paramref name="entitlements"/> that a missed certification suspended, from the month after the
    /// certification of <paramref name="on"/>, the suspended months paid back. Returns the entitlements resumed.
    /// </summary>
    public static IReadOnlyList<Guid> ResumeAfter(IEnumerable<Entitlement> entitlements, DateOnly on, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(entitlements);
        var suspended = entitlements.Where(e => e.Status == EntitlementStatus.Suspended && e.Suspension == SuspensionCause.CertificationOverdue).ToList();
        var from = CertificationDates.MonthAfter(on);
        foreach (var entitlement in suspended)
        {
            // A certification dated back before the suspension's month resumes from that month: nothing was withheld.
            var since = entitlement.History.Last(c => c.Kind == EntitlementChangeKind.Suspended).FromMonth;
            var month = from < since ? since : from;
            entitlement.Resume(month, null,
                $"{CertificationDates.Iso(on)} 完成领取资格认证，自次月起恢复发放并补发暂停期间的待遇（第六十三条；第一百〇六条 自符合条件的次月起）", null, by, at);
        }

        return [.. suspended.Select(e => e.Id)];
    }

    /// <summary>The method as named; data-match is the data-match import's, not an officer's.</summary>
    public static CertificationMethod ParseMethod(string? text) =>
        text is not null && CertificationMethods.ByName.TryGetValue(text.Trim(), out var method) && method != CertificationMethod.DataMatch
            ? method
            : throw new DomainValidationException("method", new LocalizedText(
                "认证方式须为 in-person（现场认证）、remote-photo（远程自助认证）或 agent（代办）。", "method is in-person, remote-photo or agent."));
}
