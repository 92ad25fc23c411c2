using Cases.Application.Common;
using Cases.Domain.Calendar;
using Cases.Workflows.Calendar;
using Cases.Workflows.Definitions;
using Cases.Workflows.Instances;
using Cases.Workflows.Persistence;
using Cases.Workflows.Runtime;
using Cases.Workflows.Tasks;
using Microsoft.Extensions.Options;

namespace Cases.Application.Casework;

/// <summary>
/// The case workspace as its page shows it: the case (<see cref="GetCase"/>: identity numbers masked unless the role
/// needs them, a whole one's view recorded), its journal's verification, the definition version that runs it, its
/// comments, files and missing-materials notices, the working days left until each due date, and what the user may do
/// on it — record an awaited event, comment and upload, migrate it to a newer version.
/// </summary>
public sealed record GetCasePage(Guid CaseId, Actor By) : IQuery<CasePageView>;

/// <param name="Case">The case as <see cref="GetCase"/> answers it.</param>
/// <param name="Verification">Whether the journal's hash chain verifies.</param>
/// <param name="Definition">The definition version the case runs on.</param>
/// <param name="Comments">Its comments, newest first.</param>
/// <param name="Attachments">Its files.</param>
/// <param name="Notices">The one-time missing-materials notices the runtime sent (第十五条).</param>
/// <param name="DaysLeft">Working days left until a due date; null when the calendar cannot count them.</param>
/// <param name="CanRecordEvents">The user records the events a case waits for (the command checks it again).</param>
/// <param name="CanWork">The user comments and uploads (the commands check the city).</param>
/// <param name="FullIdNumbers">The user's role sees whole identity numbers.</param>
/// <param name="MaxUploadBytes">The largest file an upload accepts.</param>
/// <param name="MigrateTo">A newer version in use that the user could migrate this running case to; null when none or not theirs to migrate.</param>
/// <param name="Names">Display names of everyone the page names (the journal's actors, tasks' holders, comments' and files' authors) and the case's party.</param>
public sealed record CasePageView(CaseView Case, JournalVerification Verification, WorkflowDefinition Definition, IReadOnlyList<CommentView> Comments,
    IReadOnlyList<AttachmentView> Attachments, IReadOnlyList<MaterialsNoticeView> Notices, Func<DateOnly, int?> DaysLeft,
    bool CanRecordEvents, bool CanWork, bool FullIdNumbers, long MaxUploadBytes, int? MigrateTo, NameBook Names);

/// <summary>
/// A task as its page shows it: the task, its case (masked as <see cref="GetCase"/> masks it), the definition and the
/// state whose form it is — for a supervisor's confirmation of an expiry (<see cref="ExpiryConfirmation"/>) the
/// confirmation's own form and the held last day — the working days left, and what the user may do with it.
/// </summary>
public sealed record GetTaskPage(Guid TaskId, Actor By) : IQuery<TaskPageView>;

/// <param name="Task">The task as <see cref="GetTask"/> answers it.</param>
/// <param name="Case">Its case.</param>
/// <param name="Definition">The definition version the case runs on.</param>
/// <param name="State">The state whose form and outcomes the task shows.</param>
/// <param name="FormData">The types and labels of the form's fields: the definition's data, or a confirmation's own date field.</param>
/// <param name="HeldDueOn">For a confirmation of an expiry: the held last day of the period, as journaled.</param>
/// <param name="DaysLeft">Working days left until it is due; null when the calendar cannot count them.</param>
/// <param name="FullIdNumbers">The user's role sees whole identity numbers.</param>
/// <param name="CanComplete">The user may complete it now: open in their role, or claimed by them.</param>
/// <param name="CanClaim">The user may claim it: open, in their role.</param>
/// <param name="CanRelease">The user holds it and may give it back.</param>
/// <param name="Names">Display names of who holds or completed the task, and the case's party.</param>
public sealed record TaskPageView(TaskView Task, CaseView Case, WorkflowDefinition Definition, StateSpec State, IReadOnlyDictionary<string, FieldSpec> FormData,
    string? HeldDueOn, int? DaysLeft, bool FullIdNumbers, bool CanComplete, bool CanClaim, bool CanRelease, NameBook Names);

/// <summary>A one-time missing-materials notice (第十五条) as the runtime sent it, with the definition that names its materials, for printing.</summary>
public sealed record GetMaterialsNoticePage(Guid CaseId, Guid NoticeId, Actor By) : IQuery<MaterialsNoticePage>;

/// <param name="Notice">The notice as sent.</param>
/// <param name="Definition">The definition version that names its materials and articles.</param>
/// <param name="FullIdNumbers">The user's role sees whole identity numbers.</param>
/// <param name="Addressee">Who the notice is addressed to, by name (the case's party).</param>
/// <param name="Data">The case's data (masked as GetCase masks it): the resubmission deadline and the dates the notice cites.</param>
public sealed record MaterialsNoticePage(MaterialsNoticeView Notice, WorkflowDefinition Definition, bool FullIdNumbers, PartyLabel Addressee, System.Text.Json.Nodes.JsonObject Data);

