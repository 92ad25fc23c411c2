using Cases.Domain.Benefits;
using Cases.Domain.Parties;

namespace Cases.Domain.Tests.Benefits;

/// <summary>
/// certify: a recipient's yearly certification (第六十三条): first due a cycle (at most 12 months) after the first month
/// paid, a cycle after each certification; the sweep marks it overdue once per due date; a certification after it was
/// overdue clears the mark and sets the next due date.
/// </summary>
public sealed class CertificationTests
{
    private static readonly DateTimeOffset At = new(2027, 5, 10, 9, 0, 0, TimeSpan.FromHours(8));

    private static string Id(string body) => body + IdNumber.ComputeCheckDigit(body);

    private static Certification Opened(int cycle = 12, string firstMonthPaid = "2026-04-01") =>
        Certification.Open(Guid.NewGuid(), City.Jinan, Id("37010219800101001"), "张三", DateOnly.Parse(firstMonthPaid, System.Globalization.CultureInfo.InvariantCulture), cycle);

    [Fact]
    public void The_first_certification_is_due_the_last_day_before_a_cycle_after_the_first_month_paid()
    {
        var certification = Opened();
        Assert.Equal(new DateOnly(2027, 3, 31), certification.DueOn);
        Assert.Equal((12, null, null), (certification.CycleMonths, certification.LastCertifiedOn, certification.OverdueSince));
        Assert.Equal(new DateOnly(2026, 9, 30), Opened(6).DueOn);
        Assert.False(certification.IsOverdueOn(new DateOnly(2027, 3, 31)));
        Assert.True(certification.IsOverdueOn(new DateOnly(2027, 4, 1)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    [InlineData(-1)]
    public void A_cycle_longer_than_12_months_or_shorter_than_one_is_refused_with_the_article(int cycle)
    {
        var refused = Assert.Throws<DomainValidationException>(() => Opened(cycle));
        Assert.Equal("cycleMonths", refused.Field);
        Assert.Contains("第六十三条", refused.Text.Zh, StringComparison.Ordinal);
        Assert.Throws<DomainValidationException>(() => Opened().ChangeCycle(cycle));
    }

    [Fact]
    public void Overdue_is_marked_once_per_due_date_and_never_before_the_due_date_has_passed()
    {
        var certification = Opened();
        Assert.False(certification.MarkOverdue(new DateOnly(2027, 3, 31)));
        Assert.Null(certification.OverdueSince);
        Assert.True(certification.MarkOverdue(new DateOnly(2027, 4, 2)));
        Assert.False(certification.MarkOverdue(new DateOnly(2027, 4, 3)));
        Assert.Equal(new DateOnly(2027, 4, 2), certification.OverdueSince);
    }

    [Fact]
    public void A_certification_after_it_was_overdue_clears_the_mark_and_is_due_a_cycle_later_and_the_next_due_date_is_marked_again()
    {
        var certification = Opened();
        Assert.True(certification.MarkOverdue(new DateOnly(2027, 4, 2)));
        certification.Certify(new DateOnly(2027, 5, 10), CertificationMethod.InPerson, "本人到经办机构现场认证", "officer.jinan", At);

        Assert.Equal((new DateOnly(2027, 5, 10), new DateOnly(2028, 5, 10), (DateOnly?)null),
            (certification.LastCertifiedOn!.Value, certification.DueOn, certification.OverdueSince));
        var entry = Assert.Single(certification.Entries);
        Assert.Equal((CertificationMethod.InPerson, "本人到经办机构现场认证", "officer.jinan"), (entry.Method, entry.Note, entry.By));
        Assert.False(certification.MarkOverdue(new DateOnly(2028, 5, 10)));
        Assert.True(certification.MarkOverdue(new DateOnly(2028, 5, 11)));
    }

    [Fact]
    public void A_certification_before_the_last_one_or_without_a_note_or_by_an_unknown_method_is_refused_naming_the_field()
    {
        var certification = Opened();
        certification.Certify(new DateOnly(2027, 3, 1), CertificationMethod.RemotePhoto, "远程自助认证", "officer.jinan", At);
        Assert.Equal("on", Assert.Throws<DomainValidationException>(() =>
            certification.Certify(new DateOnly(2027, 2, 28), CertificationMethod.InPerson, "补录", "officer.jinan", At)).Field);
        Assert.Equal("note", Assert.Throws<DomainValidationException>(() =>
            certification.Certify(new DateOnly(2027, 3, 2), CertificationMethod.InPerson, " ", "officer.jinan", At)).Field);
        Assert.Equal("method", Assert.Throws<DomainValidationException>(() =>
            certification.Certify(new DateOnly(2027, 3, 2), (CertificationMethod)9, "现场", "officer.jinan", At)).Field);
        Assert.Single(certification.Entries);
    }

    [Fact]
    public void A_shorter_cycle_brings_the_due_date_forward_and_a_longer_one_never_pushes_it_back()
    {
        var certification = Opened();
        certification.ChangeCycle(6);
        Assert.Equal((6, new DateOnly(2026, 9, 30)), (certification.CycleMonths, certification.DueOn));
        certification.ChangeCycle(12);
        Assert.Equal(new DateOnly(2026, 9, 30), certification.DueOn);
    }
}
