using Cases.Domain.Calendar;
using Cases.Domain.Parties;
using Cases.Domain.Projects;
using Cases.Workflows.Calendar;

namespace Cases.Application.Projects;

/// <summary>
/// An officer files a worker of a construction project by real name (第十一条: 建设项目用工实行动态实名管理，…应在用工之日起
/// 30日内…备案用工人员信息). Filed on the day it is received; a filing after the 30 days is accepted and flagged late.
/// </summary>
public sealed record FileProjectWorker(string ProjectCode, string? IdNumber, string? Name, DateOnly? EmployedOn, Actor By) : ICommand<ProjectWorkerView>;

/// <summary>An officer records that a filed worker left the project (停止用工, 第十一条); <c>LeftOn</c> defaults to today.</summary>
public sealed record RecordProjectWorkerLeft(string ProjectCode, string IdNumber, DateOnly? LeftOn, Actor By) : ICommand<ProjectWorkerView>;

public sealed class ProjectWorkerHandlers(CasesDb db, CalendarStore calendars, TimeProvider clock)
    : ICommandHandler<FileProjectWorker, ProjectWorkerView>, ICommandHandler<RecordProjectWorkerLeft, ProjectWorkerView>
{
    public async ValueTask<ProjectWorkerView> Handle(FileProjectWorker command, CancellationToken cancellationToken)
    {
        EnsureMay(command.By);
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var id = Cases.Domain.Parties.IdNumber.Parse(command.IdNumber, today);
        var employedOn = command.EmployedOn ?? throw new DomainValidationException("employedOn", new LocalizedText("用工日期必须填写。", "employedOn is required."));
        var project = await ProjectLookup.FindAsync(db, command.ProjectCode, command.By, track: false, cancellationToken);
        var calendar = await calendars.GetAsync(db, cancellationToken);
        var worker = ProjectWorker.File(project, id, command.Name, employedOn, today, calendar, Guid.CreateVersion7(clock.GetUtcNow()));
        if (await db.ProjectWorkers.AsNoTracking().AnyAsync(w => w.ProjectId == project.Id && w.IdNumber == id, cancellationToken))
        {
            throw Duplicate(id, project.ProjectCode);
        }

        db.ProjectWorkers.Add(worker);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two filings of the same worker raced past the check: the unique index keeps one.
            db.ChangeTracker.Clear();
            throw Duplicate(id, project.ProjectCode);
        }

        return ProjectWorkerView.From(worker);
    }

    public async ValueTask<ProjectWorkerView> Handle(RecordProjectWorkerLeft command, CancellationToken cancellationToken)
    {
        EnsureMay(command.By);
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var id = Cases.Domain.Parties.IdNumber.Parse(command.IdNumber);
        var project = await ProjectLookup.FindAsync(db, command.ProjectCode, command.By, track: false, cancellationToken);
        var worker = await db.ProjectWorkers.SingleOrDefaultAsync(w => w.ProjectId == project.Id && w.IdNumber == id, cancellationToken)
            ?? throw new NotFoundException(new LocalizedText($"项目 {project.ProjectCode} 没有备案身份证号码为 {id.Masked} 的人员。", $"No worker {id.Masked} is filed on project {project.ProjectCode}."));
        var leftOn = command.LeftOn ?? today;
        if (leftOn > today)
        {
            throw new DomainValidationException("leftOn", new LocalizedText(
                $"离场日期 {Cases.Workflows.Runtime.Clocks.Format(leftOn)} 不能晚于今天（{Cases.Workflows.Runtime.Clocks.Format(today)}）。", $"leftOn {Cases.Workflows.Runtime.Clocks.Format(leftOn)} cannot be after today ({Cases.Workflows.Runtime.Clocks.Format(today)})."));
        }

        worker.Leave(leftOn);
        await db.SaveChangesAsync(cancellationToken);
        return ProjectWorkerView.From(worker);
    }

    private static void EnsureMay(Actor by)
    {
        if (!by.May(Permission.RegisterParties))
        {
            throw new ForbiddenException(new LocalizedText("您的角色不能为建设项目备案用工人员。", "Your role cannot file a project's workers."));
        }
    }

    private static ConflictException Duplicate(IdNumber id, string code) => new(new LocalizedText(
        $"身份证号码为 {id.Masked} 的人员已在项目 {code} 备案，不能重复备案（第十一条）。",
        $"Worker {id.Masked} is already filed on project {code} (第十一条)."));
}
