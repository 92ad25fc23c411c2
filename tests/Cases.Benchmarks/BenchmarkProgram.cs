namespace Cases.Benchmarks;

/// <summary>The console entry point (named apart from Cases.Web's Program, which WebApplicationFactory starts).</summary>
public static class BenchmarkProgram
{
    public static Task<int> Main(string[] args) => BenchmarkRunner.MainAsync(args, Console.Out);
}
