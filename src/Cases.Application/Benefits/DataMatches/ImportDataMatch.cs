using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.Json;
using Cases.Domain.Benefits;
using Cases.Domain.Calendar;
using Cases.Domain.Injuries;
using Cases.Domain.Parties;
using Cases.Workflows.Instances;

namespace Cases.Application.Benefits.DataMatches;

/// <summary>A row the import could not act on: its line, what kind of problem (invalid, unknown, mismatched, not-applicable, already-flagged), the column, why.</summary>
public sealed record DataMatchProblem(int Row, string Kind, string? Field, string? IdNumber, string Message);

/// <summary>A suspicion the import raised and the investigation case that looks into it.</summary>
public sealed record DataMatchFlagView(Guid FlagId, Guid? CaseId, string RecipientName, string IdNumber, string Event, string EventOn, string Status);

/// <summary>
/// What an import did: how many rows, how many recipients it certified, flagged for investigation, did not know (no such
/// recipient in the city), whose names did not agree, which rows were invalid — each problem with its row and column.
/// <see cref="AlreadyImported"/> says the same file came before and nothing changed.
/// </summary>
public sealed record DataMatchSummary(
    Guid ImportId, string City, string Source, string FileName, bool AlreadyImported, DateTimeOffset ImportedAt, string ImportedBy,
    int Rows, int Certified, int Flagged, int AlreadyFlagged, int Unknown, int Mismatched, int NotApplicable, int Invalid,
    IReadOnlyList<DataMatchProblem> Problems, IReadOnlyList<DataMatchFlagView> Flags, string Message);

/// <summary>
/// An officer imports a department's data-match file (信息比对, 第六十四条) for the city: each row is matched to the
/// city's recipients by identity number and name; a confirmation certifies the recipient (认证方式：信息比对) and resumes
/// what an overdue certification suspended; a death, imprisonment, remarriage, employment, adoption or basic pension
/// raises a suspicion investigated in a benefit-investigation case (第六十四条 "对疑似丧失…资格的，应调查核实") — never an
/// automatic stop. The same file twice changes nothing.
/// </summary>
public sealed record ImportDataMatch(string? Source, string? FileName, byte[]? Content, string? City, Actor By) : ICommand<DataMatchSummary>;

/// <summary>The imports of the caller's city, newest first, with their summaries.</summary>
public sealed record ListDataMatches(string? City, Actor By) : IQuery<IReadOnlyList<DataMatchSummary>>;

