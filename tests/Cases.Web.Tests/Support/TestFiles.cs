using System.IO.Compression;
using System.Text;

namespace Cases.Web.Tests.Support;

/// <summary>Small real files of each accepted type, and impostors, for the attachment tests.</summary>
public static class TestFiles
{
    /// <summary>A one-page PDF (its header is what the check reads; the rest is a well-formed minimal document).</summary>
    public static byte[] Pdf { get; } = Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
        "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    public static byte[] Png { get; } = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    public static byte[] Jpeg { get; } = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9];

    /// <summary>An OFD package: a ZIP whose root holds OFD.xml.</summary>
    public static byte[] Ofd { get; } = Zip(("OFD.xml", "<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\" Version=\"1.0\"/>"), ("Doc_0/Document.xml", "<ofd:Document/>"));

    /// <summary>
    /// A zip bomb named OFD: a real OFD.xml and 300 MB of zeros that deflate to about 300 KB, the package the penetration
    /// test slipped through. Built once (deflating 300 MB takes a moment) and shared.
    /// </summary>
    public static byte[] OfdBomb => Bomb.Value;

    private static readonly Lazy<byte[]> Bomb = new(() =>
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("OFD.xml").Open(), Encoding.UTF8))
            {
                writer.Write("<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\" Version=\"1.0\"/>");
            }

            using var content = zip.CreateEntry("Doc_0/Pages/Page_0/Content.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 300; i++)
            {
                content.Write(zeros);
            }
        }

        return stream.ToArray();
    });

    /// <summary>An OFD package of <paramref name="count"/> entries (OFD.xml and empty pages).</summary>
    public static byte[] OfdOfEntries(int count) =>
        Zip([("OFD.xml", "<ofd:OFD/>"), .. Enumerable.Range(1, count - 1).Select(i => ($"Doc_0/Pages/Page_{i}/Content.xml", ""))]);

    /// <summary>A ZIP that is not an OFD package (a Word document, say) named .ofd.</summary>
    public static byte[] PlainZip { get; } = Zip(("word/document.xml", "<w:document/>"));

    /// <summary>An HTML page with script, the classic content a .pdf name must not smuggle in.</summary>
    public static byte[] Html { get; } = Encoding.UTF8.GetBytes("<html><script>alert('x')</script></html>");

    /// <summary>A Windows executable's header.</summary>
    public static byte[] Executable { get; } = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00];

    /// <summary>A PDF of exactly <paramref name="size"/> bytes.</summary>
    public static byte[] PdfOfSize(int size)
    {
        var bytes = new byte[size];
        Pdf.AsSpan(0, Math.Min(Pdf.Length, size)).CopyTo(bytes);
        return bytes;
    }

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), Encoding.UTF8);
                writer.Write(text);
            }
        }

        return stream.ToArray();
    }
}
