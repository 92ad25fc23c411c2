using System.Globalization;
using Cases.Application.Parties;
using Cases.Application.Privacy;
using Cases.Domain.Privacy;
using Cases.Workflows.Instances;
using Cases.Workflows.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cases.Application.Casework;

/// <summary>An attachment as the case lists it.</summary>
public sealed record AttachmentView(Guid Id, Guid CaseId, string FileName, string ContentType, long Size, string Sha256, string? Material, DateTimeOffset UploadedAt, string UploadedBy)
{
    public static AttachmentView Of(CaseAttachment a) => new(a.Id, a.CaseId, a.FileName, a.ContentType, a.Size, a.Sha256, a.Material, a.UploadedAt, a.UploadedBy);
}

/// <summary>
/// Attaches a file to a case of the user's city (规程 第十五条: the materials a case is decided on), optionally as one
/// material of its checklist. The name must be a plain file name of an accepted type, the content must open as that
/// type (its magic number) and be at most <see cref="AttachmentOptions.MaxBytes"/>; a refused file leaves nothing stored.
/// <c>Content</c> is read once.
/// </summary>
public sealed record UploadAttachment(Guid CaseId, string? FileName, string? Material, Stream Content, Actor By) : ICommand<AttachmentView>;

/// <summary>
/// A case's attachments, newest first. A file name is free text: a number in it (张三370102….pdf) is masked unless the
/// actor's role handles cases, and a view of it whole recorded with the case as its purpose.
/// </summary>
public sealed record ListAttachments(Guid CaseId, Actor By) : IQuery<IReadOnlyList<AttachmentView>>;

/// <summary>One attachment with its bytes, for download (its name masked as in the list); the caller disposes <see cref="AttachmentFile.Content"/>.</summary>
public sealed record OpenAttachment(Guid CaseId, Guid AttachmentId, Actor By) : IQuery<AttachmentFile>;

public sealed record AttachmentFile(AttachmentView Attachment, Stream Content);

