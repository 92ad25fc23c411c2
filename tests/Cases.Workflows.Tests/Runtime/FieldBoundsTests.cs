using System.Globalization;
using System.Text.Json.Nodes;
using Cases.Domain;
using Cases.Workflows.Definitions;
using Cases.Workflows.Runtime;

namespace Cases.Workflows.Tests.Runtime;

/// <summary>
/// The plausibility of what an officer gives, as the fields declare it: a date not before the one it follows, not after
/// today unless the field may lie ahead, an amount not above the one it is measured against — checked against the case's
/// data with the input merged over it, refused at the field with both fields and both values, and nothing merged.
/// </summary>
public sealed class FieldBoundsTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    private static readonly Dictionary<string, FieldSpec> Declared = new(StringComparer.Ordinal)
    {
        ["adjustedOn"] = new() { Type = "date", Label = new("费率调整日期", "Rate adjusted on") },
        ["noticeReceivedOn"] = new() { Type = "date", NotBefore = "adjustedOn", Label = new("单位收到告知日期", "Notice received on") },
        ["objectionDeadline"] = new() { Type = "date", Future = true, Label = new("异议截止日", "Objection deadline") },
        ["hearingOn"] = new() { Type = "date", Future = true, NotBefore = "today", NotAfter = "objectionDeadline", Label = new("听证日期", "Hearing on") },
        ["claimedAmount"] = new() { Type = "decimal", Label = new("申请先行支付金额", "Amount claimed") },
        ["approvedAmount"] = new() { Type = "decimal", NotAbove = "claimedAmount", Label = new("核定金额", "Amount approved") },
        ["repaidAmount"] = new() { Type = "decimal", NotBelow = "claimedAmount", Label = new("偿还金额", "Amount repaid") },
        ["trip"] = new()
        {
            Type = "object",
            Label = new("行程", "Trip"),
            Fields = new(StringComparer.Ordinal) { ["leftOn"] = new() { Type = "date", Label = new("出发日期", "Left on") } },
        },
    };

    private static void Merge(CaseData data, string json) =>
        data.Merge(JsonNode.Parse(json)!.AsObject(), Declared, [.. Declared.Keys.Select(k => new FieldRef { Field = k })], "data", Today);

    private static DomainValidationException Refused(CaseData data, string json) => Assert.Throws<DomainValidationException>(() => Merge(data, json));

    [Fact]
    public void A_date_before_the_field_it_follows_in_the_case_is_refused_naming_both_and_nothing_is_merged()
    {
        var data = CaseData.Parse("""{ "adjustedOn": "2026-11-02" }""");

        var e = Refused(data, """{ "noticeReceivedOn": "2026-11-01", "objectionDeadline": "2026-11-20" }""");

        Assert.Equal("data.noticeReceivedOn", e.Field);
        Assert.Equal("「单位收到告知日期」（2026年11月1日）不能早于「费率调整日期」（2026年11月2日）。", e.Text.Zh);
        Assert.Equal("Notice received on (1 November 2026) cannot be before Rate adjusted on (2 November 2026).", e.Text.En);
        Assert.False(data.Has("noticeReceivedOn"));
        Assert.False(data.Has("objectionDeadline"));
    }

    [Fact]
    public void The_same_day_or_later_is_accepted_and_the_bound_is_measured_against_what_is_given_with_it()
    {
        var data = CaseData.Empty();

        Merge(data, """{ "adjustedOn": "2026-11-02", "noticeReceivedOn": "2026-11-02" }""");

        Assert.Equal(new DateOnly(2026, 11, 2), data.GetDate("noticeReceivedOn"));
        Assert.Equal("「单位收到告知日期」（2026年11月1日）不能早于「费率调整日期」（2026年11月5日）。",
            Refused(CaseData.Empty(), """{ "adjustedOn": "2026-11-05", "noticeReceivedOn": "2026-11-01" }""").Text.Zh);
    }

    [Fact]
    public void A_bound_whose_other_field_has_no_value_yet_is_not_checked()
    {
        var data = CaseData.Empty();

        Merge(data, """{ "noticeReceivedOn": "2026-11-01", "approvedAmount": 13250.40 }""");

        Assert.Equal(13250.40m, data.GetDecimal("approvedAmount"));
    }

    [Fact]
    public void A_date_after_today_is_refused_unless_its_field_may_lie_ahead()
    {
        var e = Refused(CaseData.Empty(), """{ "adjustedOn": "2026-12-08" }""");

        Assert.Equal("data.adjustedOn", e.Field);
        Assert.Equal("「费率调整日期」（2026年12月8日）不能晚于今天（2026年12月7日）。", e.Text.Zh);
        Assert.Equal("Rate adjusted on (8 December 2026) cannot be after today (7 December 2026).", e.Text.En);

        var data = CaseData.Empty();
        Merge(data, """{ "adjustedOn": "2026-12-07", "objectionDeadline": "2027-01-15" }""");
        Assert.Equal(new DateOnly(2027, 1, 15), data.GetDate("objectionDeadline"));
    }

    [Fact]
    public void A_date_inside_an_object_is_not_after_today_either_and_is_named_under_its_object()
    {
        var e = Refused(CaseData.Empty(), """{ "trip": { "leftOn": "2026-12-31" } }""");

        Assert.Equal("data.trip.leftOn", e.Field);
        Assert.Equal("「行程」「出发日期」（2026年12月31日）不能晚于今天（2026年12月7日）。", e.Text.Zh);
    }

    [Fact]
    public void A_future_date_may_be_held_between_today_and_another_date()
    {
        var data = CaseData.Parse("""{ "objectionDeadline": "2026-12-20" }""");

        Assert.Equal("「听证日期」（2026年12月6日）不能早于今天（2026年12月7日）。", Refused(data, """{ "hearingOn": "2026-12-06" }""").Text.Zh);
        Assert.Equal("「听证日期」（2026年12月21日）不能晚于「异议截止日」（2026年12月20日）。", Refused(data, """{ "hearingOn": "2026-12-21" }""").Text.Zh);
        Merge(data, """{ "hearingOn": "2026-12-20" }""");
        Assert.Equal(new DateOnly(2026, 12, 20), data.GetDate("hearingOn"));
    }

    [Fact]
    public void An_amount_above_the_one_it_may_not_exceed_is_refused_as_money_in_yuan()
    {
        var data = CaseData.Parse("""{ "claimedAmount": 12000 }""");

        var e = Refused(data, """{ "approvedAmount": 13250.40 }""");

        Assert.Equal("data.approvedAmount", e.Field);
        Assert.Equal("「核定金额」（¥13,250.40）不能超过「申请先行支付金额」（¥12,000.00）。", e.Text.Zh);
        Assert.Equal("Amount approved (¥13,250.40) cannot be more than Amount claimed (¥12,000.00).", e.Text.En);
        Assert.Equal("「偿还金额」（¥11,999.99）不能低于「申请先行支付金额」（¥12,000.00）。", Refused(data, """{ "repaidAmount": 11999.99 }""").Text.Zh);

        Merge(data, """{ "approvedAmount": 12000, "repaidAmount": 12000 }""");
        Assert.Equal(12000m, data.GetDecimal("approvedAmount"));
    }

    [Fact]
    public void The_refusal_is_read_in_the_readers_language()
    {
        var e = Refused(CaseData.Parse("""{ "claimedAmount": 12000 }"""), """{ "approvedAmount": 13250.40 }""");
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Assert.Equal("Amount approved (¥13,250.40) cannot be more than Amount claimed (¥12,000.00).", e.Message);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