public sealed class CasePageHandlers(IMediator mediator, CasesDb db, DefinitionStore definitions, CalendarStore calendars, TimeProvider clock, IOptions<AttachmentOptions> attachments)
    : IQueryHandler<GetCasePage, CasePageView>, IQueryHandler<GetTaskPage, TaskPageView>, IQueryHandler<GetMaterialsNoticePage, MaterialsNoticePage>
{
    public async ValueTask<CasePageView> Handle(GetCasePage query, CancellationToken cancellationToken)
    {
        var by = query.By;
        var view = await mediator.Send(new GetCase(query.CaseId, by), cancellationToken);
        var verification = await mediator.Send(new VerifyJournal(query.CaseId, by), cancellationToken);
        var definition = await definitions.GetAsync(db, view.Procedure, view.DefinitionVersion, cancellationToken);
        var comments = await mediator.Send(new ListComments(query.CaseId, by), cancellationToken);
        var files = await mediator.Send(new ListAttachments(query.CaseId, by), cancellationToken);
        var notices = await mediator.Send(new ListMaterialsNotices(query.CaseId, by), cancellationToken);
        int? migrateTo = null;
        if (view.Status == InstanceStatus.Running && by.May(Permission.Supervise))
        {
            var latest = await DefinitionStore.InForceVersionAsync(db, view.Procedure, cancellationToken);
            migrateTo = latest > view.DefinitionVersion ? latest : null;
        }

        // Users the journal names as the actor, or as whom a task was released from or assigned to.
        var journalUsers = view.Journal.SelectMany(j => new[] { j.Actor, JournalUser(j, "from"), JournalUser(j, "to") });
        var names = await Names.ResolveAsync(db, by,
            journalUsers.Concat(view.OpenTasks.Select(t => t.Assignee)).Concat(comments.Select(c => c.Author)).Concat(files.Select(f => f.UploadedBy)),
            [view.CaseId], cancellationToken);
        return new CasePageView(view, verification, definition, comments, files, notices, await DaysLeftAsync(cancellationToken),
            by.May(Permission.RecordEvents), by.May(Permission.WorkCases), by.NeedsFullIdNumbers, attachments.Value.MaxBytes, migrateTo, names);
    }

    public async ValueTask<TaskPageView> Handle(GetTaskPage query, CancellationToken cancellationToken)
    {
        var by = query.By;
        var task = await mediator.Send(new GetTask(query.TaskId, by), cancellationToken);
        var @case = await mediator.Send(new GetCase(task.CaseId, by), cancellationToken);
        var definition = await definitions.GetAsync(db, @case.Procedure, @case.DefinitionVersion, cancellationToken);
        var confirmation = task.Kind == HumanTaskKind.ExpiryConfirmation;
        var inRole = by.IsIn(task.Role);
        var mine = task.Status == HumanTaskStatus.Claimed && task.Assignee == by.UserName;
        return new TaskPageView(
            task,
            @case,
            definition,
            confirmation ? ExpiryConfirmation.Spec(definition, task.State) : definition.States[task.State],
            confirmation ? ExpiryConfirmation.Fields : definition.Data,
            confirmation ? @case.Journal.LastOrDefault(j => j.Action == JournalActions.ExpiryHeld)?.Data?[JournalFields.DueOn]?.GetValue<string>() : null,
            (await DaysLeftAsync(cancellationToken))(task.DueOn),
            by.NeedsFullIdNumbers,
            CanComplete: inRole && (task.Status == HumanTaskStatus.Open || mine),
            CanClaim: inRole && task.Status == HumanTaskStatus.Open,
            CanRelease: mine,
            Names: await Names.ResolveAsync(db, by, [task.Assignee, task.CompletedBy], [task.CaseId], cancellationToken));
    }

    public async ValueTask<MaterialsNoticePage> Handle(GetMaterialsNoticePage query, CancellationToken cancellationToken)
    {
        var notice = await mediator.Send(new GetMaterialsNotice(query.CaseId, query.NoticeId, query.By), cancellationToken);
        var @case = await mediator.Send(new GetCase(query.CaseId, query.By), cancellationToken);
        var parties = await Names.PartiesAsync(db, query.By, [query.CaseId], cancellationToken);
        return new MaterialsNoticePage(notice, await definitions.GetAsync(db, notice.Procedure, notice.DefinitionVersion, cancellationToken), query.By.NeedsFullIdNumbers,
            parties.GetValueOrDefault(query.CaseId) ?? new PartyLabel(notice.Party, null), @case.Data as System.Text.Json.Nodes.JsonObject ?? []);
    }

    /// <summary>A user a journal entry names besides its actor: whom a task was released from or assigned to.</summary>
    private static string? JournalUser(JournalView entry, string key) =>
        entry.Action is JournalActions.TaskReleased or JournalActions.TaskAssigned && entry.Data?[key] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var user) ? user : null;

    private async Task<Func<DateOnly, int?>> DaysLeftAsync(CancellationToken ct)
    {
        var calendar = await calendars.GetAsync(db, ct);
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        return due => calendar.WorkingDaysLeft(today, due);
    }
}
