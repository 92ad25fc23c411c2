using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cases.Application.Common;
using Cases.Workflows.Records;
using Microsoft.Extensions.Options;

namespace Cases.Web.Infrastructure;

/// <summary>
/// What a command's recorded answer is about: the record the route names, the records the answer names, or the caller's
/// own record. Declared on every endpoint that takes an Idempotency-Key (<see cref="Idempotency.Idempotent"/>), so that a
/// replay is answered only to a caller who may still see it.
/// </summary>
public sealed class ReplayAccess
{
    private readonly Func<HttpContext, IdempotencyRecord, IEnumerable<Guid>> _ids;

    private ReplayAccess(ReplayScope scope, Func<HttpContext, IdempotencyRecord, IEnumerable<Guid>> ids)
    {
        Scope = scope;
        _ids = ids;
    }

    public ReplayScope Scope { get; }

    /// <summary>The case whose id is the route's <c>{id}</c>.</summary>
    public static ReplayAccess CaseInRoute { get; } = new(ReplayScope.Case, (http, _) => [RouteId(http)]);

    /// <summary>The task whose id is the route's <c>{id}</c>.</summary>
    public static ReplayAccess TaskInRoute { get; } = new(ReplayScope.Task, (http, _) => [RouteId(http)]);

    /// <summary>The escalation whose id is the route's <c>{id}</c>.</summary>
    public static ReplayAccess EscalationInRoute { get; } = new(ReplayScope.Escalation, (http, _) => [RouteId(http)]);

    /// <summary>The case the answer names (<c>caseId</c>): a case the command opened.</summary>
    public static ReplayAccess CaseInAnswer { get; } = new(ReplayScope.Case, (_, record) => IdempotentCommands.IdsIn(record, "caseId"));

    /// <summary>The tasks the answer lists (<c>taskId</c> of each item).</summary>
    public static ReplayAccess TasksInAnswer { get; } = new(ReplayScope.Task, (_, record) => IdempotentCommands.IdsIn(record, "taskId"));

    /// <summary>The caller's own record: the key is theirs, nothing more to check.</summary>
    public static ReplayAccess Own { get; } = new(ReplayScope.Own, (_, _) => []);

    public IEnumerable<Guid> IdsOf(HttpContext http, IdempotencyRecord record) => _ids(http, record);

    private static Guid RouteId(HttpContext http) =>
        Guid.TryParse(http.GetRouteValue("id")?.ToString(), out var id) ? id : throw new InvalidOperationException("The route has no {id} to check a replay against.");
}

public static class Idempotency
{
    /// <summary>The endpoint takes an Idempotency-Key; a replay is answered only after <paramref name="access"/> is checked again.</summary>
    public static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder endpoint, ReplayAccess access) =>
        endpoint.WithMetadata(access).AddEndpointFilter<IdempotencyFilter>();
}

/// <summary>
/// Commands sent with an <c>Idempotency-Key</c> header run once (<see cref="IdempotentCommands"/>): the command and the
/// record of its answer commit in one transaction, and a repeat of the key (same user, same request) gets the first
/// answer back without running anything, once the caller's access to what it is about (the endpoint's
/// <see cref="ReplayAccess"/>) has been checked again. The same key with a different request is refused (422).
/// </summary>
public sealed class IdempotencyFilter(IdempotentCommands commands, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(Header, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
        {
            return await next(context);
        }

        var key = values.ToString().Trim();
        if (key.Length > 100)
        {
            throw new DomainValidationException(Header, new LocalizedText("Idempotency-Key 最多 100 个字符。", "Idempotency-Key must be at most 100 characters."));
        }

        var access = http.GetEndpoint()?.Metadata.GetMetadata<ReplayAccess>()
            ?? throw new InvalidOperationException("An endpoint that takes an Idempotency-Key declares what its replays are about: .Idempotent(ReplayAccess.…).");
        var options = json.Value.SerializerOptions;
        var outcome = await commands.RunOnceAsync(http.User.ToActor(), key, RequestHash(context, options), async () =>
        {
            var result = await next(context);
            return result is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } ok && result is IValueHttpResult value
                ? new CommandAnswer<object?>(result, ok.StatusCode, JsonSerializer.Serialize(value.Value, options))
                : new CommandAnswer<object?>(result);
        }, access.Scope, record => access.IdsOf(http, record), http.RequestAborted);

        switch (outcome)
        {
            case KeyedOutcome<object?>.Replayed replayed:
                http.Response.Headers["Idempotent-Replayed"] = "true";
                return TypedResults.Text(replayed.Record.ResponseJson, "application/json", Encoding.UTF8, replayed.Record.StatusCode);
            case KeyedOutcome<object?>.KeyReused reused:
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: new LocalizedText("幂等键已被使用", "Idempotency key reused").Current,
                    detail: new LocalizedText(
                        $"Idempotency-Key「{reused.Record.Key}」已用于另一个不同的请求，请换一个新的键。",
                        $"The Idempotency-Key '{reused.Record.Key}' was already used for a different request.").Current);
            default:
                return ((KeyedOutcome<object?>.Ran)outcome).Result;
        }
    }

    // The request as the endpoint saw it: route, route values and bound body, not the services it was given.
    private static string RequestHash(EndpointFilterInvocationContext context, JsonSerializerOptions options)
    {
        var request = context.HttpContext.Request;
        var bound = new JsonArray();
        foreach (var argument in context.Arguments)
        {
            if (argument is string or Guid or JsonNode || argument?.GetType().Namespace == typeof(IdempotencyFilter).Namespace!.Replace("Infrastructure", "Api", StringComparison.Ordinal))
            {
                bound.Add(JsonSerializer.SerializeToNode(argument, options));
            }
        }

        var text = $"{request.Method} {request.Path}\n{bound.ToJsonString()}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
