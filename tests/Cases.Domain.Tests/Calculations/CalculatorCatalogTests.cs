using Cases.Domain.Calculations;

namespace Cases.Domain.Tests.Calculations;

public sealed class CalculatorCatalogTests
{
    [Fact]
    public void All_lists_every_calculator_once_with_its_articles()
    {
        string[] expected =
        [
            "late-fee", "contribution-base", "project-premium", "disability", "nursing-care", "dependants-pension", "death",
            "hospital-meal", "third-party-top-up", "overseas-medical", "rate-difference", "termination-lump-sums",
        ];

        Assert.Equal(expected.Order(StringComparer.Ordinal), CalculatorCatalog.All.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.All(CalculatorCatalog.All, c => Assert.NotEmpty(c.Basis));
        Assert.Equal(["第二十八条"], CalculatorCatalog.Find("late-fee")?.Basis);
        Assert.Null(CalculatorCatalog.Find("nope"));
    }
}
