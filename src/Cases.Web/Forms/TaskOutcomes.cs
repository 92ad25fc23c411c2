using Cases.Application.Common;
using Cases.Application.Inbox;
using Cases.Workflows.Definitions;
using Cases.Workflows.Instances;
using Cases.Workflows.Records;

namespace Cases.Web.Forms;

/// <summary>
/// What a page says when a task command was refused: above all, when someone else got there first (the handler's
/// 409), it says who did what, from the task as it stands now, and that nothing of the user's was applied.
/// </summary>
internal static class TaskOutcomes
{
    /// <summary>Why one task of a claim was not claimed, in a plain sentence.</summary>
    public static string Refusal(IStringLocalizer<SharedResource> L, ClaimResult result) => result switch
    {
        { Refusal: ClaimRefusal.Conflict, Current: { } task } => Current(L, task, null, result.Names),
        { Refusal: ClaimRefusal.Forbidden } => L["您不能办理此任务：{0}", result.Problem ?? ""],
        _ => L["找不到该任务（不存在或不属于本市）。"],
    };

    /// <summary>The plain sentence for a task someone else has taken or finished; <paramref name="definition"/> names the outcome when known.</summary>
    public static string Current(IStringLocalizer<SharedResource> L, TaskView task, WorkflowDefinition? definition, NameBook? names = null)
    {
        var step = WorkflowText.Title(task);
        names ??= NameBook.Empty;
        return task.Status switch
        {
            HumanTaskStatus.Completed => L["「{0}」已由 {1} 办理完毕（结果：{2}），您的操作未被执行。", step, names.User(task.CompletedBy), OutcomeLabel(task, definition)],
            HumanTaskStatus.Claimed => L["「{0}」已由 {1} 领取办理，您的操作未被执行。", step, names.User(task.Assignee)],
            HumanTaskStatus.Cancelled => L["「{0}」已取消（案件已进入其他环节），您的操作未被执行。", step],
            _ => L["「{0}」在您操作的同时被他人处理，您的操作未被执行；请查看当前状态后重试。", step],
        };
    }

    private static string OutcomeLabel(TaskView task, WorkflowDefinition? definition) =>
        task.Outcome is null ? "" : WorkflowText.OutcomeLabel(definition, task.State, task.Outcome);
}

/// <summary>TempData keys of the one-line messages a page shows after a redirect (Views/Shared/_Messages.cshtml).</summary>
public static class PageMessages
{
    /// <summary>What was done.</summary>
    public const string Notice = "page.notice";

    /// <summary>What was refused and why, one line each.</summary>
    public const string Problem = "page.problem";

    /// <summary>After completing a task opened from the inbox: where 办理下一项 goes (the next task of the same filter).</summary>
    public const string NextTask = "page.next-task";

    /// <summary>After signing in: how many attempts on the account failed since the last sign-in (shown by the layout, on whichever page comes first).</summary>
    public const string SignIn = "page.signin";
}
