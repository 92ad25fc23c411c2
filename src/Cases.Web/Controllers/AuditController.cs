using System.Globalization;
using Cases.Application.Casework;
using Cases.Application.Persistence;
using Cases.Application.Privacy;
using Cases.Domain;
using Cases.Domain.Calendar;
using Cases.Web.Infrastructure;
using Cases.Workflows.Definitions;
using Cases.Workflows.Persistence;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Cases.Web.Controllers;

/// <summary>What the audit page shows: its filters and the page after a cursor, all in the URL.</summary>
public sealed record AuditQuery(string? From, string? To, string? User, string? Subject, string? City, string? After)
{
    /// <summary>The route values of this query with another cursor (the first page when null).</summary>
    public Dictionary<string, string> Route(string? after = null)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in new[] { ("from", From), ("to", To), ("user", User), ("subject", Subject), ("city", City), ("after", after) })
        {
            if (!string.IsNullOrEmpty(value))
            {
                values[key] = value;
            }
        }

        return values;
    }
}

public sealed class AuditPage
{
    public required AuditQuery Query { get; init; }

    public IReadOnlyList<PersonalDataViewRow> Rows { get; init; } = [];

    public string? Next { get; init; }

    /// <summary>A filter the query refused, with its reason.</summary>
    public string? FilterProblem { get; init; }

    /// <summary>The auditor works for one city only; provincial auditors choose any.</summary>
    public bool Provincial { get; init; }
}

/// <summary>A case's journal as the auditor reads it, with the definition version that names its states.</summary>
public sealed record AuditJournalPage(CaseJournalView Journal, WorkflowDefinition Definition);

/// <summary>
/// The auditors' page 「个人信息查看记录」: every view of a worker's unmasked personal data (who, when, why, whose — masked),
/// through <see cref="ListPersonalDataViews"/> as GET /api/audit/personal-data reads it (规程 第一百四十条).
/// </summary>
[Route("audit"), Authorize(Policy = Policies.Audit)]
public sealed partial class AuditController(IMediator mediator, CasesDb db, DefinitionStore definitions, IStringLocalizer<SharedResource> L) : Controller
{
    private const int PageSize = 50;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? from, string? to, string? user, string? subject, string? city, string? after, CancellationToken ct)
    {
        static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        var query = new AuditQuery(Blank(from), Blank(to), Blank(user), Blank(subject), Blank(city), Blank(after));
        var actor = User.ToActor();
        string? problem = null;
        PersonalDataViewPage page;
        try
        {
            page = await mediator.Send(new ListPersonalDataViews(Date(query.From, "from"), Date(query.To, "to"), query.User, query.Subject, query.City, query.After, PageSize, actor), ct);
        }
        catch (DomainValidationException e)
        {
            problem = L["筛选条件有误：{0}", e.Message];
            page = new PersonalDataViewPage([], null);
        }

        return View(new AuditPage { Query = query, Rows = page.Items, Next = page.Next, FilterProblem = problem, Provincial = actor.IsProvincial });
    }

    /// <summary>
    /// 「案件留痕」: the journal of a case the auditor audits (规程 第一百二十条), through <see cref="GetCaseJournal"/> as GET
    /// /api/cases/{id}/journal reads it — masked, with the chain's verification, and nothing else of the case.
    /// </summary>
    [HttpGet("cases/{id:guid}")]
    public async Task<IActionResult> Journal(Guid id, CancellationToken ct)
    {
        CaseJournalView journal;
        try
        {
            journal = await mediator.Send(new GetCaseJournal(id, User.ToActor()), ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        return View(new AuditJournalPage(journal, await definitions.GetAsync(db, journal.Procedure, journal.DefinitionVersion, ct)));
    }

    /// <summary>The case a recorded view was for, when its purpose names one ("case {id}", as the case page records it).</summary>
    public static Guid? CaseOf(string reason) => CasePurpose().Match(reason) is { Success: true } m ? Guid.Parse(m.Groups[1].Value) : null;

    [System.Text.RegularExpressions.GeneratedRegex("^case ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$")]
    private static partial System.Text.RegularExpressions.Regex CasePurpose();

    private static DateOnly? Date(string? value, string field) => value is null ? null
        : DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new DomainValidationException(field, $"{field} must be a date as yyyy-MM-dd.");

    /// <summary>When the view happened, in China time.</summary>
    public static string Instant(DateTimeOffset at) => at.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
