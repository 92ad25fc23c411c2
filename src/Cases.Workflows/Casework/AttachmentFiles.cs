using System.IO.Compression;
using System.Text;
using Cases.Domain;

namespace Cases.Workflows.Casework;

/// <summary>
/// The kinds of file a case accepts (第十五条's materials arrive as scans and electronic documents) and how each is
/// recognised from its first bytes, never from its name alone: PDF, JPEG, PNG and OFD (GB/T 33190, the format of
/// China's electronic invoices and official documents).
/// </summary>
public sealed record AttachmentType(string Name, string ContentType, IReadOnlyList<string> Extensions, byte[] Magic)
{
    public static readonly AttachmentType Pdf = new("PDF", "application/pdf", [".pdf"], "%PDF-"u8.ToArray());
    public static readonly AttachmentType Jpeg = new("JPEG", "image/jpeg", [".jpg", ".jpeg"], [0xFF, 0xD8, 0xFF]);
    public static readonly AttachmentType Png = new("PNG", "image/png", [".png"], [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);

    /// <summary>An OFD document is a ZIP package whose root holds OFD.xml (GB/T 33190-2016 §7).</summary>
    public static readonly AttachmentType Ofd = new("OFD", "application/ofd", [".ofd"], [0x50, 0x4B, 0x03, 0x04]);

    public static IReadOnlyList<AttachmentType> All { get; } = [Pdf, Jpeg, Png, Ofd];

    /// <summary>"PDF, JPEG, PNG or OFD (.pdf, .jpg, .jpeg, .png, .ofd)".</summary>
    public static string Described => $"PDF, JPEG, PNG or OFD ({string.Join(", ", All.SelectMany(t => t.Extensions))})";

    public static AttachmentType? ByExtension(string fileName) =>
        All.FirstOrDefault(t => t.Extensions.Contains(Path.GetExtension(fileName), StringComparer.OrdinalIgnoreCase));

    /// <summary>The file begins as this type must.</summary>
    public bool Opens(ReadOnlySpan<byte> head) => head.StartsWith(Magic);

    /// <summary>For OFD, the ZIP must really be an OFD package; only the ZIP's directory is read, nothing is unpacked.</summary>
    public bool IsWellFormed(Func<Stream> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        if (this != Ofd)
        {
            return true;
        }

        try
        {
            using var stream = open();
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
            return zip.Entries.Any(e => string.Equals(e.FullName, "OFD.xml", StringComparison.OrdinalIgnoreCase));
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}

/// <summary>
/// The name an uploaded file is shown and downloaded under. It is only ever a name: the bytes are stored under the
/// attachment's id, so a name cannot place a file; still, a name that is a path (or tries to climb out of one) is
/// refused rather than cut down, so that what the user sees is what they sent.
/// </summary>
public static class AttachmentFileName
{
    public const int MaxLength = 255;

    private static readonly System.Buffers.SearchValues<char> Forbidden = System.Buffers.SearchValues.Create("/\\:*?\"<>|");

    /// <summary>The checked name (trimmed, NFC) and its type; a bad one throws naming <paramref name="field"/>.</summary>
    public static (string Name, AttachmentType Type) Check(string? fileName, string field)
    {
        var name = fileName?.Trim().Normalize(NormalizationForm.FormC);
        if (string.IsNullOrEmpty(name))
        {
            throw new DomainValidationException(field, "The file name is required.");
        }

        if (name.Length > MaxLength)
        {
            throw new DomainValidationException(field, $"The file name may be at most {MaxLength} characters; it has {name.Length}.");
        }

        if (TextInput.ControlCharacter(name) is not null)
        {
            throw new DomainValidationException(field, "The file name contains a control character.");
        }

        if (name.IndexOfAny(Forbidden) >= 0 || name.Contains("..", StringComparison.Ordinal))
        {
            throw new DomainValidationException(field, "The file name must be a plain name, not a path: no / \\ : * ? \" < > | and no '..'.");
        }

        if (name.StartsWith('.') || Path.GetFileNameWithoutExtension(name).Trim().Length == 0)
        {
            throw new DomainValidationException(field, "The file name needs a name before its extension.");
        }

        var type = AttachmentType.ByExtension(name)
            ?? throw new DomainValidationException(field, $"Only {AttachmentType.Described} files are accepted; '{Shorten(name)}' is not one.");
        return (name, type);
    }

    private static string Shorten(string value) => value.Length > 60 ? value[..60] + "…" : value;
}
