using Cases.Domain.Calendar;

namespace Cases.Application.Supervision;

/// <summary>
/// How many late applications to extend a project's insurance term the supervisors accepted this year (China time) in
/// the scope: 规程 第九条 sets the deadline ("于原合同工期到期15日前") and says nothing of exceptions, so each acceptance
/// past it is the agency's own discretion (「逾期申请例外受理（本机构）」), taken with a written reason, and counted on the
/// dashboard where it can be followed up (规程 第一百二十条: 留痕可溯).
/// </summary>
public sealed record CountLateExceptions(string? City, Actor By) : IQuery<LateExceptionCount>;

/// <summary>The year counted, the scope (null: every city) and how many late applications were accepted by exception.</summary>
public sealed record LateExceptionCount(int Year, string? City, int Accepted);

public sealed class CountLateExceptionsHandler(CasesDb db, TimeProvider clock) : IQueryHandler<CountLateExceptions, LateExceptionCount>
{
    /// <summary>The procedure, its supervisor's step and the outcome that accepts a late application (workflows/project-term-extension.json).</summary>
    public const string Procedure = "project-term-extension";

    public const string State = "late-extension-exception";

    public const string Outcome = "accept";

    public async ValueTask<LateExceptionCount> Handle(CountLateExceptions query, CancellationToken cancellationToken)
    {
        var city = query.By.SupervisionScope(query.City);
        var year = ChinaTime.DateOf(clock.GetUtcNow()).Year;
        var from = ChinaTime.StartOf(new DateOnly(year, 1, 1));
        var to = ChinaTime.StartOf(new DateOnly(year + 1, 1, 1));
        var tasks = db.Tasks.AsNoTracking().Where(t => t.Procedure == Procedure && t.State == State && t.Status == HumanTaskStatus.Completed
            && t.Outcome == Outcome && t.CompletedAt >= from && t.CompletedAt < to);
        if (city is not null)
        {
            tasks = tasks.Where(t => t.CityCode == city);
        }

        return new LateExceptionCount(year, city, await tasks.CountAsync(cancellationToken));
    }
}
