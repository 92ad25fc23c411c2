using Cases.Domain.Calendar;
using Cases.Domain.Catalogues;

namespace Cases.Application.Catalogues;

/// <summary>
/// An administrator imports a version of a catalogue from a CSV file (see <see cref="CatalogueCsv"/>): with
/// <paramref name="Apply"/> false it only previews (counts, errors by line and column; nothing stored), with true it
/// applies — the items are in force from <paramref name="EffectiveFrom"/> and the version in force until then ends the
/// day before. A file that says what the version in force already says changes nothing, and the answer says so.
/// </summary>
public sealed record ImportCatalogue(string? Catalogue, DateOnly? EffectiveFrom, string? Title, string? FileName, string? Content, string? Reason, bool Apply, Actor By) : ICommand<CatalogueImportResult>;

public sealed record CatalogueItemChange(string Code, string Name, string Change);

public sealed record CatalogueImportResult(
    string Catalogue, DateOnly EffectiveFrom, int Rows, int Added, int Changed, int Removed, int Unchanged,
    IReadOnlyList<CatalogueFileError> Errors, IReadOnlyList<CatalogueItemChange> Changes, bool Applied, bool NothingToApply, string Message, Guid? VersionId);

/// <summary>The versions of every catalogue, newest first: what the administrators loaded, when, why and what it changed.</summary>
public sealed record ListCatalogueVersions(Actor By) : IQuery<IReadOnlyList<CatalogueVersion>>;

/// <summary>The items in force on <paramref name="On"/> (today in China by default) whose code starts with or whose name contains <paramref name="Q"/>.</summary>
public sealed record SearchCatalogueItems(string? Q, string? Catalogue, DateOnly? On, int? Limit, Actor By) : IQuery<CatalogueItemsPage>;

public sealed record CatalogueItemView(string Catalogue, string Code, string Name, string Class, decimal SelfPayPercent, decimal? PriceCap, string? Unit, DateOnly ValidFrom, DateOnly? ValidTo);

public sealed record CatalogueItemsPage(DateOnly On, IReadOnlyList<CatalogueItemView> Items);

