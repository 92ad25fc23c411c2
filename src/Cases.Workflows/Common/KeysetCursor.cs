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

    /// <summary>The refusal of a cursor whose parts do not parse.</summary>
    public static DomainValidationException Refused(string kind) => new("after", $"after is not a cursor this list gave out (for {kind}).");
}
