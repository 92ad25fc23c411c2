using System.Globalization;
using System.Text.Json.Nodes;
using Cases.Domain;
using Cases.Workflows.Definitions;
using Cases.Workflows.Persistence;
using Cases.Workflows.Records;
using Cases.Workflows.Runtime;

namespace Cases.Workflows.Tests.Runtime;

/// <summary>
/// What the runtime says to an officer, in both languages: a rule's refusal filled with the case's dates, case data
/// refused under the field's label, and the journal and stored versions written before messages spoke both languages.
/// </summary>
public sealed class BilingualMessagesTests
{
    private static readonly Dictionary<string, FieldSpec> Declared = new(StringComparer.Ordinal)
    {
        ["noticeReceivedOn"] = new() { Type = "date", Label = new("单位收到告知日期", "Notice received on") },
        ["monthlyWageTotals"] = new()
        {
            Type = "list",
            Label = new("每月工资总额", "Monthly wage totals"),
            Fields = new(StringComparer.Ordinal)
            {
                ["month"] = new() { Type = "month", Label = new("月份", "Month") },
                ["total"] = new() { Type = "decimal", Min = 0, Label = new("工资总额", "Total") },
            },
        },
    };

    [Fact]
    public void A_rule_message_is_filled_in_both_languages_with_the_same_values()
    {
        var data = CaseData.Parse("""{ "noticeReceivedOn": "2025-10-09" }""");
        var extras = new Dictionary<string, object?> { ["objectionDeadline"] = new DateTime(2025, 10, 23) };
        var message = new LocalizedText("异议须在收到费率告知之日起10个工作日内提出（第二十二条），已于{objectionDeadline}届满（收到告知：{noticeReceivedOn}）。", "The last day was {objectionDeadline} (notice received {noticeReceivedOn}).");

        var filled = RuleMessages.Fill(message, data, extras);

        Assert.Equal("异议须在收到费率告知之日起10个工作日内提出（第二十二条），已于2025年10月23日届满（收到告知：2025年10月9日）。", filled.Zh);
        Assert.Equal("The last day was 23 October 2025 (notice received 9 October 2025).", filled.En);
    }

    [Fact]
    public void A_rule_message_says_an_amount_as_money_and_a_rate_as_a_percentage()
    {
        var data = CaseData.Parse("""{ "repaymentAmount": 30000.5, "newRate": 0.0045 }""");
        var fields = new Dictionary<string, FieldSpec>
        {
            ["repaymentAmount"] = new() { Type = "decimal", Min = 0, Label = new("本次偿还金额", "Repayment") },
            ["newRate"] = new() { Type = "decimal", Min = 0, Max = 1, Label = new("浮动后费率", "New rate") },
        };

        var filled = RuleMessages.Fill(new LocalizedText("偿还{repaymentAmount}，费率{newRate}。", "Repaid {repaymentAmount} at {newRate}."), data, null, fields);

        Assert.Equal("偿还¥30,000.50，费率0.45%。", filled.Zh);
        Assert.Equal("Repaid ¥30,000.50 at 0.45%.", filled.En);
    }

    [Fact]
    public void A_missing_field_is_refused_under_its_label_and_keeps_its_machine_name()
    {
        var e = Assert.Throws<DomainValidationException>(() =>
            CaseData.Empty().Merge([], Declared, [new FieldRef { Field = "noticeReceivedOn", Required = true }], "data", new DateOnly(2026, 12, 7)));

        Assert.Equal("data.noticeReceivedOn", e.Field);
        Assert.Equal("「单位收到告知日期」必须填写", e.Message);
        Assert.Equal("Notice received on is required", InEnglish(() => e.Message));
    }

    [Fact]
    public void A_wrong_value_in_a_list_names_the_row_and_the_member_by_their_labels()
    {
        var input = JsonNode.Parse("""{ "monthlyWageTotals": [ { "month": "2025-01", "total": 100 }, { "month": "2025-02", "total": -1 } ] }""")!.AsObject();

        var e = Assert.Throws<DomainValidationException>(() =>
            CaseData.Empty().Merge(input, Declared, [new FieldRef { Field = "monthlyWageTotals", Required = true }], "data", new DateOnly(2026, 12, 7)));

        Assert.Equal("data.monthlyWageTotals[1].total", e.Field);
        Assert.Equal("「每月工资总额」第 2 行「工资总额」不能小于 0", e.Message);
        Assert.Equal("Monthly wage totals, row 2, Total must be at least 0", InEnglish(() => e.Message));
    }

    [Fact]
    public void A_refusal_journaled_in_both_languages_reads_back_and_an_older_plain_reason_still_reads()
    {
        var stored = JournalFields.Store(new LocalizedText("已于2025-10-23届满。", "The last day was 2025-10-23."));

        Assert.Equal(new LocalizedText("已于2025-10-23届满。", "The last day was 2025-10-23."), JournalFields.Text(JsonNode.Parse(stored.ToJsonString())));
        Assert.Equal(new LocalizedText("The last day was 2025-10-23.", "The last day was 2025-10-23."), JournalFields.Text(JsonValue.Create("The last day was 2025-10-23.")));
        Assert.Null(JournalFields.Text(null));
    }

    [Fact]
    public void A_version_stored_with_plain_string_messages_still_opens()
    {
        // Published versions never change: one stored before rule messages spoke both languages keeps its English text.
        var definition = DefinitionStore.Parse("""
            {
              "key": "old", "version": 1, "title": { "zh": "旧版", "en": "Old" }, "initial": "window",
              "data": { "filedOn": { "type": "date" } },
              "states": {
                "window": {
                  "kind": "wait",
                  "events": { "filed": { "to": "done", "fields": [ { "field": "filedOn", "required": true } ],
                    "rules": [ { "require": "filedOn <= today", "message": "Not in the future." } ] } },
                  "refuses": { "late": "Too late." }
                },
                "done": { "kind": "end", "outcome": "done" }
              }
            }
            """);

        Assert.Equal(new LocalizedText("Not in the future.", "Not in the future."), definition.States["window"].Events!["filed"].Rules![0].Message);
        Assert.Equal(new LocalizedText("Too late.", "Too late."), definition.States["window"].Refuses!["late"]);
    }

    private static string InEnglish(Func<string> read)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
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
