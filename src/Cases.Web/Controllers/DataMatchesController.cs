using Cases.Application.Benefits.DataMatches;
using Cases.Web.Forms;

namespace Cases.Web.Controllers;

/// <summary>
/// datamatch: 信息比对 (第六十四条) for who keeps monthly benefits — upload a department's file and see what each import
/// did: certified, flagged for investigation (each flag's case), unknown, mismatched and invalid rows with their line.
/// </summary>
[Route("data-matches"), Authorize(Policy = Policies.KeepEntitlements)]
public sealed class DataMatchesController(IMediator mediator, IStringLocalizer<SharedResource> L) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View(await mediator.Send(new ListDataMatches(null, User.ToActor()), ct));

    [HttpPost(""), RefusalShown(RedirectTo = nameof(Index), Any = "未导入：{0}")]
    public async Task<IActionResult> Import(IFormFile? file, string? source, CancellationToken ct)
    {
        var summary = await mediator.Send(new ImportDataMatch(source, file?.FileName, await Api.DataMatchUpload.BytesAsync(file, ct), null, User.ToActor()), ct);
        TempData[PageMessages.Notice] = summary.AlreadyImported
            ? L["该文件此前已导入，本次未作任何变更。"].Value
            : L["已导入 {0} 行：认证 {1} 人，疑似丧失资格待核实 {2} 人，未匹配 {3} 行，姓名不符 {4} 行，无效 {5} 行。", summary.Rows, summary.Certified, summary.Flagged, summary.Unknown, summary.Mismatched, summary.Invalid].Value;
        return RedirectToAction(nameof(Index));
    }
}
