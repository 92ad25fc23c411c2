using Cases.Domain.Parties;

namespace Cases.Domain.Tests.Parties;

public sealed class CreditCodeTests
{
    [Fact]
    public void Parse_accepts_published_example()
    {
        var code = CreditCode.Parse("91350100M000100Y43");

        Assert.Equal("91350100M000100Y43", code.Value);
        Assert.Equal("91350100M000100Y43", code.ToString());
    }

    [Theory]
    [InlineData("91370100MA3C12345")]
    [InlineData("91370200163562681")]
    [InlineData("12370000004187536")]
    [InlineData("52370100MJD000001")]
    [InlineData("91370100MA0000001")]
    public void Parse_accepts_body_with_computed_check_character(string body)
    {
        var full = body + CreditCode.ComputeCheckCharacter(body);

        Assert.True(CreditCode.TryParse(full, out var code, out var error), error?.En);
        Assert.Equal(full, code.Value);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("91370100MA3C12345", '9')]
    [InlineData("91370200163562681", 'G')]
    [InlineData("12370000004187536", 'P')]
    public void ComputeCheckCharacter_matches_independent_calculation(string body, char expected) =>
        Assert.Equal(expected, CreditCode.ComputeCheckCharacter(body));

    [Fact]
    public void ComputeCheckCharacter_writes_31_as_zero() =>
        Assert.Equal('0', CreditCode.ComputeCheckCharacter("91370100MA0000001"));

    [Theory]
    [InlineData("91370100MA000000")]
    [InlineData("91370100MA00000011")]
    [InlineData("91370100MA000000I")]
    public void ComputeCheckCharacter_refuses_bad_body(string body) =>
        Assert.Throws<ArgumentException>(() => CreditCode.ComputeCheckCharacter(body));

    [Fact]
    public void Parse_trims_and_upper_cases()
    {
        var code = CreditCode.Parse("  91350100m000100y43 \t");

        Assert.Equal("91350100M000100Y43", code.Value);
        Assert.Equal(CreditCode.Parse("91350100M000100Y43"), code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_refuses_missing_value(string? input)
    {
        var ex = Assert.Throws<DomainValidationException>(() => CreditCode.Parse(input));

        Assert.Equal("creditCode", ex.Field);
        Assert.Equal("Unified social credit code is required.", ex.Text.En);
        Assert.Equal("统一社会信用代码必须填写。", ex.Message);
    }

    [Theory]
    [InlineData("91350100M000100Y4", 17)]
    [InlineData("91350100M000100Y433", 19)]
    [InlineData("9135", 4)]
    public void Parse_refuses_wrong_length(string input, int length)
    {
        var ex = Assert.Throws<DomainValidationException>(() => CreditCode.Parse(input));

        Assert.Equal($"Unified social credit code must be 18 characters; got {length}.", ex.Text.En);
    }

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('Z')]
    [InlineData('S')]
    [InlineData('V')]
    [InlineData('-')]
    public void Parse_refuses_character_outside_charset(char bad)
    {
        var input = "91350100" + bad + "000100Y43";

        Assert.False(CreditCode.TryParse(input, out _, out var error));
        Assert.Equal(
            $"Unified social credit code has '{bad}' at position 9; only digits and the letters A–Y except I, O, S, V and Z are allowed.",
            error.En);
        Assert.Equal($"统一社会信用代码第 9 位“{bad}”不正确：只能是数字或除 I、O、S、V、Z 以外的大写字母 A–Y。", error.Zh);
    }

    [Fact]
    public void Parse_refuses_unknown_registration_authority()
    {
        var body = "B1370100MA3C12345";
        var input = body + CreditCode.ComputeCheckCharacter(body);

        var ex = Assert.Throws<DomainValidationException>(() => CreditCode.Parse(input));

        Assert.Contains("starts with 'B'", ex.Text.En, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_refuses_letters_in_administrative_division()
    {
        var body = "9137A100MA3C12345";
        var input = body + CreditCode.ComputeCheckCharacter(body);

        var ex = Assert.Throws<DomainValidationException>(() => CreditCode.Parse(input));

        Assert.Equal(
            "Unified social credit code characters 3–8 must be the 6-digit administrative division code; got '37A100'.",
            ex.Text.En);
        Assert.Equal("统一社会信用代码第 3–8 位应为 6 位行政区划代码，现为“37A100”。", ex.Message);
    }

    [Fact]
    public void Parse_refuses_wrong_check_character()
    {
        var ex = Assert.Throws<DomainValidationException>(() => CreditCode.Parse("91350100M000100Y44"));

        Assert.Equal("creditCode", ex.Field);
        Assert.Equal("Unified social credit code check character is '3' but '4' was given.", ex.Text.En);
    }

    [Fact]
    public void Parse_refuses_911100001000067658_whose_check_character_should_be_J()
    {
        // Often quoted as an example, but its check character does not satisfy GB 32100.
        Assert.False(CreditCode.TryParse("911100001000067658", out _, out var error));
        Assert.Equal("统一社会信用代码校验码应为“J”，现为“8”，请核对后重新填写。", error.Zh);
        Assert.Equal("Unified social credit code check character is 'J' but '8' was given.", error.En);
    }

    [Fact]
    public void Parse_names_the_field_it_is_given()
    {
        var ex = Assert.Throws<DomainValidationException>(() => CreditCode.Parse("x", "generalContractorCreditCode"));

        Assert.Equal("generalContractorCreditCode", ex.Field);
    }

    [Fact]
    public void Default_value_is_empty()
    {
        CreditCode code = default;

        Assert.True(code.IsEmpty);
        Assert.Equal(string.Empty, code.Value);
    }
}
