using System.Text;
using Cases.Application.Benefits.DataMatches;
using Cases.Domain;
using Cases.Domain.Benefits;
using Cases.Domain.Injuries;
using Cases.Domain.Parties;

namespace Cases.Application.Tests.DataMatches;

/// <summary>datamatch: reading a department's file (第六十四条) and which events can cost which benefits (第六十二、九十八条).</summary>
public sealed class DataMatchCsvTests
{
    private static readonly DateOnly Today = new(2026, 9, 10);

    private static string Id(string birth, string sequence = "021")
    {
        var body = "370102" + birth + sequence;
        return body + IdNumber.ComputeCheckDigit(body);
    }

    private static DataMatchFile Read(string text, string source = "civil-affairs", bool bom = false) =>
        DataMatchCsv.Read([.. (bom ? new byte[] { 0xEF, 0xBB, 0xBF } : []), .. Encoding.UTF8.GetBytes(text)], DataMatchVocabulary.Source(source), Today);

    [Fact]
    public void Chinese_or_english_columns_in_any_order_are_read_and_blank_lines_skipped()
    {
        var file = Read($"姓名,事件,身份证号码,事件日期\n刘美华,死亡,{Id("19800101")},2026-08-15\n\n周子涵,alive,{Id("20090615")},2026/09/01\n", bom: true);

        Assert.Empty(file.Errors);
        Assert.Equal(2, file.Total);
        Assert.Equal([(2, "刘美华", "death", new DateOnly(2026, 8, 15)), (4, "周子涵", "alive", new DateOnly(2026, 9, 1))],
            file.Rows.Select(r => (r.Line, r.Name, r.Event.Key, r.EventOn)));
    }

    [Fact]
    public void Each_bad_row_is_reported_with_its_line_and_column_and_the_others_are_kept()
    {
        var good = Id("19800101");
        var file = Read(
            "idNumber,name,event,eventOn\n" +
            $"{good},刘美华,death,2026-08-15\n" +
            "37010219800101021X,坏号码,death,2026-08-15\n" +
            $"{good},,death,2026-08-15\n" +
            $"{good},刘美华,imprisonment,2026-08-15\n" +
            $"{good},刘美华,death,2026-02-30\n" +
            $"{good},刘美华,death,2026-09-11\n");

        Assert.Equal([2], file.Rows.Select(r => r.Line));
        Assert.Equal([(3, "idNumber"), (4, "name"), (5, "event"), (6, "eventOn"), (7, "eventOn")], file.Errors.Select(e => (e.Line, e.Field)));
        // 民政 reports no imprisonment: the message names what it does report.
        Assert.Contains("民政部门", file.Errors[2].Message, StringComparison.Ordinal);
        Assert.Null(file.Errors[0].MaskedIdNumber);
        Assert.StartsWith("370102********", file.Errors[1].MaskedIdNumber, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a,b\n1,2\n")]
    [InlineData("idNumber,name,event\n")]
    [InlineData("idNumber,name,event,eventOn\n")]
    public void A_file_without_its_columns_or_rows_is_refused_whole_naming_the_file(string text)
    {
        var refused = Assert.Throws<DomainValidationException>(() => Read(text));
        Assert.Equal("file", refused.Field);
    }

    [Fact]
    public void A_file_not_in_utf8_is_refused_naming_the_file_and_an_unknown_source_naming_the_source()
    {
        Assert.Equal("file", Assert.Throws<DomainValidationException>(() => DataMatchCsv.Read([0xC9, 0xED, 0xB7, 0xDD], DataMatchVocabulary.Source("health"), Today)).Field);
        Assert.Equal("source", Assert.Throws<DomainValidationException>(() => DataMatchVocabulary.Source("tax")).Field);
    }

    [Fact]
    public void Death_touches_everyone_remarriage_only_a_spouse_and_imprisonment_never_a_workers_own_benefits()
    {
        var worker = Granted(MonthlyBenefit.DisabilityAllowance, null, Id("19700101"));
        var spouse = Granted(MonthlyBenefit.DependantsPension, DependantRelation.Spouse, Id("19750101"));
        var child = Granted(MonthlyBenefit.DependantsPension, DependantRelation.Child, Id("20100101"));

        Assert.True(ImportDataMatchHandler.Affects("death", [worker]));
        // 第九十八条: a worker serving a sentence is paid; 第六十二条 concerns dependants.
        Assert.False(ImportDataMatchHandler.Affects("imprisonment", [worker]));
        Assert.False(ImportDataMatchHandler.Affects("employment", [worker]));
        Assert.True(ImportDataMatchHandler.Affects("imprisonment", [child]));
        Assert.True(ImportDataMatchHandler.Affects("remarriage", [spouse]));
        Assert.False(ImportDataMatchHandler.Affects("remarriage", [child]));
        Assert.True(ImportDataMatchHandler.Affects("adoption", [child]));
    }

    private static Entitlement Granted(MonthlyBenefit benefit, DependantRelation? relation, string idNumber) => Entitlement.Grant(
        new EntitlementGrant(City.Parse("370100"), Guid.NewGuid(), Guid.NewGuid(), benefit, "测试", idNumber, relation, 1_000m, new DateOnly(2026, 3, 1), "第八十二条", "测试"),
        "test", DateTimeOffset.UnixEpoch);
}
