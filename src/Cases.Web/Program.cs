using Cases.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddCasesServices();

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseCasesPipeline();
app.Run();
