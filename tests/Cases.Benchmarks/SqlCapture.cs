using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Cases.Benchmarks;

/// <summary>
/// Catches the SQL that EF Core sends while a piece of work runs (through EF's DiagnosticSource events, so the product
/// needs no hook), so the benchmark can show the database's plan for exactly the query the product ran.
/// </summary>
public sealed class SqlCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private static readonly AsyncLocal<List<CapturedCommand>?> Current = new();
    private readonly IDisposable _subscription;
    private readonly List<IDisposable> _listeners = [];

    public SqlCapture() => _subscription = DiagnosticListener.AllListeners.Subscribe(this);

    /// <summary>Runs <paramref name="work"/> and returns the commands it sent.</summary>
    public static Task<IReadOnlyList<CapturedCommand>> DuringAsync<T>(Func<Task<T>> work) => DuringAsync(async () => { await work(); });

    public static async Task<IReadOnlyList<CapturedCommand>> DuringAsync(Func<Task> work)
    {
        using var capture = new SqlCapture();
        var commands = new List<CapturedCommand>();
        Current.Value = commands;
        try
        {
            await work();
        }
        finally
        {
            Current.Value = null;
        }

        return commands;
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (_listeners)
            {
                _listeners.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data && Current.Value is { } list)
        {
            lock (list)
            {
                list.Add(new CapturedCommand(data.Command.CommandText, data.Command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList()));
            }
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _subscription.Dispose();
        lock (_listeners)
        {
            _listeners.ForEach(l => l.Dispose());
        }
    }
}

public sealed record CapturedCommand(string Text, IReadOnlyList<(string Name, object? Value)> Parameters)
{
    /// <summary>EXPLAIN of this command on <paramref name="database"/>, with the same parameter values.</summary>
    public async Task<string> ExplainAsync(BenchDatabase database)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = (database.Sql.IsPostgres ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN QUERY PLAN ") + Text;
        foreach (var (name, value) in Parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }

        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetValue(reader.FieldCount - 1)?.ToString() ?? "");
        }

        return string.Join('\n', lines);
    }
}
