using System.Text;

namespace Cases.Workflows.Common;

/// <summary>
/// The opaque cursor of a keyset-paged list: the last row's sort key as colon-separated parts, base64url. The first part
/// names what the cursor was made for, so a cursor of one list (or sort) handed to another is refused, not misread.
/// </summary>
public static class KeysetCursor
{
    public static string Encode(string text) => Convert.ToBase64String(Encoding.ASCII.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The parts of <paramref name="cursor"/>, checked to be <paramref name="count"/> and to start with <paramref name="kind"/>; a 400 on "after" otherwise.</summary>
    public static string[] Decode(string cursor, string kind, int count)
    {
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(padded)).Split(':');
            if (parts.Length == count && parts[0] == kind)
            {
                return parts;
            }
        }
        catch (FormatException)
        {
            // Not base64: refused below like any other stranger.
        }

        throw Refused(kind);
    }

    /// <summary>The cursor of a list sorted by an id alone (version 7 ids are time-ordered).</summary>
    public static string OfId(string kind, Guid id) => Encode(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{kind}:{id:N}"));

    /// <summary>The id of a cursor made by <see cref="OfId"/>; a 400 on "after" otherwise.</summary>
    public static Guid IdOf(string cursor, string kind) =>
        Guid.TryParseExact(Decode(cursor, kind, 2)[1], "N", out var id) ? id : throw Refused(kind);

    /// <summary>The cursor of a list sorted by an instant, then an id.</summary>
    public static string OfInstant(string kind, DateTimeOffset at, Guid id) =>
        Encode(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{kind}:{at.UtcTicks}:{id:N}"));

    /// <summary>The instant and id of a cursor made by <see cref="OfInstant"/>; a 400 on "after" otherwise.</summary>
    public static (DateTimeOffset At, Guid Id) InstantOf(string cursor, string kind)
    {
        var parts = Decode(cursor, kind, 3);
        return long.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks && Guid.TryParseExact(parts[2], "N", out var id)
            ? (new DateTimeOffset(ticks, TimeSpan.Zero), id)
            : throw Refused(kind);
    }

    /// <summary>The refusal of a cursor whose parts do not parse.</summary>
    public static DomainValidationException Refused(string kind) => new("after", $"after is not a cursor this list gave out (for {kind}).");
}
