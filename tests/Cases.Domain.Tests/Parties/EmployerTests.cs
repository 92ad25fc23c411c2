using Cases.Domain.Parties;

namespace Cases.Domain.Tests.Parties;

public sealed class EmployerTests
{
    private static readonly CreditCode Code = CreditCode.Parse("91370200163562681G");
    private static readonly IndustryRiskClass ClassThree = IndustryRiskClass.From(3);

    [Fact]
    public void Register_records_checked_values()
    {
        var employer = Employer.Register(Code, "  青岛某某建设有限公司 ", ClassThree, City.Parse("370200"), new DateOnly(2024, 5, 6));

        Assert.NotEqual(Guid.Empty, employer.Id);
        Assert.Equal(Code, employer.CreditCode);
        Assert.Equal("青岛某某建设有限公司", employer.Name);
        Assert.Equal(3, employer.RiskClass.Value);
        Assert.Equal("370200", employer.CityCode);
        Assert.Equal(new DateOnly(2024, 5, 6), employer.RegisteredOn);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Register_refuses_blank_name(string name)
    {
        var ex = Assert.Throws<DomainValidationException>(() => Employer.Register(Code, name, ClassThree, City.Jinan));

        Assert.Equal("name", ex.Field);
        Assert.Equal("Employer name is required.", ex.Text.En);
        Assert.Equal("单位名称必须填写。", ex.Message);
    }

    [Fact]
    public void Register_refuses_name_longer_than_200()
    {
        var ex = Assert.Throws<DomainValidationException>(
            () => Employer.Register(Code, new string('公', 201), ClassThree, City.Jinan));

        Assert.Equal("name", ex.Field);
        Assert.Equal("Employer name must be at most 200 characters; got 201.", ex.Text.En);
        Assert.Equal("单位名称最多 200 个字，现为 201 个字。", ex.Message);
    }

    [Fact]
    public void Register_accepts_name_of_exactly_200() =>
        Assert.Equal(200, Employer.Register(Code, new string('公', 200), ClassThree, City.Jinan).Name.Length);

    [Fact]
    public void Register_refuses_unset_credit_code()
    {
        var ex = Assert.Throws<DomainValidationException>(() => Employer.Register(default, "A", ClassThree, City.Jinan));

        Assert.Equal("creditCode", ex.Field);
    }

    [Fact]
    public void Register_refuses_unset_risk_class()
    {
        var ex = Assert.Throws<DomainValidationException>(() => Employer.Register(Code, "A", default, City.Jinan));

        Assert.Equal("riskClass", ex.Field);
    }

    [Fact]
    public void Register_refuses_missing_city()
    {
        var ex = Assert.Throws<DomainValidationException>(() => Employer.Register(Code, "A", ClassThree, null!));

        Assert.Equal("city", ex.Field);
    }

    [Fact]
    public void Register_refuses_empty_id()
    {
        var ex = Assert.Throws<DomainValidationException>(
            () => Employer.Register(Code, "A", ClassThree, City.Jinan, id: Guid.Empty));

        Assert.Equal("id", ex.Field);
    }
}
