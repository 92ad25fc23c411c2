using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Cases.Application.Casework;

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

    /// <summary>An OFD document is a ZIP package whose root holds OFD.xml (GB/T 33190-2016, clause 7).</summary>
    public static readonly AttachmentType Ofd = new("OFD", "application/ofd", [".ofd"], [0x50, 0x4B, 0x03, 0x04]);

    public static IReadOnlyList<AttachmentType> All { get; } = [Pdf, Jpeg, Png, Ofd];

    /// <summary>"PDF, JPEG, PNG or OFD (.pdf, .jpg, .jpeg, .png, .ofd)".</summary>
    public static string Described => $"PDF, JPEG, PNG or OFD ({string.Join(", ", All.SelectMany(t => t.Extensions))})";

    /// <summary>The accepted types as a Chinese sentence names them.</summary>
    public static string DescribedZh => $"PDF、JPEG、PNG 或 OFD（{string.Join("、", All.SelectMany(t => t.Extensions))}）";

    public static AttachmentType? ByExtension(string fileName) =>
        All.FirstOrDefault(t => t.Extensions.Contains(Path.GetExtension(fileName), StringComparer.OrdinalIgnoreCase));

    /// <summary>The file begins as this type must.</summary>
    public bool Opens(ReadOnlySpan<byte> head) => head.StartsWith(Magic);

    /// <summary>
    /// For OFD, the ZIP must really be an OFD package and unpack to at most <paramref name="maxUnpackedBytes"/> in at most
    /// <see cref="OfdPackage.MaxEntries"/> entries (<see cref="OfdPackage.Check"/>: a refusal names <c>file</c>). Only the
    /// ZIP's directory is read and each entry inflated in memory to be counted: nothing is unpacked to disk.
    /// </summary>
    public bool IsWellFormed(Func<Stream> open, long maxUnpackedBytes)
    {
        ArgumentNullException.ThrowIfNull(open);
        if (this != Ofd)
        {
            return true;
        }

        try
        {
            using (var stream = open())
            {
                OfdPackage.Check(stream, maxUnpackedBytes);
            }

            using var again = open();
            using var zip = new ZipArchive(again, ZipArchiveMode.Read);
            return zip.Entries.Any(e => string.Equals(e.FullName, "OFD.xml", StringComparison.OrdinalIgnoreCase));
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}

/// <summary>
/// The bounds of an OFD package (a ZIP) checked before it is kept, so that a small upload cannot unpack to gigabytes in
/// a reader's hands (a "zip bomb": 306 KB of zeros deflate to 300 MB). The ZIP's own directory is parsed for every entry's
/// declared size, and each entry's compressed bytes are inflated in memory and counted, so that an entry that declares
/// less than it holds is caught too (.NET's ZipArchive stops at the declared size, other readers do not).
/// </summary>
public static class OfdPackage
{
    /// <summary>
    /// The most entries a package may have: an electronic invoice has about a dozen (OFD.xml, Document.xml, PublicRes,
    /// DocumentRes, one Content.xml per page, signatures, seals, fonts); a scanned document of 300 pages two or three per
    /// page. A thousand is far above any genuine package and keeps the directory a few hundred KB at most.
    /// </summary>
    public const int MaxEntries = 1000;

    /// <summary>
    /// How many times the largest attachment a package may unpack to: XML deflates 5–10 times, the images and fonts that
    /// make up a large OFD hardly at all, so a genuine package at the size limit stays below ten times it (100 MiB with the
    /// default 10 MiB limit), while counting that much costs well under a second of one core and no disk.
    /// </summary>
    public const int UnpackedFactor = 10;

    /// <summary>The <see cref="DomainValidationException.Reason"/> of a package past these bounds.</summary>
    public const string TooLargeReason = "ofd-unpacked-size";

    private const uint EndOfDirectory = 0x06054b50;
    private const uint DirectoryEntry = 0x02014b50;
    private const uint LocalHeader = 0x04034b50;

    /// <summary>
    /// Throws a <see cref="DomainValidationException"/> naming <c>file</c> when the package has more than
    /// <see cref="MaxEntries"/> entries, declares or unpacks to more than <paramref name="maxUnpackedBytes"/> in all, or has
    /// an entry that unpacks to other than it declares; <see cref="InvalidDataException"/> when it is no readable ZIP.
    /// </summary>
    public static void Check(Stream zip, long maxUnpackedBytes)
    {
        ArgumentNullException.ThrowIfNull(zip);
        var entries = Directory(zip);
        long declared = 0;
        foreach (var entry in entries)
        {
            declared += entry.Size;
            if (declared > maxUnpackedBytes)
            {
                throw TooLarge(new LocalizedText($"其中文件声明的解压后大小超过 {Bytes(maxUnpackedBytes)}", $"its entries declare more than {Bytes(maxUnpackedBytes)} unpacked"), maxUnpackedBytes);
            }
        }

        long unpacked = 0;
        var buffer = new byte[81920];
        foreach (var entry in entries)
        {
            using var content = Content(zip, entry);
            long size = 0;
            int read;
            while ((read = content.Read(buffer)) > 0)
            {
                size += read;
                unpacked += read;
                if (size > entry.Size)
                {
                    throw TooLarge(new LocalizedText(
                        string.Create(CultureInfo.InvariantCulture, $"其中一个文件声明为 {entry.Size:N0} 字节，解压后却更大"),
                        string.Create(CultureInfo.InvariantCulture, $"an entry declares {entry.Size:N0} bytes but unpacks to more")), maxUnpackedBytes);
                }

                if (unpacked > maxUnpackedBytes)
                {
                    throw TooLarge(new LocalizedText($"解压后超过 {Bytes(maxUnpackedBytes)}", $"it unpacks to more than {Bytes(maxUnpackedBytes)}"), maxUnpackedBytes);
                }
            }

            if (size != entry.Size)
            {
                throw new InvalidDataException("An entry unpacks to less than it declares.");
            }
        }
    }

    private static DomainValidationException TooLarge(LocalizedText why, long max) => Refused(new LocalizedText(
        $"OFD 文件不予接收：{why.Zh}；一个文件解压后最多 {Bytes(max)}（附件上限的 {UnpackedFactor} 倍）。",
        $"The OFD package is refused: {why.En}; a package may unpack to at most {Bytes(max)} ({UnpackedFactor} times the largest attachment)."));

    private static DomainValidationException Refused(LocalizedText message) => new("file", message) { Reason = TooLargeReason };

    private static string Bytes(long bytes) => bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024):N0} MiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes");

    private sealed record Entry(ushort Method, ushort Flags, long Compressed, long Size, long Offset);

    // The central directory as the end record points to it (APPNOTE 4.3.12, 4.3.16). ZIP64 is refused: an attachment
    // is a few MiB, far below the 4 GiB that needs it, so a ZIP64 record in one is a trick, not a need.
    private static List<Entry> Directory(Stream zip)
    {
        var tailLength = (int)Math.Min(zip.Length, 22 + ushort.MaxValue);
        var tail = new byte[tailLength];
        zip.Seek(-tailLength, SeekOrigin.End);
        zip.ReadExactly(tail);
        var end = -1;
        for (var i = tailLength - 22; i >= 0; i--)
        {
            if (U32(tail, i) == EndOfDirectory)
            {
                end = i;
                break;
            }
        }

        if (end < 0)
        {
            throw new InvalidDataException("No end of central directory.");
        }

        var count = U16(tail, end + 10);
        var size = U32(tail, end + 12);
        var offset = U32(tail, end + 16);
        if (count == ushort.MaxValue || size == uint.MaxValue || offset == uint.MaxValue)
        {
            throw new InvalidDataException("ZIP64 is not accepted in an attachment.");
        }

        if (count > MaxEntries)
        {
            throw Refused(new LocalizedText(
                string.Create(CultureInfo.InvariantCulture, $"OFD 文件不予接收：其中有 {count:N0} 个文件，一个文件包最多 {MaxEntries:N0} 个。"),
                string.Create(CultureInfo.InvariantCulture, $"The OFD package is refused: it has {count:N0} entries; a package may have at most {MaxEntries:N0}.")));
        }

        if ((long)offset + size > zip.Length)
        {
            throw new InvalidDataException("The central directory lies outside the file.");
        }

        var directory = new byte[size];
        zip.Seek(offset, SeekOrigin.Begin);
        zip.ReadExactly(directory);
        var entries = new List<Entry>(count);
        var at = 0;
        for (var n = 0; n < count; n++)
        {
            if (at + 46 > directory.Length || U32(directory, at) != DirectoryEntry)
            {
                throw new InvalidDataException("A central directory entry is malformed.");
            }

            var compressed = U32(directory, at + 20);
            var unpacked = U32(directory, at + 24);
            var local = U32(directory, at + 42);
            if (compressed == uint.MaxValue || unpacked == uint.MaxValue || local == uint.MaxValue)
            {
                throw new InvalidDataException("ZIP64 is not accepted in an attachment.");
            }

            entries.Add(new Entry(U16(directory, at + 10), U16(directory, at + 8), compressed, unpacked, local));
            at += 46 + U16(directory, at + 28) + U16(directory, at + 30) + U16(directory, at + 32);
        }

        return entries;
    }

    // An entry's bytes as they unpack: stored as they are, deflated through an in-memory inflater; nothing else is an OFD's.
    private static Stream Content(Stream zip, Entry entry)
    {
        if ((entry.Flags & 1) != 0)
        {
            throw new InvalidDataException("An encrypted entry cannot be checked.");
        }

        var header = new byte[30];
        zip.Seek(entry.Offset, SeekOrigin.Begin);
        zip.ReadExactly(header);
        if (U32(header, 0) != LocalHeader)
        {
            throw new InvalidDataException("A local header is malformed.");
        }

        var start = entry.Offset + 30 + U16(header, 26) + U16(header, 28);
        if (start + entry.Compressed > zip.Length)
        {
            throw new InvalidDataException("An entry's data lies outside the file.");
        }

        var window = new Window(zip, start, entry.Compressed);
        return entry.Method switch
        {
            0 => window,
            8 => new DeflateStream(window, CompressionMode.Decompress),
            _ => throw new InvalidDataException($"Compression method {entry.Method} is not one an OFD package uses."),
        };
    }

    private static ushort U16(byte[] b, int i) => System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(i));

    private static uint U32(byte[] b, int i) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(i));

    /// <summary>A read-only, forward-only view of <c>length</c> bytes of a seekable stream from <c>start</c>.</summary>
    private sealed class Window(Stream inner, long start, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var left = length - _position;
            if (left <= 0)
            {
                return 0;
            }

            inner.Seek(start + _position, SeekOrigin.Begin);
            var read = inner.Read(buffer[..(int)Math.Min(buffer.Length, left)]);
            _position += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
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
            throw new DomainValidationException(field, new LocalizedText("请填写文件名。", "The file name is required."));
        }

        if (name.Length > MaxLength)
        {
            throw new DomainValidationException(field, new LocalizedText($"文件名最多 {MaxLength} 个字符，当前有 {name.Length} 个。", $"The file name may be at most {MaxLength} characters; it has {name.Length}."));
        }

        if (TextInput.ControlCharacter(name) is not null)
        {
            throw new DomainValidationException(field, new LocalizedText("文件名中含有控制字符，请重命名文件。", "The file name contains a control character."));
        }

        if (FormatCharacter(name) is { } format)
        {
            throw new DomainValidationException(field, new LocalizedText(
                string.Create(CultureInfo.InvariantCulture,
                    $"文件名中含有不可见的格式字符 U+{format:X4}：这类字符（从右到左覆盖 U+202E、零宽空格、连接符、标记）会让文件名看起来是另一个名字，例如 'photo'、U+202E、'gpj.exe' 会显示为 'photoexe.jpg'。请重命名文件。"),
                string.Create(CultureInfo.InvariantCulture,
                    $"The file name contains the invisible format character U+{format:X4}: such characters (a right-to-left override U+202E, zero-width spaces, joiners, marks) make a name read as something it is not, e.g. 'photo', U+202E, 'gpj.exe' shows as 'photoexe.jpg'. Rename the file.")));
        }

        if (name.IndexOfAny(Forbidden) >= 0 || name.Contains("..", StringComparison.Ordinal))
        {
            throw new DomainValidationException(field, new LocalizedText(
                "文件名只能是名字本身，不能是路径：不能含有 / \\ : * ? \" < > |，也不能含有 '..'。",
                "The file name must be a plain name, not a path: no / \\ : * ? \" < > | and no '..'."));
        }

        if (name.StartsWith('.') || Path.GetFileNameWithoutExtension(name).Trim().Length == 0)
        {
            throw new DomainValidationException(field, new LocalizedText("文件名在扩展名之前须有名称。", "The file name needs a name before its extension."));
        }

        var type = AttachmentType.ByExtension(name)
            ?? throw new DomainValidationException(field, new LocalizedText(
                $"只接收 {AttachmentType.DescribedZh} 文件；「{Shorten(name)}」不是其中之一。",
                $"Only {AttachmentType.Described} files are accepted; '{Shorten(name)}' is not one."));
        return (name, type);
    }

    /// <summary>
    /// The first Unicode format character (category Cf: bidirectional overrides and isolates, zero-width spaces and
    /// joiners, the byte-order mark, soft hyphens, tags) of <paramref name="name"/>, as its code point; null when none.
    /// </summary>
    public static int? FormatCharacter(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var rune in name.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format)
            {
                return rune.Value;
            }
        }

        return null;
    }

    private static string Shorten(string value) => value.Length > 60 ? value[..60] + "…" : value;
}
