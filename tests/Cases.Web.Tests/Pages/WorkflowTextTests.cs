using System.Globalization;
using System.Text.Json;
using Cases.Web.Texts;
using Cases.Workflows.Definitions;

namespace Cases.Web.Tests.Pages;

/// <summary>
/// The words the officer's pages use for what definitions hold as codes: an option by its label, how a case ended by
/// the end state's title, dates and amounts as a notice says them.
/// </summary>
public sealed class WorkflowTextTests
{
    private static WorkflowDefinition Shipped(string key) =>
        JsonSerializer.Deserialize<WorkflowDefinition>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflows", key + ".json")), DefinitionValidator.SerializerOptions)!;

    [Fact]
    public void An_option_is_shown_by_the_label_its_definition_gives_and_as_its_value_where_it_gives_none()
    {
        var field = JsonSerializer.Deserialize<FieldSpec>(
            """{"type":"enum","values":["traffic","court"],"labels":{"traffic":{"zh":"交通事故","en":"Traffic accident"}}}""", DefinitionValidator.SerializerOptions)!;

        Assert.Equal("交通事故", WorkflowText.EnumLabel(field, "traffic"));
        Assert.Equal("court", WorkflowText.EnumLabel(field, "court"));
        InEnglish(() => Assert.Equal("Traffic accident", WorkflowText.EnumLabel(field, "traffic")));
    }

    [Fact]
    public void How_a_case_ended_is_the_title_of_the_end_state_that_set_the_outcome()
    {
        var definition = Shipped("fee-rate-objection");

        Assert.Equal("无异议，费率确定", WorkflowText.EndOutcome(definition, "final-no-objection"));
        Assert.Equal("已告知", WorkflowText.OutcomeLabel(definition, "notify-employer", "notified"));
        Assert.Equal("unknown-outcome", WorkflowText.EndOutcome(definition, "unknown-outcome"));
    }

    [Fact]
    public void Dates_money_and_rates_are_said_as_officers_read_them()
    {
        Assert.Equal("2026年12月7日", ChinaDate.Of(new DateOnly(2026, 12, 7)));
        Assert.Equal("2026年12月7日", ChinaDate.Of("2026-12-07"));
        Assert.Equal("2026年8月", ChinaDate.Month("2026-08"));
        // 02:32 UTC is 10:32 in China.
        Assert.Equal("2026年12月7日 10:32", ChinaDate.Of(new DateTimeOffset(2026, 12, 7, 2, 32, 0, TimeSpan.Zero)));
        Assert.Equal("¥48,000.00", ChinaDate.Money(48000m));
        Assert.Equal("-¥1,200.50", ChinaDate.Money(-1200.5m));
        Assert.Equal("0.5%", ChinaDate.Rate(0.005m));
        Assert.Equal("0.45%", ChinaDate.Rate(0.0045m));
        InEnglish(() => Assert.Equal("7 December 2026", ChinaDate.Of(new DateOnly(2026, 12, 7))));
    }

    private static void InEnglish(Action check)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        try
        {
            check();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
