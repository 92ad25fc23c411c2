using System.Text.Json.Nodes;
using Cases.Domain.Privacy;

namespace Cases.Domain.Tests.Privacy;

/// <summary>The one masking rule on free text, labels and case data: what it masks, what it leaves, and what it drops beside a masked number.</summary>
public sealed class PersonalDataMaskTests
{
    private const string Id = "370107199410224213"; // GB 11643, check digit right

    [Theory]
    [InlineData("职工张三，身份证370107199410224213，已到场", "职工张三，身份证370107********4213，已到场")]
    [InlineData("身份证号 370107 19941022 4213", "身份证号 370107********4213")]
    [InlineData("37010219900101001x号", "370102********001X号")]
    [InlineData("证件３７０１０７１９９４１０２２４２１３", "证件370107********4213")] // full-width digits
    [InlineData("抄错一位：370107199410224214", "抄错一位：370107********4214")] // a wrong check digit is still someone's number
    [InlineData("电话13800001111，请回电", "电话138****1111，请回电")]
    [InlineData("电话 138 0000 1111", "电话 138****1111")]
    [InlineData("电话 138-0000-1111。", "电话 138****1111。")]
    [InlineData("电话 +86 13800001111", "电话 +86 138****1111")]
    [InlineData("电话+8613800001111", "电话+86138****1111")]
    [InlineData("卡号6222021234567890128", "卡号6222***********0128")] // 19 digits, Luhn holds
    [InlineData("卡号 6217 0012 3456 7893 已核", "卡号 6217********7893 已核")] // 16 digits in groups of four
    [InlineData("账户 622202123456789012", "账户 6222**********9012")] // 18 digits that are no birth date: a card by Luhn
    public void Numbers_inside_text_are_masked(string text, string masked)
    {
        Assert.Equal(masked, PersonalDataMask.Text(text));
    }

    [Theory]
    [InlineData("已电话联系单位，材料下周补齐")]
    [InlineData("金额 12,345.67 元，发票号码 24442000000013800001")] // a 20-digit invoice number holds no mobile number
    [InlineData("编号 12345678901")] // 11 digits that are no mobile number
    [InlineData("卡号 6217001234567890")] // 16 digits whose Luhn check fails
    [InlineData("统一社会信用代码 91370100MA3C4E5F61")]
    [InlineData("号码 123456789012345678")] // 18 digits whose birth-date digits are no date, and no card
    [InlineData("370107********4213")] // already masked
    public void Text_without_such_numbers_is_left_as_it_is(string text)
    {
        Assert.Equal(text, PersonalDataMask.Text(text));
    }

    [Fact]
    public void Text_with_fewer_than_eleven_digits_is_returned_without_a_copy()
    {
        var text = "请补充公安机关出具的证明（2025年10月）";

        Assert.Same(text, PersonalDataMask.Text(text));
    }

    [Fact]
    public void Shown_whole_the_text_is_unchanged_and_every_number_is_reported_for_the_record()
    {
        var found = new List<PersonalDataFound>();

        var text = PersonalDataMask.Text($"身份证{Id}，电话138 0000 1111，卡号6217001234567893", full: true, found, "reviewNote");

        Assert.Equal($"身份证{Id}，电话138 0000 1111，卡号6217001234567893", text);
        Assert.Equal(
            [(PersonalDataMask.IdNumberKind, Id), (PersonalDataMask.BankCardKind, "6217001234567893"), (PersonalDataMask.PhoneKind, "13800001111")],
            found.Select(f => (f.Kind, f.Value)));
        Assert.All(found, f => Assert.Equal("reviewNote", f.Field));
    }

    [Fact]
    public void A_label_that_is_a_number_is_masked_whole_and_one_that_holds_one_inside()
    {
        Assert.Equal("370107********4214", PersonalDataMask.Label("370107199410224214", full: false));
        Assert.Equal("138****1111", PersonalDataMask.Label("13800001111", full: false));
        Assert.Equal("张三（138****1111）", PersonalDataMask.Label("张三（13800001111）", full: false));
        Assert.Equal("张三（13800001111）", PersonalDataMask.Label("张三（13800001111）", full: true));
        Assert.Equal("91370100MA3C4E5F61", PersonalDataMask.Label("91370100MA3C4E5F61", full: false));
    }

