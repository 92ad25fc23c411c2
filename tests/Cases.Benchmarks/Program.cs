using Cases.Benchmarks;

return await BenchmarkRunner.MainAsync(args, Console.Out);
