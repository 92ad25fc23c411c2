namespace Cases.Web.Tests.Runtime;

/// <summary>The main path of demo-filing and the task race on PostgreSQL: the same answers as on SQLite.</summary>
public sealed class PostgresRuntimeTests(PostgresRuntimeApp app) : IClassFixture<PostgresRuntimeApp>
{
    [Fact]
    public Task Filed_incomplete_resubmitted_checked_and_approved_ends_extended_on_PostgreSQL() => DemoFilingScenarios.FullExtensionPathAsync(app);

    [Fact]
    public Task Two_simultaneous_completions_give_one_200_and_one_409_on_PostgreSQL() => DemoFilingScenarios.SimultaneousCompletionsAsync(app);
}
