using Cases.Application.Common;
using System.Text.Json.Nodes;
using Cases.Workflows.Definitions;
using Cases.Workflows.Persistence;
using Cases.Workflows.Publishing;

namespace Cases.Application.Designer;

/// <summary>The designer's list: every procedure with its versions and the articles it rests on, by key.</summary>
public sealed record ListDesignerProcedures : IQuery<IReadOnlyList<ProcedureVersions>>;

/// <summary>
/// A procedure with its published versions (oldest first), titled and based as the version in use says — not as a
/// proposal waiting for approval would have it.
/// </summary>
/// <param name="Key">The procedure.</param>
/// <param name="Title">Its title (zh-CN).</param>
/// <param name="TitleEn">Its title in English.</param>
/// <param name="Versions">Its versions, oldest first.</param>
/// <param name="Basis">The articles it rests on.</param>
/// <param name="InForce">The version new cases start on: the latest one approved (a later one may wait for a second person, 规程 第一百一十九条).</param>
/// <param name="Names">Display names of who published and who decided each version.</param>
public sealed record ProcedureVersions(string Key, string Title, string TitleEn, IReadOnlyList<DefinitionVersionView> Versions, IReadOnlyList<string> Basis, int InForce, NameBook Names);

/// <summary>
/// One version of a procedure (the one in use when <paramref name="Version"/> is null) with its definition, for a page
/// that needs <paramref name="Needs"/> of the user (editing needs <see cref="Permission.DesignDefinitions"/>, a dry run
/// <see cref="Permission.ReviewDefinitions"/>): refused (403) before anything is looked up; no such version is 404.
/// </summary>
public sealed record GetDesignerVersion(string Key, int? Version, Actor By, Permission? Needs = null) : IQuery<DesignerVersion>;

public sealed record DesignerVersion(ProcedureVersions Procedure, WorkflowDefinition Definition);

/// <summary>
/// A version's page: the version, its publication journal (proposed, approved, rejected, by whom) and whether the user
/// may decide it — a provincial supervisor, looking at a pending version someone else proposed (four-eyes, 规程 第一百一十九条).
/// </summary>
public sealed record GetPublicationPage(string Key, int? Version, Actor By) : IQuery<PublicationPage>;

/// <param name="Version">The version shown.</param>
/// <param name="Journal">Its publication journal: proposed, approved or rejected, by whom and when.</param>
/// <param name="CanDecide">The user may approve or reject it.</param>
/// <param name="Names">Display names of who published and decided, and of everyone in the publication journal.</param>
public sealed record PublicationPage(DesignerVersion Version, IReadOnlyList<PublicationRecord> Journal, bool CanDecide, NameBook Names);

/// <summary>
/// A draft of a procedure as the designer's pages show it before it is published: validated as publishing would validate
/// it (<see cref="ValidateDefinition"/>) and, when valid and of <paramref name="Key"/>, numbered as the version it would
/// be published as. Nothing is stored.
/// </summary>
public sealed record GetDraftVersion(string Key, string Json, int NextVersion) : IQuery<DraftVersion>;

/// <param name="Definition">The draft numbered as the version it would become; null when refused.</param>
/// <param name="Draft">The draft as typed (a dry run plays it so); null when refused.</param>
/// <param name="Errors">The validator's messages.</param>
/// <param name="OtherKey">The draft is valid but of another procedure.</param>
public sealed record DraftVersion(WorkflowDefinition? Definition, JsonObject? Draft, IReadOnlyList<DefinitionError> Errors, bool OtherKey);

