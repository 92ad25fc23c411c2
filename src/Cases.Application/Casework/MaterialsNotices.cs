using System.Text.Json.Nodes;
using Cases.Application.Parties;
using Cases.Application.Privacy;
using Cases.Domain.Privacy;
using Cases.Workflows.Instances;

namespace Cases.Application.Casework;

/// <summary>One missing material of a notice, with the article asking for it.</summary>
public sealed record MissingMaterial(string Key, string Zh, string En, string Basis);

/// <summary>
/// A one-time missing-materials notice (规程 第十五条: the reasons and every missing material at once) exactly as the
/// runtime sent it to the outbox: the materials-notice action's list with each item's article and the officer's
/// reasons, or — for a procedure that notifies with the template directly — the case fields it carried (<see cref="Notes"/>).
/// </summary>
public sealed record MaterialsNoticeView(
    Guid Id, Guid CaseId, string Procedure, int DefinitionVersion, string City, string Party, string Recipient, DateTimeOffset SentAt,
    OutboxStatus Status, IReadOnlyList<MissingMaterial> Missing, string? Reasons, IReadOnlyList<(string Field, string Text)> Notes);

/// <summary>
/// A case's one-time missing-materials notices, oldest first. The officer's reasons and the fields a notice carried are
/// free text: a number typed into them is masked, and a view of it whole recorded, as in the case's data.
/// </summary>
public sealed record ListMaterialsNotices(Guid CaseId, Actor By) : IQuery<IReadOnlyList<MaterialsNoticeView>>;

/// <summary>One notice of a case, for printing (masked and recorded as <see cref="ListMaterialsNotices"/>).</summary>
public sealed record GetMaterialsNotice(Guid CaseId, Guid NoticeId, Actor By) : IQuery<MaterialsNoticeView>;

public sealed class MaterialsNoticeHandlers(CasesDb db, IPersonalDataAccessLog accessLog, TimeProvider clock) :
    IQueryHandler<ListMaterialsNotices, IReadOnlyList<MaterialsNoticeView>>,
    IQueryHandler<GetMaterialsNotice, MaterialsNoticeView>
{
    public const string Template = "one-time-missing-materials-notice";

    public async ValueTask<IReadOnlyList<MaterialsNoticeView>> Handle(ListMaterialsNotices query, CancellationToken cancellationToken)
    {
        var (@case, instance) = await CaseAccess.LoadAsync(db, query.CaseId, query.By, track: false, cancellationToken);
        // The outbox has no index by case: it is searched only when the case's own journal says a notice was sent.
        var journaled = await db.Journal.AsNoTracking()
            .AnyAsync(j => j.InstanceId == instance.Id && (j.Action == JournalActions.MaterialsNotice || (j.Action == JournalActions.Notified && j.DataJson.Contains(Template))), cancellationToken);
        if (!journaled)
        {
            return [];
        }

        var messages = await db.Outbox.AsNoTracking().Where(m => m.CaseId == @case.Id && m.Template == Template).ToListAsync(cancellationToken);
        var found = new List<PersonalDataFound>();
        var views = messages.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Select(m => View(m, @case, instance, query.By.NeedsFullIdNumbers, found)).ToList();
        await CaseDataViews.RecordAsync(accessLog, found, @case.Id, @case.CityCode, query.By, clock.GetUtcNow(), "notice", cancellationToken);
        return views;
    }

    public async ValueTask<MaterialsNoticeView> Handle(GetMaterialsNotice query, CancellationToken cancellationToken)
    {
        var (@case, instance) = await CaseAccess.LoadAsync(db, query.CaseId, query.By, track: false, cancellationToken);
        var message = await db.Outbox.AsNoTracking().SingleOrDefaultAsync(m => m.Id == query.NoticeId, cancellationToken);
        if (message is null || message.CaseId != @case.Id || message.Template != Template)
        {
            throw new NotFoundException(new LocalizedText($"案件 {query.CaseId} 没有补正材料通知 {query.NoticeId}。", $"Case {query.CaseId} has no missing-materials notice {query.NoticeId}."));
        }

        var found = new List<PersonalDataFound>();
        var view = View(message, @case, instance, query.By.NeedsFullIdNumbers, found);
        await CaseDataViews.RecordAsync(accessLog, found, @case.Id, @case.CityCode, query.By, clock.GetUtcNow(), "notice", cancellationToken);
        return view;
    }

    private static readonly HashSet<string> Envelope = new(StringComparer.Ordinal) { "state", "missing", "reasons", "caseId", "procedure" };

    private static MaterialsNoticeView View(OutboxMessage m, CaseRecord @case, WorkflowInstance instance, bool full, List<PersonalDataFound> found)
    {
        var payload = JsonNode.Parse(m.PayloadJson) as JsonObject ?? [];
        var missing = (payload["missing"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(i => new MissingMaterial(Text(i["key"]) ?? "", Text(i["zh"]) ?? "", Text(i["en"]) ?? "", Text(i["basis"]) ?? ""))
            .ToList();
        var notes = payload.Where(p => !Envelope.Contains(p.Key) && Text(p.Value) is { Length: > 0 })
            .Select(p => (p.Key, PersonalDataMask.Text(Text(p.Value)!, full, found, p.Key))).ToList();
        var reasons = Text(payload["reasons"]) is { } typed ? PersonalDataMask.Text(typed, full, found, "reasons") : null;
        // The party and the recipient are labels: masked as a label is, and a number in them seen whole is recorded too.
        string Label(string label, string field) => full ? PersonalDataMask.Text(label, true, found, field) : PersonalDataMask.Label(label, false);
        return new MaterialsNoticeView(m.Id, @case.Id, instance.DefinitionKey, instance.DefinitionVersion, @case.CityCode, Label(@case.Party, "party"),
            Label(m.Recipient, "recipient"), m.CreatedAt, m.Status, missing, reasons, notes);
    }

    // A text field as text; a list of texts one per line; anything else as its JSON.
    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonArray a => string.Join("\n", a.Select(Text).OfType<string>()),
        _ => node.ToJsonString(),
    };
}
