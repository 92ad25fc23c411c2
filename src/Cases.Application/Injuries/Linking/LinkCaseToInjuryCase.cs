using System.Text.Json.Nodes;
using Cases.Application.Common;
using Cases.Domain.Privacy;
using Cases.Workflows.Persistence;

namespace Cases.Application.Injuries.Linking;

/// <summary>
/// An officer or supervisor ties a case opened before the injury-case register to the registered injury case of its
/// city it is about, with a reason (规程 第一百二十条: journaled on the case). <paramref name="InjuryCase"/> is the injury
/// case's id or its recognition decision's number. The same link again changes nothing; a case linked to another
/// injury case is a conflict (409): undo that link first.
/// </summary>
public sealed record LinkCaseToInjuryCase(Guid CaseId, string? InjuryCase, string? Reason, Actor By) : ICommand<InjuryCaseLinkView>;

/// <summary>A wrong link is undone, with a reason, journaled; the case is listed as unlinked again and not matched automatically again.</summary>
public sealed record UnlinkCaseFromInjuryCase(Guid CaseId, string? Reason, Actor By) : ICommand<InjuryCaseLinkView>;

/// <summary>A case's link as it stands (<c>Linked</c> false once undone).</summary>
public sealed record InjuryCaseLinkView(Guid CaseId, Guid InjuryCaseId, string InjuryCase, string Typed, string How, bool Linked, string LinkedBy, DateTimeOffset LinkedAt, string? Reason);

