using Cases.Application.Payments;
using Cases.Domain.Parties;
using Cases.Web.Forms;

namespace Cases.Web.Controllers;

/// <summary>What the 支付台账 page shows: its filters (all in the URL), the cities to pick from, the ledger, and the desk (due orders, batches).</summary>
public sealed class PaymentsPage
{
    public string? City { get; init; }

    public IReadOnlyList<City> Cities { get; init; } = [];

    public string? Status { get; init; }

    public string? Benefit { get; init; }

    public string? Month { get; init; }

    public string? Person { get; init; }

    public required PaymentLedger Ledger { get; init; }

    /// <summary>Paydesk: the city's due orders to assemble (for officers) and its recent batches.</summary>
    public PaymentDesk? Desk { get; init; }

    /// <summary>The export of the same filtered list.</summary>
    public string ExportUrl => "/api/payments/export" + QueryString.Create(new[] { ("city", City), ("status", Status), ("benefit", Benefit), ("month", Month), ("person", Person) }
        .Where(p => p.Item2 is not null).Select(p => new KeyValuePair<string, string?>(p.Item1, p.Item2)));
}

/// <summary>A batch's page: the batch, the display names of who assembled and approved it, and what the reader may do on it.</summary>
public sealed record PaymentBatchPage(PaymentBatchView Batch, Cases.Application.Common.NameBook Names)
{
    /// <summary>Paydesk: the reader approves batches (a reviewer) but assembled this one — the button is absent and the page says why (第一百一十九条).</summary>
    public bool AssembledByReader { get; init; }

    /// <summary>Paydesk: the reader may approve batches at all (a reviewer).</summary>
    public bool Approves { get; init; }

    /// <summary>Paydesk: the reader corrects and reverses orders (an officer of the batch's city).</summary>
    public bool Corrects { get; init; }
}

