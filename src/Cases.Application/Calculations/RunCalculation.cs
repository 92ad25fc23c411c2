using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Cases.Application.Parameters;
using Cases.Domain.Calculations;

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

    public async ValueTask<CalculationResponse> Handle(RunCalculation query, CancellationToken cancellationToken)
    {
        if (CalculatorCatalog.Find(query.Name) is not { } calculator)
        {
            throw new NotFoundException(new LocalizedText(
                $"没有名为「{query.Name}」的计算器；可用的计算器见 GET /api/calculations。",
                $"There is no calculator '{query.Name}'; see GET /api/calculations."));
        }

        var source = await TableParameterSource.LoadAsync(db, cancellationToken);
        return Run(calculator, query.Body ?? [], source);
    }

    /// <summary>Runs a calculator by name on a body, for procedures' "calculate" action.</summary>
    public static CalculationResponse Calculate(string name, JsonObject body, IParameterSource parameters) =>
        CalculatorCatalog.Find(name) is { } calculator
            ? Run(calculator, body, parameters)
            : throw new DomainRuleException(new LocalizedText($"没有名为「{name}」的计算器。", $"There is no calculator '{name}'."));

    private static CalculationResponse Run(CalculatorDescriptor calculator, JsonObject body, IParameterSource parameters) =>
        Shape(calculator.Run(Bind(calculator.RequestType, AcceptCity(calculator.RequestType, body)), parameters));

    /// <summary>Splits a calculator's result record into its figures and its explanation.</summary>
    public static CalculationResponse Shape(object result)
    {
        var node = JsonSerializer.SerializeToNode(result, result.GetType(), Json)!.AsObject();
        var explanation = result.GetType().GetProperty("Explanation")?.GetValue(result) as Explanation;
        node.Remove("explanation");
        return new CalculationResponse(node, explanation?.Steps ?? []);
    }

    private static object Bind(Type request, JsonObject body)
    {
        try
        {
            return body.Deserialize(request, Json) ?? throw new DomainValidationException("body", new LocalizedText("请求内容为空，请填写计算所需的数据。", "The request body is empty."));
        }
        catch (JsonException e)
        {
            var missing = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? MissingMember(e.Message) : null;
            var field = missing ?? (string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.'));
            // The reader is told which field in plain words; the serializer's own sentence stays for the English reader.
            throw new DomainValidationException(field, new LocalizedText(
                missing is not null ? $"请填写「{field}」。"
                    : field == "body" ? "请求内容无法读取，请检查格式后重新提交。" : $"「{field}」的值无法读取，请检查它的值和类型。",
                e.Message));
        }
    }

    // "JSON deserialization for type 'X' was missing required properties including: 'arrears'." → "arrears"
    private static string? MissingMember(string message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, "'([A-Za-z0-9]+)'\\.?$");
        return match.Success ? match.Groups[1].Value : null;
    }

    // The API spells the insuring city "city" where a request record names it cityCode (as the parties' records do);
    // both are accepted, the record's name winning when a body has both.
    private static JsonObject AcceptCity(Type request, JsonObject body)
    {
        const string from = "city", to = "cityCode";
        if (request.GetProperty("CityCode") is not null && body.ContainsKey(from) && !body.ContainsKey(to))
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
