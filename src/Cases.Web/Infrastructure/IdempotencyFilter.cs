using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cases.Domain;
using Cases.Workflows.Persistence;
using Cases.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cases.Web.Infrastructure;

/// <summary>
/// Commands sent with an <c>Idempotency-Key</c> header run once: the command and the record of its answer commit in
/// one transaction, and a repeat of the key (same user, same request) gets the first answer back without running
/// anything. The same key with a different request is refused (422).
/// </summary>
public sealed class IdempotencyFilter(CasesDb db, TimeProvider clock, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IEndpointFilter
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
            throw new DomainValidationException(Header, "Idempotency-Key must be at most 100 characters.");
        }

        var user = http.User.Identity?.Name ?? "";
        var hash = RequestHash(context, json.Value.SerializerOptions);
        if (await FindAsync(user, key) is { } earlier)
        {
            return Replay(earlier, hash, http);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(http.RequestAborted);
        object? result;
        try
        {
            result = await next(context);
        }
        catch (DomainRuleException)
        {
            // A refusal the rules journal (e.g. a late objection) keeps its journal entry; nothing else was written.
            await transaction.CommitAsync(http.RequestAborted);
            throw;
        }

        if (result is not IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } ok || result is not IValueHttpResult value)
        {
            return result;
        }

        db.IdempotencyRecords.Add(new IdempotencyRecord
        {
            UserName = user,
            Key = key,
            RequestHash = hash,
            StatusCode = ok.StatusCode!.Value,
            ResponseJson = JsonSerializer.Serialize(value.Value, json.Value.SerializerOptions),
            CreatedAt = clock.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(http.RequestAborted);
            await transaction.CommitAsync(http.RequestAborted);
        }
        catch (DbUpdateException)
        {
            // The same key raced in from another request and committed first: this run is rolled back whole.
            await transaction.RollbackAsync(http.RequestAborted);
            db.ChangeTracker.Clear();
            var first = await FindAsync(user, key) ?? throw new InvalidOperationException("Idempotency record vanished.");
            return Replay(first, hash, http);
        }

        return result;
    }

    private Task<IdempotencyRecord?> FindAsync(string user, string key) =>
        db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.UserName == user && r.Key == key);

    private static IResult Replay(IdempotencyRecord record, string hash, HttpContext http)
    {
        if (!string.Equals(record.RequestHash, hash, StringComparison.Ordinal))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency key reused",
                detail: $"The Idempotency-Key '{record.Key}' was already used for a different request.");
        }

        http.Response.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Text(record.ResponseJson, "application/json", Encoding.UTF8, record.StatusCode);
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
