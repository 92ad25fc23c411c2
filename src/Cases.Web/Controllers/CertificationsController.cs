using Cases.Application.Benefits.Certifications;
using Cases.Domain.Parties;

namespace Cases.Web.Controllers;

/// <summary>certify: what the 「资格认证」 page shows: the dashboard of the city, the cities to pick from, and whether the reader records certifications.</summary>
public sealed record CertificationsPage(CertificationDashboard Dashboard, string? City, IReadOnlyList<City> Cities, bool Certifies);

/// <summary>
/// certify — 「资格认证」 (第六十三、六十四条): the recipients of a city whose certification falls due this month, those overdue
/// (their benefits suspended since the month after the sweep found them), and those recently certified; an officer
/// records a certification made in person, remotely with a photo or by an agent, through the same
/// <see cref="CertifyRecipient"/> as POST /api/certifications/{id}/certify, which resumes what the overdue sweep suspended.
/// </summary>
[Route("certifications"), Authorize(Policy = Policies.CaseData)]
public sealed class CertificationsController(IMediator mediator, IStringLocalizer<SharedResource> L) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? city, CancellationToken ct)
    {
        var actor = User.ToActor();
        var chosen = string.IsNullOrWhiteSpace(city) ? null : city.Trim();
        var dashboard = await mediator.Send(new GetCertificationDashboard(chosen, actor), ct);
        return View(new CertificationsPage(dashboard, actor.IsProvincial ? chosen : actor.CityCode, actor.IsProvincial ? City.All : [], actor.May(Domain.Staff.Permission.KeepEntitlements)));
    }

    /// <summary>登记认证: the officer's certification of one recipient; then the dashboard, saying what was resumed.</summary>
    [HttpPost("{id:guid}/certify"), Authorize(Policy = Policies.KeepEntitlements)]
    [RefusalShown(RedirectTo = nameof(Index), Shows = Refusals.Invalid | Refusals.Rule | Refusals.Conflict, Any = "未能登记资格认证：{0}")]
    public async Task<IActionResult> Certify(Guid id, string? method, string? on, string? note, CancellationToken ct)
    {
        DateOnly? day = string.IsNullOrWhiteSpace(on) ? null : ApiInput.Date(on, "on");
        var done = await mediator.Send(new CertifyRecipient(id, null, null, method, day, note, User.ToActor()), ct);
        TempData[Forms.PageMessages.Notice] = done.Resumed.Count == 0
            ? L["已登记 {0} 的资格认证，下次应于 {1} 前认证。", done.Certification.RecipientName, ChinaDate.Of(done.Certification.DueOn)].Value
            : L["已登记 {0} 的资格认证，恢复发放 {1} 项待遇并补发暂停期间的待遇；下次应于 {2} 前认证。", done.Certification.RecipientName, done.Resumed.Count, ChinaDate.Of(done.Certification.DueOn)].Value;
        return RedirectToAction(nameof(Index));
    }
}
