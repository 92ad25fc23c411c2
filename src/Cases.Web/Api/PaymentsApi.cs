using Cases.Application.Payments;

namespace Cases.Web.Api;

/// <summary>
/// Payments (规程 第九十四、九十六条): the orders the benefit procedures make, batches to the bank, the bank's results.
/// Who reads ledgers or works cases reads them; officers assemble, reviewers approve (the use cases refuse the others).
/// </summary>
public static class PaymentsApi
{
    public sealed record ReversalRequest(string? Reason);

    public sealed record CorrectionRequest(string? Account, string? Bank, string? AccountKind);

    public sealed record BatchRequest(string? City, IReadOnlyList<string>? OrderIds);

    public static void MapPaymentsApi(this RouteGroupBuilder api)
    {
        var payments = api.MapGroup("/payments").WithTags("Payments").RequireAuthorization(Policies.Ledgers);
        payments.MapGet("", async (string? city, string? injuryCaseId, string? status, string? after, string? limit, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListPayments(city, injuryCaseId, status, after, limit is null ? null : ApiInput.WholeNumber(limit, "limit"), user.ToActor()), ct)));
        // The 支付台账 page's list as CSV, with the page's filters (第九十六条).
        payments.MapGet("/export", async (string? city, string? status, string? benefit, string? month, string? person, ClaimsPrincipal user, IMediator mediator, WorkflowText text, CancellationToken ct) =>
        {
            static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
            var ledger = await mediator.Send(new GetPaymentLedger(Blank(city), Blank(status), Blank(benefit), Blank(month), Blank(person), null, null, user.ToActor()), ct);
            return TypedResults.File(Exports.SupervisionCsv.Write(Exports.PaymentCsv.Ledger(text, ledger)), "text/csv; charset=utf-8", "payments.csv");
        });
        payments.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetPayment(id, user.ToActor()), ct)));
        payments.MapPost("/{id:guid}/reversal", async (Guid id, [FromBody] ReversalRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        {
            var reversal = await mediator.Send(new ReversePayment(id, body.Reason, user.ToActor()), ct);
            return TypedResults.Created($"/api/payments/{reversal.Id}", reversal);
        });
        payments.MapPost("/{id:guid}/correction", async (Guid id, [FromBody] CorrectionRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        {
            var correction = await mediator.Send(new CorrectPayment(id, body.Account, body.Bank, body.AccountKind, user.ToActor()), ct);
            return TypedResults.Created($"/api/payments/{correction.Id}", correction);
        });

        payments.MapPost("/batches", async ([FromBody] BatchRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        {
            var ids = body.OrderIds?.Select((id, i) => Guid.TryParse(id, out var g) ? g : throw new DomainValidationException($"orderIds[{i}]",
                new LocalizedText("支付单号格式不正确。", "Not a payment order id."))).ToList();
            var batch = await mediator.Send(new AssemblePaymentBatch(body.City, ids, user.ToActor()), ct);
            return TypedResults.Created($"/api/payments/batches/{batch.Id}", batch);
        });
        payments.MapGet("/batches/{id:guid}", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetPaymentBatch(id, user.ToActor()), ct)));
        payments.MapPost("/batches/{id:guid}/approve", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ApprovePaymentBatch(id, user.ToActor()), ct)));
        payments.MapGet("/batches/{id:guid}/file", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        {
            var file = await mediator.Send(new GetBankFile(id, user.ToActor()), ct);
            return TypedResults.File(file.Content, file.ContentType, file.FileName);
        });

        // The bank's result file is the body itself (text/csv): orderId,result,amount,reason.
        payments.MapPost("/batches/{id:guid}/results", async (Guid id, HttpRequest request, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, ct);
            body.Position = 0;
            return TypedResults.Ok(await mediator.Send(new ImportBankResults(id, body, user.ToActor()), ct));
        }).WithMetadata(new UploadBodyLimitAttribute()).Accepts<Stream>("text/csv");
    }
}