public sealed class CaseAttachmentHandlers(
    CasesDb db, DefinitionStore definitions, IAttachmentStore store, IOptions<AttachmentOptions> options, TimeProvider clock, ILogger<CaseAttachmentHandlers> log,
    IPersonalDataAccessLog accessLog) :
    ICommandHandler<UploadAttachment, AttachmentView>,
    IQueryHandler<ListAttachments, IReadOnlyList<AttachmentView>>,
    IQueryHandler<OpenAttachment, AttachmentFile>
{
    public async ValueTask<AttachmentView> Handle(UploadAttachment command, CancellationToken cancellationToken)
    {
        var (name, type) = AttachmentFileName.Check(command.FileName, "fileName");
        var (@case, instance) = await CaseAccess.LoadAsync(db, command.CaseId, command.By, track: false, cancellationToken);
        var material = string.IsNullOrWhiteSpace(command.Material) ? null : command.Material.Trim();
        if (material is not null)
        {
            var definition = await definitions.GetAsync(db, instance.DefinitionKey, instance.DefinitionVersion, cancellationToken);
            if (definition.Materials?.ContainsKey(material) != true)
            {
                throw new DomainValidationException("material", definition.Materials is { Count: > 0 } known
                    ? new LocalizedText(
                        $"材料须为本业务材料清单中的一项：{string.Join("、", known.Keys)}（或留空）。",
                        $"material must be one of this procedure's materials: {string.Join(", ", known.Keys)} (or empty).")
                    : new LocalizedText("本业务没有材料清单，材料请留空。", "This procedure has no materials checklist; leave material empty."));
            }
        }

        var max = options.Value.MaxBytes;
        await using var staged = await store.StageAsync(command.Content, max, cancellationToken);
        if (staged.TooLarge)
        {
            throw new DomainValidationException("file", new LocalizedText(
                string.Create(CultureInfo.InvariantCulture, $"文件最大 {max:N0} 字节。"),
                string.Create(CultureInfo.InvariantCulture, $"The file may be at most {max:N0} bytes.")));
        }

        if (staged.Size == 0)
        {
            throw new DomainValidationException("file", new LocalizedText("文件是空的，请重新选择。", "The file is empty."));
        }

        // A container may unpack to at most ten times the largest attachment (OfdPackage.UnpackedFactor).
        if (!type.Opens(staged.Head.Span) || !type.IsWellFormed(staged.OpenRead, max * OfdPackage.UnpackedFactor))
        {
            throw new DomainValidationException("file", new LocalizedText(
                $"文件名表明是 {type.Name} 文件，但内容不是 {type.Name}；只接收 {AttachmentType.DescribedZh} 文件。",
                $"The file is named as {type.Name} but its content is not {type.Name}; only {AttachmentType.Described} files are accepted."));
        }

        var now = clock.GetUtcNow();
        var attachment = new CaseAttachment
        {
            Id = Guid.CreateVersion7(now),
            CaseId = @case.Id,
            FileName = name,
            ContentType = type.ContentType,
            Size = staged.Size,
            Sha256 = staged.Sha256,
            Material = material,
            UploadedAt = now,
            UploadedBy = command.By.UserName,
        };
        attachment.StorageKey = $"{@case.Id:N}/{attachment.Id:N}{type.Extensions[0]}";
        await staged.CommitAsync(attachment.StorageKey, cancellationToken);
        db.CaseAttachments.Add(attachment);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // The row was not written: nothing references the file, so it goes (and if that fails too, an orphan file is harmless).
            TryDelete(attachment.StorageKey);
            throw;
        }

        // The answer is the name the uploader gave, masked as they would read it back.
        return AttachmentView.Of(attachment) with { FileName = PersonalDataMask.Label(name, command.By.NeedsFullIdNumbers) };
    }

    public async ValueTask<IReadOnlyList<AttachmentView>> Handle(ListAttachments query, CancellationToken cancellationToken)
    {
        var (@case, _) = await CaseAccess.LoadAsync(db, query.CaseId, query.By, track: false, cancellationToken);
        var rows = await db.CaseAttachments.AsNoTracking().Where(a => a.CaseId == @case.Id).ToListAsync(cancellationToken);
        var found = new List<PersonalDataFound>();
        var views = rows.OrderByDescending(a => a.UploadedAt).ThenByDescending(a => a.Id).Select(a => Shown(a, query.By, found)).ToList();
        await CaseDataViews.RecordAsync(accessLog, found, @case.Id, @case.CityCode, query.By, clock.GetUtcNow(), "file name", cancellationToken);
        return views;
    }

    private static AttachmentView Shown(CaseAttachment a, Actor by, List<PersonalDataFound> found) =>
        AttachmentView.Of(a) with { FileName = PersonalDataMask.Text(a.FileName, by.NeedsFullIdNumbers, found, "fileName") };

    public async ValueTask<AttachmentFile> Handle(OpenAttachment query, CancellationToken cancellationToken)
    {
        var (@case, _) = await CaseAccess.LoadAsync(db, query.CaseId, query.By, track: false, cancellationToken);
        var attachment = await db.CaseAttachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == query.AttachmentId && a.CaseId == @case.Id, cancellationToken)
            ?? throw new NotFoundException(new LocalizedText($"案件 {query.CaseId} 没有附件 {query.AttachmentId}。", $"Case {query.CaseId} has no attachment {query.AttachmentId}."));
        var found = new List<PersonalDataFound>();
        var view = Shown(attachment, query.By, found);
        await CaseDataViews.RecordAsync(accessLog, found, @case.Id, @case.CityCode, query.By, clock.GetUtcNow(), "file name", cancellationToken);
        try
        {
            return new AttachmentFile(view, store.OpenRead(attachment.StorageKey));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // The row is there but the folder lost the file (a restore without the attachments folder): say so in the log.
            log.LogError(e, "Attachment {Attachment} of case {Case} is missing from the store ({Key})", attachment.Id, attachment.CaseId, attachment.StorageKey);
            throw new NotFoundException(new LocalizedText(
                $"附件 {attachment.Id} 的文件已不在附件存储中，请联系管理员从备份中恢复。",
                $"The file of attachment {attachment.Id} is missing from the attachment store; ask an administrator to restore it from the backup."));
        }
    }

    private void TryDelete(string key)
    {
        try
        {
            store.Delete(key);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.LogWarning(e, "Could not remove the orphaned attachment file {Key}", key);
        }
    }
}
