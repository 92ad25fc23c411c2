using Cases.Domain.Calendar;
using Cases.Workflows.Calendar;
using Cases.Workflows.Definitions;
using Cases.Workflows.Runtime;

namespace Cases.Workflows.Tests.Runtime;

/// <summary>
/// What the runtime's unit tests share: the official calendar the product ships (the State Council's notices for
/// 2024–2026; 2027 is provisional), definitions read from JSON and checked by the validator as the product checks them,
/// and instants in China time.
/// </summary>
internal static class RuntimeFixtures
{
    /// <summary>The shipped official years, as a fresh installation has them.</summary>
    public static readonly WorkingDayCalendar Official = Shipped();

    /// <summary>A definition from JSON, refused by the test when the validator finds anything wrong with it.</summary>
    public static WorkflowDefinition Definition(string json)
    {
        var (definition, errors) = new DefinitionValidator(BuiltInActions.All()).Validate(json, "test definition");
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        return definition!;
    }

    /// <summary>A definition from JSON read into the model without the validator (one the validator would refuse or cannot see through).</summary>
    public static WorkflowDefinition Unvalidated(string json) =>
        System.Text.Json.JsonSerializer.Deserialize<WorkflowDefinition>(json, DefinitionValidator.SerializerOptions)!;

    public static CaseData Data(string json) => CaseData.Parse(json);

    public static DateOnly Day(int year, int month, int day) => new(year, month, day);

    /// <summary>An instant at <paramref name="hour"/>:00 China time on the given day.</summary>
    public static DateTimeOffset China(int year, int month, int day, int hour = 10) =>
        new DateTimeOffset(year, month, day, hour, 0, 0, ChinaTime.Offset).ToUniversalTime();

    private static WorkingDayCalendar Shipped()
    {
        var years = HolidayYearFile.Shipped();
        return new WorkingDayCalendar(years.Select(y => y.Year), years.SelectMany(y => y.Entries));
    }
}
