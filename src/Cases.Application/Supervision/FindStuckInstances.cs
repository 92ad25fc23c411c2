using Cases.Workflows.Definitions;
using Cases.Workflows.Persistence;
using Cases.Workflows.Runtime;

namespace Cases.Application.Supervision;

/// <summary>
/// The supervisors' check for cases that cannot move on by themselves (规程 第一百一十八条: 事中核验、事后核查): running
/// cases with no open task, no pending clock and no event they wait for; clocks overdue by more than
/// <see cref="GraceMinutes"/> (the sweep is behind, or a node died holding the firing lease); tasks claimed by someone who
/// can no longer complete them; and, only when asked because it reads every journal, journals that do not verify.
/// </summary>
public sealed record FindStuckInstances(string? City, int? GraceMinutes, bool VerifyJournals, Actor By) : IQuery<StuckReport>;

public enum StuckReason
{
    /// <summary>Running, no open task, no pending clock, and its state waits for no event: nothing can move it.</summary>
    NoWayForward,

    /// <summary>A clock past due by more than the grace period and not fired.</summary>
    OverdueTimer,

    /// <summary>A claimed task whose assignee no longer exists, no longer holds the task's role, or works in another city.</summary>
    AbandonedClaim,

    /// <summary>The journal's hash chain does not verify (checked only on request).</summary>
    BrokenJournal,
}

/// <summary>One finding: which case, where it stands, since when, and what is wrong.</summary>
public sealed record StuckItem(
    StuckReason Reason, Guid CaseId, Guid InstanceId, string Procedure, int Version, string City, string State, DateTimeOffset Since, string Detail,
    Guid? TimerId = null, Guid? TaskId = null, string? LeaseOwner = null, DateTimeOffset? LeaseUntil = null);

/// <summary>The whole check: the counts are complete, the items capped at <see cref="FindStuckInstancesHandler.MaxItems"/>.</summary>
public sealed record StuckReport(
    DateTimeOffset CheckedAt, string? City, int GraceMinutes, bool JournalsVerified, int RunningInstances, int JournalsChecked,
    int NoWayForward, int OverdueTimers, int AbandonedClaims, int BrokenJournals, IReadOnlyList<StuckItem> Items)
{
    public int Total => NoWayForward + OverdueTimers + AbandonedClaims + BrokenJournals;
}

public sealed class FindStuckInstancesHandler(CasesDb db, DefinitionStore definitions, TimeProvider clock) : IQueryHandler<FindStuckInstances, StuckReport>
{
    public const int MaxItems = 500;

    /// <summary>The sweep runs every minute and a firing lease lasts two: five minutes late is more than a busy node.</summary>
    public const int DefaultGraceMinutes = 5;

    public const int MaxGraceMinutes = 7 * 24 * 60;

    // Journals are verified a page of instances at a time, so memory stays flat on a large database.
    private const int JournalPage = 500;

    public async ValueTask<StuckReport> Handle(FindStuckInstances query, CancellationToken cancellationToken)
    {
        if (!query.By.May(Permission.Oversee))
        {
            throw new ForbiddenException(new LocalizedText("只有主管和管理员可以运行停滞案件检查。", "Only supervisors and administrators run the stuck-case check."));
        }

        var grace = query.GraceMinutes ?? DefaultGraceMinutes;
        if (grace is < 0 or > MaxGraceMinutes)
        {
            throw new DomainValidationException("graceMinutes", new LocalizedText(
                $"宽限分钟数须在 0 至 {MaxGraceMinutes}（一周）之间；收到的是 {grace}。",
                $"graceMinutes must be between 0 and {MaxGraceMinutes} (a week); got {grace}."));
        }

        var city = query.By.CityScope(query.City);
        var now = clock.GetUtcNow();
        var instances = db.Instances.AsNoTracking();
        if (city is not null)
        {
            instances = instances.Where(i => i.CityCode == city);
        }

        var running = instances.Where(i => i.Status == InstanceStatus.Running);
        var noWayForward = await NoWayForwardAsync(running, cancellationToken);
        var overdue = await OverdueTimersAsync(instances, now - TimeSpan.FromMinutes(grace), cancellationToken);
        var abandoned = await AbandonedClaimsAsync(running, cancellationToken);
        var (checkedJournals, broken) = query.VerifyJournals ? await BrokenJournalsAsync(instances, cancellationToken) : (0, []);

        var items = noWayForward.Concat(overdue).Concat(abandoned).Concat(broken)
            .OrderBy(i => i.Since).ThenBy(i => i.InstanceId).Take(MaxItems).ToList();
        return new StuckReport(now, city, grace, query.VerifyJournals, await running.CountAsync(cancellationToken), checkedJournals,
            noWayForward.Count, overdue.Count, abandoned.Count, broken.Count, items);
    }

