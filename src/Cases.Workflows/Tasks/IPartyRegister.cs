namespace Cases.Workflows.Tasks;

/// <summary>
/// The host's registers of parties, as the tasks' party filter needs them: a case's party is recorded by number (an
/// identity number, a credit code), its name lives in the host's registers. The runtime keeps no parties of its own; a
/// host without registers (the dry run, the runtime's own tests) filters on the recorded label alone.
/// </summary>
public interface IPartyRegister
{
    /// <summary>
    /// The identity numbers and credit codes of the registered workers and employers whose name starts with
    /// <paramref name="namePrefix"/> and whom <paramref name="by"/> may see (规程 第一百四十条: their city), at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<string>> NumbersNamedAsync(string namePrefix, Actor by, int limit, CancellationToken ct);
}
