using Cases.Application.Parties;

namespace Cases.Web.Api;

public static class PartiesApi
{
    /// <summary>The register's items (第七条); all beyond the first five are optional, as an older register row has none of them.</summary>
    public sealed record RegisterEmployerRequest(string? CreditCode, string? Name, int? RiskClass, string? City, string? RegisteredOn)
    {
        public string? UnitType { get; init; }

        public string? EconomicType { get; init; }

        public string? Affiliation { get; init; }

        public string? RegistrationAuthority { get; init; }

        public string? EstablishedOn { get; init; }

        public string? Industry { get; init; }

        public string? Address { get; init; }

        public string? Phone { get; init; }

        public LegalRepresentativeRequest? LegalRepresentative { get; init; }

        public bool? LaborDispatch { get; init; }

        public string? DispatchRiskBasis { get; init; }

        public Cases.Domain.Parties.EmployerInput Details() => new()
        {
            UnitType = UnitType,
            EconomicType = EconomicType,
            Affiliation = Affiliation,
            RegistrationAuthority = RegistrationAuthority,
            EstablishedOn = EstablishedOn is null ? null : ApiInput.Date(EstablishedOn, "establishedOn"),
            Industry = Industry,
            Address = Address,
            Phone = Phone,
            LegalRepresentativeName = LegalRepresentative?.Name,
            LegalRepresentativeDocumentType = LegalRepresentative?.DocumentType,
            LegalRepresentativeDocumentNumber = LegalRepresentative?.DocumentNumber,
            LegalRepresentativePhone = LegalRepresentative?.Phone,
            LaborDispatch = LaborDispatch,
            DispatchRiskBasis = DispatchRiskBasis,
        };
    }

    /// <summary>法定代表人（负责人）: name, document type (resident-id, passport …), number, phone.</summary>
    public sealed record LegalRepresentativeRequest(string? Name, string? DocumentType, string? DocumentNumber, string? Phone);

    public sealed record RegisterWorkerRequest(string? IdNumber, string? Name, string? Phone, string? EmployerCreditCode, string? EmployedOn = null);

    public sealed record EndEmploymentRequest(string? EndedOn, string? Kind);

    public static void MapPartiesApi(this RouteGroupBuilder api)
    {
        // The registers hold personal data: the case staff only (规程 第一百四十条), never designers or auditors.
        var employers = api.MapGroup("/employers").WithTags("Employers").RequireAuthorization(Policies.CaseData);
        employers.MapPost("", async ([FromBody] RegisterEmployerRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        {
            var registeredOn = body.RegisteredOn is null ? (DateOnly?)null : ApiInput.Date(body.RegisteredOn, "registeredOn");
            var view = await mediator.Send(new RegisterEmployer(body.CreditCode, body.Name, body.RiskClass, body.City, registeredOn, user.ToActor(), body.Details()), ct);
            return TypedResults.Created($"/api/employers/{view.CreditCode}", view);
        }).RequireAuthorization(Policies.RegisterParties);
        // employers: the register of the caller's city by name prefix or credit code, keyset pages by name and code.
        employers.MapGet("", async (string? q, string? after, string? limit, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListEmployers(q, after, limit is null ? null : ApiInput.WholeNumber(limit, "limit"), user.ToActor()), ct)));
        employers.MapGet("/{creditCode}", async (string creditCode, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetEmployer(creditCode, user.ToActor()), ct)));
        employers.MapGet("/{creditCode}/workers", async (string creditCode, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListWorkers(creditCode, user.ToActor()), ct)));

        var workers = api.MapGroup("/workers").WithTags("Workers").RequireAuthorization(Policies.CaseData);
        workers.MapPost("", async ([FromBody] RegisterWorkerRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        {
            var employedOn = body.EmployedOn is null ? (DateOnly?)null : ApiInput.Date(body.EmployedOn, "employedOn");
            var view = await mediator.Send(new RegisterWorker(body.IdNumber, body.Name, body.Phone, body.EmployerCreditCode, user.ToActor(), employedOn), ct);
            return TypedResults.Created(default(string), view);
        }).RequireAuthorization(Policies.RegisterParties);
        // ?purpose=… (why the full number is needed) unmasks it for officers and reviewers; the view is recorded.
        workers.MapGet("/{idNumber}", async (string idNumber, string? purpose, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetWorker(idNumber, user.ToActor(), purpose), ct)));

        // People: the end of an insured period (中断（退休）登记, 第十一条), and the 「当事人」 search.
        workers.MapPost("/{idNumber}/employment/end", async (string idNumber, [FromBody] EndEmploymentRequest body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        {
            var endedOn = body.EndedOn is null ? (DateOnly?)null : ApiInput.Date(body.EndedOn, "endedOn");
            return TypedResults.Ok(await mediator.Send(new EndEmployment(idNumber, endedOn, body.Kind, user.ToActor()), ct));
        }).RequireAuthorization(Policies.RegisterParties);
        api.MapGroup("/parties").WithTags("Parties").RequireAuthorization(Policies.CaseData)
            .MapGet("", async (string? q, string? after, int? limit, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new SearchParties(q, after, limit, user.ToActor()), ct)));
    }
}
