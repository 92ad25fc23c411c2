using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Cases.Web.Infrastructure;

/// <summary>
/// Failed sign-ins per client address, whatever names they try: after <see cref="FreeFailures"/> failures an address
/// waits before its next attempt is looked at — 1 second after the next failure, twice as long after each further one, at
/// most <see cref="LongestWait"/>. An address is forgotten <see cref="ForgetAfter"/> after its last failure; a success
/// does not clear it (an attacker with an account of their own could otherwise clear it between guesses). IPv6 clients
/// are counted by their /64 network, which one host usually holds whole. Kept in each node's memory, like the attempt
/// limit per minute: with several nodes, an address gets that many failures on each.
/// </summary>
public sealed class SignInThrottle(int freeFailures, TimeProvider clock)
{
    /// <summary>Failures an address has before it waits, when <c>Security:SignInFailuresPerAddress</c> is not set.</summary>
    public const int DefaultFreeFailures = 20;

    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(15);

    public static readonly TimeSpan ForgetAfter = TimeSpan.FromMinutes(30);

    // Enough for every address of a busy agency; more is an attack on memory, answered by forgetting the oldest.
    private const int MaxAddresses = 100_000;

    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset Last, DateTimeOffset WaitUntil)> _addresses = new(StringComparer.Ordinal);

    public int FreeFailures { get; } = freeFailures >= 0 ? freeFailures : throw new ArgumentOutOfRangeException(nameof(freeFailures));

    /// <summary>How long <paramref name="address"/> must still wait before its next attempt is looked at, or null.</summary>
    public TimeSpan? WaitFor(IPAddress? address)
    {
        var now = clock.GetUtcNow();
        return _addresses.TryGetValue(Key(address), out var state) && state.WaitUntil > now ? state.WaitUntil - now : null;
    }

    /// <summary>Counts a failed attempt of <paramref name="address"/>.</summary>
    public void Failed(IPAddress? address)
    {
        var now = clock.GetUtcNow();
        if (_addresses.Count >= MaxAddresses)
        {
            Prune(now);
        }

        _addresses.AddOrUpdate(Key(address), _ => Next(0, now), (_, state) => Next(now - state.Last > ForgetAfter ? 0 : state.Failures, now));
    }

    private (int, DateTimeOffset, DateTimeOffset) Next(int failures, DateTimeOffset now)
    {
        var count = failures + 1;
        var over = count - FreeFailures;
        var wait = over <= 0 ? TimeSpan.Zero : over > 20 ? LongestWait : TimeSpan.FromSeconds(Math.Min(LongestWait.TotalSeconds, Math.Pow(2, over - 1)));
        return (count, now, now + wait);
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, state) in _addresses)
        {
            if (now - state.Last > ForgetAfter)
            {
                _addresses.TryRemove(key, out _);
            }
        }

        if (_addresses.Count >= MaxAddresses)
        {
            foreach (var key in _addresses.OrderBy(a => a.Value.Last).Take(MaxAddresses / 2).Select(a => a.Key).ToList())
            {
                _addresses.TryRemove(key, out _);
            }
        }
    }

    private static string Key(IPAddress? address)
    {
        if (address is null)
        {
            return "";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
