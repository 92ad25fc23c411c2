using System.Globalization;
using Cases.Domain.Calendar;
using Cases.Domain.Parties;

namespace Cases.Domain.Tests;

/// <summary>
/// A refusal of the domain is said in both languages and read in the reader's: Chinese for every reader unless the UI
/// culture is English (the switch, or Accept-Language: en), chosen when the message is read, not when it is raised.
/// </summary>
public sealed class LocalizedRefusalTests
{
    [Fact]
    public void A_validation_refusal_reads_Chinese_by_default_and_English_for_an_English_reader()
    {
        var ex = Assert.Throws<DomainValidationException>(() => IdNumber.Parse("110105194912310021"));

        Assert.Equal("公民身份号码校验码应为“X”，现为“1”，请核对后重新填写。", InCulture("zh-CN", () => ex.Message));
        Assert.Equal("Resident identity number check character is 'X' but '1' was given.", InCulture("en", () => ex.Message));
        Assert.Equal("idNumber", ex.Field);
    }

    [Fact]
    public void A_missing_calendar_year_names_the_year_in_the_readers_language()
    {
        var ex = new CalendarYearMissingException(2031);

        Assert.Contains("2031 年", InCulture("zh-CN", () => ex.Message), StringComparison.Ordinal);
        Assert.Contains("no data for 2031", InCulture("en-US", () => ex.Message), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_parameter_keeps_its_name_and_says_it_in_both_languages()
    {
        var ex = new MissingParameterException("averageWage", new LocalizedText("缺少 2025 年全省职工月平均工资。", "The 2025 provincial average wage is missing."));

        Assert.Equal("averageWage", ex.Parameter);
        Assert.Equal("缺少 2025 年全省职工月平均工资。", InCulture("zh-CN", () => ex.Message));
        Assert.Equal("The 2025 provincial average wage is missing.", InCulture("en", () => ex.Message));
    }

    private static string InCulture(string name, Func<string> read)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
        try
        {
            return read();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