public sealed class CatalogueHandlers(CasesDb db, TimeProvider clock) :
    ICommandHandler<ImportCatalogue, CatalogueImportResult>,
    IQueryHandler<ListCatalogueVersions, IReadOnlyList<CatalogueVersion>>,
    IQueryHandler<SearchCatalogueItems, CatalogueItemsPage>
{
    private const int MaxChangesListed = 500;

    public async ValueTask<CatalogueImportResult> Handle(ImportCatalogue command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!command.By.May(Permission.Administer))
        {
            throw new ForbiddenException(new LocalizedText("只有管理员可以导入目录。", "Only administrators import catalogues."));
        }

        var catalogue = CatalogueNames.ParseKind(command.Catalogue) ?? throw new DomainValidationException("catalogue", new LocalizedText(
            "目录须为 drugs（药品目录）、treatment-items（诊疗项目目录）或 inpatient-services（住院服务标准）。",
            "catalogue must be drugs, treatment-items or inpatient-services."));
        var from = command.EffectiveFrom ?? throw new DomainValidationException("effectiveFrom", new LocalizedText("请填写启用日期。", "effectiveFrom is required."));
        if (from.Year is < 2000 or > 2100)
        {
            throw new DomainValidationException("effectiveFrom", new LocalizedText("启用日期须在 2000 至 2100 年之间。", "effectiveFrom must be between 2000 and 2100."));
        }

        if (string.IsNullOrEmpty(command.Content))
        {
            throw new DomainValidationException("content", new LocalizedText("请选择要导入的 CSV 文件。", "content is required: the CSV file's text."));
        }

        if (command.Content.Length > CatalogueCsv.MaxBytes)
        {
            throw new DomainValidationException("content", new LocalizedText("文件过大（不超过 8 MB），请分目录导入。", "The file is too large (8 MB at most)."));
        }

        // A control character is no part of a list's text (a NUL would be stored inside a name): the file is refused at its line.
        if (FirstControl(command.Content) is var at and >= 0)
        {
            var line = command.Content.AsSpan(0, at).Count('\n') + 1;
            throw new DomainValidationException("content", new LocalizedText($"文件第 {line} 行含有控制字符，不是可导入的目录文件。", $"Line {line} of the file holds a control character: it is not a catalogue file."));
        }

        // The reason is checked before anything else is decided, in the preview too when one is given.
        var reason = command.Apply || !string.IsNullOrEmpty(command.Reason) ? TextInput.Required(command.Reason, "reason", "reason", 500, lineBreaks: true) : "";
        var title = Optional(command.Title, "title", 200) ?? catalogue.Title().Zh;
        var fileName = Optional(command.FileName, "fileName", 200) ?? "";
        var file = CatalogueCsv.Read(catalogue, from, command.Content);

        var current = await db.Set<CatalogueVersion>().AsNoTracking().Where(v => v.Catalogue == catalogue)
            .OrderByDescending(v => v.EffectiveFrom).FirstOrDefaultAsync(cancellationToken);
        var open = current is null ? [] : await db.Set<CatalogueItem>().Where(i => i.VersionId == current.Id).ToListAsync(cancellationToken);
        var before = open.ToDictionary(i => i.Code, StringComparer.Ordinal);
        var after = file.Items.ToDictionary(i => i.Code, StringComparer.Ordinal);
        var changes = new List<CatalogueItemChange>();
        int added = 0, changed = 0, unchanged = 0;
        foreach (var item in file.Items)
        {
            if (!before.TryGetValue(item.Code, out var old))
            {
                added++;
                changes.Add(new(item.Code, item.Name, "added"));
            }
            else if (!old.SameAs(item))
            {
                changed++;
                changes.Add(new(item.Code, item.Name, "changed"));
            }
            else
            {
                unchanged++;
            }
        }

        var removed = open.Where(i => !after.ContainsKey(i.Code)).ToList();
        changes.AddRange(removed.Select(i => new CatalogueItemChange(i.Code, i.Name, "removed")));
        var listed = changes.Take(MaxChangesListed).ToList();
        var kind = catalogue.Code();
        if (file.Errors.Count > 0)
        {
            var message = new LocalizedText($"文件有 {file.Errors.Count} 处错误，未导入任何内容；请改正后重新预览。", $"The file has {file.Errors.Count} errors; nothing was imported.").Current;
            if (command.Apply)
            {
                throw new DomainValidationException("content", message + " " + string.Join("；", file.Errors.Take(5).Select(e => Where(e) + e.Message)));
            }

            return new(kind, from, 0, 0, 0, 0, 0, file.Errors, [], false, false, message, null);
        }

        var nothing = current is not null && added == 0 && changed == 0 && removed.Count == 0;
        if (nothing)
        {
            var same = new LocalizedText(
                $"文件与现行版本（{current!.EffectiveFrom:yyyy-MM-dd} 起施行，{current.AppliedAt.ToOffset(ChinaTime.Offset):yyyy-MM-dd HH:mm} 由 {current.AppliedBy} 导入）完全相同，未作任何更改。",
                $"The file says exactly what the version in force since {current.EffectiveFrom:yyyy-MM-dd} says (imported {current.AppliedAt.ToOffset(ChinaTime.Offset):yyyy-MM-dd HH:mm} by {current.AppliedBy}): nothing changed.").Current;
            return new(kind, from, file.Items.Count, 0, 0, 0, unchanged, [], [], false, true, same, current.Id);
        }

        if (current is not null && from <= current.EffectiveFrom)
        {
            var later = new LocalizedText(
                $"现行版本自 {current.EffectiveFrom:yyyy-MM-dd} 起施行；新版本的启用日期须晚于该日（已施行的版本不能改写，以免改变已按其审核的费用）。",
                $"The version in force started on {current.EffectiveFrom:yyyy-MM-dd}; a new version must start later (a version in force is never rewritten: bills were reviewed by it).");
            if (command.Apply)
            {
                throw new DomainValidationException("effectiveFrom", later);
            }

            return new(kind, from, file.Items.Count, added, changed, removed.Count, unchanged,
                [new(0, "启用日期", later.Current)], listed, false, false, later.Current, null);
        }

        if (!command.Apply)
        {
            var preview = new LocalizedText(
                $"预览：新增 {added} 项，变更 {changed} 项，删除 {removed.Count} 项，未变 {unchanged} 项；确认后自 {from:yyyy-MM-dd} 起施行。",
                $"Preview: {added} added, {changed} changed, {removed.Count} removed, {unchanged} unchanged; once applied, in force from {from:yyyy-MM-dd}.").Current;
            return new(kind, from, file.Items.Count, added, changed, removed.Count, unchanged, [], listed, false, false, preview, null);
        }

        var now = clock.GetUtcNow();
        var version = new CatalogueVersion
        {
            Id = Guid.CreateVersion7(now),
            Catalogue = catalogue,
            EffectiveFrom = from,
            Title = title,
            FileName = fileName,
            ContentHash = file.Hash,
            Items = file.Items.Count,
            Added = added,
            Changed = changed,
            Removed = removed.Count,
            Reason = reason,
            AppliedBy = command.By.UserName,
            AppliedAt = now,
        };
        db.Set<CatalogueVersion>().Add(version);
        foreach (var old in open)
        {
            old.ReplacedFrom(from);
        }

        foreach (var item in file.Items)
        {
            item.BelongTo(version.Id);
            db.Set<CatalogueItem>().Add(item);
        }

        await db.SaveChangesAsync(cancellationToken);
        var done = new LocalizedText(
            $"已导入：新增 {added} 项，变更 {changed} 项，删除 {removed.Count} 项，未变 {unchanged} 项；自 {from:yyyy-MM-dd} 起施行。",
            $"Imported: {added} added, {changed} changed, {removed.Count} removed, {unchanged} unchanged; in force from {from:yyyy-MM-dd}.").Current;
        return new(kind, from, file.Items.Count, added, changed, removed.Count, unchanged, [], listed, true, false, done, version.Id);
    }

    public async ValueTask<IReadOnlyList<CatalogueVersion>> Handle(ListCatalogueVersions query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        Require(query.By);
        var versions = await db.Set<CatalogueVersion>().AsNoTracking().ToListAsync(cancellationToken);
        // Free text an administrator typed: masked as every such text is (规程 第一百四十条).
        versions.ForEach(v => v.Reason = Cases.Domain.Privacy.PersonalDataMask.Text(v.Reason));
        return versions.OrderBy(v => v.Catalogue).ThenByDescending(v => v.EffectiveFrom).ToList();
    }

    public async ValueTask<CatalogueItemsPage> Handle(SearchCatalogueItems query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        Require(query.By);
        var on = query.On ?? ChinaTime.DateOf(clock.GetUtcNow());
        var limit = query.Limit switch
        {
            null => 50,
            >= 1 and <= 200 => query.Limit.Value,
            _ => throw new DomainValidationException("limit", new LocalizedText("limit 须在 1 至 200 之间。", "limit must be between 1 and 200.")),
        };
        var items = db.Set<CatalogueItem>().AsNoTracking().Where(i => i.ValidFrom <= on && (i.ValidTo == null || i.ValidTo >= on));
        if (!string.IsNullOrWhiteSpace(query.Catalogue))
        {
            var kind = CatalogueNames.ParseKind(query.Catalogue) ?? throw new DomainValidationException("catalogue", new LocalizedText(
                "目录须为 drugs、treatment-items 或 inpatient-services。", "catalogue must be drugs, treatment-items or inpatient-services."));
            items = items.Where(i => i.Catalogue == kind);
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var q = TextInput.Required(query.Q, "q", "q", 100);
            items = items.Where(i => i.Code.StartsWith(q) || i.Name.Contains(q));
        }

        var found = await items.OrderBy(i => i.Catalogue).ThenBy(i => i.Code).Take(limit).ToListAsync(cancellationToken);
        return new(on, found.Select(View).ToList());
    }

    public static CatalogueItemView View(CatalogueItem i)
    {
        ArgumentNullException.ThrowIfNull(i);
        return new(i.Catalogue.Code(), i.Code, i.Name, i.Class.Zh(), i.SelfPayPercent, i.PriceCap, i.Unit, i.ValidFrom, i.ValidTo);
    }

    private static string Where(CatalogueFileError e) => new LocalizedText(
        e.Column is null ? $"第 {e.Line} 行：" : $"第 {e.Line} 行「{e.Column}」：",
        e.Column is null ? $"line {e.Line}: " : $"line {e.Line}, {e.Column}: ").Current;

    private static int FirstControl(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsControl(text[i]) && text[i] is not ('\r' or '\n' or '\t'))
            {
                return i;
            }
        }

        return -1;
    }

    private static string? Optional(string? value, string field, int maxLength) =>
        string.IsNullOrWhiteSpace(value) ? null : TextInput.Required(value, field, field, maxLength);

    // The catalogues are reference data of casework: those who read cases read them (officers check a bill against them).
    private static void Require(Actor actor)
    {
        if (!actor.May(Permission.ReadCaseData))
        {
            throw new ForbiddenException(new LocalizedText("无权查看目录。", "You may not read the catalogues."));
        }
    }
}