public sealed class DesignerPageHandlers(IMediator mediator, CasesDb db, DefinitionStore store) :
    IQueryHandler<ListDesignerProcedures, IReadOnlyList<ProcedureVersions>>,
    IQueryHandler<GetDesignerVersion, DesignerVersion>,
    IQueryHandler<GetPublicationPage, PublicationPage>,
    IQueryHandler<GetDraftVersion, DraftVersion>
{
    public async ValueTask<DraftVersion> Handle(GetDraftVersion query, CancellationToken cancellationToken)
    {
        var errors = (await mediator.Send(new ValidateDefinition(query.Json), cancellationToken)).Errors;
        if (errors.Count > 0)
        {
            return new DraftVersion(null, null, errors, OtherKey: false);
        }

        var draft = (JsonObject)JsonNode.Parse(query.Json)!;
        if (draft["key"]?.GetValue<string>() != query.Key)
        {
            return new DraftVersion(null, null, [], OtherKey: true);
        }

        // The dry run gets the draft as typed; the page shows it numbered as the version it would become.
        var numbered = (JsonObject)draft.DeepClone();
        numbered["version"] = query.NextVersion;
        return new DraftVersion(DefinitionStore.Parse(numbered.ToJsonString()), draft, [], OtherKey: false);
    }

    public async ValueTask<IReadOnlyList<ProcedureVersions>> Handle(ListDesignerProcedures query, CancellationToken cancellationToken)
    {
        var versions = await mediator.Send(new ListDefinitions(), cancellationToken);
        var names = new NameBook(await Names.UsersAsync(db, versions.SelectMany(v => new[] { v.PublishedBy, v.DecidedBy }), cancellationToken), new Dictionary<Guid, PartyLabel>());
        var procedures = new List<ProcedureVersions>();
        foreach (var group in versions.GroupBy(v => v.Key).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ordered = group.OrderBy(v => v.Version).ToList();
            var inForce = group.Where(v => v.Status == PublicationStatus.Approved).MaxBy(v => v.Version);
            var titled = inForce ?? ordered[^1];
            var definition = await store.GetAsync(db, titled.Key, titled.Version, cancellationToken);
            procedures.Add(new ProcedureVersions(group.Key, titled.Title, titled.TitleEn, ordered, definition.Basis, (inForce ?? ordered[^1]).Version, names));
        }

        return procedures;
    }

    public async ValueTask<DesignerVersion> Handle(GetDesignerVersion query, CancellationToken cancellationToken)
    {
        if (query.Needs is { } needed && !query.By.May(needed))
        {
            throw new ForbiddenException(needed == Permission.DesignDefinitions
                ? new LocalizedText("只有流程设计人员可以编辑和发布业务流程。", "Only designers edit and publish procedures.")
                : new LocalizedText("只有流程设计人员和主管可以试运行业务流程。", "Only designers and supervisors dry-run procedures."));
        }

        var procedure = (await Handle(new ListDesignerProcedures(), cancellationToken)).FirstOrDefault(p => p.Key == query.Key);
        var wanted = query.Version ?? procedure?.InForce;
        if (procedure is null || procedure.Versions.All(v => v.Version != wanted))
        {
            throw new NotFoundException(new LocalizedText($"业务 {query.Key} 没有第 {wanted} 版。", $"Procedure {query.Key} has no version {wanted}."));
        }

        return new DesignerVersion(procedure, await store.GetAsync(db, query.Key, wanted!.Value, cancellationToken));
    }

    public async ValueTask<PublicationPage> Handle(GetPublicationPage query, CancellationToken cancellationToken)
    {
        var version = await Handle(new GetDesignerVersion(query.Key, query.Version, query.By), cancellationToken);
        var published = version.Procedure.Versions.First(v => v.Version == version.Definition.Version);
        var by = query.By;
        var canDecide = published.Status == PublicationStatus.Pending && by.May(Permission.DecidePublications) && by.IsProvincial
            && !string.Equals(published.PublishedBy, by.UserName, StringComparison.Ordinal);
        var journal = await mediator.Send(new GetPublicationJournal(query.Key, version.Definition.Version), cancellationToken);
        var names = version.Procedure.Names.With(new NameBook(await Names.UsersAsync(db, journal.Select(r => r.By), cancellationToken), new Dictionary<Guid, PartyLabel>()));
        return new PublicationPage(version, journal, canDecide, names);
    }
}