    private async Task<List<StuckItem>> NoWayForwardAsync(IQueryable<WorkflowInstance> running, CancellationToken ct)
    {
        // The anti-joins leave few rows (a case normally has a task or a clock); the states that wait for an event are
        // known only from the definitions, so they are taken out here rather than in SQL.
        var candidates = await running
            .Where(i => !db.Tasks.Any(t => t.InstanceId == i.Id && (t.Status == HumanTaskStatus.Open || t.Status == HumanTaskStatus.Claimed)))
            .Where(i => !db.Timers.Any(t => t.InstanceId == i.Id && t.Status == TimerStatus.Pending))
            .ToListAsync(ct);
        var stuck = new List<StuckItem>();
        foreach (var i in candidates)
        {
            var definition = await definitions.GetAsync(db, i.DefinitionKey, i.DefinitionVersion, ct);
            var spec = definition.States.GetValueOrDefault(i.State);
            if (spec is { Kind: StateKind.Wait, Events.Count: > 0 })
            {
                continue;
            }

            var why = spec is null
                ? $"its state '{i.State}' is not in version {i.DefinitionVersion} of {i.DefinitionKey}"
                : $"it is in {spec.Kind.ToName()} state '{i.State}' with no open task and no pending clock";
            stuck.Add(new StuckItem(StuckReason.NoWayForward, i.CaseId, i.Id, i.DefinitionKey, i.DefinitionVersion, i.CityCode, i.State, i.StateEnteredAt, why));
        }

        return stuck;
    }

    private async Task<List<StuckItem>> OverdueTimersAsync(IQueryable<WorkflowInstance> instances, DateTimeOffset dueBefore, CancellationToken ct)
    {
        var rows = await db.Timers.AsNoTracking()
            .Where(t => t.Status == TimerStatus.Pending && t.DueAt < dueBefore)
            .Join(instances, t => t.InstanceId, i => i.Id, (t, i) => new { Timer = t, Instance = i })
            .ToListAsync(ct);
        return rows.Select(r => new StuckItem(
                StuckReason.OverdueTimer, r.Instance.CaseId, r.Instance.Id, r.Instance.DefinitionKey, r.Instance.DefinitionVersion, r.Instance.CityCode, r.Instance.State,
                r.Timer.DueAt,
                $"{r.Timer.Kind} clock of state '{r.Timer.State}' ({r.Timer.Basis}) was due {Clocks.Format(r.Timer.DueOn)} and has not fired after {r.Timer.Attempts} attempt(s)",
                TimerId: r.Timer.Id, TaskId: r.Timer.TaskId, LeaseOwner: r.Timer.LeaseOwner, LeaseUntil: r.Timer.LeaseUntil))
            .ToList();
    }

    private async Task<List<StuckItem>> AbandonedClaimsAsync(IQueryable<WorkflowInstance> running, CancellationToken ct)
    {
        // Claims have no lease in this product (a claim is a person's, kept until completed, released or reassigned); what
        // strands a task is an assignee who can no longer complete it. A supervisor reassigns it.
        var rows = await db.Tasks.AsNoTracking()
            .Where(t => t.Status == HumanTaskStatus.Claimed)
            .Where(t => !db.Users.Any(u => u.UserName == t.Assignee && (u.CityCode == null || u.CityCode == t.CityCode)
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == t.Role))))
            .Join(running, t => t.InstanceId, i => i.Id, (t, i) => new { Task = t, Instance = i })
            .ToListAsync(ct);
        return rows.Select(r => new StuckItem(
                StuckReason.AbandonedClaim, r.Instance.CaseId, r.Instance.Id, r.Instance.DefinitionKey, r.Instance.DefinitionVersion, r.Instance.CityCode, r.Instance.State,
                r.Task.ClaimedAt ?? r.Task.CreatedAt,
                $"task '{r.Task.State}' is claimed by {r.Task.Assignee}, who is no longer a {r.Task.Role} of city {r.Task.CityCode}",
                TaskId: r.Task.Id))
            .ToList();
    }

    private async Task<(int Checked, List<StuckItem> Broken)> BrokenJournalsAsync(IQueryable<WorkflowInstance> instances, CancellationToken ct)
    {
        var broken = new List<StuckItem>();
        var count = 0;
        Guid? after = null;
        while (true)
        {
            var page = instances;
            if (after is { } last)
            {
                page = page.Where(i => i.Id.CompareTo(last) > 0);
            }

            var batch = await page.OrderBy(i => i.Id).Take(JournalPage).ToListAsync(ct);
            if (batch.Count == 0)
            {
                return (count, broken);
            }

            var ids = batch.Select(i => i.Id).ToList();
            var entries = (await db.Journal.AsNoTracking().Where(j => ids.Contains(j.InstanceId)).ToListAsync(ct))
                .ToLookup(j => j.InstanceId);
            foreach (var i in batch)
            {
                count++;
                if (JournalChain.Verify(entries[i.Id].OrderBy(j => j.Seq).ToList()) is { } failure)
                {
                    broken.Add(new StuckItem(StuckReason.BrokenJournal, i.CaseId, i.Id, i.DefinitionKey, i.DefinitionVersion, i.CityCode, i.State, i.StateEnteredAt,
                        $"journal entry {failure.Seq}: {failure.Reason}"));
                }
            }

            after = batch[^1].Id;
        }
    }
}
