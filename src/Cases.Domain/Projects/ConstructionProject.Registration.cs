using System.Globalization;
using Cases.Domain.Parties;

namespace Cases.Domain.Projects;

/// <summary>How the general contractor got the works (第九条: 《中标通知书》或《承接工程通知书》).</summary>
public static class AwardNotices
{
    /// <summary>《中标通知书》: the works were won by tender.</summary>
    public const string WinningBid = "winning-bid";

    /// <summary>《承接工程通知书》: the works were assigned without a tender.</summary>
    public const string Assignment = "assignment";

    public static IReadOnlyList<string> All { get; } = [WinningBid, Assignment];
}

/// <summary>
/// What the general contractor registers under 第九条 beyond the contract period and cost: the papers, the insured term
/// and the premium of 第二十六、二十七条.
/// </summary>
/// <param name="ContractNumber">The number of the 《建筑工程施工合同》.</param>
/// <param name="AwardNotice">Which notice the contractor holds (<see cref="AwardNotices"/>).</param>
/// <param name="WorkStarted">Whether work had started when the project was registered (then the 开工通知书 is provided).</param>
/// <param name="Subcontracted">Whether the works were transferred or subcontracted (转包、分包或劳务分包; then those contracts are provided).</param>
/// <param name="RegisteredOn">The day of registration (参保之日).</param>
/// <param name="Premium">The premium computed by the project-premium calculator (第二十六条).</param>
/// <param name="PremiumPaidOn">The day the contractor paid it in one sum (第二十七条).</param>
public sealed record ProjectRegistration(
    string? ContractNumber,
    string? AwardNotice,
    bool WorkStarted,
    bool Subcontracted,
    DateOnly RegisteredOn,
    decimal Premium,
    DateOnly PremiumPaidOn);

/// <summary>The 第九条 registration of a project: its papers, its insured term and its premium.</summary>
public sealed partial class ConstructionProject
{
    /// <summary>Longest contract number accepted.</summary>
    public const int ContractNumberMaxLength = 100;

    /// <summary>The number of the 《建筑工程施工合同》 (第九条); null for a project registered before it was recorded.</summary>
    public string? ContractNumber { get; private set; }

    /// <summary>《中标通知书》 or 《承接工程通知书》 (<see cref="AwardNotices"/>); null for a project registered before it was recorded.</summary>
    public string? AwardNotice { get; private set; }

    /// <summary>Work had started when the project was registered (在建工程): the 开工通知书 was provided and the term runs from registration.</summary>
    public bool WorkStarted { get; private set; }

    /// <summary>The works were transferred or subcontracted (转包、分包或劳务分包): those contracts were provided.</summary>
    public bool Subcontracted { get; private set; }

    /// <summary>The day of registration (参保之日); null for a project registered before it was recorded.</summary>
    public DateOnly? RegisteredOn { get; private set; }

    /// <summary>
    /// First day of the insured term (第九条 第二款): the start of works (开工之日), or for a project already under
    /// construction when registered, the day of registration (参保之日). The term ends on <see cref="TermEndsOn"/>.
    /// </summary>
    public DateOnly InsuredFrom => WorkStarted && RegisteredOn is { } on && on > ContractStartsOn ? on : ContractStartsOn;

    /// <summary>Last day of the insured term: the contract end (合同竣工之日), or the completion day when completed early (第九条 第二款).</summary>
    public DateOnly TermEndsOn => CompletedOn is { } done && done < ContractEndsOn ? done : ContractEndsOn;

    /// <summary>The premium (第二十六条: a share of the total cost), 元; null when not recorded.</summary>
    public decimal? Premium { get; private set; }

    /// <summary>The day the premium was paid in one sum (第二十七条); null when not recorded.</summary>
    public DateOnly? PremiumPaidOn { get; private set; }

    /// <summary>
    /// 第二十七条: the premium is paid "在项目开工前"; a payment after the start of works is accepted (the project must be
    /// insured) and flagged. A day is all the register knows, so a payment on the start day itself counts as before work.
    /// </summary>
    public bool PremiumPaidAfterStart => PremiumPaidOn is { } paid && paid > ContractStartsOn;

    /// <summary>Registers a project with its 第九条 papers and 第二十六、二十七条 premium; each argument names its field on failure.</summary>
    public static ConstructionProject Register(
        string projectCode,
        string name,
        CreditCode generalContractorCreditCode,
        City city,
        DateOnly contractStartsOn,
        DateOnly contractEndsOn,
        decimal totalCost,
        ProjectRegistration registration,
        Guid? id = null)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var project = Register(projectCode, name, generalContractorCreditCode, city, contractStartsOn, contractEndsOn, totalCost, id);
        project.ContractNumber = Guard.RequiredText(registration.ContractNumber, "contractNumber", new LocalizedText("施工合同编号", "Contract number"), ContractNumberMaxLength);
        if (registration.AwardNotice is not { } notice || !AwardNotices.All.Contains(notice))
        {
            throw new DomainValidationException("awardNotice", new LocalizedText(
                "请注明《中标通知书》或《承接工程通知书》（第九条）。", "Say which notice the contractor holds: winning-bid or assignment (第九条)."));
        }

        if (registration.RegisteredOn > contractEndsOn)
        {
            throw new DomainValidationException("registeredOn", new LocalizedText(
                $"参保日期 {Guard.Iso(registration.RegisteredOn)} 晚于合同竣工日期 {Guard.Iso(contractEndsOn)}，工期已满的项目不能参保（第九条）。",
                $"Registered on {Guard.Iso(registration.RegisteredOn)}, after the contract end {Guard.Iso(contractEndsOn)}: a finished project cannot be insured (第九条)."));
        }

        if (registration.Premium <= 0)
        {
            throw new DomainValidationException("premium", new LocalizedText(
                string.Create(CultureInfo.InvariantCulture, $"工伤保险费须大于 0，现为 {registration.Premium}（第二十六条）。"),
                string.Create(CultureInfo.InvariantCulture, $"The premium must be greater than 0; got {registration.Premium} (第二十六条).")));
        }

        if (registration.PremiumPaidOn > registration.RegisteredOn)
        {
            throw new DomainValidationException("premiumPaidOn", new LocalizedText(
                $"缴费日期 {Guard.Iso(registration.PremiumPaidOn)} 晚于参保日期 {Guard.Iso(registration.RegisteredOn)}：保险费缴纳后方可登记（第二十七条）。",
                $"Paid on {Guard.Iso(registration.PremiumPaidOn)}, after the registration {Guard.Iso(registration.RegisteredOn)}: the premium is paid before the project is registered (第二十七条)."));
        }

        project.AwardNotice = notice;
        project.WorkStarted = registration.WorkStarted;
        project.Subcontracted = registration.Subcontracted;
        project.RegisteredOn = registration.RegisteredOn;
        project.Premium = decimal.Round(registration.Premium, 2, MidpointRounding.AwayFromZero);
        project.PremiumPaidOn = registration.PremiumPaidOn;
        return project;
    }
}
