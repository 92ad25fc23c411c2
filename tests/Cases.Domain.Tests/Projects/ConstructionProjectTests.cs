using Cases.Domain.Parties;
using Cases.Domain.Projects;

namespace Cases.Domain.Tests.Projects;

/// <summary>
/// A construction project as its general contractor registers it (第九条). The term's clocks and the checks of an
/// extension or an early completion are the procedure's (Cases.Web.Tests.Procedures.ProjectTermExtensionTests).
/// </summary>
public sealed class ConstructionProjectTests
{
    private static readonly CreditCode Contractor = CreditCode.Parse("91370200163562681G");

    private static ConstructionProject Project(DateOnly startsOn, DateOnly endsOn, decimal totalCost = 12_000_000m) =>
        ConstructionProject.Register("JN-2024-0001", "济南某住宅项目", Contractor, City.Jinan, startsOn, endsOn, totalCost);

    [Fact]
    public void Register_records_checked_values()
    {
        var project = Project(new DateOnly(2024, 3, 1), new DateOnly(2025, 3, 10));

        Assert.Equal("JN-2024-0001", project.ProjectCode);
        Assert.Equal(Contractor, project.GeneralContractorCreditCode);
        Assert.Equal("370100", project.CityCode);
        Assert.Equal(12_000_000m, project.TotalCost);
        Assert.Equal((new DateOnly(2024, 3, 1), new DateOnly(2025, 3, 10)), (project.ContractStartsOn, project.ContractEndsOn));
        Assert.Null(project.CompletedOn);
    }

    [Fact]
    public void Register_refuses_end_before_start()
    {
        var ex = Assert.Throws<DomainValidationException>(() => Project(new DateOnly(2025, 3, 10), new DateOnly(2025, 3, 9)));

        Assert.Equal("contractEndsOn", ex.Field);
        Assert.Equal("Contract end 2025-03-09 is before contract start 2025-03-10.", ex.Text.En);
    }

    [Fact]
    public void Register_accepts_one_day_period() =>
        Assert.Equal(new DateOnly(2025, 3, 10), Project(new DateOnly(2025, 3, 10), new DateOnly(2025, 3, 10)).ContractEndsOn);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Register_refuses_total_cost_not_above_zero(decimal cost)
    {
        var ex = Assert.Throws<DomainValidationException>(() => Project(new DateOnly(2024, 1, 1), new DateOnly(2025, 1, 1), cost));

        Assert.Equal("totalCost", ex.Field);
        Assert.Equal($"Total cost must be greater than 0; got {cost}.", ex.Text.En);
    }

    [Fact]
    public void Register_refuses_blank_project_code()
    {
        var ex = Assert.Throws<DomainValidationException>(() => ConstructionProject.Register(
            " ", "名称", Contractor, City.Jinan, new DateOnly(2024, 1, 1), new DateOnly(2025, 1, 1), 1m));

        Assert.Equal("projectCode", ex.Field);
        Assert.Equal("Project code is required.", ex.Text.En);
        Assert.Equal("项目编号必须填写。", ex.Message);
    }

    [Fact]
    public void Register_refuses_unset_contractor_credit_code()
    {
        var ex = Assert.Throws<DomainValidationException>(() => ConstructionProject.Register(
            "P1", "名称", default, City.Jinan, new DateOnly(2024, 1, 1), new DateOnly(2025, 1, 1), 1m));

        Assert.Equal("generalContractorCreditCode", ex.Field);
    }
}