public sealed class ImportDataMatchHandler(CasesDb db, StartCaseHandler start, TimeProvider clock)
    : ICommandHandler<ImportDataMatch, DataMatchSummary>, IQueryHandler<ListDataMatches, IReadOnlyList<DataMatchSummary>>
{
    /// <summary>The largest file accepted (the request limit refuses a larger body before this is reached).</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The procedure that investigates a suspicion.</summary>
    public const string Procedure = "benefit-investigation";

    /// <summary>Who opens the investigation cases: the import, not a person (the journal shows 系统).</summary>
    public const string SystemUser = "system:data-match";

    private const int Chunk = 500;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async ValueTask<DataMatchSummary> Handle(ImportDataMatch command, CancellationToken cancellationToken)
    {
        var city = CityOf(command.By, command.City);
        var source = DataMatchVocabulary.Source(command.Source);
        var fileName = string.IsNullOrWhiteSpace(command.FileName) ? "data-match.csv" : Path.GetFileName(command.FileName.Trim());
        fileName = fileName.Length > DataMatchImport.FileNameMaxLength ? fileName[..DataMatchImport.FileNameMaxLength] : fileName;
        if (command.Content is not { Length: > 0 } content)
        {
            throw new DomainValidationException("file", new LocalizedText("请选择要导入的比对文件（CSV）。", "Choose the data-match file (CSV) to import."));
        }

        if (content.Length > MaxBytes)
        {
            throw new DomainValidationException("file", new LocalizedText($"比对文件最大 {MaxBytes} 字节，请分批导入。", $"The file may be at most {MaxBytes} bytes; import it in parts."));
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        if (await ExistingAsync(city, hash, cancellationToken) is { } before)
        {
            return before;
        }

        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var file = DataMatchCsv.Read(content, source, today);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var import = new DataMatchImport
        {
            Id = Guid.CreateVersion7(now), CityCode = city, Source = source.Key, FileName = fileName, ContentHash = hash,
            ImportedAt = now, ImportedBy = command.By.UserName,
        };
        db.DataMatchImports.Add(import);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same file imported at the same moment by someone else: theirs counts, this one changes nothing.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return await ExistingAsync(city, hash, cancellationToken) ?? throw new InvalidOperationException("The import's key conflicted with none.");
        }

        var problems = file.Errors.Select(e => new DataMatchProblem(e.Line, "invalid", e.Field, e.MaskedIdNumber, e.Message)).ToList();
        var ids = file.Rows.Select(r => r.IdNumber.Value).Distinct(StringComparer.Ordinal).ToList();
        var entitlements = new List<Entitlement>();
        var certifications = new List<Certification>();
        var open = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(Chunk))
        {
            entitlements.AddRange(await db.Entitlements.Where(e => e.CityCode == city && chunk.Contains(e.RecipientIdNumber) && e.Status != EntitlementStatus.Stopped).ToListAsync(cancellationToken));
            certifications.AddRange(await db.Certifications.Where(c => c.CityCode == city && chunk.Contains(c.RecipientIdNumber)).ToListAsync(cancellationToken));
            open.UnionWith(await db.DataMatchFlags.Where(f => f.CityCode == city && f.OpenKey != null && chunk.Contains(f.RecipientIdNumber)).Select(f => f.OpenKey!).ToListAsync(cancellationToken));
        }

        var byPerson = entitlements.ToLookup(e => e.RecipientIdNumber, StringComparer.Ordinal);
        var certificationOf = certifications.ToDictionary(c => c.RecipientIdNumber, StringComparer.Ordinal);
        var (certified, unknown, mismatched, notApplicable, alreadyFlagged) = (0, 0, 0, 0, 0);
        var flags = new List<DataMatchFlag>();
        foreach (var row in file.Rows)
        {
            var id = row.IdNumber.Value;
            var masked = row.IdNumber.Masked;
            var theirs = byPerson[id].ToList();
            if (theirs.Count == 0)
            {
                unknown++;
                problems.Add(new(row.Line, "unknown", "idNumber", masked, Text("本市没有该人员正在领取的定期待遇。", "No one with this identity number receives a monthly benefit in the city.")));
                continue;
            }

            if (theirs.All(e => e.RecipientName != row.Name))
            {
                mismatched++;
                problems.Add(new(row.Line, "mismatched", "name", masked, Text(
                    $"姓名「{row.Name}」与待遇记录的「{theirs[0].RecipientName}」不一致，请核对后再导入该行。",
                    $"The name \"{row.Name}\" does not agree with the recipient's \"{theirs[0].RecipientName}\"; check the row.")));
                continue;
            }

            switch (row.Event.Effect)
            {
                case DataMatchEffect.Certifies:
                    var note = $"{source.Zh}信息比对（{fileName} 第 {row.Line} 行）";
                    if (CertifiedRecipients.Certify(certificationOf.GetValueOrDefault(id), theirs, row.EventOn, note, command.By.UserName, now))
                    {
                        certified++;
                    }
                    else
                    {
                        notApplicable++;
                        problems.Add(new(row.Line, "not-applicable", "eventOn", masked, certificationOf.ContainsKey(id)
                            ? Text("该人员在此日期或之后已认证，无需再次认证。", "The recipient was certified on or after this day already.")
                            : Text("该人员尚未首次发放待遇，资格认证自首次发放后开始（第六十三条）。", "Certification starts after the first payment (第六十三条).")));
                    }

                    break;
                case DataMatchEffect.Flags when !Affects(row.Event.Key, theirs):
                    notApplicable++;
                    problems.Add(new(row.Line, "not-applicable", "event", masked, Text(
                        $"「{row.Event.Zh}」不影响该人员领取的待遇（第六十二条只适用于供养亲属抚恤金；职工服刑期间照发工伤保险待遇，第九十八条）。",
                        $"{row.Event.En} does not affect this recipient's benefits (第六十二条 concerns dependants' pensions; a worker serving a sentence is paid, 第九十八条).")));
                    break;
                case DataMatchEffect.Flags:
                    var key = $"{id}:{row.Event.Key}";
                    if (!open.Add(key))
                    {
                        alreadyFlagged++;
                        problems.Add(new(row.Line, "already-flagged", "event", masked, Text("该人员的同一情形已在调查核实中，不再重复立案。", "The same suspicion is already being investigated.")));
                        break;
                    }

                    var flag = new DataMatchFlag
                    {
                        Id = Guid.CreateVersion7(now), CityCode = city, ImportId = import.Id, RecipientIdNumber = id, RecipientName = theirs[0].RecipientName,
                        Source = source.Key, Event = row.Event.Key, EventOn = row.EventOn, OpenKey = key, Status = DataMatchFlagStatus.Open, RaisedAt = now,
                    };
                    flags.Add(flag);
                    db.DataMatchFlags.Add(flag);
                    break;
                default:
                    notApplicable++;
                    problems.Add(new(row.Line, "not-applicable", "event", masked, Text(
                        "已记录：刑满释放后仍符合条件的，由经办人员按判决前月标准恢复发放（第六十二条）。",
                        "Noted: after a release the officer resumes the pension at the standard of the month before the judgment (第六十二条).")));
                    break;
            }
        }

        await db.SaveChangesAsync(cancellationToken);

        // Each suspicion becomes a task in the officers' inbox: a benefit-investigation case opened by the import.
        var system = new Actor(SystemUser, city, new HashSet<string>(StringComparer.Ordinal) { Roles.Officer });
        foreach (var flag in flags)
        {
            var started = await start.Handle(new StartCase(Procedure, city, new JsonObject
            {
                ["recipientIdNumber"] = flag.RecipientIdNumber, ["recipientName"] = flag.RecipientName, ["source"] = flag.Source,
                ["event"] = flag.Event, ["eventOn"] = DataMatchCsv.Iso(flag.EventOn), ["flagId"] = flag.Id.ToString(),
            }, system), cancellationToken);
            flag.CaseId = started.CaseId;
        }

        var summary = new DataMatchSummary(import.Id, city, source.Key, fileName, false, now, command.By.UserName,
            file.Total, certified, flags.Count, alreadyFlagged, unknown, mismatched, notApplicable, file.Errors.Count,
            [.. problems.OrderBy(p => p.Row)], [.. flags.Select(View)],
            Text($"已导入 {file.Total} 行：认证 {certified} 人，疑似丧失资格待核实 {flags.Count} 人。", $"{file.Total} rows imported: {certified} certified, {flags.Count} flagged for investigation."));
        (import.Rows, import.Certified, import.Flagged, import.Unknown, import.Mismatched, import.Invalid) =
            (summary.Rows, summary.Certified, summary.Flagged, summary.Unknown, summary.Mismatched, summary.Invalid);
        import.Summary = JsonSerializer.Serialize(summary, Json);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return summary;
    }

    public async ValueTask<IReadOnlyList<DataMatchSummary>> Handle(ListDataMatches query, CancellationToken cancellationToken)
    {
        var city = CityOf(query.By, query.City);
        var rows = await db.DataMatchImports.AsNoTracking().Where(i => i.CityCode == city).OrderByDescending(i => i.ImportedAt).Take(100).ToListAsync(cancellationToken);
        return [.. rows.Select(r => JsonSerializer.Deserialize<DataMatchSummary>(r.Summary, Json)!)];
    }

    /// <summary>Whether an event from a department can cost any of the person's running benefits (第六十二、九十八条).</summary>
    internal static bool Affects(string @event, IEnumerable<Entitlement> theirs) => @event switch
    {
        "death" => true,
        "remarriage" => theirs.Any(e => e.Benefit == MonthlyBenefit.DependantsPension && e.Relation == DependantRelation.Spouse),
        _ => theirs.Any(e => e.Benefit == MonthlyBenefit.DependantsPension),
    };

    private async Task<DataMatchSummary?> ExistingAsync(string city, string hash, CancellationToken ct)
    {
        var before = await db.DataMatchImports.AsNoTracking().SingleOrDefaultAsync(i => i.CityCode == city && i.ContentHash == hash, ct);
        if (before is null)
        {
            return null;
        }

        var summary = JsonSerializer.Deserialize<DataMatchSummary>(before.Summary, Json)!;
        return summary with
        {
            AlreadyImported = true,
            Message = Text(
                $"该文件已于 {ChinaTime.DateOf(before.ImportedAt):yyyy-MM-dd} 由 {before.ImportedBy} 导入，本次未作任何变更。",
                $"This file was imported on {ChinaTime.DateOf(before.ImportedAt):yyyy-MM-dd} by {before.ImportedBy}; nothing changed."),
        };
    }

    private static string CityOf(Actor by, string? requested)
    {
        if (!by.May(Permission.KeepEntitlements))
        {
            throw new ForbiddenException(new LocalizedText("只有经办定期待遇的人员可以导入信息比对数据。", "Only staff who keep monthly benefits import data matches."));
        }

        return by.CityScope(requested) ?? throw new DomainValidationException("city", new LocalizedText("请选择信息比对所属的城市。", "Choose the city the data match is for."));
    }

    internal static DataMatchFlagView View(DataMatchFlag f) => new(
        f.Id, f.CaseId, f.RecipientName, IdNumber.TryParse(f.RecipientIdNumber, out var id, out _) ? id.Masked : "", f.Event, DataMatchCsv.Iso(f.EventOn),
        f.Status.ToString().ToLowerInvariant());

    private static string Text(string zh, string en) => new LocalizedText(zh, en).Current;
}
