using Cases.Application.Common;
using Cases.Domain.Calendar;
using Cases.Domain.Parties;
using Cases.Domain.Privacy;
using Cases.Domain.Projects;
using Cases.Workflows.Definitions;
using Cases.Workflows.Instances;
using Cases.Workflows.Persistence;

namespace Cases.Application.Parties;

/// <summary>
/// A worker's page (「当事人」): who (masked unless the role handles cases and a purpose says why — then the view is
/// recorded first, as GET /api/workers/{idNumber}?purpose= records it, 规程 第一百四十条), the insured periods with their
/// late filings (第十一条), the injury cases, every case of every procedure whose data names him — by his identity number
/// or by one of his injury cases' ids —, with their open tasks and clocks, the ledger rows of his injury cases, the
/// journal of those cases newest first, and the procedures an officer could open for one of his injury cases. Another
/// city's worker answers 404 as a missing one.
/// </summary>
public sealed record GetWorkerPage(Guid WorkerId, Actor By, string? Purpose = null) : IQuery<WorkerPageView>;

/// <summary>An employer's page: the register's data, its current workers with their employment, its projects as general contractor, its cases.</summary>
public sealed record GetEmployerPage(string CreditCode, Actor By) : IQuery<EmployerPageView>;

/// <summary>A construction project's page: its data and term (第九条), its cases.</summary>
public sealed record GetProjectPage(string ProjectCode, Actor By) : IQuery<ProjectPageView>;

/// <summary>An injury case of a worker, as his page lists it.</summary>
public sealed record WorkerInjuryView(Guid Id, DateOnly InjuryOn, DateOnly? RecognizedOn, int? Grade, string EmployerName, string City);

/// <summary>A case that names the party, with what the page says of it.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Definition">The definition version it runs on (its title, state and outcome labels).</param>
/// <param name="State">Its current state.</param>
/// <param name="Status">Running or completed.</param>
/// <param name="EndOutcome">How it ended.</param>
/// <param name="OpenedAt">When it was opened.</param>
/// <param name="City">Its city.</param>
/// <param name="Tasks">Its open tasks (due dates, bases, sources).</param>
/// <param name="Timers">Its pending clocks.</param>
public sealed record PartyCaseView(Guid CaseId, WorkflowDefinition Definition, string State, InstanceStatus Status, string? EndOutcome, DateTimeOffset OpenedAt,
    string City, IReadOnlyList<TaskView> Tasks, IReadOnlyList<TimerView> Timers);

/// <summary>A ledger row of one of the worker's injury cases.</summary>
public sealed record PartyLedgerRow(Guid CaseId, string Ledger, string Entry, string InjuryCaseId, decimal Amount, DateOnly OccurredOn);

/// <summary>A journal entry of one of the party's cases, with that case's definition to label it (every number in it masked).</summary>
public sealed record PartyTimelineEntry(Guid CaseId, WorkflowDefinition Definition, JournalView Entry);


public sealed record WorkerPageView(WorkerView Worker, EmployerView? Employer, IReadOnlyList<EmploymentView> Employments, IReadOnlyList<WorkerInjuryView> Injuries,
    IReadOnlyList<PartyCaseView> Cases, IReadOnlyList<PartyLedgerRow> Ledger, IReadOnlyList<PartyTimelineEntry> Timeline,
    IReadOnlyList<InjuryProcedure> InjuryProcedures, bool CanUnmask, bool CanOpenCases, Func<DateOnly, int?> DaysLeft, NameBook Names);

/// <summary>A current worker of an employer, with the period that employs him.</summary>
public sealed record EmployerWorkerRow(Guid WorkerId, string Name, string IdNumber, DateOnly? EmployedOn, int FilingDaysLate);

/// <summary>A project of an employer as general contractor.</summary>
public sealed record ProjectRow(string ProjectCode, string Name, DateOnly ContractStartsOn, DateOnly ContractEndsOn, DateOnly? CompletedOn);

public sealed record EmployerPageView(EmployerView Employer, IReadOnlyList<EmployerWorkerRow> Workers, IReadOnlyList<ProjectRow> Projects,
    IReadOnlyList<PartyCaseView> Cases, Func<DateOnly, int?> DaysLeft, NameBook Names);