/// <summary>
/// 「支付台账」 (规程 第九十六条): the payment orders of the city (provincial staff: every city or the one they pick) filtered
/// by status, benefit, month and person, with the totals per status, as CSV too; the city's due orders an officer puts in a
/// batch (编制支付批次) and its batches; a batch's page, where a reviewer who did not assemble it approves it (第一百一十九条
/// 岗位不相容), the bank file is downloaded, the bank's result file imported, and a returned order corrected or a paid one
/// reversed. The same Mediator requests as /api/payments; a refusal is said on the page the form came from, in the
/// user's language: a malformed value or a rule back on the page the form came from, a refusal of who the user is
/// (another role, another city, the batch's own assembler) on a 403 page that says why.
/// </summary>
[Route("payments"), Authorize(Policy = Policies.Ledgers)]
public sealed class PaymentsController(IMediator mediator, IStringLocalizer<SharedResource> L) : Controller
{
    private const Refusals Said = Refusals.Invalid | Refusals.Forbidden | Refusals.Conflict | Refusals.Rule;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? city, string? status, string? benefit, string? month, string? person, CancellationToken ct)
    {
        var (c, s, b, m, p) = (Blank(city), Blank(status), Blank(benefit), Blank(month), Blank(person));
        var actor = User.ToActor();
        var ledger = await mediator.Send(new GetPaymentLedger(c, s, b, m, p, null, null, actor), ct);
        var desk = await mediator.Send(new GetPaymentDesk(c, actor), ct);
        return View(new PaymentsPage { City = c, Cities = actor.IsProvincial ? City.All : [], Status = s, Benefit = b, Month = m, Person = p, Ledger = ledger, Desk = desk });
    }

    /// <summary>编制支付批次: the ticked due orders of the city into a batch, through <see cref="AssemblePaymentBatch"/>; then the batch's page.</summary>
    [HttpPost("batches"), RefusalShown(RedirectTo = nameof(Index), ForbiddenView = "Refused", Shows = Said, Any = "未能编制支付批次：{0}")]
    public async Task<IActionResult> Assemble(string? city, string[]? orderIds, CancellationToken ct)
    {
        var batch = await mediator.Send(new AssemblePaymentBatch(city, PaydeskInput.OrderIds(orderIds), User.ToActor()), ct);
        TempData[PageMessages.Notice] = L["已编制支付批次：{0} 笔，合计 {1}；请由编制人以外的复核人员审批（第一百一十九条）。", batch.Count, PaydeskText.Money(batch.Total)].Value;
        return RedirectToAction(nameof(Batch), new { id = batch.Id });
    }

    [HttpGet("batches/{id:guid}")]
    public async Task<IActionResult> Batch(Guid id, CancellationToken ct)
    {
        var actor = User.ToActor();
        var batch = await mediator.Send(new GetPaymentBatch(id, actor), ct);
        var names = await mediator.Send(new Cases.Application.Common.ResolveNames([batch.AssembledBy, batch.ApprovedBy], [], actor), ct);
        var approves = actor.May(Domain.Staff.Permission.ApprovePayments);
        return View(new PaymentBatchPage(batch, names)
        {
            Approves = approves,
            AssembledByReader = string.Equals(actor.UserName, batch.AssembledBy, StringComparison.OrdinalIgnoreCase),
            Corrects = actor.May(Domain.Staff.Permission.AssemblePayments),
        });
    }

    /// <summary>审批: a reviewer who did not assemble the batch approves it (<see cref="ApprovePaymentBatch"/>; 第一百一十九条).</summary>
    [HttpPost("batches/{id:guid}/approve"), RefusalShown(RedirectTo = nameof(Batch), ForbiddenView = "Refused", Shows = Said, Any = "未能审批支付批次：{0}")]
    public async Task<IActionResult> Approve(Guid id, CancellationToken ct)
    {
        var batch = await mediator.Send(new ApprovePaymentBatch(id, User.ToActor()), ct);
        TempData[PageMessages.Notice] = L["已审批支付批次：{0} 笔，合计 {1}；可以下载银行文件。", batch.Count, PaydeskText.Money(batch.Total)].Value;
        return RedirectToAction(nameof(Batch), new { id });
    }

    /// <summary>导入银行回盘文件 (multipart): the same <see cref="ImportBankResults"/> as the API; the outcome is said on the batch's page.</summary>
    [HttpPost("batches/{id:guid}/results"), UploadBodyLimit, RefusalShown(RedirectTo = nameof(Batch), ForbiddenView = "Refused", Shows = Said, Any = "未能导入银行回盘文件：{0}")]
    public async Task<IActionResult> Results(Guid id, IFormFile? file, CancellationToken ct)
    {
        await using var content = PaydeskInput.ResultFile(file);
        var import = await mediator.Send(new ImportBankResults(id, content, User.ToActor()), ct);
        TempData[PageMessages.Notice] = PaydeskText.Imported(L, import);
        return RedirectToAction(nameof(Batch), new { id });
    }

    /// <summary>更正账户: a returned order paid again to the corrected account (<see cref="CorrectPayment"/>; the card's check digit is the domain's).</summary>
    [HttpPost("batches/{id:guid}/orders/{orderId:guid}/correction"), RefusalShown(RedirectTo = nameof(Batch), ForbiddenView = "Refused", Shows = Said, Any = "未能更正账户：{0}")]
    public async Task<IActionResult> Correct(Guid id, Guid orderId, string? account, string? bank, string? accountKind, CancellationToken ct)
    {
        var correction = await mediator.Send(new CorrectPayment(orderId, account, bank, accountKind, User.ToActor()), ct);
        TempData[PageMessages.Notice] = L["已更正账户：{0} 的 {1} 改付 {2}，待编入新的支付批次。", correction.Payee, PaydeskText.Money(correction.Amount), correction.Account].Value;
        return RedirectToAction(nameof(Batch), new { id });
    }

    /// <summary>冲正: a paid order undone by a reversing order with its reason (<see cref="ReversePayment"/>).</summary>
    [HttpPost("batches/{id:guid}/orders/{orderId:guid}/reversal"), RefusalShown(RedirectTo = nameof(Batch), ForbiddenView = "Refused", Shows = Said, Any = "未能冲正：{0}")]
    public async Task<IActionResult> Reverse(Guid id, Guid orderId, string? reason, CancellationToken ct)
    {
        var reversal = await mediator.Send(new ReversePayment(orderId, reason, User.ToActor()), ct);
        TempData[PageMessages.Notice] = L["已冲正：{0} 的 {1}。", reversal.Payee, PaydeskText.Money(-reversal.Amount)].Value;
        return RedirectToAction(nameof(Batch), new { id });
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
