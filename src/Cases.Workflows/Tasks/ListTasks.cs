using System.Globalization;
using System.Text;
using Cases.Domain;
using Cases.Workflows.Casework;
using Cases.Workflows.Common;
using Cases.Workflows.Identity;
using Cases.Workflows.Persistence;
using Cases.Workflows.Runtime;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Cases.Workflows.Tasks;

/// <summary>
/// The inbox: "mine" (claimed by me), "available" (open in my roles and city) or "all" (supervisors), filtered, by due
/// date, with keyset paging: the cursor is the last row's (due instant, id), so page 50 costs what page 1 costs.
/// </summary>
public sealed record ListTasks(string? Scope, string? Procedure, string? Status, DateOnly? DueBefore, bool? Overdue, string? After, int? Limit, Actor By) : IQuery<TaskPage>;

public sealed record TaskPage(IReadOnlyList<TaskView> Items, string? Next);

public sealed class ListTasksHandler(CasesDb db, TimeProvider clock) : IQueryHandler<ListTasks, TaskPage>
{
    public async ValueTask<TaskPage> Handle(ListTasks query, CancellationToken cancellationToken)
    {
        var limit = query.Limit ?? 50;
        if (limit is < 1 or > 200)
        {
            throw new DomainValidationException("limit", "limit must be between 1 and 200.");
        }

        var by = query.By;
        var tasks = db.Tasks.AsNoTracking();
        switch (query.Scope ?? "mine")
        {
            case "mine":
                tasks = tasks.Where(t => t.Assignee == by.UserName && t.Status == HumanTaskStatus.Claimed);
                break;
            case "available":
                var roles = by.Roles.ToList();
                tasks = tasks.Where(t => t.Status == HumanTaskStatus.Open && roles.Contains(t.Role));
                break;
            case "all":
                if (!by.IsIn(Roles.Supervisor) && !by.IsIn(Roles.Admin))
                {
                    throw new ForbiddenException("Only supervisors and administrators list all tasks.");
                }

                break;
            case "done":
                tasks = tasks.Where(t => t.CompletedBy == by.UserName && t.Status == HumanTaskStatus.Completed);
                break;
            default:
                throw new DomainValidationException("scope", "scope must be mine, available, done or all.");
        }

        if (!by.IsProvincial)
        {
            tasks = tasks.Where(t => t.CityCode == by.CityCode);
        }

        if (!string.IsNullOrWhiteSpace(query.Procedure))
        {
            tasks = tasks.Where(t => t.Procedure == query.Procedure);
        }

        if (!string.IsNullOrWhiteSpace(query.Status))
        {
            var status = Enum.TryParse<HumanTaskStatus>(query.Status, ignoreCase: true, out var s) && Enum.IsDefined(s)
                ? s
                : throw new DomainValidationException("status", "status must be open, claimed, completed or cancelled.");
            tasks = tasks.Where(t => t.Status == status);
        }

        var now = clock.GetUtcNow();
        if (query.DueBefore is DateOnly dueBefore)
        {
            tasks = tasks.Where(t => t.DueOn < dueBefore);
        }

        if (query.Overdue == true)
        {
            tasks = tasks.Where(t => t.DueAt <= now);
        }

        if (query.After is { Length: > 0 } cursor)
        {
            var (dueAt, id) = Decode(cursor);
            tasks = tasks.Where(t => t.DueAt > dueAt || (t.DueAt == dueAt && t.Id.CompareTo(id) > 0));
        }

        var page = await tasks.OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var next = page.Count > limit ? Encode(page[limit - 1]) : null;
        return new TaskPage(page.Take(limit).Select(t => TaskView.From(t, now)).ToList(), next);
    }

    private static string Encode(HumanTask t) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes($"{t.DueAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{t.Id:N}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (DateTimeOffset, Guid) Decode(string cursor)
    {
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(padded)).Split(':');
            return (new DateTimeOffset(long.Parse(parts[0], CultureInfo.InvariantCulture), TimeSpan.Zero), Guid.ParseExact(parts[1], "N"));
        }
        catch (Exception e) when (e is FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            throw new DomainValidationException("after", "after is not a cursor this API gave out.");
        }
    }
}
