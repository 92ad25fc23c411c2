using Cases.Workflows.Common;
using Cases.Workflows.Persistence;
using Cases.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Cases.Workflows.Casework;

/// <summary>Loads a case and its instance for a command or a view, within what the actor may see.</summary>
public static class CaseAccess
{
    public static async Task<(CaseRecord Case, WorkflowInstance Instance)> LoadAsync(CasesDb db, Guid caseId, Actor actor, bool track, CancellationToken ct)
    {
        var cases = track ? db.Cases : db.Cases.AsNoTracking();
        var instances = track ? db.Instances : db.Instances.AsNoTracking();
        var @case = await cases.SingleOrDefaultAsync(c => c.Id == caseId, ct);
        // Another city's case is answered exactly like a missing one (规程 第一百四十条).
        if (@case is null || !actor.CanSeeCity(@case.CityCode))
        {
            throw new NotFoundException($"No case {caseId} in your city.");
        }

        var instance = await instances.SingleAsync(i => i.CaseId == caseId, ct);
        return (@case, instance);
    }

    public static async Task<CaseState> StateAsync(CasesDb db, WorkflowInstance instance, DateTimeOffset now, CancellationToken ct)
    {
        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => t.InstanceId == instance.Id && (t.Status == HumanTaskStatus.Open || t.Status == HumanTaskStatus.Claimed))
            .OrderBy(t => t.DueAt).ToListAsync(ct);
        return new CaseState(instance.CaseId, instance.State, instance.Status, instance.EndOutcome, instance.Revision, tasks.Select(t => TaskView.From(t, now)).ToList());
    }
}
