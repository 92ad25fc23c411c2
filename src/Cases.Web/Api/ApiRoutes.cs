namespace Cases.Web.Api;

public static class ApiRoutes
{
    public static IEndpointRouteBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapAuthApi();
        api.MapCalendarApi();
        api.MapPartiesApi();
        return app;
    }
}
