namespace Cases.Workflows.Instances;

/// <summary>
/// Loads a case and its instance for a command or a view, within what the actor may see: the case staff of its city
/// (provincial staff: every city). Designers and auditors read no case data (规程 第一百四十条); auditors read a case's
/// journal only (<see cref="LoadJournalAsync"/>).
/// </summary>
public static class CaseAccess
{
    public static Task<(CaseRecord Case, WorkflowInstance Instance)> LoadAsync(IWorkflowDb db, Guid caseId, Actor actor, bool track, CancellationToken ct)
    {
        EnsureCaseStaff(actor);
        return LoadInCityAsync(db, caseId, actor, track, ct);
    }

    /// <summary>A case for its journal: the case staff, and auditors, who audit journals (规程 第一百二十条, 第一百四十条).</summary>
    public static Task<(CaseRecord Case, WorkflowInstance Instance)> LoadJournalAsync(IWorkflowDb db, Guid caseId, Actor actor, CancellationToken ct)
    {
        if (!actor.May(Permission.ReadCaseJournal))
        {
            throw new ForbiddenException(new LocalizedText("案件办理记录仅供办案人员和审计人员查看。", "A case's journal is for the staff who work cases and for auditors."));
        }

        return LoadInCityAsync(db, caseId, actor, track: false, ct);
    }

    /// <summary>Refuses anyone who reads no case data (a designer, an auditor): lists and searches of cases, tasks and parties ask this first.</summary>
    public static void EnsureCaseStaff(Actor actor)
    {
        if (!actor.SeesCaseData)
        {
            throw new ForbiddenException(new LocalizedText("案件数据仅供办案人员和系统管理员查看；流程设计人员查看流程定义和试运行，审计人员查看审计日志和案件办理记录（第一百四十条）。", "Case data is for the staff who work cases and administrators; designers see definitions and dry runs, auditors the audit log and case journals."));
        }
    }

    private static async Task<(CaseRecord Case, WorkflowInstance Instance)> LoadInCityAsync(IWorkflowDb db, Guid caseId, Actor actor, bool track, CancellationToken ct)
    {
        var cases = track ? db.Cases : db.Cases.AsNoTracking();
        var instances = track ? db.Instances : db.Instances.AsNoTracking();
        var @case = await cases.SingleOrDefaultAsync(c => c.Id == caseId, ct);
        // Another city's case is answered exactly like a missing one (规程 第一百四十条).
        if (@case is null || !actor.CanSeeCity(@case.CityCode))
        {
            throw new NotFoundException(new LocalizedText($"本市没有编号为 {caseId} 的案件。", $"No case {caseId} in your city."));
        }

        var instance = await instances.SingleAsync(i => i.CaseId == caseId, ct);
        return (@case, instance);
    }

    /// <summary>The case's state as stored now (after a command lost a race, its own tracked copy is stale).</summary>
    public static async Task<CaseState> CurrentStateAsync(IWorkflowDb db, Guid instanceId, DateTimeOffset now, CancellationToken ct) =>
        await StateAsync(db, await db.Instances.AsNoTracking().SingleAsync(i => i.Id == instanceId, ct), now, ct);

    public static async Task<CaseState> StateAsync(IWorkflowDb db, WorkflowInstance instance, DateTimeOffset now, CancellationToken ct)
    {
        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => t.InstanceId == instance.Id && (t.Status == HumanTaskStatus.Open || t.Status == HumanTaskStatus.Claimed))
            .OrderBy(t => t.DueAt).ToListAsync(ct);
        return new CaseState(instance.CaseId, instance.State, instance.Status, instance.EndOutcome, instance.Revision, tasks.Select(t => TaskView.From(t, now)).ToList());
    }
}