public sealed record ProjectPageView(string ProjectCode, string Name, string City, string CityName, string ContractorCreditCode, string? ContractorName,
    DateOnly ContractStartsOn, DateOnly ContractEndsOn, decimal TotalCost, DateOnly? CompletedOn, IReadOnlyList<PartyCaseView> Cases,
    Func<DateOnly, int?> DaysLeft, NameBook Names);

public sealed class PartyPageHandlers(IMediator mediator, CasesDb db, DefinitionStore definitions, Cases.Workflows.Calendar.CalendarStore calendars, TimeProvider clock)
    : IQueryHandler<GetWorkerPage, WorkerPageView>, IQueryHandler<GetEmployerPage, EmployerPageView>, IQueryHandler<GetProjectPage, ProjectPageView>
{
    /// <summary>The page shows at most this many cases and journal entries: a party with more is read through 「案件」.</summary>
    public const int MaxCases = 200;

    public const int MaxTimeline = 100;

    public async ValueTask<WorkerPageView> Handle(GetWorkerPage query, CancellationToken cancellationToken)
    {
        var by = query.By;
        CaseAccess.EnsureCaseStaff(by);
        var number = await db.Workers.AsNoTracking().Where(w => w.Id == query.WorkerId).Select(w => (IdNumber?)w.IdNumber).SingleOrDefaultAsync(cancellationToken)
            ?? throw WorkerNotFound();
        // The one read of a worker: the city's scope, the masking and the recorded view are GetWorker's.
        WorkerView worker;
        try
        {
            worker = await mediator.Send(new GetWorker(number.Value, by, query.Purpose), cancellationToken);
        }
        catch (NotFoundException)
        {
            throw WorkerNotFound();
        }

        var current = await (from w in db.Workers.AsNoTracking()
                             where w.Id == query.WorkerId
                             join e in db.Employers.AsNoTracking() on w.EmployerId equals e.Id
                             select e).SingleOrDefaultAsync(cancellationToken);
        var periods = await (from p in db.Employments.AsNoTracking()
                             where p.WorkerId == query.WorkerId
                             join e in db.Employers.AsNoTracking() on p.EmployerId equals e.Id
                             orderby p.EmployedOn descending
                             select new { Period = p, Employer = e }).ToListAsync(cancellationToken);
        var injuries = await (from i in db.InjuryCases.AsNoTracking()
                              where i.WorkerId == query.WorkerId
                              join e in db.Employers.AsNoTracking() on i.EmployerId equals e.Id
                              orderby i.InjuryOn descending
                              select new { Injury = i, EmployerName = e.Name }).ToListAsync(cancellationToken);
        var injuryKeys = injuries.SelectMany(i => InjuryKeys(i.Injury.Id)).ToList();

        // case_values holds the start and form data the definitions declare: a case names him by his number or his injury case.
        List<string> keys = [number.Value, .. injuryKeys];
        var injuryIds = injuries.Select(i => i.Injury.Id).ToList();
        // Unlinked cases (docs/adr/0017): and the cases opened before the register that are linked to one of his injury cases.
        var caseIds = db.CaseValues.AsNoTracking().Where(v => v.Text != null && keys.Contains(v.Text)).Select(v => v.CaseId)
            .Union(Injuries.Linking.LegacyInjuryCases.Active(db).Where(l => injuryIds.Contains(l.InjuryCaseId)).Select(l => l.CaseId));
        var cases = await CasesAsync(caseIds, by, cancellationToken);
        var ledger = await db.LedgerEntries.AsNoTracking().Where(l => injuryKeys.Contains(l.InjuryCaseId))
            .OrderByDescending(l => l.OccurredOn).ThenByDescending(l => l.RecordedAt)
            .Select(l => new { l.CaseId, l.Ledger, l.Entry, l.InjuryCaseId, l.Amount, l.OccurredOn, l.CityCode }).ToListAsync(cancellationToken);
        var timeline = await TimelineAsync(cases, cancellationToken);
        var procedures = await InjuryProcedures.InForceAsync(db, definitions, cancellationToken);
        var names = await Names.ResolveAsync(db, by, cases.SelectMany(c => c.Tasks.Select(t => t.Assignee)).Concat(timeline.Select(t => t.Entry.Actor)), [], cancellationToken);

        return new WorkerPageView(
            worker,
            current is null ? null : EmployerView.From(current),
            [.. periods.Select(p => EmploymentView.From(p.Period, p.Employer))],
            [.. injuries.Select(i => new WorkerInjuryView(i.Injury.Id, i.Injury.InjuryOn, i.Injury.RecognizedOn, i.Injury.DisabilityGrade?.Value, i.EmployerName, i.Injury.CityCode))],
            cases,
            [.. ledger.Where(l => by.CanSeeCity(l.CityCode)).Select(l => new PartyLedgerRow(l.CaseId, l.Ledger, l.Entry, l.InjuryCaseId, l.Amount, l.OccurredOn))],
            timeline,
            procedures,
            by.NeedsFullIdNumbers,
            by.May(Permission.OpenCases),
            await DaysLeftAsync(cancellationToken),
            names);
    }

    public async ValueTask<EmployerPageView> Handle(GetEmployerPage query, CancellationToken cancellationToken)
    {
        var employer = await mediator.Send(new GetEmployer(query.CreditCode, query.By), cancellationToken);
        var workers = await (from w in db.Workers.AsNoTracking()
                             where w.EmployerId == employer.Id
                             orderby w.Name
                             select new
                             {
                                 w.Id,
                                 w.Name,
                                 w.IdNumber,
                                 Period = db.Employments.Where(p => p.WorkerId == w.Id && p.EmployerId == employer.Id && p.EndedOn == null)
                                     .OrderByDescending(p => p.EmployedOn).FirstOrDefault(),
                             }).Take(1000).ToListAsync(cancellationToken);
        var code = CreditCode.Parse(employer.CreditCode);
        var projects = await db.ConstructionProjects.AsNoTracking().Where(p => p.GeneralContractorCreditCode == code).OrderByDescending(p => p.ContractStartsOn)
            .Select(p => new ProjectRow(p.ProjectCode, p.Name, p.ContractStartsOn, p.ContractEndsOn, p.CompletedOn)).ToListAsync(cancellationToken);
        var caseIds = db.CaseValues.AsNoTracking().Where(v => v.Text == employer.CreditCode).Select(v => v.CaseId).Distinct();
        var cases = await CasesAsync(caseIds, query.By, cancellationToken);
        var names = await Names.ResolveAsync(db, query.By, cases.SelectMany(c => c.Tasks.Select(t => t.Assignee)), [], cancellationToken);
        return new EmployerPageView(employer,
            [.. workers.Select(w => new EmployerWorkerRow(w.Id, w.Name, w.IdNumber.Masked, w.Period?.EmployedOn, w.Period?.FilingDaysLate ?? 0))],
            projects, cases, await DaysLeftAsync(cancellationToken), names);
    }

    public async ValueTask<ProjectPageView> Handle(GetProjectPage query, CancellationToken cancellationToken)
    {
        CaseAccess.EnsureCaseStaff(query.By);
        var code = (query.ProjectCode ?? "").Trim();
        if (code.Length is 0 or > ConstructionProject.ProjectCodeMaxLength || code.Any(char.IsControl))
        {
            throw new DomainValidationException("projectCode", new LocalizedText(
                $"项目编号应为 1 至 {ConstructionProject.ProjectCodeMaxLength} 个字符。", $"projectCode must have 1 to {ConstructionProject.ProjectCodeMaxLength} characters."));
        }

        var project = await db.ConstructionProjects.AsNoTracking().SingleOrDefaultAsync(p => p.ProjectCode == code, cancellationToken);
        // Another city's project is answered exactly like a missing one (规程 第一百四十条).
        if (project is null || !query.By.CanSeeCity(project.CityCode))
        {
            throw new NotFoundException(new LocalizedText($"本市没有项目编号为 {code} 的建设项目。", $"No construction project {code} in your city."));
        }

        var contractor = await db.Employers.AsNoTracking().Where(e => e.CreditCode == project.GeneralContractorCreditCode).Select(e => e.Name).FirstOrDefaultAsync(cancellationToken);
        var caseIds = db.CaseValues.AsNoTracking().Where(v => v.Text == project.ProjectCode).Select(v => v.CaseId).Distinct();
        var cases = await CasesAsync(caseIds, query.By, cancellationToken);
        var names = await Names.ResolveAsync(db, query.By, cases.SelectMany(c => c.Tasks.Select(t => t.Assignee)), [], cancellationToken);
        return new ProjectPageView(project.ProjectCode, project.Name, project.CityCode, City.TryParse(project.CityCode, out var city, out _) ? city.NameZh : project.CityCode,
            project.GeneralContractorCreditCode.Value, contractor, project.ContractStartsOn, project.ContractEndsOn, project.TotalCost, project.CompletedOn,
            cases, await DaysLeftAsync(cancellationToken), names);
    }

    /// <summary>An injury case's id as a case's data may hold it: the canonical text, in either case (providers write both).</summary>
    private static IEnumerable<string> InjuryKeys(Guid id)
    {
        var text = id.ToString();
        return [text, text.ToUpperInvariant()];
    }

    private static NotFoundException WorkerNotFound() =>
        new(new LocalizedText("本市没有该职工。", "No such worker in your city."));

    /// <summary>The cases among <paramref name="caseIds"/> the user's city may see, newest first, with their open tasks and pending clocks.</summary>
    private async Task<List<PartyCaseView>> CasesAsync(IQueryable<Guid> caseIds, Actor by, CancellationToken ct)
    {
        var rows = from c in db.Cases.AsNoTracking()
                   where caseIds.Contains(c.Id)
                   join i in db.Instances.AsNoTracking() on c.Id equals i.CaseId
                   select new { Case = c, Instance = i };
        if (!by.IsProvincial)
        {
            rows = rows.Where(x => x.Case.CityCode == by.CityCode);
        }

        var found = await rows.OrderByDescending(x => x.Case.CreatedAt).ThenByDescending(x => x.Case.Id).Take(MaxCases).ToListAsync(ct);
        var instanceIds = found.Select(x => x.Instance.Id).ToList();
        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => instanceIds.Contains(t.InstanceId) && (t.Status == HumanTaskStatus.Open || t.Status == HumanTaskStatus.Claimed))
            .OrderBy(t => t.DueAt).ToListAsync(ct);
        var timers = await db.Timers.AsNoTracking()
            .Where(t => instanceIds.Contains(t.InstanceId) && t.Status == TimerStatus.Pending && t.Kind != TimerKind.TaskWarning)
            .OrderBy(t => t.DueAt).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var result = new List<PartyCaseView>(found.Count);
        foreach (var x in found)
        {
            result.Add(new PartyCaseView(x.Case.Id, await definitions.GetAsync(db, x.Instance.DefinitionKey, x.Instance.DefinitionVersion, ct), x.Instance.State,
                x.Instance.Status, x.Instance.EndOutcome, x.Case.CreatedAt, x.Case.CityCode,
                [.. tasks.Where(t => t.InstanceId == x.Instance.Id).Select(t => TaskView.From(t, now))],
                [.. timers.Where(t => t.InstanceId == x.Instance.Id).Select(TimerView.From)]));
        }

        return result;
    }

    /// <summary>The journal of the cases, newest first; every identity number and phone masked (a page of many cases is not a recorded view).</summary>
    private async Task<List<PartyTimelineEntry>> TimelineAsync(List<PartyCaseView> cases, CancellationToken ct)
    {
        var byInstance = await db.Instances.AsNoTracking().Where(i => cases.Select(c => c.CaseId).Contains(i.CaseId)).Select(i => new { i.Id, i.CaseId }).ToListAsync(ct);
        var instanceIds = byInstance.Select(i => i.Id).ToList();
        var entries = await db.Journal.AsNoTracking().Where(j => instanceIds.Contains(j.InstanceId))
            .OrderByDescending(j => j.At).ThenByDescending(j => j.Id).Take(MaxTimeline).ToListAsync(ct);
        var caseOf = byInstance.ToDictionary(i => i.Id, i => i.CaseId);
        var definitionOf = cases.ToDictionary(c => c.CaseId, c => c.Definition);
        return [.. entries.Select(e =>
        {
            var view = JournalView.Of(e);
            view = view with { Data = PersonalDataMask.WithoutDerived(PersonalDataMask.Json(view.Data, full: false)) };
            var caseId = caseOf[e.InstanceId];
            return new PartyTimelineEntry(caseId, definitionOf[caseId], view);
        })];
    }

    private async Task<Func<DateOnly, int?>> DaysLeftAsync(CancellationToken ct)
    {
        var calendar = await calendars.GetAsync(db, ct);
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        return due => calendar.WorkingDaysLeft(today, due);
    }
}
