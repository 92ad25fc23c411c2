using System.Security.Cryptography;

namespace Cases.Application.Casework;

/// <summary>Where attachments go and how large they may be (configuration section <c>Attachments</c>).</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Attachments";

    /// <summary>10 MiB: a scanned application or judgment of a few dozen pages.</summary>
    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    /// <summary>The folder of the file-system store; relative to the app's content root; default <c>data/attachments</c>.</summary>
    public string? Path { get; set; }

    /// <summary>The largest file accepted, in bytes.</summary>
    public long MaxBytes { get; set; } = DefaultMaxBytes;
}

/// <summary>
/// Keeps attachment bytes outside the database. A file is first staged (copied, counted and hashed into a temporary
/// file of the store), checked, then committed under its key; the row that references it is written only after the
/// commit, so a row never points at a missing file. A file whose row was never written is an orphan: harmless.
/// </summary>
public interface IAttachmentStore
{
    /// <summary>Copies <paramref name="content"/> to a temporary file, reading at most <paramref name="maxBytes"/> + 1 bytes.</summary>
    Task<StagedAttachment> StageAsync(Stream content, long maxBytes, CancellationToken ct);

    /// <summary>The stored bytes of <paramref name="key"/>; throws <see cref="FileNotFoundException"/> when they are gone.</summary>
    Stream OpenRead(string key);

    /// <summary>Removes a stored file (after its row could not be written); a missing file is no error.</summary>
    void Delete(string key);
}

/// <summary>A file copied into the store but not yet under its key; disposing it before <see cref="CommitAsync"/> removes it.</summary>
public abstract class StagedAttachment : IAsyncDisposable
{
    /// <summary>The first bytes, for the type check (magic numbers).</summary>
    public required ReadOnlyMemory<byte> Head { get; init; }

    /// <summary>Bytes read; past the limit the copy stops, so this is then the limit + 1.</summary>
    public required long Size { get; init; }

    public required bool TooLarge { get; init; }

    /// <summary>The SHA-256 of the content, lower-case hex (meaningful only when not <see cref="TooLarge"/>).</summary>
    public required string Sha256 { get; init; }

    /// <summary>Reads the staged bytes again (a container format's inner check).</summary>
    public abstract Stream OpenRead();

    /// <summary>Moves the file under <paramref name="key"/> at once (no reader ever sees half a file).</summary>
    public abstract Task CommitAsync(string key, CancellationToken ct);

    public abstract ValueTask DisposeAsync();
}

/// <summary>
/// The default store: one folder (<see cref="AttachmentOptions.Path"/>), a subfolder per case, files named by their
/// attachment id (never by what the uploader called them). Staging writes to <c>.staging/</c> in the same folder, flushed
/// to disk, and committing is a rename on the same volume, which is atomic.
/// </summary>
public sealed class FileSystemAttachmentStore : IAttachmentStore
{
    private const string StagingFolder = ".staging";
    private const int HeadLength = 16;

    public FileSystemAttachmentStore(string root)
    {
        // Without a trailing separator, so that "inside the folder" is one prefix test however the folder was configured.
        Root = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(root));
    }

    public string Root { get; }

    public async Task<StagedAttachment> StageAsync(Stream content, long maxBytes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var staging = System.IO.Path.Combine(Root, StagingFolder);
        Directory.CreateDirectory(staging);
        var path = System.IO.Path.Combine(staging, Guid.NewGuid().ToString("N") + ".part");
        var head = new byte[HeadLength];
        var headLength = 0;
        long size = 0;
        var buffer = new byte[81920];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                int read;
                while (size <= maxBytes && (read = await content.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, maxBytes + 1 - size)), ct)) > 0)
                {
                    if (headLength < HeadLength)
                    {
                        var take = Math.Min(HeadLength - headLength, read);
                        buffer.AsSpan(0, take).CopyTo(head.AsSpan(headLength));
                        headLength += take;
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                    size += read;
                }

                // On disk before the row that will reference it is written.
                await file.FlushAsync(ct);
                file.Flush(flushToDisk: true);
            }

            return new Staged(this, path)
            {
                Head = head.AsMemory(0, headLength),
                Size = size,
                TooLarge = size > maxBytes,
                Sha256 = Convert.ToHexStringLower(hash.GetHashAndReset()),
            };
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    public Stream OpenRead(string key) => new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);

    public void Delete(string key) => File.Delete(PathOf(key));

    // Keys are made by the product ("{case}/{attachment}.{ext}"); one that would leave the folder is refused all the same.
    private string PathOf(string key)
    {
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(Root, key));
        return path.StartsWith(Root + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ArgumentException($"The attachment key '{key}' leaves the store's folder.", nameof(key));
    }

    private sealed class Staged(FileSystemAttachmentStore store, string path) : StagedAttachment
    {
        private bool _committed;

        public override Stream OpenRead() => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);

        public override Task CommitAsync(string key, CancellationToken ct)
        {
            var target = store.PathOf(key);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Move(path, target, overwrite: false);
            _committed = true;
            return Task.CompletedTask;
        }

        public override ValueTask DisposeAsync()
        {
            if (!_committed)
            {
                File.Delete(path);
            }

            return ValueTask.CompletedTask;
        }
    }
}
