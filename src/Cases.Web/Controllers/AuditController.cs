using Cases.Application.Casework;
using Cases.Application.Privacy;
using Cases.Domain.Calendar;

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

    /// <summary>When the view happened, in China time, to the second.</summary>
    public static string Instant(DateTimeOffset at) => at.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}

/// <summary>
/// The auditors' page 「个人信息查看记录」: every view of a worker's unmasked personal data (who, when, why, whose — masked),
/// through <see cref="ListPersonalDataViews"/> as GET /api/audit/personal-data reads it (规程 第一百四十条).
/// </summary>
[Route("audit"), Authorize(Policy = Policies.Audit)]
public sealed class AuditController(IMediator mediator) : Controller
{
    private const int PageSize = 50;

    private AuditQuery? _query;

    /// <summary>A filter the query refuses (a date that is none, a masked number) is said above an empty list.</summary>
    [HttpGet(""), RefusalShown(Page = nameof(FilterRefused), Shows = Refusals.Invalid, Invalid = "筛选条件有误：{0}", Status = StatusCodes.Status200OK)]
    public async Task<IActionResult> Index(string? from, string? to, string? user, string? subject, string? city, string? after, CancellationToken ct)
    {
        static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        var query = _query = new AuditQuery(Blank(from), Blank(to), Blank(user), Blank(subject), Blank(city), Blank(after));
        var page = await mediator.Send(new ListPersonalDataViews(
            query.From is null ? null : ApiInput.Date(query.From, "from"),
            query.To is null ? null : ApiInput.Date(query.To, "to"),
            query.User, query.Subject, query.City, query.After, PageSize, User.ToActor()), ct);
        return View(new AuditPage { Query = query, Rows = page.Items, Next = page.Next, Provincial = User.ToActor().IsProvincial });
    }

    /// <summary>
    /// 「案件留痕」: the journal of a case the auditor audits (规程 第一百二十条), through <see cref="GetCaseJournal"/> as GET
    /// /api/cases/{id}/journal reads it — masked, with the chain's verification, and nothing else of the case.
    /// </summary>
    [HttpGet("cases/{id:guid}")]
    public async Task<IActionResult> Journal(Guid id, CancellationToken ct) =>
        View(await mediator.Send(new GetAuditJournalPage(id, User.ToActor()), ct));

    private Task<IActionResult> FilterRefused(PageRefusal refusal, CancellationToken ct) =>
        Task.FromResult<IActionResult>(View(nameof(Index), new AuditPage { Query = _query!, FilterProblem = refusal.Message, Provincial = User.ToActor().IsProvincial }));
}
