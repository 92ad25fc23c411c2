using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Cases.Workflows.Runtime;

/// <summary>
/// The hash chain of an instance's journal: each entry's hash is SHA-256 over its own content and the previous
/// entry's hash. Editing, deleting or reordering any entry breaks every hash after it.
/// </summary>
public static class JournalChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>
    /// Journal instants are kept to whole milliseconds: every provider stores that exactly (PostgreSQL keeps
    /// microseconds, SQL Server datetimeoffset 100 ns, SQLite ticks), so a hash computed before saving still
    /// matches after reading back.
    /// </summary>
    public static DateTimeOffset Normalize(DateTimeOffset at) =>
        new DateTimeOffset(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    public static string Hash(JournalEntry e)
    {
        var text = string.Join('\u001f',
            e.InstanceId.ToString("N"),
            e.Seq.ToString(CultureInfo.InvariantCulture),
            e.At.UtcTicks.ToString(CultureInfo.InvariantCulture),
            e.Actor,
            e.Action,
            e.FromState ?? "",
            e.ToState ?? "",
            e.DataJson,
            e.PrevHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Checks the chain in order; returns null when intact, else the first entry that does not verify and why.</summary>
    public static (int Seq, string Reason)? Verify(IReadOnlyList<JournalEntry> entries)
    {
        var previous = Genesis;
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (e.Seq != i + 1)
            {
                return (i + 1, $"entry {i + 1} is missing (found {e.Seq} in its place)");
            }

            if (!string.Equals(e.PrevHash, previous, StringComparison.Ordinal))
            {
                return (e.Seq, "its link to the previous entry does not match");
            }

            if (!string.Equals(Hash(e), e.Hash, StringComparison.Ordinal))
            {
                return (e.Seq, "its content does not match its hash");
            }

            previous = e.Hash;
        }

        return null;
    }
}
