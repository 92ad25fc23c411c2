using Cases.Domain;
using Cases.Workflows.Records;
using Microsoft.Extensions.Time.Testing;
using static Cases.Workflows.Tests.Runtime.RuntimeFixtures;

namespace Cases.Workflows.Tests.Runtime;

/// <summary>
/// A task and a case change only through their transitions, and each refuses what the status does not allow with the
/// message the officer reads in the 409 answer; a refused transition changes nothing.
/// </summary>
public sealed class RecordTransitionTests
{
    private const string Officer = "officer.jinan";
    private const string Colleague = "officer.jinan2";

    private readonly FakeTimeProvider _clock = new(China(2025, 9, 26));

    private static HumanTask NewTask() => new()
    {
        Id = Guid.CreateVersion7(),
        InstanceId = Guid.CreateVersion7(),
        CaseId = Guid.CreateVersion7(),
        Procedure = "grant",
        State = "review",
        Role = "officer",
        CityCode = "370100",
        DueOn = Day(2025, 10, 10),
        DueAt = China(2025, 10, 11, hour: 0),
        WarnAt = China(2025, 10, 8),
        Basis = "第十五条",
    };

    private HumanTask Claimed(string by = Officer)
    {
        var task = NewTask();
        task.Claim(by, _clock.GetUtcNow());
        return task;
    }

    private HumanTask Completed()
    {
        var task = Claimed();
        task.Complete(Officer, "accept", _clock.GetUtcNow());
        return task;
    }

    private HumanTask Cancelled()
    {
        var task = NewTask();
        task.Cancel(_clock.GetUtcNow());
        return task;
    }

    /// <summary>Asserts the refusal's message (its English side; the Chinese is asserted where a test names it) and that the task is as it was.</summary>
    private static ConflictException Refused(HumanTask task, Action transition, string message)
    {
        var before = (task.Status, task.Assignee, task.ClaimedAt, task.CompletedAt, task.CompletedBy, task.Outcome, task.Breached, task.DueOn, task.ProvisionalYear);
        var e = Assert.Throws<ConflictException>(transition);
        Assert.Equal(message, e.Text.En);
        Assert.Equal(before, (task.Status, task.Assignee, task.ClaimedAt, task.CompletedAt, task.CompletedBy, task.Outcome, task.Breached, task.DueOn, task.ProvisionalYear));
        return e;
    }

    [Fact]
    public void A_new_task_is_open_and_nobody_holds_it()
    {
        var task = NewTask();

        Assert.Equal((HumanTaskStatus.Open, (string?)null, false), (task.Status, task.Assignee, task.Breached));
        Assert.Equal("open", task.Describe());
    }

    [Fact]
    public void An_open_task_is_claimed_by_the_officer_from_that_moment()
    {
        var task = NewTask();

        task.Claim(Officer, _clock.GetUtcNow());

        Assert.Equal((HumanTaskStatus.Claimed, Officer, _clock.GetUtcNow()), (task.Status, task.Assignee, task.ClaimedAt));
    }

    [Fact]
    public void A_task_that_is_not_open_cannot_be_claimed()
    {
        var mine = Claimed();
        Assert.Equal("您已认领此任务。", Refused(mine, () => mine.Claim(Officer, _clock.GetUtcNow()), "You have already claimed this task.").Message);
        var theirs = Claimed(Colleague);
        Refused(theirs, () => theirs.Claim(Officer, _clock.GetUtcNow()), $"This task is no longer open: it is claimed by {Colleague}.");
        var done = Completed();
        Refused(done, () => done.Claim(Colleague, _clock.GetUtcNow()), $"This task is no longer open: it is completed by {Officer} (accept).");
        var gone = Cancelled();
        Refused(gone, () => gone.Claim(Officer, _clock.GetUtcNow()), "This task is no longer open: it is cancelled (the case moved on).");
    }

    [Fact]
    public void The_assignee_or_a_supervisor_gives_a_claimed_task_back_to_the_pool()
    {
        var byAssignee = Claimed();
        byAssignee.Release(Officer, supervisor: false);
        Assert.Equal((HumanTaskStatus.Open, (string?)null, (DateTimeOffset?)null), (byAssignee.Status, byAssignee.Assignee, byAssignee.ClaimedAt));

        var bySupervisor = Claimed();
        bySupervisor.Release("supervisor.jinan", supervisor: true);
        Assert.Equal(HumanTaskStatus.Open, bySupervisor.Status);

        // Released, it can be claimed again by anyone of the role.
        byAssignee.Claim(Colleague, _clock.GetUtcNow());
        Assert.Equal(Colleague, byAssignee.Assignee);
    }

    [Fact]
    public void Only_a_claimed_task_is_released_and_only_by_its_assignee_or_a_supervisor()
    {
        var theirs = Claimed(Colleague);
        Refused(theirs, () => theirs.Release(Officer, supervisor: false), $"Only the assignee or a supervisor can release this task; it is claimed by {Colleague}.");
        var open = NewTask();
        Refused(open, () => open.Release("supervisor.jinan", supervisor: true), "Only the assignee or a supervisor can release this task; it is open.");
        var done = Completed();
        Refused(done, () => done.Release(Officer, supervisor: true), $"Only the assignee or a supervisor can release this task; it is completed by {Officer} (accept).");
    }

