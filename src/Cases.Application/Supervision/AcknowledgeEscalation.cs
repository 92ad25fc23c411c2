using System.Text.Json.Nodes;
using Cases.Workflows.Persistence;
using Cases.Workflows.Runtime;

namespace Cases.Application.Supervision;

/// <summary>
/// A supervisor takes note of an escalated breach (规程 第一百二十条: 督办) — "seen, and being dealt with" — with an
/// optional note. The escalation then stops counting as new on the dashboard and in the navigation badge, and the case's
/// journal records who acknowledged it, when, and why. Acknowledging changes no deadline and no task: the task stays
/// breached until someone completes it.
/// </summary>
public sealed record AcknowledgeEscalation(Guid EscalationId, string? Note, Actor By) : ICommand<EscalationAcknowledgement>
{
    public const int MaxNoteLength = 500;
}

/// <summary>Who acknowledged an escalation and when.</summary>
public sealed record EscalationAcknowledgement(Guid EscalationId, Guid CaseId, Guid? TaskId, DateTimeOffset AcknowledgedAt, string AcknowledgedBy, string? Note);

public sealed class AcknowledgeEscalationHandler(CasesDb db, ProgressWriter writer, TimeProvider clock) : ICommandHandler<AcknowledgeEscalation, EscalationAcknowledgement>
{
    public async ValueTask<EscalationAcknowledgement> Handle(AcknowledgeEscalation command, CancellationToken cancellationToken)
    {
        if (!command.By.May(Permission.Supervise))
        {
            throw new ForbiddenException(new LocalizedText("只有主管可以确认督办事项。", "Only supervisors acknowledge escalations."));
        }

        var note = TextInput.Optional(command.Note, "note", "The note", AcknowledgeEscalation.MaxNoteLength, lineBreaks: true);

        // Another city's escalation is not found (第一百四十条): the caller may not know that it exists.
        var escalation = await db.Escalations.SingleOrDefaultAsync(e => e.Id == command.EscalationId, cancellationToken);
        if (escalation is null || !command.By.CanSeeCity(escalation.CityCode))
        {
            throw new NotFoundException(new LocalizedText($"未找到督办事项 {command.EscalationId}。", $"Escalation {command.EscalationId} was not found."));
        }

        if (escalation.AcknowledgedAt is { } at)
        {
            throw new ConflictException(new LocalizedText(
                    $"{escalation.AcknowledgedBy} 已于 {at:yyyy-MM-dd HH:mm}（UTC）确认了这项督办。",
                    $"{escalation.AcknowledgedBy} already acknowledged this escalation at {at:yyyy-MM-dd HH:mm} UTC."),
                new EscalationAcknowledgement(escalation.Id, escalation.CaseId, escalation.TaskId, at, escalation.AcknowledgedBy!, null));
        }

        var now = clock.GetUtcNow();
        escalation.AcknowledgedAt = now;
        escalation.AcknowledgedBy = command.By.UserName;

        // The journal entry goes on the case's hash chain; the instance's revision is its concurrency token, so two
        // supervisors acknowledging at once (or a command on the case racing this) cannot both append the same seq.
        var instance = await db.Instances.SingleAsync(i => i.Id == escalation.InstanceId, cancellationToken);
        instance.NextRevision();
        await writer.AppendJournalAsync(instance.Id, [new JournalPlan(AgencyJournalActions.EscalationAcknowledged, escalation.State, escalation.State, new JsonObject
        {
            ["escalationId"] = escalation.Id.ToString(),
            ["taskId"] = escalation.TaskId?.ToString(),
            [JournalFields.DueOn] = escalation.DueOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["basis"] = escalation.Basis,
            ["note"] = note,
        })], command.By.UserName, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        // The note as its writer would read it back on the case: masked unless their role handles cases.
        return new EscalationAcknowledgement(escalation.Id, escalation.CaseId, escalation.TaskId, now, command.By.UserName,
            note is null ? null : Cases.Domain.Privacy.PersonalDataMask.Label(note, command.By.NeedsFullIdNumbers));
    }
}
