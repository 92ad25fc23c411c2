using Cases.Application.Benefits;
using Cases.Application.Benefits.Keeping;
using Cases.Application.Common;
using Cases.Web.Forms;

namespace Cases.Web.Controllers;

/// <summary>What the 「定期待遇」 search shows: the search, the recipients found, and the city's overpayments still owed.</summary>
public sealed record KeepingIndexPage(string? Q, IReadOnlyList<RecipientHit>? Hits, IReadOnlyList<OverpaymentView> Owed, string? SearchProblem);

/// <summary>One recipient's page: the person, the names of who made each change, and whether the reader keeps entitlements (an officer) or only reads them.</summary>
public sealed record KeepingRecipientPage(RecipientView Recipient, NameBook Names, bool Keeps, string ThisMonth);

/// <summary>The page's words for the keeping API's codes.</summary>
public static class KeepingLabels
{
    /// <summary>The benefit's label (伤残津贴, 生活护理费, 供养亲属抚恤金) from its API name.</summary>
    public static string Benefit(string name) =>
        MonthlyBenefits.ByName.TryGetValue(name, out var benefit) ? WorkflowText.Benefit(MonthlyBenefits.KindOf(benefit).Code) : name;

    /// <summary>Yuan with separators: 2,400.00 元.</summary>
    public static string Yuan(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static IEnumerable<StopCause> StopCausesFor(KeptEntitlementView e) =>
        StopCauses.For(MonthlyBenefits.ByName[e.Benefit], Enum.TryParse<Domain.Injuries.DependantRelation>(e.Relation, true, out var r) ? r : null);
}

/// <summary>
/// 「定期待遇」: officers find a recipient by name or whole identity number (masked in every list), see each monthly benefit
/// with its account (第九十七条), the certification due (第六十三条), the history as a timeline, the payroll lines that paid
/// it and the overpayments with their entries, and keep it — the account, a suspension for imprisonment and the resumption
/// (第六十二条), a stop (第六十二条, 第一百〇六条), a repayment or a referral (第一百一十七条（五）) — through the same
/// Mediator requests as /api/entitlements and /api/overpayments. Supervisors read it. Another city's record is a 404.
/// </summary>
[Route("entitlements"), Authorize(Policy = Policies.CaseData)]
public sealed class KeepingController(IMediator mediator, IStringLocalizer<SharedResource> L, TimeProvider clock) : Controller
{
    private const Refusals Said = Refusals.Invalid | Refusals.Forbidden | Refusals.Conflict | Refusals.Rule;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, CancellationToken ct)
    {
        var actor = User.ToActor();
        // A search the use case refuses (too long, control characters) is answered by the site's problem page, as every page's.
        var hits = string.IsNullOrWhiteSpace(q) ? null : await mediator.Send(new FindRecipients(q, actor), ct);

        var owed = await mediator.Send(new ListOverpayments(null, "open", null, null, KeepingQueries.MaxLimit, actor), ct);
        return View(new KeepingIndexPage(q?.Trim(), hits, owed.Items, null));
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Recipient(Guid id, CancellationToken ct)
    {
        var actor = User.ToActor();
        var recipient = await mediator.Send(new GetRecipient(id, actor), ct);
        var users = recipient.Entitlements.SelectMany(e => e.History.Select(c => c.By))
            .Concat(recipient.Overpayments.SelectMany(o => o.Entries.Select(e => e.By))).Distinct(StringComparer.Ordinal).ToList();
        var names = await mediator.Send(new ResolveNames(users, [], actor), ct);
        var today = Domain.Calendar.ChinaTime.DateOf(clock.GetUtcNow());
        return View(new KeepingRecipientPage(recipient, names, actor.May(Domain.Staff.Permission.KeepEntitlements), KeepingText.Month(today)));
    }

    /// <summary>登记发放账户 (第九十七条), through <see cref="RecordEntitlementAccount"/>.</summary>
    [HttpPost("{id:guid}/account"), Authorize(Policy = Policies.KeepEntitlements), RefusalShown(RedirectTo = nameof(Recipient), ForbiddenView = "Refused", Shows = Said, Any = "未能登记发放账户：{0}")]
    public async Task<IActionResult> Account(Guid id, string? accountKind, string? account, string? bank, string? month, string? reason, CancellationToken ct)
    {
        var kept = await mediator.Send(new RecordEntitlementAccount(id, accountKind, account, bank, month, reason, User.ToActor()), ct);
        TempData[PageMessages.Notice] = L["已登记发放账户：{0}。", kept.Account ?? ""].Value;
        return RedirectToAction(nameof(Recipient), new { id });
    }

    /// <summary>暂停发放 for imprisonment (第六十二条), through <see cref="SuspendEntitlement"/>.</summary>
    [HttpPost("{id:guid}/suspend"), Authorize(Policy = Policies.KeepEntitlements), RefusalShown(RedirectTo = nameof(Recipient), ForbiddenView = "Refused", Shows = Said, Any = "未能暂停发放：{0}")]
    public async Task<IActionResult> Suspend(Guid id, string? fromMonth, string? reason, CancellationToken ct)
    {
        var kept = await mediator.Send(new SuspendEntitlement(id, "imprisonment", fromMonth, reason, User.ToActor()), ct);
        TempData[PageMessages.Notice] = L["已暂停发放：自 {0} 起。", ChinaDate.Month(kept.History[^1].FromMonth)].Value;
        return RedirectToAction(nameof(Recipient), new { id });
    }

    /// <summary>恢复发放 (第六十二条), through <see cref="ResumeEntitlement"/>.</summary>
    [HttpPost("{id:guid}/resume"), Authorize(Policy = Policies.KeepEntitlements), RefusalShown(RedirectTo = nameof(Recipient), ForbiddenView = "Refused", Shows = Said, Any = "未能恢复发放：{0}")]
    public async Task<IActionResult> Resume(Guid id, string? fromMonth, string? backPaidFrom, string? reason, CancellationToken ct)
    {
        var kept = await mediator.Send(new ResumeEntitlement(id, fromMonth, backPaidFrom, reason, User.ToActor()), ct);
        TempData[PageMessages.Notice] = L["已恢复发放：自 {0} 起。", ChinaDate.Month(kept.History[^1].FromMonth)].Value;
        return RedirectToAction(nameof(Recipient), new { id });
    }

    /// <summary>停发 (第六十二条, 第一百〇六条), through <see cref="StopEntitlement"/>.</summary>
    [HttpPost("{id:guid}/stop"), Authorize(Policy = Policies.KeepEntitlements), RefusalShown(RedirectTo = nameof(Recipient), ForbiddenView = "Refused", Shows = Said, Any = "未能停发：{0}")]
    public async Task<IActionResult> Stop(Guid id, string? fromMonth, string? cause, string? reason, CancellationToken ct)
    {
        var kept = await mediator.Send(new StopEntitlement(id, fromMonth, cause, reason, User.ToActor()), ct);
        TempData[PageMessages.Notice] = L["已停发：自 {0} 起。", ChinaDate.Month(kept.History[^1].FromMonth)].Value;
        return RedirectToAction(nameof(Recipient), new { id });
    }

    /// <summary>退还 (第六十四条), through <see cref="RepayOverpayment"/>; back to the recipient of entitlement <paramref name="id"/>.</summary>
    [HttpPost("{id:guid}/overpayments/{overpaymentId:guid}/repay"), Authorize(Policy = Policies.KeepEntitlements), RefusalShown(RedirectTo = nameof(Recipient), ForbiddenView = "Refused", Shows = Said, Any = "未能登记退还：{0}")]
    public async Task<IActionResult> Repay(Guid id, Guid overpaymentId, string? amount, string? note, CancellationToken ct)
    {
        var paid = await mediator.Send(new RepayOverpayment(overpaymentId, KeepingInput.Amount(amount), note, User.ToActor()), ct);
        TempData[PageMessages.Notice] = L["已登记退还：尚欠 {0} 元。", KeepingLabels.Yuan(paid.Balance)].Value;
        return RedirectToAction(nameof(Recipient), new { id });
    }

    /// <summary>移交 (第一百一十七条（五）), through <see cref="ReferOverpayment"/>.</summary>
    [HttpPost("{id:guid}/overpayments/{overpaymentId:guid}/refer"), Authorize(Policy = Policies.KeepEntitlements), RefusalShown(RedirectTo = nameof(Recipient), ForbiddenView = "Refused", Shows = Said, Any = "未能移交：{0}")]
    public async Task<IActionResult> Refer(Guid id, Guid overpaymentId, string? note, CancellationToken ct)
    {
        var referred = await mediator.Send(new ReferOverpayment(overpaymentId, note, User.ToActor()), ct);
        TempData[PageMessages.Notice] = L["已移交社会保险行政部门：尚欠 {0} 元（第一百一十七条（五））。", KeepingLabels.Yuan(referred.Balance)].Value;
        return RedirectToAction(nameof(Recipient), new { id });
    }
}

/// <summary>The keeping forms' typed values.</summary>
public static class KeepingInput
{
    /// <summary>An amount typed in yuan (separators allowed), or a refusal naming "amount".</summary>
    public static decimal? Amount(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
            : decimal.TryParse(text.Replace(",", "", StringComparison.Ordinal).Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) ? amount
            : throw new DomainValidationException("amount", new LocalizedText("退还金额须为数字（元，精确到分）。", "amount is a number of yuan, to the fen."));
}