    [Fact]
    public void A_supervisor_assigns_an_open_or_claimed_task_to_someone()
    {
        var open = NewTask();
        open.AssignTo(Colleague, _clock.GetUtcNow());
        Assert.Equal((HumanTaskStatus.Claimed, Colleague, _clock.GetUtcNow()), (open.Status, open.Assignee, open.ClaimedAt));

        var claimed = Claimed();
        _clock.Advance(TimeSpan.FromHours(2));
        claimed.AssignTo(Colleague, _clock.GetUtcNow());
        Assert.Equal((Colleague, _clock.GetUtcNow()), (claimed.Assignee, claimed.ClaimedAt));
    }

    [Fact]
    public void A_completed_or_cancelled_task_cannot_be_reassigned()
    {
        var done = Completed();
        Refused(done, () => done.AssignTo(Colleague, _clock.GetUtcNow()), $"This task is completed by {Officer} (accept) and cannot be reassigned.");
        var gone = Cancelled();
        Refused(gone, () => gone.AssignTo(Colleague, _clock.GetUtcNow()), "This task is cancelled (the case moved on) and cannot be reassigned.");
    }

    [Fact]
    public void The_assignee_completes_a_claimed_task_with_an_outcome()
    {
        var task = Claimed();
        var claimedAt = _clock.GetUtcNow();
        _clock.Advance(TimeSpan.FromDays(2));

        task.Complete(Officer, "accept", _clock.GetUtcNow());

        Assert.Equal((HumanTaskStatus.Completed, Officer, "accept", Officer), (task.Status, task.CompletedBy, task.Outcome, task.Assignee));
        Assert.Equal((claimedAt, _clock.GetUtcNow()), (task.ClaimedAt!.Value, task.CompletedAt!.Value));
    }

    [Fact]
    public void An_open_task_completed_without_a_claim_counts_as_claimed_by_whoever_completed_it()
    {
        var task = NewTask();

        task.Complete(Colleague, "accept", _clock.GetUtcNow());

        Assert.Equal((Colleague, _clock.GetUtcNow(), Colleague), (task.Assignee, task.ClaimedAt!.Value, task.CompletedBy));
    }

    [Fact]
    public void A_task_claimed_by_someone_else_or_already_finished_is_not_completed()
    {
        var theirs = Claimed(Colleague);
        var refusal = Refused(theirs, () => theirs.Complete(Officer, "accept", _clock.GetUtcNow()), $"This task is claimed by {Colleague}; your completion was not applied.");
        Assert.Equal($"此任务已由 {Colleague} 认领，您的办理未生效。", refusal.Message);
        var done = Completed();
        Refused(done, () => done.Complete(Officer, "reject", _clock.GetUtcNow()), $"This task is completed by {Officer} (accept); your completion was not applied.");
        var gone = Cancelled();
        Refused(gone, () => gone.Complete(Officer, "accept", _clock.GetUtcNow()), "This task is cancelled (the case moved on); your completion was not applied.");
    }

    [Fact]
    public void An_open_or_claimed_task_is_cancelled_when_the_case_moves_on_and_stays_cancelled()
    {
        var open = NewTask();
        open.Cancel(_clock.GetUtcNow());
        Assert.Equal((HumanTaskStatus.Cancelled, _clock.GetUtcNow()), (open.Status, open.CompletedAt!.Value));

        var claimed = Claimed();
        claimed.Cancel(_clock.GetUtcNow());
        Assert.Equal(HumanTaskStatus.Cancelled, claimed.Status);

        Refused(open, () => open.Cancel(_clock.GetUtcNow()), "This task is cancelled (the case moved on) and cannot be cancelled.");
        var done = Completed();
        Refused(done, () => done.Cancel(_clock.GetUtcNow()), $"This task is completed by {Officer} (accept) and cannot be cancelled.");
    }

    [Fact]
    public void A_running_task_past_its_deadline_is_marked_breached_a_finished_one_is_not()
    {
        var task = Claimed();
        task.MarkBreached();
        Assert.True(task.Breached);
        // Breached, the officer still completes it (late).
        task.Complete(Officer, "accept", _clock.GetUtcNow());
        Assert.Equal(HumanTaskStatus.Completed, task.Status);

        var done = Completed();
        Refused(done, done.MarkBreached, $"This task is completed by {Officer} (accept); its deadline no longer runs.");
    }

    [Fact]
    public void A_calendar_change_moves_the_deadline_of_a_running_task_and_relabels_a_provisional_one()
    {
        var task = Claimed();

        task.MoveDeadline(Day(2025, 10, 13), China(2025, 10, 14, hour: 0), China(2025, 10, 9), 2026);
        Assert.Equal((Day(2025, 10, 13), China(2025, 10, 14, hour: 0), China(2025, 10, 9), (int?)2026), (task.DueOn, task.DueAt, task.WarnAt, task.ProvisionalYear));

        task.Relabel(null);
        Assert.Equal((Day(2025, 10, 13), (int?)null), (task.DueOn, task.ProvisionalYear));
    }

