namespace Cases.Web.Api;

public static class ApiRoutes
{
    public static IEndpointRouteBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapAuthApi();
        api.MapCalendarApi();
        api.MapPartiesApi();
        api.MapCasesApi();
        api.MapTasksApi();
        api.MapDefinitionsApi();
        api.MapSupervisionApi();
        api.MapCalculationsApi();
        api.MapLedgersApi();
        api.MapDevApi(app.ServiceProvider.GetRequiredService<IConfiguration>());
        return app;
    }
}
