using System.Globalization;
using Cases.Domain.Texts;

namespace Cases.Domain.Tests.Texts;

/// <summary>
/// Amounts in Chinese capitals as a payment approval states them (《正确填写票据和结算凭证的基本规定》), and in English words.
/// </summary>
public sealed class AmountInWordsTests
{
    [Theory]
    // 整 after 元 when there are no 角 and 分; after 角 when there are no 分; never after 分.
    [InlineData("13250.40", "壹万叁仟贰佰伍拾元肆角整")]
    [InlineData("1.00", "壹元整")]
    [InlineData("0.50", "伍角整")]
    [InlineData("0.05", "伍分")]
    [InlineData("0.55", "伍角伍分")]
    [InlineData("0", "零元整")]
    [InlineData("6007.14", "陆仟零柒元壹角肆分")]
    // One 零 for a run of zeros inside the yuan, across 万 and 亿 too.
    [InlineData("1010.00", "壹仟零壹拾元整")]
    [InlineData("1001", "壹仟零壹元整")]
    [InlineData("1409.50", "壹仟肆佰零玖元伍角整")]
    [InlineData("10100", "壹万零壹佰元整")]
    [InlineData("107000.53", "壹拾万零柒仟元伍角叁分")]
    [InlineData("100000001", "壹亿零壹元整")]
    [InlineData("10010000", "壹仟零壹万元整")]
    [InlineData("1000100", "壹佰万零壹佰元整")]
    // 零 before 分 when 角 is zero; none between 元 and 角.
    [InlineData("10000.01", "壹万元零壹分")]
    [InlineData("1680.32", "壹仟陆佰捌拾元叁角贰分")]
    [InlineData("20.07", "贰拾元零柒分")]
    // 壹拾 for a leading ten, never a bare 拾.
    [InlineData("10", "壹拾元整")]
    [InlineData("15", "壹拾伍元整")]
    [InlineData("100000", "壹拾万元整")]
    [InlineData("110000", "壹拾壹万元整")]
    // 万 and 亿 groups.
    [InlineData("100000000.00", "壹亿元整")]
    [InlineData("48000.00", "肆万捌仟元整")]
    [InlineData("123456789.12", "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角贰分")]
    [InlineData("1000000000000", "壹万亿元整")]
    [InlineData("1234500000000", "壹万贰仟叁佰肆拾伍亿元整")]
    [InlineData("1000000010000", "壹万亿零壹万元整")]
    [InlineData("9999999999999999.99", "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分")]
    public void Chinese_capitals_follow_the_rules_for_payment_slips(string amount, string expected) =>
        Assert.Equal(expected, AmountInWords.Chinese(decimal.Parse(amount, CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("13250.40", "thirteen thousand two hundred fifty yuan and 40 fen")]
    [InlineData("1.00", "one yuan")]
    [InlineData("0.05", "5 fen")]
    [InlineData("0", "zero yuan")]
    [InlineData("21.5", "twenty-one yuan and 50 fen")]
    [InlineData("1010", "one thousand ten yuan")]
    [InlineData("100000000", "one hundred million yuan")]
    [InlineData("2000305", "two million three hundred five yuan")]
    public void English_words_say_the_yuan_and_the_fen(string amount, string expected) =>
        Assert.Equal(expected, AmountInWords.English(decimal.Parse(amount, CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("-0.01")]
    [InlineData("-13250.40")]
    [InlineData("0.001")]
    [InlineData("12.345")]
    [InlineData("10000000000000000")]
    public void Amounts_without_words_are_refused(string amount)
    {
        var value = decimal.Parse(amount, CultureInfo.InvariantCulture);
        Assert.Throws<ArgumentOutOfRangeException>(() => AmountInWords.Chinese(value));
        Assert.Throws<ArgumentOutOfRangeException>(() => AmountInWords.English(value));
    }

    [Fact]
    public void Trailing_zeros_of_the_decimal_do_not_change_the_words() =>
        Assert.Equal(AmountInWords.Chinese(13250.4m), AmountInWords.Chinese(13250.4000m));
}
