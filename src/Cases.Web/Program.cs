using Cases.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
if (BackupCommand.Matches(args))
{
    Environment.ExitCode = await BackupCommand.RunAsync(args, builder.Configuration, Console.Out);
    return;
}

builder.AddCasesServices();

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseCasesPipeline();
app.Run();
