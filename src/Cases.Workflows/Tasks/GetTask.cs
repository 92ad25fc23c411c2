using Cases.Workflows.Instances;

namespace Cases.Workflows.Tasks;

/// <summary>One task as it stands now, within what the actor may see (another city's task is answered as missing, 规程 第一百四十条).</summary>
public sealed record GetTask(Guid TaskId, Actor By) : IQuery<TaskView>;

public sealed class GetTaskHandler(IWorkflowDb db, TimeProvider clock) : IQueryHandler<GetTask, TaskView>
{
    public async ValueTask<TaskView> Handle(GetTask query, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == query.TaskId, cancellationToken);
        return task is not null && query.By.CanSeeCity(task.CityCode)
            ? TaskView.From(task, clock.GetUtcNow())
            : throw new NotFoundException(new LocalizedText($"本市没有编号为 {query.TaskId} 的任务。", $"No task {query.TaskId} in your city."));
    }
}
