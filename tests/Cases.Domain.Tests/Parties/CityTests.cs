using Cases.Domain.Parties;

namespace Cases.Domain.Tests.Parties;

public sealed class CityTests
{
    [Theory]
    [InlineData("370100", "济南市")]
    [InlineData("370200", "青岛市")]
    [InlineData("370300", "淄博市")]
    [InlineData("370400", "枣庄市")]
    [InlineData("370500", "东营市")]
    [InlineData("370600", "烟台市")]
    [InlineData("370700", "潍坊市")]
    [InlineData("370800", "济宁市")]
    [InlineData("370900", "泰安市")]
    [InlineData("371000", "威海市")]
    [InlineData("371100", "日照市")]
    [InlineData("371300", "临沂市")]
    [InlineData("371400", "德州市")]
    [InlineData("371500", "聊城市")]
    [InlineData("371600", "滨州市")]
    [InlineData("371700", "菏泽市")]
    public void Parse_accepts_each_of_the_16_cities(string code, string nameZh)
    {
        var city = City.Parse(code);

        Assert.Equal(code, city.Code);
        Assert.Equal(nameZh, city.NameZh);
        Assert.False(string.IsNullOrWhiteSpace(city.NameEn));
        Assert.Same(city, City.Parse($" {code} "));
    }

    [Fact]
    public void All_lists_16_distinct_cities_without_Laiwu()
    {
        Assert.Equal(16, City.All.Count);
        Assert.Equal(16, City.All.Select(c => c.Code).Distinct().Count());
        Assert.DoesNotContain(City.All, c => c.Code == "371200");
    }

    [Fact]
    public void Parse_refuses_former_Laiwu_code_and_points_to_Jinan()
    {
        var ex = Assert.Throws<DomainValidationException>(() => City.Parse("371200"));

        Assert.Equal("city", ex.Field);
        Assert.Equal("City code 371200 (莱芜) is no longer a city: it merged into 济南 370100 in 2019; use 370100.", ex.Text.En);
        Assert.Equal("城市代码 371200（莱芜）已停用：莱芜已于 2019 年并入济南，请使用 370100。", ex.Message);
    }

    [Theory]
    [InlineData("370000")]
    [InlineData("110100")]
    [InlineData("371800")]
    [InlineData("370102")]
    public void Parse_refuses_code_that_is_not_a_Shandong_city(string code)
    {
        Assert.False(City.TryParse(code, out var city, out var error));

        Assert.Null(city);
        Assert.Equal($"城市代码 {code} 不是山东省 16 个设区市之一（370100 济南 … 371700 菏泽）。", error.Zh);
        Assert.Equal($"City code {code} is not one of Shandong's 16 cities (370100 济南 … 371700 菏泽).", error.En);
    }

    [Theory]
    [InlineData("3701")]
    [InlineData("37010A")]
    [InlineData("3701000")]
    public void Parse_refuses_malformed_code(string code)
    {
        var ex = Assert.Throws<DomainValidationException>(() => City.Parse(code, "cityCode"));

        Assert.Equal("cityCode", ex.Field);
        Assert.Equal($"City code must be 6 digits; got '{code}'.", ex.Text.En);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Parse_refuses_missing_code(string? code)
    {
        var ex = Assert.Throws<DomainValidationException>(() => City.Parse(code));

        Assert.Equal("City code is required.", ex.Text.En);
    }
}