public sealed class InjuryCaseLinkHandlers(CasesDb db, ProgressWriter writer, DefinitionStore definitions, TimeProvider clock)
    : ICommandHandler<LinkCaseToInjuryCase, InjuryCaseLinkView>, ICommandHandler<UnlinkCaseFromInjuryCase, InjuryCaseLinkView>
{
    public async ValueTask<InjuryCaseLinkView> Handle(LinkCaseToInjuryCase command, CancellationToken cancellationToken)
    {
        LinkAccess.Ensure(command.By);
        var candidate = await LegacyCaseAsync(command.CaseId, command.By, cancellationToken);
        var given = TextInput.Required(command.InjuryCase, "injuryCaseId", new LocalizedText("工伤案件", "The injury case"), 100);
        var reason = TextInput.Required(command.Reason, "reason", new LocalizedText("关联理由", "The reason"), InjuryCaseLink.MaxReasonLength, lineBreaks: true);
        var injury = await InjuryOfCityAsync(given, candidate.City, cancellationToken);

        var existing = await db.Set<InjuryCaseLink>().AsNoTracking().SingleOrDefaultAsync(l => l.CaseId == candidate.CaseId && l.UndoneAt == null, cancellationToken);
        if (existing is not null)
        {
            var view = await ViewAsync(existing, cancellationToken);
            if (existing.InjuryCaseId == injury.Id)
            {
                return view;
            }

            throw new ConflictException(new LocalizedText(
                $"该案件已关联工伤案件 {view.InjuryCase}；如关联有误，请先撤销关联。",
                $"The case is already linked to injury case {view.InjuryCase}; undo that link first if it is wrong."), view);
        }

        var link = new InjuryCaseLink
        {
            CaseId = candidate.CaseId, InjuryCaseId = injury.Id, CityCode = candidate.City, Typed = candidate.Text ?? "", How = LinkMatch.Officer,
            Reason = reason, LinkedBy = command.By.UserName, LinkedAt = clock.GetUtcNow(),
        };
        await LegacyInjuryCases.AddAsync(db, writer, link, injury.RecognitionNumber, LinkMatch.Officer, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await ViewAsync(link, cancellationToken);
    }

    public async ValueTask<InjuryCaseLinkView> Handle(UnlinkCaseFromInjuryCase command, CancellationToken cancellationToken)
    {
        LinkAccess.Ensure(command.By);
        var reason = TextInput.Required(command.Reason, "reason", new LocalizedText("撤销理由", "The reason"), InjuryCaseLink.MaxReasonLength, lineBreaks: true);
        var link = await db.Set<InjuryCaseLink>().SingleOrDefaultAsync(l => l.CaseId == command.CaseId, cancellationToken);
        if (link is null || !command.By.CanSeeCity(link.CityCode))
        {
            // Another city's case answers as a missing one (第一百四十条).
            await LegacyCaseAsync(command.CaseId, command.By, cancellationToken);
            throw NotLinked();
        }

        if (link.UndoneAt is not null)
        {
            throw NotLinked();
        }

        var now = clock.GetUtcNow();
        link.UndoneAt = now;
        link.UndoneBy = command.By.UserName;
        link.UndoReason = reason;
        var number = await db.InjuryCases.AsNoTracking().Where(i => i.Id == link.InjuryCaseId).Select(i => i.RecognitionNumber).SingleOrDefaultAsync(cancellationToken);
        await LegacyInjuryCases.JournalAsync(db, writer, link.CaseId, AgencyJournalActions.InjuryCaseUnlinked, new JsonObject
        {
            ["injuryCaseId"] = link.InjuryCaseId.ToString(),
            ["recognitionNumber"] = number,
            ["reason"] = reason,
        }, command.By.UserName, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await ViewAsync(link, cancellationToken);
    }

    /// <summary>The case as a legacy case of the user's city; another city's or a missing one is 404, a case of a version tied to the register 409.</summary>
    private async Task<LegacyCandidate> LegacyCaseAsync(Guid caseId, Actor by, CancellationToken ct)
    {
        var city = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.CityCode).SingleOrDefaultAsync(ct);
        if (city is null || !by.CanSeeCity(city))
        {
            throw new NotFoundException(new LocalizedText($"未找到案件 {caseId}。", $"Case {caseId} was not found."));
        }

        var fields = await LegacyInjuryCases.FieldsAsync(db, definitions, ct);
        return await LegacyInjuryCases.Candidates(db, fields, city).FirstOrDefaultAsync(c => c.CaseId == caseId, ct)
            ?? throw new ConflictException(new LocalizedText(
                "该案件不是工伤案件登记前受理的案件：它的工伤案件已在受理时核对登记，无需关联。",
                "The case was not opened before the injury-case register: its injury case was checked against the register when it was opened."));
    }

    /// <summary>The injury case named by id or decision number, registered in the case's city; otherwise a 400 naming injuryCaseId.</summary>
    private async Task<Domain.Injuries.InjuryCase> InjuryOfCityAsync(string given, string city, CancellationToken ct)
    {
        Domain.Injuries.InjuryCase? injury;
        if (Guid.TryParse(given, out var id))
        {
            injury = await db.InjuryCases.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id && i.CityCode == city, ct);
        }
        else
        {
            var key = LegacyInjuryCases.Key(given);
            var numbers = await db.InjuryCases.AsNoTracking().Where(i => i.CityCode == city && i.RecognitionNumber != null).ToListAsync(ct);
            var matches = numbers.Where(i => LegacyInjuryCases.Key(i.RecognitionNumber!) == key).ToList();
            injury = matches.Count == 1 ? matches[0] : null;
        }

        // Another city's injury case answers as a missing one (第一百四十条).
        return injury ?? throw new DomainValidationException("injuryCaseId", new LocalizedText(
            $"本市没有登记工伤案件「{PersonalDataMask.Text(Short(given))}」（请填写工伤案件编号或工伤认定决定书编号）。",
            $"No injury case '{PersonalDataMask.Text(Short(given))}' is registered in the case's city (give its id or its recognition decision number)."));
    }

    private async Task<InjuryCaseLinkView> ViewAsync(InjuryCaseLink link, CancellationToken ct)
    {
        var id = link.InjuryCaseId.ToString();
        var labels = await InjuryCaseLabels.OfAsync(db, [id], ct);
        return new InjuryCaseLinkView(link.CaseId, link.InjuryCaseId, labels[id], PersonalDataMask.Label(link.Typed, full: false), link.How, link.UndoneAt is null,
            link.LinkedBy, link.LinkedAt, link.Reason is null ? null : PersonalDataMask.Label(link.Reason, full: false));
    }

    private static ConflictException NotLinked() =>
        new(new LocalizedText("该案件当前没有关联工伤案件，无需撤销。", "The case is not linked to an injury case; there is nothing to undo."));

    private static string Short(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
