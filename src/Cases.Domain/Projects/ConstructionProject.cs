using System.Globalization;
using Cases.Domain.Parties;

namespace Cases.Domain.Projects;

/// <summary>
/// Construction project (建设项目) insured as a project by its general contractor under 第九条: what the contractor
/// registers (the contract, its period and cost). Its insurance term is the contract period (合同工期), ending early on
/// completion or extended on application; the deadline to apply (15 days before the end), the checks of an application
/// and the end of the term are the procedure's, workflows/project-term-extension.json.
/// </summary>
public sealed class ConstructionProject
{
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

    /// <summary>Last day of the contract period (合同竣工之日) as registered.</summary>
    public DateOnly ContractEndsOn { get; private set; }

    /// <summary>Total project cost (工程总造价) in yuan; the premium is a share of it (第二十六条).</summary>
    public decimal TotalCost { get; private set; }

    /// <summary>The day the works were completed before the contract end (提前竣工), when that is recorded.</summary>
    public DateOnly? CompletedOn { get; private set; }

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
                "generalContractorCreditCode", new LocalizedText("总承包单位的统一社会信用代码必须填写。", "The general contractor's unified social credit code is required."));
        }

        if (contractEndsOn < contractStartsOn)
        {
            throw new DomainValidationException(
                "contractEndsOn",
                new LocalizedText(
                    $"合同竣工日期 {Guard.Iso(contractEndsOn)} 早于开工日期 {Guard.Iso(contractStartsOn)}。",
                    $"Contract end {Guard.Iso(contractEndsOn)} is before contract start {Guard.Iso(contractStartsOn)}."));
        }

        if (totalCost <= 0)
        {
            throw new DomainValidationException(
                "totalCost",
                new LocalizedText(
                    string.Create(CultureInfo.InvariantCulture, $"工程总造价须大于 0，现为 {totalCost}。"),
                    string.Create(CultureInfo.InvariantCulture, $"Total cost must be greater than 0; got {totalCost}.")));
        }

        return new ConstructionProject
        {
            Id = Guard.NewIdOr(id, "id"),
            ProjectCode = Guard.RequiredText(projectCode, "projectCode", new LocalizedText("项目编号", "Project code"), ProjectCodeMaxLength),
            Name = Guard.RequiredText(name, "name", new LocalizedText("项目名称", "Project name"), NameMaxLength),
            GeneralContractorCreditCode = generalContractorCreditCode,
            CityCode = (city ?? throw new DomainValidationException("city", Guard.CityRequired)).Code,
            ContractStartsOn = contractStartsOn,
            ContractEndsOn = contractEndsOn,
            TotalCost = totalCost,
        };
    }

    /// <summary>
    /// The term is extended (第九条 "建设项目合同工期延长的…办理建设项目工伤保险期限顺延手续"): the insurance now runs to
    /// <paramref name="newEndsOn"/>, later than the current end; a project completed early is not extended.
    /// </summary>
    public void ExtendTo(DateOnly newEndsOn)
    {
        if (CompletedOn is { } completed)
        {
            throw new DomainRuleException(new LocalizedText($"项目已于 {Guard.Iso(completed)} 竣工，工伤保险期限不再顺延。", $"The project was completed on {Guard.Iso(completed)}; its term is not extended."));
        }

        if (newEndsOn <= ContractEndsOn)
        {
            throw new DomainValidationException("contractEndsOn", new LocalizedText(
                $"顺延后的竣工日期 {Guard.Iso(newEndsOn)} 须晚于原合同竣工日期 {Guard.Iso(ContractEndsOn)}。",
                $"The extended end {Guard.Iso(newEndsOn)} must be after the contract end {Guard.Iso(ContractEndsOn)}."));
        }

        ContractEndsOn = newEndsOn;
    }

    /// <summary>The works were completed early (第九条 "提前竣工的…在工程竣工之日终止"): the term ends on <paramref name="day"/>.</summary>
    public void CompleteOn(DateOnly day)
    {
        if (day < ContractStartsOn || day > ContractEndsOn)
        {
            throw new DomainValidationException("completedOn", new LocalizedText(
                $"竣工日期 {Guard.Iso(day)} 须在合同工期 {Guard.Iso(ContractStartsOn)} 至 {Guard.Iso(ContractEndsOn)} 之内。",
                $"The completion day {Guard.Iso(day)} must fall in the contract period {Guard.Iso(ContractStartsOn)} to {Guard.Iso(ContractEndsOn)}."));
        }

        CompletedOn = day;
    }
}
