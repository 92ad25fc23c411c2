using Cases.Domain.Benefits;
using Cases.Domain.Parties;

namespace Cases.Domain.Tests.Benefits;

/// <summary>The yearly certification (第六十三条): due a cycle of at most 12 months after the first payment, then after each certification.</summary>
public sealed class CertificationTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));

    private static string Id(string body) => body + IdNumber.ComputeCheckDigit(body);

    [Fact]
    public void The_first_is_due_a_cycle_after_the_first_month_paid_and_each_certification_sets_the_next()
    {
        var c = Certification.Open(Guid.NewGuid(), City.Jinan, Id("37010219800101001"), "周立军", new DateOnly(2026, 4, 1), 12);
        Assert.Equal(new DateOnly(2027, 3, 31), c.DueOn);
        Assert.False(c.MarkOverdue(new DateOnly(2027, 3, 31)));
        Assert.True(c.MarkOverdue(new DateOnly(2027, 4, 1)));
        Assert.False(c.MarkOverdue(new DateOnly(2027, 4, 2)));

        c.Certify(new DateOnly(2027, 4, 15), CertificationMethod.InPerson, "现场认证", "officer.jinan", At);
        Assert.Equal((new DateOnly(2028, 4, 15), (DateOnly?)null), (c.DueOn, c.OverdueSince));
    }

    [Fact]
    public void A_cycle_longer_than_12_months_is_refused_with_the_article()
    {
        var refused = Assert.Throws<DomainValidationException>(() => Certification.Open(Guid.NewGuid(), City.Jinan, Id("37010219800101001"), "周立军", new DateOnly(2026, 4, 1), 13));
        Assert.Equal("cycleMonths", refused.Field);
        Assert.Contains("第六十三条", refused.Text.Zh, StringComparison.Ordinal);
    }
}
