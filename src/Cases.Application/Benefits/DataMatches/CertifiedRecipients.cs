using Cases.Domain.Benefits;

namespace Cases.Application.Benefits.DataMatches;

/// <summary>
/// What a certification does to a recipient's benefits: one suspended only because the certification was overdue is
/// resumed, and every suspended month is paid (the recipient never lost the right, only failed to show it, 第六十三条).
/// A suspension for imprisonment is not touched: a release is resumed by the officer with 第六十二条's own rules.
/// </summary>
public static class CertifiedRecipients
{
    /// <summary>Certifies the recipient on <paramref name="on"/> (when not already certified as late) and resumes what the overdue certification suspended.</summary>
    /// <returns>Whether a certification was recorded.</returns>
    public static bool Certify(Certification? certification, IEnumerable<Entitlement> entitlements, DateOnly on, string note, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(entitlements);
        if (certification is null || (certification.LastCertifiedOn is { } last && last >= on))
        {
            return false;
        }

        certification.Certify(on, CertificationMethod.DataMatch, note, by, at);
        Certifications.CertifyRecipientHandler.ResumeAfter(entitlements, on, by, at);
        return true;
    }
}
