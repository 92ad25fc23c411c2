using Microsoft.AspNetCore.Http.HttpResults;
using Cases.Application.Benefits.Payroll;

namespace Cases.Web.Api;

/// <summary>
/// The monthly payroll of periodic benefits (规程 第九十六条): officers compute a city's month, supervisors approve it
/// (第一百一十九条), everyone who reads the payment ledger reads the runs and their lines.
/// </summary>
public static class PayrollApi
{
    public sealed record RunRequest(string? City, string? Month);

    public static void MapPayrollApi(this RouteGroupBuilder api)
    {
        var runs = api.MapGroup("/payroll/runs").WithTags("Payroll").RequireAuthorization(Policies.Ledgers);
        // A month is computed once: 201 with the new run, or 200 with the run computed before (nothing changes).
        runs.MapPost("", async Task<Results<Created<PayrollRunView>, Ok<PayrollRunView>>> ([FromBody] RunRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        {
            var outcome = await mediator.Send(new RunPayroll(body.City, body.Month, user.ToActor()), ct);
            return outcome.Created ? TypedResults.Created($"/api/payroll/runs/{outcome.Run.Id}", outcome.Run) : TypedResults.Ok(outcome.Run);
        }).RequireAuthorization(Policies.RunPayroll);
        runs.MapGet("", async (string? city, string? after, string? limit, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListPayrollRuns(city, after, limit is null ? null : ApiInput.WholeNumber(limit, "limit"), user.ToActor()), ct)));
        runs.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetPayrollRun(id, user.ToActor()), ct)));
        runs.MapGet("/{id:guid}/lines", async (Guid id, string? changed, string? after, string? limit, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListPayrollLines(id, changed is not null && ApiInput.Flag(changed, "changed"), after, limit is null ? null : ApiInput.WholeNumber(limit, "limit"), user.ToActor()), ct)));
        runs.MapGet("/{id:guid}/dropped", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListPayrollDropped(id, user.ToActor()), ct)));
        runs.MapPost("/{id:guid}/approve", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ApprovePayrollRun(id, user.ToActor()), ct))).RequireAuthorization(Policies.ApprovePayroll);
    }
}
