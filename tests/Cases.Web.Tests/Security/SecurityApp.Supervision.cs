using Cases.Workflows.Records;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Tests.Security;

public partial class SecurityApp
{
    /// <summary>
    /// An escalation of an open task in <paramref name="city"/>, as the breach timer raises it (the timer itself needs the
    /// clock moved, which the matrix's shared app does not do).
    /// </summary>
    public async Task<Guid> NewEscalationAsync(string city)
    {
        var taskId = await NewOfficerTaskAsync(city);
        return await InDbAsync(async db =>
        {
            var task = await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == taskId);
            var escalation = new Escalation
            {
                Id = Guid.CreateVersion7(),
                InstanceId = task.InstanceId,
                CaseId = task.CaseId,
                TaskId = task.Id,
                CityCode = task.CityCode,
                Procedure = task.Procedure,
                State = task.State,
                DueOn = task.DueOn,
                Basis = task.Basis,
                RaisedAt = Factory.Clock.GetUtcNow(),
            };
            db.Escalations.Add(escalation);
            await db.SaveChangesAsync();
            return escalation.Id;
        });
    }
}
