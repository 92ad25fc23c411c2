using System.Text.Json;
using Cases.Application.Common;
using Cases.Application.Persistence;
using Cases.Domain.Staff;
using Cases.Workflows.Records;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Infrastructure;

/// <summary>A command's answer, and whether (with which status and JSON) it is recorded for its key.</summary>
public sealed record CommandAnswer<T>(T Result, int? Status = null, string? Json = null)
{
    public bool Recorded => Status is not null && Json is not null;
}

/// <summary>What running a command under a key came to.</summary>
public abstract record KeyedOutcome<T>
{
    /// <summary>The command ran now: its answer.</summary>
    public sealed record Ran(T Result) : KeyedOutcome<T>;

    /// <summary>The key was used before for the same request: the first answer, nothing run again.</summary>
    public sealed record Replayed(IdempotencyRecord Record) : KeyedOutcome<T>;

    /// <summary>The key was used before for another request: nothing run.</summary>
    public sealed record KeyReused(IdempotencyRecord Record) : KeyedOutcome<T>;
}

/// <summary>What sending a command once under a key came to: its answer — now, or the first one — and which.</summary>
public sealed record SentOnce<T>(T Answer, SentOnceKind Kind);

public enum SentOnceKind
{
    /// <summary>The command ran now.</summary>
    Ran,

    /// <summary>The key was used before for the same command: the first answer, nothing run again.</summary>
    Replayed,

    /// <summary>The key was used before for another command: the first answer, nothing run.</summary>
    KeyReused,
}

/// <summary>
/// The one place where a command runs once per key (the API's <c>Idempotency-Key</c> through <see cref="IdempotencyFilter"/>,
/// a form's one-time key through <see cref="SendOnceAsync"/>): the command and the record of its answer commit in one
/// transaction; a repeat of the key by the same user gets the first answer back without running anything — after the
/// caller's access to what it is about has been checked again (<see cref="AuthorizeReplay"/>); the same key with another
/// request is told apart. A refusal that the rules journal (a late objection) keeps its journal entry.
/// </summary>
public sealed class IdempotentCommands(CasesDb db, IMediator mediator, TimeProvider clock)
{
    public async Task<KeyedOutcome<T>> RunOnceAsync<T>(
        Actor by, string key, string requestHash, Func<Task<CommandAnswer<T>>> command, ReplayScope scope, Func<IdempotencyRecord, IEnumerable<Guid>> about, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(command);
        if (await FindAsync(by.UserName, key, ct) is { } earlier)
        {
            return await ReplayAsync<T>(earlier, requestHash, by, scope, about, ct);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        CommandAnswer<T> answer;
        try
        {
            answer = await command();
        }
        catch (DomainRuleException)
        {
            await transaction.CommitAsync(ct);
            throw;
        }
        catch
        {
            // Nothing of a refused command stays, not even in this request's unit of work (a page may still read).
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            throw;
        }

        if (!answer.Recorded)
        {
            return new KeyedOutcome<T>.Ran(answer.Result);
        }

        db.IdempotencyRecords.Add(new IdempotencyRecord
        {
            UserName = by.UserName,
            Key = key,
            RequestHash = requestHash,
            StatusCode = answer.Status!.Value,
            ResponseJson = answer.Json!,
            CreatedAt = clock.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same key raced in from another request and committed first: this run is rolled back whole.
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            var first = await FindAsync(by.UserName, key, ct) ?? throw new InvalidOperationException("Idempotency record vanished.");
            return await ReplayAsync<T>(first, requestHash, by, scope, about, ct);
        }

        return new KeyedOutcome<T>.Ran(answer.Result);
    }

    /// <summary>
    /// Sends <paramref name="command"/> once under <paramref name="key"/> (a form's one-time key): the same command sent
    /// again with it — back and submit again, a double click — runs nothing and gets the first answer, once the caller's
    /// access to what it is about (<paramref name="about"/> of that answer) is checked again; another command under the
    /// same key gets the first answer marked as such.
    /// </summary>
    public async Task<SentOnce<T>> SendOnceAsync<T>(ICommand<T> command, Actor by, string key, ReplayScope scope, Func<T, IEnumerable<Guid>> about, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(about);
        var outcome = await RunOnceAsync(by, key, CommandHash(command), async () =>
        {
            var answer = await mediator.Send(command, ct);
            return new CommandAnswer<T>(answer, StatusCodes.Status200OK, JsonSerializer.Serialize(answer));
        }, scope, record => about(Recorded<T>(record)), ct);
        return outcome switch
        {
            KeyedOutcome<T>.Ran ran => new SentOnce<T>(ran.Result, SentOnceKind.Ran),
            KeyedOutcome<T>.Replayed replayed => new SentOnce<T>(Recorded<T>(replayed.Record), SentOnceKind.Replayed),
            KeyedOutcome<T>.KeyReused reused => new SentOnce<T>(Recorded<T>(reused.Record), SentOnceKind.KeyReused),
            _ => throw new InvalidOperationException($"Unknown outcome {outcome}."),
        };
    }

    /// <summary>The id a recorded answer names as <paramref name="property"/> (camelCase as the API writes it, or as it is named in C#).</summary>
    public static IEnumerable<Guid> IdsIn(IdempotencyRecord record, string property)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var json = JsonDocument.Parse(record.ResponseJson);
        var items = json.RootElement.ValueKind == JsonValueKind.Array ? json.RootElement.EnumerateArray().ToList() : [json.RootElement];
        var ids = new List<Guid>();
        foreach (var item in items)
        {
            var value = item.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, property, StringComparison.OrdinalIgnoreCase)).Value;
            ids.Add(value.ValueKind == JsonValueKind.String && value.TryGetGuid(out var id)
                ? id
                : throw new InvalidOperationException($"The recorded answer names no '{property}': its replay cannot be checked."));
        }

        return ids;
    }

    private async Task<KeyedOutcome<T>> ReplayAsync<T>(IdempotencyRecord record, string requestHash, Actor by, ReplayScope scope, Func<IdempotencyRecord, IEnumerable<Guid>> about, CancellationToken ct)
    {
        await mediator.Send(new AuthorizeReplay(scope, about(record).ToList(), by), ct);
        return string.Equals(record.RequestHash, requestHash, StringComparison.Ordinal)
            ? new KeyedOutcome<T>.Replayed(record)
            : new KeyedOutcome<T>.KeyReused(record);
    }

    private static T Recorded<T>(IdempotencyRecord record) =>
        JsonSerializer.Deserialize<T>(record.ResponseJson) ?? throw new InvalidOperationException($"The recorded answer of key '{record.Key}' is empty.");

    // The command as sent, without who sent it (the key is theirs already): the same form posted again hashes alike.
    private static string CommandHash(object command)
    {
        var json = JsonSerializer.SerializeToNode(command, command.GetType()) as System.Text.Json.Nodes.JsonObject ?? [];
        json.Remove("By");
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{command.GetType().FullName}\n{json.ToJsonString()}")));
    }

    private Task<IdempotencyRecord?> FindAsync(string user, string key, CancellationToken ct) =>
        db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.UserName == user && r.Key == key, ct);
}
