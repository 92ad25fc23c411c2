using System.Globalization;
using Cases.Domain.Parties;

namespace Cases.Domain.Projects;

/// <summary>
/// Construction project (建设项目) insured as a project by its general contractor under 第九条;
/// its insurance term is the contract period (合同工期), ending early on completion or extended on application.
/// </summary>
public sealed class ConstructionProject
{
    /// <summary>第九条: an extension must be applied for 15 days before the contract period ends.</summary>
    public const int ExtensionNoticeDays = 15;

    /// <summary>Longest project code accepted.</summary>
    public const int ProjectCodeMaxLength = 50;

    /// <summary>Longest name accepted.</summary>
    public const int NameMaxLength = 200;

    private ConstructionProject()
    {
        ProjectCode = string.Empty;
        Name = string.Empty;
        CityCode = string.Empty;
    }

    public Guid Id { get; private set; }

    public string ProjectCode { get; private set; }

    public string Name { get; private set; }

    /// <summary>The general contractor (建设总承包单位) that registers the project and pays its premium.</summary>
    public CreditCode GeneralContractorCreditCode { get; private set; }

    public string CityCode { get; private set; }

    /// <summary>First day of the contract period (开工之日).</summary>
    public DateOnly ContractStartsOn { get; private set; }

    /// <summary>Last day of the contract period (合同竣工之日), moved later by <see cref="ExtendTo"/>.</summary>
    public DateOnly ContractEndsOn { get; private set; }

    /// <summary>Total project cost (工程总造价) in yuan; the premium is a share of it (第二十六条).</summary>
    public decimal TotalCost { get; private set; }

    /// <summary>Set when the works were completed before the contract end (提前竣工).</summary>
    public DateOnly? CompletedOn { get; private set; }

    /// <summary>
    /// Latest day to apply for a term extension (顺延): <see cref="ContractEndsOn"/> − 15 calendar days, not moved off
    /// weekends or holidays (第九条). E.g. a period ending 2025-03-10 must be extended by 2025-02-23.
    /// </summary>
    public DateOnly TermExtensionDeadline => ContractEndsOn.AddDays(-ExtensionNoticeDays);

    /// <summary>Last day of insurance cover: the completion day if completed early, else the contract end (第九条).</summary>
    public DateOnly InsuranceTermEndsOn => CompletedOn ?? ContractEndsOn;

    /// <summary>Registers a project (第九条); each argument is checked and a failure names its field.</summary>
    public static ConstructionProject Register(
        string projectCode,
        string name,
        CreditCode generalContractorCreditCode,
        City city,
        DateOnly contractStartsOn,
        DateOnly contractEndsOn,
        decimal totalCost,
        Guid? id = null)
    {
        if (generalContractorCreditCode.IsEmpty)
        {
            throw new DomainValidationException(
                "generalContractorCreditCode", "The general contractor's unified social credit code is required.");
        }

        if (contractEndsOn < contractStartsOn)
        {
            throw new DomainValidationException(
                "contractEndsOn",
                $"Contract end {Guard.Iso(contractEndsOn)} is before contract start {Guard.Iso(contractStartsOn)}.");
        }

        if (totalCost <= 0)
        {
            throw new DomainValidationException(
                "totalCost",
                string.Create(CultureInfo.InvariantCulture, $"Total cost must be greater than 0; got {totalCost}."));
        }

        return new ConstructionProject
        {
            Id = Guard.NewIdOr(id, "id"),
            ProjectCode = Guard.RequiredText(projectCode, "projectCode", "Project code", ProjectCodeMaxLength),
            Name = Guard.RequiredText(name, "name", "Project name", NameMaxLength),
            GeneralContractorCreditCode = generalContractorCreditCode,
            CityCode = (city ?? throw new DomainValidationException("city", "City code is required.")).Code,
            ContractStartsOn = contractStartsOn,
            ContractEndsOn = contractEndsOn,
            TotalCost = totalCost,
        };
    }

    /// <summary>True when an extension applied for on <paramref name="appliedOn"/> meets the 第九条 deadline.</summary>
    public bool IsExtensionOnTime(DateOnly appliedOn) => appliedOn <= TermExtensionDeadline;

    /// <summary>Extends the contract period, and so the insurance term, to <paramref name="newEndsOn"/> (顺延, 第九条).</summary>
    public void ExtendTo(DateOnly newEndsOn)
    {
        if (CompletedOn is { } completed)
        {
            throw new DomainRuleException(
                $"The project was completed on {Guard.Iso(completed)}; a completed project's term cannot be extended.");
        }

        if (newEndsOn <= ContractEndsOn)
        {
            throw new DomainValidationException(
                "contractEndsOn",
                $"New contract end {Guard.Iso(newEndsOn)} must be after the current end {Guard.Iso(ContractEndsOn)}.");
        }

        ContractEndsOn = newEndsOn;
    }

    /// <summary>Records early completion: the insurance term ends on <paramref name="completedOn"/> (提前竣工, 第九条).</summary>
    public void CompleteEarly(DateOnly completedOn)
    {
        if (CompletedOn is { } completed)
        {
            throw new DomainRuleException($"The project was already completed on {Guard.Iso(completed)}.");
        }

        if (completedOn < ContractStartsOn || completedOn >= ContractEndsOn)
        {
            throw new DomainValidationException(
                "completedOn",
                $"Early completion {Guard.Iso(completedOn)} must fall on or after the contract start {Guard.Iso(ContractStartsOn)} and before the contract end {Guard.Iso(ContractEndsOn)}.");
        }

        CompletedOn = completedOn;
    }
}
