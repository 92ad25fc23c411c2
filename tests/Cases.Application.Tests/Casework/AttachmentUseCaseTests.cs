using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cases.Application.Casework;
using Cases.Application.Persistence;
using Cases.Domain;
using Cases.Domain.Staff;
using Cases.Testing;
using Cases.Workflows.Persistence;
using Cases.Workflows.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Cases.Application.Tests.Casework;

/// <summary>The attachment store and the upload use case on their own: staging, atomic commit, limits, names, types, and a failed row write.</summary>
public sealed class AttachmentUseCaseTests : IDisposable
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n%%EOF\n");
    private static readonly Actor Officer = new("officer.jinan", "370100", new HashSet<string> { Roles.Officer });

    private readonly string _root = Path.Combine(Path.GetTempPath(), "cases-store-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private string[] Files() => Directory.Exists(_root) ? Directory.GetFiles(_root, "*", SearchOption.AllDirectories) : [];

    [Fact]
    public async Task A_staged_file_is_counted_and_hashed_and_appears_under_its_key_only_when_committed()
    {
        var store = new FileSystemAttachmentStore(_root);
        var content = Encoding.ASCII.GetBytes("%PDF-1.7 " + new string('x', 200_000));

        await using (var staged = await store.StageAsync(new MemoryStream(content), 1_000_000, CancellationToken.None))
        {
            Assert.False(staged.TooLarge);
            Assert.Equal(content.Length, staged.Size);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), staged.Sha256);
            Assert.Equal(content.AsSpan(0, 16).ToArray(), staged.Head.ToArray());
            Assert.False(File.Exists(Path.Combine(_root, "case", "a.pdf")));
            await staged.CommitAsync("case/a.pdf", CancellationToken.None);
        }

        Assert.Equal(Path.Combine(_root, "case", "a.pdf"), Assert.Single(Files()));
        await using var read = store.OpenRead("case/a.pdf");
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(content, copy.ToArray());
    }

    [Fact]
    public async Task A_file_past_the_limit_is_read_only_one_byte_past_it_and_nothing_stays_when_it_is_not_committed()
    {
        var store = new FileSystemAttachmentStore(_root);
        var source = new CountingStream(new byte[50_000]);

        await using (var staged = await store.StageAsync(source, 1_000, CancellationToken.None))
        {
            Assert.True(staged.TooLarge);
            Assert.Equal(1_001, staged.Size);
        }

        Assert.Equal(1_001, source.BytesRead);
        Assert.Empty(Files());
    }

    [Fact]
    public async Task A_folder_configured_with_a_trailing_separator_stores_the_same()
    {
        var store = new FileSystemAttachmentStore(_root + Path.DirectorySeparatorChar);
        await using var staged = await store.StageAsync(new MemoryStream(Pdf), 1_000, CancellationToken.None);

        await staged.CommitAsync("case/a.pdf", CancellationToken.None);

        Assert.Equal(Path.Combine(_root, "case", "a.pdf"), Assert.Single(Files()));
    }

    [Theory]
    [InlineData("../outside.pdf")]
    [InlineData("/etc/passwd")]
    [InlineData("case/../../outside.pdf")]
    public async Task A_key_that_would_leave_the_stores_folder_is_refused(string key)
    {
        var store = new FileSystemAttachmentStore(_root);
        await using var staged = await store.StageAsync(new MemoryStream(Pdf), 1_000, CancellationToken.None);

        await Assert.ThrowsAsync<ArgumentException>(() => staged.CommitAsync(key, CancellationToken.None));
        Assert.Throws<ArgumentException>(() => store.OpenRead(key));
    }

    [Theory]
    [InlineData("申请表.pdf", "PDF")]
    [InlineData("照片.JPEG", "JPEG")]
    [InlineData("  发票.ofd  ", "OFD")]
    [InlineData("a.b.png", "PNG")]
    public void A_plain_name_of_an_accepted_type_is_kept_trimmed_with_its_type(string name, string type)
    {
        var (kept, found) = AttachmentFileName.Check(name, "fileName");

        Assert.Equal(name.Trim(), kept);
        Assert.Equal(type, found.Name);
    }

    [Theory]
    [InlineData("../a.pdf")]
    [InlineData("..\\a.pdf")]
    [InlineData("dir/a.pdf")]
    [InlineData("C:a.pdf")]
    [InlineData("a..pdf")]
    [InlineData("a<b>.pdf")]
    [InlineData(".pdf")]
    [InlineData("a.pdf\u0007")]
    [InlineData("a.docx")]
    [InlineData("a")]
    [InlineData("   ")]
    [InlineData(null)]
    public void A_name_that_is_a_path_or_not_an_accepted_type_is_refused_naming_the_field(string? name)
    {
        var e = Assert.Throws<DomainValidationException>(() => AttachmentFileName.Check(name, "fileName"));

        Assert.Equal("fileName", e.Field);
    }

    [Fact]
    public void A_name_of_256_characters_is_refused_and_one_of_255_kept()
    {
        Assert.Throws<DomainValidationException>(() => AttachmentFileName.Check(new string('名', 252) + ".pdf", "fileName"));
        Assert.Equal(255, AttachmentFileName.Check(new string('名', 251) + ".pdf", "fileName").Name.Length);
    }

    [Fact]
    public void Each_type_is_recognised_by_its_first_bytes_and_an_ofd_must_be_an_ofd_package()
    {
        Assert.True(AttachmentType.Pdf.Opens(Pdf));
        Assert.False(AttachmentType.Pdf.Opens("<html>"u8));
        Assert.True(AttachmentType.Png.Opens([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]));
        Assert.False(AttachmentType.Png.Opens([0x89, 0x50, 0x4E]));
        Assert.True(AttachmentType.Jpeg.Opens([0xFF, 0xD8, 0xFF, 0xE1]));
        Assert.True(AttachmentType.Ofd.IsWellFormed(() => Zip("OFD.xml"), 1_000_000));
        Assert.False(AttachmentType.Ofd.IsWellFormed(() => Zip("word/document.xml"), 1_000_000));
        Assert.False(AttachmentType.Ofd.IsWellFormed(() => new MemoryStream("PK\u0003\u0004 broken"u8.ToArray()), 1_000_000));
    }

    [Theory]
    [InlineData("发票\u202Egpj.pdf", 0x202E)] // right-to-left override: shows as 发票fdp.jpg
    [InlineData("a\u202Dpdf.pdf", 0x202D)] // left-to-right override
    [InlineData("申请\u2067表\u2069.pdf", 0x2067)] // right-to-left isolate
    [InlineData("a\u200B.pdf", 0x200B)] // zero-width space
    [InlineData("a\u200D.pdf", 0x200D)] // zero-width joiner
    [InlineData("\uFEFFa.pdf", 0xFEFF)] // byte-order mark
    [InlineData("a\u00AD.pdf", 0x00AD)] // soft hyphen
    [InlineData("a\u061C.pdf", 0x061C)] // Arabic letter mark
    [InlineData("a\U000E0041.pdf", 0xE0041)] // a tag character, beyond the BMP
    public void A_name_with_an_invisible_format_character_is_refused_naming_the_field_and_the_character(string name, int character)
    {
        var e = Assert.Throws<DomainValidationException>(() => AttachmentFileName.Check(name, "fileName"));

        Assert.Equal("fileName", e.Field);
        Assert.Contains($"U+{character:X4}", e.Message, StringComparison.Ordinal);
        Assert.Equal(character, AttachmentFileName.FormatCharacter(name));
        // The message itself carries no format character, so it reads as written wherever it is shown.
        Assert.Null(AttachmentFileName.FormatCharacter(e.Message));
    }

    [Fact]
    public void A_plain_chinese_name_has_no_format_character()
    {
        Assert.Null(AttachmentFileName.FormatCharacter("工伤认定申请表（2025）-第1页.pdf"));
    }

    [Fact]
    public void An_ofd_within_its_bounds_is_accepted_with_every_entry_counted()
    {
        var ofd = Package(("OFD.xml", new byte[200]), ("Doc_0/Document.xml", new byte[5_000]), ("Doc_0/Res/seal.png", RandomNumberGenerator.GetBytes(3_000)));

        Assert.True(AttachmentType.Ofd.IsWellFormed(() => new MemoryStream(ofd), 8_200));
    }

    [Fact]
    public void An_ofd_that_unpacks_past_its_bound_is_refused_naming_file()
    {
        // 64 MiB of zeros deflate to a few hundred KB: past a bound of 8 MiB, the package is refused once 8 MiB are counted.
        var bomb = Package(("OFD.xml", new byte[100]), ("Doc_0/Pages/Page_0/Content.xml", new byte[64 * 1024 * 1024]));
        Assert.True(bomb.Length < 1024 * 1024, $"{bomb.Length} bytes");

        var e = Assert.Throws<DomainValidationException>(() => AttachmentType.Ofd.IsWellFormed(() => new MemoryStream(bomb), 8 * 1024 * 1024));

        Assert.Equal("file", e.Field);
        Assert.Equal(OfdPackage.TooLargeReason, e.Reason);
        Assert.Contains("8 MiB", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_that_declares_less_than_it_unpacks_to_is_refused_though_a_zip_reader_would_stop_at_the_declared_size()
    {
        var bomb = Package(("OFD.xml", new byte[100]), ("Doc_0/Document.xml", new byte[1_000_000]));
        Declare(bomb, "Doc_0/Document.xml", 10);
        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bomb)))
        {
            // What .NET reads of it: the declared 10 bytes, which is why the check inflates the raw entry itself.
            using var entry = zip.GetEntry("Doc_0/Document.xml")!.Open();
            Assert.Equal(10, entry.Read(new byte[100]));
        }

        var e = Assert.Throws<DomainValidationException>(() => AttachmentType.Ofd.IsWellFormed(() => new MemoryStream(bomb), 10_000_000));

        Assert.Equal(OfdPackage.TooLargeReason, e.Reason);
        Assert.Contains("声明为 10 字节，解压后却更大", e.Text.Zh, StringComparison.Ordinal);
        // The English reader reads the same refusal in English.
        var culture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Assert.Contains("declares 10 bytes", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    [Fact]
    public void Entries_that_declare_more_than_the_bound_are_refused_before_any_is_inflated()
    {
        var ofd = Package(("OFD.xml", new byte[100]), ("Doc_0/Document.xml", new byte[100]));
        Declare(ofd, "Doc_0/Document.xml", 2_000_000_000);

        var e = Assert.Throws<DomainValidationException>(() => AttachmentType.Ofd.IsWellFormed(() => new MemoryStream(ofd), 10_000_000));

        Assert.Contains("声明的解压后大小超过", e.Text.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ofd_of_more_than_a_thousand_entries_is_refused_and_one_of_a_thousand_accepted()
    {
        var many = Package([("OFD.xml", new byte[1]), .. Enumerable.Range(0, OfdPackage.MaxEntries).Select(i => ($"Doc_0/Res/{i}.xml", new byte[1]))]);
        var enough = Package([("OFD.xml", new byte[1]), .. Enumerable.Range(0, OfdPackage.MaxEntries - 1).Select(i => ($"Doc_0/Res/{i}.xml", new byte[1]))]);

        var e = Assert.Throws<DomainValidationException>(() => AttachmentType.Ofd.IsWellFormed(() => new MemoryStream(many), 10_000_000));

        Assert.Equal("file", e.Field);
        Assert.Contains("其中有 1,001 个文件", e.Text.Zh, StringComparison.Ordinal);
        Assert.True(AttachmentType.Ofd.IsWellFormed(() => new MemoryStream(enough), 10_000_000));
    }

    [Fact]
    public async Task An_upload_of_an_ofd_past_its_bound_is_refused_naming_file_and_leaves_nothing()
    {
        var test = await TestDb.CreateAsync(TestProvider.Sqlite);
        var caseId = await NewCaseAsync(test);
        await using var db = test.Open();
        // The handlers' attachments may be 10,000 bytes: a package may unpack to 100,000.
        var bomb = Package(("OFD.xml", new byte[100]), ("Doc_0/Document.xml", new byte[200_000]));

        var e = await Assert.ThrowsAsync<DomainValidationException>(async () =>
            await Handlers(db).Handle(new UploadAttachment(caseId, "发票.ofd", null, new MemoryStream(bomb), Officer), CancellationToken.None));

        Assert.Equal("file", e.Field);
        Assert.Empty(Files());
        Assert.Equal(0, await db.CaseAttachments.CountAsync());
    }

    [Fact]
    public async Task When_the_row_cannot_be_written_the_stored_file_is_removed_and_no_row_references_anything()
    {
        var test = await TestDb.CreateAsync(TestProvider.Sqlite);
        var caseId = await NewCaseAsync(test);
        await using (var db = test.Open())
        {
            // The database refuses the row as a full disk or a lost connection would, after the file was committed.
            await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER refuse_attachments BEFORE INSERT ON case_attachments BEGIN SELECT RAISE(ABORT, 'disk full'); END;");
        }

        await using (var db = test.Open())
        {
            await Assert.ThrowsAsync<DbUpdateException>(async () => await Handlers(db).Handle(new UploadAttachment(caseId, "a.pdf", null, new MemoryStream(Pdf), Officer), CancellationToken.None));
        }

        Assert.Empty(Files());
        await using var check = test.Open();
        Assert.Equal(0, await check.CaseAttachments.CountAsync());
    }

    [Fact]
    public async Task An_upload_writes_the_row_after_the_file_so_every_row_has_its_file()
    {
        var test = await TestDb.CreateAsync(TestProvider.Sqlite);
        var caseId = await NewCaseAsync(test);
        await using var db = test.Open();

        var view = await Handlers(db).Handle(new UploadAttachment(caseId, "申请表.pdf", null, new MemoryStream(Pdf), Officer), CancellationToken.None);

        var row = await db.CaseAttachments.AsNoTracking().SingleAsync(a => a.Id == view.Id);
        Assert.Equal($"{caseId:N}/{view.Id:N}.pdf", row.StorageKey);
        Assert.Equal(Pdf, await File.ReadAllBytesAsync(Path.Combine(_root, row.StorageKey)));
        Assert.Equal(Path.Combine(_root, row.StorageKey), Assert.Single(Files()));
        Assert.Equal("officer.jinan", row.UploadedBy);
    }

    private CaseAttachmentHandlers Handlers(CasesDb db) => new(
        db, new DefinitionStore(), new FileSystemAttachmentStore(_root), Options.Create(new AttachmentOptions { MaxBytes = 10_000 }),
        new FakeTimeProvider(new DateTimeOffset(2025, 10, 20, 1, 0, 0, TimeSpan.Zero)), NullLogger<CaseAttachmentHandlers>.Instance, new Privacy.RecordingAccessLog());

    /// <summary>A case of 济南 with its instance, as the runtime would have opened it.</summary>
    internal static async Task<Guid> NewCaseAsync(TestDb test, string city = "370100")
    {
        await using var db = test.Open();
        var now = new DateTimeOffset(2025, 10, 20, 1, 0, 0, TimeSpan.Zero);
        var caseId = Guid.CreateVersion7(now);
        db.Cases.Add(new CaseRecord { Id = caseId, Procedure = "demo-filing", CityCode = city, Party = "测试单位", CreatedAt = now, CreatedBy = "officer.jinan" });
        db.Instances.Add(new WorkflowInstance
        {
            Id = Guid.CreateVersion7(now), CaseId = caseId, DefinitionKey = "demo-filing", DefinitionVersion = 1, State = "await-filing",
            CityCode = city, StartedAt = now, StateEnteredAt = now,
        });
        await db.SaveChangesAsync();
        return caseId;
    }

    /// <summary>A ZIP of the entries, deflated as OFD writers do.</summary>
    private static byte[] Package(params (string Name, byte[] Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var entry = zip.CreateEntry(name, System.IO.Compression.CompressionLevel.Fastest).Open();
                entry.Write(content);
            }
        }

        return stream.ToArray();
    }

    /// <summary>Rewrites the uncompressed size an entry declares, in its local header and in the central directory.</summary>
    private static void Declare(byte[] zip, string name, uint size)
    {
        for (var i = 0; i + 46 < zip.Length; i++)
        {
            var signature = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i));
            var (nameAt, sizeAt) = signature switch { 0x04034b50 => (30, 22), 0x02014b50 => (46, 24), _ => (0, 0) };
            if (nameAt > 0)
            {
                var length = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(i + (signature == 0x04034b50 ? 26 : 28)));
                if (Encoding.UTF8.GetString(zip, i + nameAt, length) == name)
                {
                    System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + sizeAt), size);
                }
            }
        }
    }

    private static MemoryStream Zip(string entry)
    {
        var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry(entry);
        }

        stream.Position = 0;
        return stream;
    }

    /// <summary>A stream that counts what was read from it.</summary>
    private sealed class CountingStream(byte[] content) : MemoryStream(content)
    {
        public long BytesRead { get; private set; }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await base.ReadAsync(buffer, cancellationToken);
            BytesRead += n;
            return n;
        }
    }
}