    [Fact]
    public void An_employers_credit_code_of_digits_only_is_no_identity_number_and_stays_whole()
    {
        // 91 370100 000019849 and its check character: 18 digits, but its 7th to 14th digits (00000019) are no birth date.
        var code = "91370100000019849" + Domain.Parties.CreditCode.ComputeCheckCharacter("91370100000019849");
        var data = JsonNode.Parse($$"""{"employerCreditCode":"{{code}}"}""");

        Assert.Equal(code, PersonalDataMask.Label(code, full: false));
        Assert.Equal(code, PersonalDataMask.Json(data, full: false)!["employerCreditCode"]!.GetValue<string>());
        // An identity number's shape that is no credit code is masked whatever its digits (a mistyped number is someone's).
        Assert.Equal("370107********4213", PersonalDataMask.Label("370107999999994213", full: false));
    }

    [Fact]
    public void A_credit_code_of_digits_only_that_happens_to_pass_luhn_is_no_bank_card_and_stays_whole()
    {
        const string code = "913701000000284147";
        Assert.True(Domain.Parties.CreditCode.TryParse(code, out _, out _));

        Assert.Equal(code, PersonalDataMask.Label(code, full: false));
        Assert.Equal($"单位 {code}", PersonalDataMask.Text($"单位 {code}"));
    }

    [Fact]
    public void Case_data_masks_text_fields_and_drops_what_a_masked_number_would_give_away()
    {
        var data = JsonNode.Parse($$"""
            {"workerIdNumber":"{{Id}}","workerBirthDate":"1994-10-22","sex":"male","reviewNote":"电话13800001111",
             "dependants":[{"name":"李四","ageAtInjury":12}],"stage":"review"}
            """);
        var found = new List<PersonalDataFound>();

        var masked = PersonalDataMask.Json(data, full: false, found)!.AsObject();
        var whole = PersonalDataMask.Json(data, full: true)!.AsObject();

        Assert.Equal("370107********4213", masked["workerIdNumber"]!.GetValue<string>());
        Assert.Equal("电话138****1111", masked["reviewNote"]!.GetValue<string>());
        Assert.False(masked.ContainsKey("workerBirthDate"));
        Assert.False(masked.ContainsKey("sex"));
        Assert.False(masked["dependants"]![0]!.AsObject().ContainsKey("ageAtInjury"));
        Assert.Equal("review", masked["stage"]!.GetValue<string>());
        Assert.Equal(2, found.Count);
        Assert.Equal(data!.ToJsonString(), whole.ToJsonString());
    }

    [Fact]
    public void Data_without_an_identity_number_keeps_its_dates()
    {
        var data = JsonNode.Parse("""{"contactPhone":"13800001111","birthDate":"1994-10-22"}""");

        var masked = PersonalDataMask.Json(data, full: false)!.AsObject();

        Assert.Equal("138****1111", masked["contactPhone"]!.GetValue<string>());
        Assert.Equal("1994-10-22", masked["birthDate"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("birthDate", true)]
    [InlineData("dateOfBirth", true)]
    [InlineData("workerBirthday", true)]
    [InlineData("birth_date", true)]
    [InlineData("sex", true)]
    [InlineData("workerSex", true)]
    [InlineData("gender", true)]
    [InlineData("age", true)]
    [InlineData("ageAtInjury", true)]
    [InlineData("DOB", true)]
    [InlineData("stage", false)]
    [InlineData("page", false)]
    [InlineData("percentage", false)]
    [InlineData("average", false)]
    [InlineData("message", false)]
    [InlineData("filedOn", false)]
    public void A_field_is_derived_from_the_number_by_its_words(string field, bool derived)
    {
        Assert.Equal(derived, PersonalDataMask.IsDerivedFromIdNumber(field));
    }
}