    [Fact]
    public void The_deadline_of_a_finished_or_breached_task_no_longer_moves()
    {
        var done = Completed();
        Refused(done, () => done.MoveDeadline(Day(2025, 10, 13), China(2025, 10, 14, hour: 0), China(2025, 10, 9), null),
            $"This task is completed by {Officer} (accept); its deadline no longer moves.");
        var gone = Cancelled();
        Refused(gone, () => gone.Relabel(null), "This task is cancelled (the case moved on); its deadline no longer moves.");
        var late = Claimed();
        late.MarkBreached();
        Refused(late, () => late.Relabel(null), "This task is past its deadline; its deadline no longer moves.");
    }

    private WorkflowInstance NewInstance() => new()
    {
        Id = Guid.CreateVersion7(),
        CaseId = Guid.CreateVersion7(),
        DefinitionKey = "grant",
        DefinitionVersion = 2,
        State = "route",
        CityCode = "370100",
        StartedAt = _clock.GetUtcNow(),
        StateEnteredAt = _clock.GetUtcNow(),
    };

    private WorkflowInstance Ended()
    {
        var instance = NewInstance();
        instance.End("granted", _clock.GetUtcNow());
        return instance;
    }

    [Fact]
    public void A_running_case_enters_a_state_from_which_its_clocks_count()
    {
        var instance = NewInstance();
        _clock.Advance(TimeSpan.FromDays(3));

        instance.Enter("hearing", _clock.GetUtcNow());

        Assert.Equal(("hearing", _clock.GetUtcNow(), InstanceStatus.Running), (instance.State, instance.StateEnteredAt, instance.Status));
    }

    [Fact]
    public void A_running_case_takes_new_data_and_ends_once()
    {
        var instance = NewInstance();
        instance.ReplaceData("""{"amount":500}""");
        instance.End("granted", _clock.GetUtcNow());

        Assert.Equal(("""{"amount":500}""", InstanceStatus.Completed, "granted", (DateTimeOffset?)_clock.GetUtcNow()),
            (instance.DataJson, instance.Status, instance.EndOutcome, instance.CompletedAt));
    }

    [Fact]
    public void An_ended_case_enters_no_state_takes_no_data_and_does_not_end_again()
    {
        var instance = Ended();
        var before = (instance.State, instance.DataJson, instance.EndOutcome, instance.CompletedAt);

        Assert.Equal("The case has ended (granted); it enters no other state.",
            Assert.Throws<ConflictException>(() => instance.Enter("hearing", _clock.GetUtcNow())).Text.En);
        Assert.Equal("The case has ended (granted); its data no longer changes.",
            Assert.Throws<ConflictException>(() => instance.ReplaceData("{}")).Text.En);
        Assert.Equal("The case has ended (granted); it cannot end again.",
            Assert.Throws<ConflictException>(() => instance.End("withdrawn", _clock.GetUtcNow().AddDays(1))).Text.En);
        Assert.Equal(before, (instance.State, instance.DataJson, instance.EndOutcome, instance.CompletedAt));
    }

    [Fact]
    public void A_running_case_migrates_to_a_newer_version_only()
    {
        var instance = NewInstance();

        instance.Migrate(3);
        Assert.Equal(3, instance.DefinitionVersion);

        var same = Assert.Throws<DomainValidationException>(() => instance.Migrate(3));
        Assert.Equal(("toVersion", "toVersion must be newer than the case's version 3."), (same.Field, same.Text.En));
        var older = Assert.Throws<DomainValidationException>(() => instance.EnsureCanMigrateTo(1));
        Assert.Equal("toVersion", older.Field);
        var none = Assert.Throws<DomainValidationException>(() => instance.EnsureCanMigrateTo(null));
        Assert.Equal(("toVersion", "toVersion is required."), (none.Field, none.Text.En));
        Assert.Equal(3, instance.DefinitionVersion);
    }

    [Fact]
    public void An_ended_case_is_not_migrated_whatever_the_version()
    {
        var instance = Ended();

        // The case having ended is said first, before anything about the version asked for.
        Assert.Equal("The case has ended (granted); only running cases are migrated.", Assert.Throws<ConflictException>(() => instance.EnsureCanMigrateTo(null)).Text.En);
        Assert.Throws<ConflictException>(() => instance.Migrate(5));
        Assert.Equal(2, instance.DefinitionVersion);
    }

    [Fact]
    public void Each_command_moves_the_revision_on_once()
    {
        var instance = NewInstance();

        instance.Enter("review", _clock.GetUtcNow());
        instance.ReplaceData("{}");
        instance.NextRevision();
        Assert.Equal(1, instance.Revision);

        // An ended case still journals (an acknowledged escalation): its revision still guards against a racing command.
        instance.End("granted", _clock.GetUtcNow());
        instance.NextRevision();
        Assert.Equal(2, instance.Revision);
    }
}
