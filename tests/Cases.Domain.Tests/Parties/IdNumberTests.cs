using Cases.Domain.Parties;

namespace Cases.Domain.Tests.Parties;

public sealed class IdNumberTests
{
    private static readonly DateOnly Today = new(2025, 6, 1);

    [Fact]
    public void Parse_accepts_GB_11643_example()
    {
        var id = IdNumber.Parse("11010519491231002X");

        Assert.Equal("11010519491231002X", id.Value);
        Assert.Equal(new DateOnly(1949, 12, 31), id.BirthDate);
        Assert.Equal(Sex.Female, id.Sex);
        Assert.Equal("110105********002X", id.Masked);
    }

    [Fact]
    public void Parse_accepts_lowercase_x()
    {
        var id = IdNumber.Parse(" 11010519491231002x ");

        Assert.Equal("11010519491231002X", id.Value);
        Assert.Equal(IdNumber.Parse("11010519491231002X"), id);
    }

    [Fact]
    public void Parse_reads_male_from_odd_sequence_digit()
    {
        var id = IdNumber.Parse("370102199003071238", Today);

        Assert.Equal(Sex.Male, id.Sex);
        Assert.Equal(new DateOnly(1990, 3, 7), id.BirthDate);
    }

    [Fact]
    public void Masked_keeps_first_six_and_last_four()
    {
        var id = IdNumber.Parse("370102198501031234");

        Assert.Equal("370102********1234", id.Masked);
    }

    [Theory]
    [InlineData("11010519491231002", 'X')]
    [InlineData("37010219900307123", '8')]
    [InlineData("37020219851111002", 'X')]
    [InlineData("44052418800101001", '4')]
    public void ComputeCheckDigit_matches_independent_calculation(string body, char expected) =>
        Assert.Equal(expected, IdNumber.ComputeCheckDigit(body));

    [Theory]
    [InlineData("1101051949123100")]
    [InlineData("110105194912310021")]
    [InlineData("1101051949123100X")]
    public void ComputeCheckDigit_refuses_bad_body(string body) =>
        Assert.Throws<ArgumentException>(() => IdNumber.ComputeCheckDigit(body));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void Parse_refuses_missing_value(string? input)
    {
        var ex = Assert.Throws<DomainValidationException>(() => IdNumber.Parse(input));

        Assert.Equal("idNumber", ex.Field);
        Assert.Equal("Resident identity number is required.", ex.Text.En);
        Assert.Equal("公民身份号码必须填写。", ex.Message);
    }

    [Theory]
    [InlineData("11010519491231002", 17)]
    [InlineData("11010519491231002X1", 19)]
    [InlineData("110105491231002", 15)]
    public void Parse_refuses_wrong_length(string input, int length)
    {
        var ex = Assert.Throws<DomainValidationException>(() => IdNumber.Parse(input));

        Assert.Equal($"Resident identity number must be 18 characters; got {length}.", ex.Text.En);
    }

    [Fact]
    public void Parse_refuses_letter_in_first_17()
    {
        var ex = Assert.Throws<DomainValidationException>(() => IdNumber.Parse("1101051949123100XX"));

        Assert.Equal("Resident identity number has 'X' at position 17; the first 17 characters must be digits.", ex.Text.En);
    }

    [Fact]
    public void Parse_refuses_check_character_that_is_neither_digit_nor_X()
    {
        var ex = Assert.Throws<DomainValidationException>(() => IdNumber.Parse("11010519491231002Y"));

        Assert.Equal("Resident identity number ends with 'Y'; the check character must be a digit or X.", ex.Text.En);
    }

    [Fact]
    public void Parse_refuses_wrong_check_character()
    {
        var ex = Assert.Throws<DomainValidationException>(() => IdNumber.Parse("110105194912310021"));

        Assert.Equal("idNumber", ex.Field);
        Assert.Equal("Resident identity number check character is 'X' but '1' was given.", ex.Text.En);
        Assert.Equal("公民身份号码校验码应为“X”，现为“1”，请核对后重新填写。", ex.Message);
    }

    [Fact]
    public void Parse_refuses_impossible_birth_date()
    {
        var body = "37010219990230123";
        var input = body + IdNumber.ComputeCheckDigit(body);

        var ex = Assert.Throws<DomainValidationException>(() => IdNumber.Parse(input));

        Assert.Equal("Resident identity number characters 7–14 ('19990230') are not a real birth date.", ex.Text.En);
    }

    [Fact]
    public void Parse_refuses_future_birth_date()
    {
        var body = "37010220250602123";
        var input = body + IdNumber.ComputeCheckDigit(body);

        var ex = Assert.Throws<DomainValidationException>(() => IdNumber.Parse(input, Today));

        Assert.Equal("Resident identity number birth date 2025-06-02 is in the future (today is 2025-06-01).", ex.Text.En);
    }

    [Fact]
    public void Parse_without_today_accepts_future_birth_date_but_with_today_accepts_birth_today()
    {
        var future = "37010220250602123";
        var today = "37010220250601123";

        Assert.True(IdNumber.TryParse(future + IdNumber.ComputeCheckDigit(future), out _, out _));
        Assert.True(IdNumber.TryParse(today + IdNumber.ComputeCheckDigit(today), Today, out _, out _));
    }

    [Fact]
    public void Parse_refuses_birth_before_1900_even_with_valid_check()
    {
        // The second GB 11643 example: born 1880-01-01, check digit 4 is correct.
        var ex = Assert.Throws<DomainValidationException>(() => IdNumber.Parse("440524188001010014"));

        Assert.Equal("Resident identity number birth date 1880-01-01 is before 1900-01-01.", ex.Text.En);
    }

    [Fact]
    public void Parse_names_the_field_it_is_given()
    {
        var ex = Assert.Throws<DomainValidationException>(() => IdNumber.Parse("1", Today, "dependants[0].idNumber"));

        Assert.Equal("dependants[0].idNumber", ex.Field);
    }

    [Fact]
    public void Default_value_is_empty()
    {
        IdNumber id = default;

        Assert.True(id.IsEmpty);
        Assert.Equal(string.Empty, id.Masked);
    }
}
