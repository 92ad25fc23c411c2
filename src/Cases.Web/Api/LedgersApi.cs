using Cases.Web.Exports;
using Cases.Application.Ledgers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cases.Web.Api;

public static class LedgersApi
{
    public static void MapLedgersApi(this RouteGroupBuilder api)
    {
        var ledgers = api.MapGroup("/ledgers").WithTags("Ledgers").RequireAuthorization(Policies.Ledgers);
        ledgers.MapGet("/advance-payments", async (string? city, string? standing, string? outstandingOnly, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(AdvancePayments(city, standing, outstandingOnly, user), ct)));
        ledgers.MapGet("/third-party-medical", async (string? city, string? injuryCaseId, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetThirdPartyMedicalLedger(city, injuryCaseId, user.ToActor()), ct)));

        // The same lists as CSV, with the same parameters: what the page's export links download.
        ledgers.MapGet("/advance-payments/export", async (string? city, string? standing, string? outstandingOnly, ClaimsPrincipal user, IMediator mediator, WorkflowText text, CancellationToken ct) =>
            Csv(LedgerCsv.AdvancePayments(text, await mediator.Send(AdvancePayments(city, standing, outstandingOnly, user), ct)), "advance-payments"));
        ledgers.MapGet("/third-party-medical/export", async (string? city, string? injuryCaseId, ClaimsPrincipal user, IMediator mediator, WorkflowText text, CancellationToken ct) =>
            Csv(LedgerCsv.ThirdPartyMedical(text, await mediator.Send(new GetThirdPartyMedicalLedger(city, injuryCaseId, user.ToActor()), ct)), "third-party-medical"));
    }

    private static GetAdvancePaymentLedger AdvancePayments(string? city, string? standing, string? outstandingOnly, ClaimsPrincipal user) =>
        new(city, user.ToActor(), string.IsNullOrEmpty(standing) ? null : standing, outstandingOnly is null ? false : ApiInput.Flag(outstandingOnly, "outstandingOnly"));

    private static FileContentHttpResult Csv(CsvTable table, string name) =>
        TypedResults.File(SupervisionCsv.Write(table), "text/csv; charset=utf-8", $"ledger-{name}.csv");
}
