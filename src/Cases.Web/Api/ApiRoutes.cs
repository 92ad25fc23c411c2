namespace Cases.Web.Api;

public static class ApiRoutes
{
    public static IEndpointRouteBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        // Every API route needs a signed-in user unless it says otherwise (sign-in); routes narrow it with a policy.
        var api = app.MapGroup("/api").RequireAuthorization();
        api.MapAuthApi();
        api.MapCalendarApi();
        api.MapPartiesApi();
        api.MapInjuryCasesApi();
        api.MapCasesApi();
        api.MapTasksApi();
        api.MapDefinitionsApi();
        api.MapSupervisionApi();
        api.MapStuckInstancesApi();
        api.MapCalculationsApi();
        api.MapLedgersApi();
        api.MapAdminApi();
        api.MapCaseworkApi();
        api.MapAuditApi();
        api.MapDevApi(app.ServiceProvider.GetRequiredService<IConfiguration>());
        api.MapProjectsApi(); // Projects
        api.MapEntitlementsApi(); // Benefits
        api.MapCataloguesApi(); // catalogues
        api.MapInjuryCaseLinksApi(); // Unlinked cases
        api.MapPaymentsApi(); // Payments
        api.MapDecisionLettersApi(); // Letters
        api.MapPayrollApi(); // Payroll
        api.MapCertificationsApi(); // certify
        api.MapDataMatchesApi(); // datamatch
        api.MapOverpaymentsApi(); // keep
        api.MapAdjustmentsApi(); // Adjust
        return app;
    }
}
