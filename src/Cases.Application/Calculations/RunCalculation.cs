using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Cases.Application.Parameters;
using Cases.Application.Persistence;
using Cases.Domain;
using Cases.Domain.Calculations;
using Mediator;

namespace Cases.Application.Calculations;

/// <summary>
/// An officer runs one of the regulation's calculators (outside a case or inside one): the request's own figures
/// win, the parameter table supplies the rest, and a figure neither has is refused naming it (never guessed).
/// </summary>
public sealed record RunCalculation(string Name, JsonObject? Body) : IQuery<CalculationResponse>;

/// <summary>{"result": {...}, "explanation": [{"step","formula","values","value","basis"}]}</summary>
public sealed record CalculationResponse(JsonObject Result, IReadOnlyList<ExplanationStep> Explanation);

public sealed class RunCalculationHandler(CasesDb db) : IQueryHandler<RunCalculation, CalculationResponse>
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // name → (request type, calculate). The API's names are the issue's; where the domain record spells a field
    // differently (cityCode), the API's spelling (city) is accepted too.
    private static readonly Dictionary<string, Func<JsonObject, IParameterSource, object>> Calculators = new(StringComparer.Ordinal)
    {
        [LateFeeCalculator.Name] = (b, _) => LateFeeCalculator.Calculate(Bind<LateFeeRequest>(b)),
        [ContributionBaseCalculator.Name] = (b, p) => ContributionBaseCalculator.Calculate(Bind<ContributionBaseRequest>(b), p),
        [ProjectPremiumCalculator.Name] = (b, _) => ProjectPremiumCalculator.Calculate(Bind<ProjectPremiumRequest>(b)),
        [DisabilityBenefitCalculator.Name] = (b, p) => DisabilityBenefitCalculator.Calculate(Bind<DisabilityBenefitRequest>(Alias(b, "city", "cityCode")), p),
        [TerminationLumpSumCalculator.Name] = (b, p) => TerminationLumpSumCalculator.Calculate(Bind<TerminationLumpSumRequest>(b), p),
        [NursingCareCalculator.Name] = (b, p) => NursingCareCalculator.Calculate(Bind<NursingCareRequest>(b), p),
        [DependantsPensionCalculator.Name] = (b, _) => DependantsPensionCalculator.Calculate(Bind<DependantsPensionRequest>(b)),
        [DeathBenefitCalculator.Name] = (b, p) => DeathBenefitCalculator.Calculate(Bind<DeathBenefitRequest>(b), p),
        [HospitalMealCalculator.Name] = (b, p) => HospitalMealCalculator.Calculate(Bind<HospitalMealRequest>(Alias(b, "city", "cityCode")), p),
        [ThirdPartyTopUpCalculator.Name] = (b, _) => ThirdPartyTopUpCalculator.Calculate(Bind<ThirdPartyTopUpRequest>(b)),
        [OverseasMedicalCalculator.Name] = (b, _) => OverseasMedicalCalculator.Calculate(Bind<OverseasMedicalRequest>(b)),
        [RateDifferenceCalculator.Name] = (b, _) => RateDifferenceCalculator.Calculate(Bind<RateDifferenceRequest>(b)),
    };

    public static IReadOnlyCollection<string> Names => Calculators.Keys;

    public async ValueTask<CalculationResponse> Handle(RunCalculation query, CancellationToken cancellationToken)
    {
        if (!Calculators.TryGetValue(query.Name, out var calculate))
        {
            throw new NotFoundException($"There is no calculator '{query.Name}'; see GET /api/calculations.");
        }

        var source = await TableParameterSource.LoadAsync(db, cancellationToken);
        return Shape(calculate(query.Body ?? [], source));
    }

    /// <summary>Runs a calculator by name on a body, for procedures' "calculate" action.</summary>
    public static CalculationResponse Calculate(string name, JsonObject body, IParameterSource parameters) =>
        Calculators.TryGetValue(name, out var calculate)
            ? Shape(calculate(body, parameters))
            : throw new DomainRuleException($"There is no calculator '{name}'.");

    /// <summary>Splits a calculator's result record into its figures and its explanation.</summary>
    public static CalculationResponse Shape(object result)
    {
        var node = JsonSerializer.SerializeToNode(result, result.GetType(), Json)!.AsObject();
        var explanation = result.GetType().GetProperty("Explanation")?.GetValue(result) as Explanation;
        node.Remove("explanation");
        return new CalculationResponse(node, explanation?.Steps ?? []);
    }

    private static T Bind<T>(JsonObject body)
    {
        try
        {
            return body.Deserialize<T>(Json) ?? throw new DomainValidationException("body", "The request body is empty.");
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? MissingMember(e.Message) ?? "body" : e.Path.TrimStart('$', '.');
            throw new DomainValidationException(field, e.Message);
        }
    }

    // "JSON deserialization for type 'X' was missing required properties including: 'arrears'." → "arrears"
    private static string? MissingMember(string message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, "'([A-Za-z0-9]+)'\\.?$");
        return match.Success ? match.Groups[1].Value : null;
    }

    private static JsonObject Alias(JsonObject body, string from, string to)
    {
        if (body.ContainsKey(from) && !body.ContainsKey(to))
        {
            var copy = (JsonObject)body.DeepClone();
            var value = copy[from];
            copy.Remove(from);
            copy[to] = value;
            return copy;
        }

        return body;
    }
}
