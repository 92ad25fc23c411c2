using Cases.Domain.Parties;

namespace Cases.Domain.Benefits;

/// <summary>How a recipient's right to the benefit was confirmed (第六十四条).</summary>
public enum CertificationMethod
{
    /// <summary>信息比对: a match with 民政、卫生健康、公安、司法 data found the recipient alive and entitled.</summary>
    DataMatch = 1,

    /// <summary>现场认证: in person at the agency.</summary>
    InPerson = 2,

    /// <summary>远程自助认证: remotely, with a photo.</summary>
    RemotePhoto = 3,

    /// <summary>代办: by an agent on the recipient's behalf, with the papers that show it.</summary>
    Agent = 4,
}

/// <summary>One certification, kept for good: the day, how, the note, who recorded it and when.</summary>
public sealed record CertificationEntry(DateOnly On, CertificationMethod Method, string Note, string By, DateTimeOffset At);

/// <summary>
/// A recipient's yearly certification (资格认证, 第六十三条): every person receiving a monthly benefit — a grade 1–4 worker or
/// a dependant — shows each cycle (原则上不超过12个月) that the right to it still holds. The first is due a cycle after the
/// first payment, at which the recipient is told (第六十三条 "在核发待遇（含首次）时，告知"); each certification sets the next
/// due date a cycle later. One per person and city, however many of the person's benefits it covers.
/// </summary>
public sealed class Certification
{
    /// <summary>The longest cycle the regulation allows (第六十三条 "认证周期原则上不超过12个月").</summary>
    public const int MaxCycleMonths = 12;

    public const int NoteMaxLength = 300;

    private readonly List<CertificationEntry> entries = [];

    private Certification()
    {
        CityCode = RecipientIdNumber = RecipientName = string.Empty;
    }

    public Guid Id { get; private set; }

    public string CityCode { get; private set; }

    public string RecipientIdNumber { get; private set; }

    public string RecipientName { get; private set; }

    /// <summary>The cycle in months (the city's parameter, at most 12).</summary>
    public int CycleMonths { get; private set; }

    /// <summary>The last day to certify; the day after it the certification is overdue.</summary>
    public DateOnly DueOn { get; private set; }

    public DateOnly? LastCertifiedOn { get; private set; }

    /// <summary>The day the overdue sweep found it overdue; null while it is not. Set once per due date.</summary>
    public DateOnly? OverdueSince { get; private set; }

    public IReadOnlyList<CertificationEntry> Entries => entries;

    /// <summary>Whether it is overdue on <paramref name="today"/>.</summary>
    public bool IsOverdueOn(DateOnly today) => today > DueOn;

    /// <summary>The certification of a new recipient, first due a cycle after the first month paid (第六十三条).</summary>
    public static Certification Open(Guid id, City city, string? idNumber, string? name, DateOnly firstMonthPaid, int cycleMonths)
    {
        ArgumentNullException.ThrowIfNull(city);
        var cycle = Cycle(cycleMonths);
        return new Certification
        {
            Id = id,
            CityCode = city.Code,
            RecipientIdNumber = IdNumber.Parse(idNumber, "recipientIdNumber").Value,
            RecipientName = Guard.RequiredText(name, "recipientName", new LocalizedText("领取人姓名", "Recipient's name"), Entitlement.NameMaxLength),
            CycleMonths = cycle,
            DueOn = new DateOnly(firstMonthPaid.Year, firstMonthPaid.Month, 1).AddMonths(cycle).AddDays(-1),
        };
    }

    /// <summary>
    /// Records a certification made on <paramref name="on"/>: the next is due a cycle later, and an overdue one is
    /// no longer overdue (the benefit's resumption is the caller's, from the month after, 第一百〇六条).
    /// </summary>
    public void Certify(DateOnly on, CertificationMethod method, string? note, string by, DateTimeOffset at)
    {
        if (!Enum.IsDefined(method))
        {
            throw new DomainValidationException("method", new LocalizedText(
                "认证方式须为 data-match、in-person、remote-photo 或 agent。", "method is data-match, in-person, remote-photo or agent."));
        }

        if (LastCertifiedOn is { } last && on < last)
        {
            throw new DomainValidationException("on", new LocalizedText(
                $"认证日期 {Guard.Iso(on)} 早于上次认证的 {Guard.Iso(last)}。", $"The date {Guard.Iso(on)} is before the last certification's {Guard.Iso(last)}."));
        }

        entries.Add(new CertificationEntry(on, method, Guard.RequiredText(note, "note", new LocalizedText("认证说明", "Note"), NoteMaxLength), by, at));
        (LastCertifiedOn, DueOn, OverdueSince) = (on, on.AddMonths(CycleMonths), null);
    }

    /// <summary>Marks it overdue on <paramref name="today"/>; true only the first time for its due date (the sweep acts once).</summary>
    public bool MarkOverdue(DateOnly today)
    {
        if (!IsOverdueOn(today) || OverdueSince is not null)
        {
            return false;
        }

        OverdueSince = today;
        return true;
    }

    /// <summary>A new cycle (the city's parameter changed): the due date moves only if the new cycle ends it sooner.</summary>
    public void ChangeCycle(int cycleMonths)
    {
        var cycle = Cycle(cycleMonths);
        var from = LastCertifiedOn ?? DueOn.AddDays(1).AddMonths(-CycleMonths);
        CycleMonths = cycle;
        var due = LastCertifiedOn is null ? from.AddMonths(cycle).AddDays(-1) : from.AddMonths(cycle);
        DueOn = due < DueOn ? due : DueOn;
    }

    private static int Cycle(int months) => months is >= 1 and <= MaxCycleMonths ? months
        : throw new DomainValidationException("cycleMonths", new LocalizedText(
            $"认证周期须为 1 至 {MaxCycleMonths} 个月（第六十三条 原则上不超过12个月），现为 {months}。",
            $"The cycle is 1 to {MaxCycleMonths} months (第六十三条); got {months}."));
}
