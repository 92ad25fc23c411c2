using Cases.Domain.Projects;

namespace Cases.Application.Projects;

/// <summary>
/// The construction projects of the caller's city (provincial staff: every city), by name or code, a page at a time
/// ordered by code; <c>after</c> is the last code of the previous page.
/// </summary>
public sealed record ListProjects(string? Q, string? After, int? Limit, Actor By) : IQuery<ProjectPage>;

/// <summary>One project of the caller's city by its code; another city's answers 404.</summary>
public sealed record GetProject(string ProjectCode, Actor By) : IQuery<ProjectView>;

public sealed class ProjectQueryHandlers(CasesDb db) : IQueryHandler<ListProjects, ProjectPage>, IQueryHandler<GetProject, ProjectView>
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;
    public const int QueryMaxLength = 100;

    public async ValueTask<ProjectPage> Handle(ListProjects query, CancellationToken cancellationToken)
    {
        Cases.Workflows.Instances.CaseAccess.EnsureCaseStaff(query.By);
        var limit = query.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            throw new DomainValidationException("limit", new LocalizedText($"每页条数须在 1 至 {MaxLimit} 之间。", $"limit must be between 1 and {MaxLimit}."));
        }

        var q = query.Q?.Trim();
        if (q is { Length: > QueryMaxLength })
        {
            throw new DomainValidationException("q", new LocalizedText($"查询内容不能超过 {QueryMaxLength} 个字符。", $"q is at most {QueryMaxLength} characters."));
        }

        if (q is not null && q.Any(char.IsControl))
        {
            throw new DomainValidationException("q", new LocalizedText("查询内容不能含有控制字符。", "q must not contain control characters."));
        }

        if (query.After is { Length: > ConstructionProject.ProjectCodeMaxLength } || (query.After?.Any(char.IsControl) ?? false))
        {
            throw new DomainValidationException("after", new LocalizedText("分页位置无效。", "after is not a position in this list."));
        }

        var projects = db.ConstructionProjects.AsNoTracking();
        if (!query.By.IsProvincial)
        {
            projects = projects.Where(p => p.CityCode == query.By.CityCode);
        }

        if (q is { Length: > 0 })
        {
            projects = projects.Where(p => p.Name.Contains(q) || p.ProjectCode.StartsWith(q));
        }

        if (query.After is { Length: > 0 } after)
        {
            // Translated to the database's comparison of the column (EF Core); the page is put in ordinal order again below.
#pragma warning disable CA1309
            projects = projects.Where(p => string.Compare(p.ProjectCode, after) > 0);
#pragma warning restore CA1309
        }

        var page = await projects.OrderBy(p => p.ProjectCode).Take(limit + 1)
            .GroupJoin(db.Employers.AsNoTracking(), p => p.GeneralContractorCreditCode, e => e.CreditCode, (p, es) => new { p, es })
            .SelectMany(x => x.es.DefaultIfEmpty(), (x, e) => new { x.p, Contractor = e == null ? null : e.Name })
            .ToListAsync(cancellationToken);
        page = [.. page.OrderBy(x => x.p.ProjectCode, StringComparer.Ordinal)];
        var rows = page.Take(limit).Select(x => new ProjectRow(x.p.ProjectCode, x.p.Name, x.p.CityCode, x.p.GeneralContractorCreditCode.Value, x.Contractor,
            x.p.InsuredFrom, x.p.TermEndsOn, x.p.CompletedOn)).ToList();
        return new ProjectPage(rows, page.Count > limit ? rows[^1].ProjectCode : null);
    }

    public async ValueTask<ProjectView> Handle(GetProject query, CancellationToken cancellationToken)
    {
        Cases.Workflows.Instances.CaseAccess.EnsureCaseStaff(query.By);
        var project = await ProjectLookup.FindAsync(db, query.ProjectCode, query.By, track: false, cancellationToken);
        var contractor = await db.Employers.AsNoTracking().Where(e => e.CreditCode == project.GeneralContractorCreditCode).Select(e => e.Name).FirstOrDefaultAsync(cancellationToken);
        var workers = db.ProjectWorkers.AsNoTracking().Where(w => w.ProjectId == project.Id);
        var counts = await workers.GroupBy(_ => 1).Select(g => new
        {
            Filed = g.Count(),
            Current = g.Count(w => w.LeftOn == null),
            Late = g.Count(w => w.FiledOn > w.FilingDeadline),
        }).FirstOrDefaultAsync(cancellationToken);
        return ProjectView.From(project, contractor, new ProjectWorkerCounts(counts?.Filed ?? 0, counts?.Current ?? 0, counts?.Late ?? 0));
    }
}

/// <summary>Finds a project of the caller's city by code: unknown and another city's are the same 404 (规程 第一百四十条).</summary>
internal static class ProjectLookup
{
    public static async Task<ConstructionProject> FindAsync(CasesDb db, string? code, Actor by, bool track, CancellationToken ct)
    {
        var trimmed = code?.Trim() ?? "";
        if (trimmed.Length is 0 or > ConstructionProject.ProjectCodeMaxLength)
        {
            throw new NotFoundException(ProjectMessages.NotFound(trimmed.Length > ConstructionProject.ProjectCodeMaxLength ? trimmed[..ConstructionProject.ProjectCodeMaxLength] : trimmed));
        }

        var projects = track ? db.ConstructionProjects : db.ConstructionProjects.AsNoTracking();
        var project = await projects.SingleOrDefaultAsync(p => p.ProjectCode == trimmed, ct);
        if (project is null || !by.CanSeeCity(project.CityCode))
        {
            throw new NotFoundException(ProjectMessages.NotFound(trimmed));
        }

        return project;
    }
}
