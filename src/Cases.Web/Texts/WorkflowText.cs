using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cases.Application.Records;
using Cases.Domain.Calendar;
using Cases.Domain.Staff;
using Cases.Workflows.Definitions;
using Cases.Workflows.Instances;
using Cases.Workflows.Records;
using Cases.Workflows.Runtime;

namespace Cases.Web.Texts;

/// <summary>
/// How the inbox, task and case pages say things in the user's language: definition texts (zh/en), SLA states,
/// deadlines with their counting rule, journal actions, case data with identity numbers masked unless the role needs them.
/// </summary>
public sealed partial class WorkflowText(IStringLocalizer<SharedResource> localizer)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public IStringLocalizer<SharedResource> L { get; } = localizer;

    /// <summary>The English switch is on (the UI culture is en); otherwise Chinese.</summary>
    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string Of(LocalizedText? text, string fallback) =>
        text is null ? fallback : English ? (string.IsNullOrEmpty(text.En) ? text.Zh : text.En) : (string.IsNullOrEmpty(text.Zh) ? fallback : text.Zh);

    public static string Title(TaskView task) => English && task.TitleEn.Length > 0 ? task.TitleEn : task.Title;

    public static string StateTitle(WorkflowDefinition? definition, string state) =>
        definition is not null && definition.States.TryGetValue(state, out var spec) ? Of(spec.Title, state) : state;

    public static string FieldLabel(WorkflowDefinition? definition, string field) =>
        definition is not null && definition.Data.TryGetValue(field, out var spec) ? Of(spec.Label, field) : field;

    private static readonly Dictionary<string, (string Zh, string En, string EnGroup)> RoleTexts = new(StringComparer.Ordinal)
    {
        [Roles.Officer] = ("经办人员", "Officer", "officers"),
        [Roles.Reviewer] = ("复核人员", "Reviewer", "reviewers"),
        [Roles.Supervisor] = ("主管", "Supervisor", "supervisors"),
        [Roles.Designer] = ("流程设计人员", "Designer", "designers"),
        [Roles.Admin] = ("系统管理员", "Administrator", "administrators"),
        [Roles.Auditor] = ("审计人员", "Auditor", "auditors"),
    };

    /// <summary>A role as a label ("经办人员" / "Officer"); an unknown role shows as its key.</summary>
    public static string Role(string role) =>
        RoleTexts.TryGetValue(role, out var t) ? English ? t.En : t.Zh : role;

    /// <summary>A role as the people holding it, inside a sentence ("经办人员" / "officers").</summary>
    public static string RoleGroup(string role) =>
        RoleTexts.TryGetValue(role, out var t) ? English ? t.EnGroup : t.Zh : role;

    /// <summary>The SLA state as a Bootstrap colour class and as words: colour is never the only signal.</summary>
    public (string Css, string Text) Sla(SlaState sla) => sla switch
    {
        SlaState.Breached => ("text-bg-danger", L["已超时"]),
        SlaState.Warning => ("text-bg-warning", L["临近到期"]),
        _ => ("text-bg-success", L["按时"]),
    };

    public string Status(HumanTaskStatus status) => status switch
    {
        HumanTaskStatus.Open => L["待领取"],
        HumanTaskStatus.Claimed => L["办理中"],
        HumanTaskStatus.Completed => L["已完成"],
        _ => L["已取消"],
    };

    public string Priority(int priority) => priority switch
    {
        >= 3 => L["特急"],
        2 => L["紧急"],
        0 => L["低"],
        _ => L["普通"],
    };

    /// <summary>"剩 3 个工作日", "今日到期", "已超 2 个工作日"; null when the calendar has no data for the years between.</summary>
    public string DaysLeft(int? workingDays) => workingDays switch
    {
        null => L["（日历缺少该年度数据）"],
        0 => L["今日到期"],
        > 0 => L["剩 {0} 个工作日", workingDays.Value],
        _ => L["已超 {0} 个工作日", -workingDays.Value],
    };

    /// <summary>A clock's rule as the runtime states it ("10 working days from adjustedOn") in the user's words.</summary>
    public string Rule(string rule, WorkflowDefinition? definition)
    {
        var m = RulePattern().Match(rule);
        if (m.Success)
        {
            var field = m.Groups["field"].Value == Clocks.Entered ? L["进入本环节之日"] : $"「{FieldLabel(definition, m.Groups["field"].Value)}」";
            var amount = int.Parse(m.Groups["n"].Value, Invariant);
            var unit = m.Groups["unit"].Value switch
            {
                "working days" => L["{0}个工作日", amount],
                "calendar days" => L["{0}日", amount],
                _ => L["{0}个月", amount],
            };
            if (definition is null)
            {
                return unit; // a list row: the basis and the amount are enough; the task's page names the date it counts from
            }

            return m.Groups["minus"].Success ? L["{0}前{1}", field, unit] : L["{0}后{1}", field, unit];
        }

        var on = OnPattern().Match(rule);
        return on.Success ? L["{0}当日", $"「{FieldLabel(definition, on.Groups["field"].Value)}」"] : rule;
    }

    public string Action(string action) => action switch
    {
        JournalActions.Started => L["立案"],
        JournalActions.Entered => L["进入环节"],
        JournalActions.TaskClaimed => L["领取任务"],
        JournalActions.TaskReleased => L["退回任务"],
        JournalActions.TaskAssigned => L["指派任务"],
        JournalActions.TaskCompleted => L["完成任务"],
        JournalActions.Event => L["登记事项"],
        JournalActions.EventRefused => L["事项不予受理"],
        JournalActions.Decided => L["自动判断"],
        AgencyJournalActions.Calculated => L["计算"],
        JournalActions.FieldSet => L["设定数据"],
        JournalActions.Notified => L["发出通知"],
        JournalActions.MaterialsNotice => L["一次性告知补正材料"],
        JournalActions.ReminderSent => L["发出提醒"],
        JournalActions.MilestonePassed => L["期限届至"],
        JournalActions.TimerFired => L["时限到期"],
        JournalActions.DeadlineBreached => L["超过办理时限"],
        AgencyJournalActions.EscalationAcknowledged => L["主管确认升级事项"],
        AgencyJournalActions.LedgerPosted => L["记入台账"],
        JournalActions.Migrated => L["迁移版本"],
        AgencyJournalActions.DeadlineMoved => L["因日历调整重算期限"],
        AgencyJournalActions.DeadlineSettled => L["期限按正式日历确认"],
        JournalActions.ExpiryHeld => L["期限届满待主管确认（暂定日历）"],
        JournalActions.ExpiryConfirmed => L["主管确认期限届满"],
        JournalActions.ExpiryExtended => L["主管延长期限"],
        JournalActions.Ended => L["办结"],
        JournalActions.Recorded => L["记录"],
        _ => action,
    };

    public string TimerKind(Cases.Workflows.Records.TimerKind kind) => kind switch
    {
        Cases.Workflows.Records.TimerKind.Transition => L["法定时限（到期自动流转）"],
        Cases.Workflows.Records.TimerKind.Reminder => L["提醒"],
        Cases.Workflows.Records.TimerKind.TaskBreach => L["办理时限"],
        Cases.Workflows.Records.TimerKind.Milestone => L["期限节点"],
        _ => L["预警"],
    };

    /// <summary>
    /// The 「暂定」 mark beside a date counted over <paramref name="year"/>, whose State Council holiday notice is not loaded
    /// yet; its tooltip says which year and why. Nothing for an official date.
    /// </summary>
    public Microsoft.AspNetCore.Html.IHtmlContent Provisional(int? year)
    {
        if (year is not int y)
        {
            return Microsoft.AspNetCore.Html.HtmlString.Empty;
        }

        var why = L["{0}年放假安排尚未公布：此日期按《全国年节及纪念日放假办法》推算，国务院通知导入后重新计算。", y].Value;
        var builder = new Microsoft.AspNetCore.Html.HtmlContentBuilder();
        builder.AppendHtml("<span class=\"badge text-bg-warning ms-1\" data-provisional=\"")
            .Append(y.ToString(Invariant)).AppendHtml("\" title=\"").Append(why).AppendHtml("\">")
            .Append(L["暂定"].Value).AppendHtml("<span class=\"visually-hidden\"> ").Append(why).AppendHtml("</span></span>");
        return builder;
    }

    public string CaseStatus(InstanceStatus status) => status == InstanceStatus.Running ? L["办理中"] : L["已办结"];

    /// <summary>A short case number for people: the id's last 8 hex digits (its first ones are a timestamp, shared by cases opened together).</summary>
    public static string CaseNumber(Guid caseId) => caseId.ToString("N")[^8..].ToUpperInvariant();

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", Invariant);

    /// <summary>An instant as the date and time in China.</summary>
    public static string Instant(DateTimeOffset at) => at.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", Invariant);

    /// <summary>One value of case data as text (lists and objects are shown by the view as tables).</summary>
    public string Value(JsonNode? node) => node switch
    {
        null => "—",
        JsonValue v when v.GetValueKind() is JsonValueKind.True => L["是"],
        JsonValue v when v.GetValueKind() is JsonValueKind.False => L["否"],
        JsonValue v when v.GetValueKind() is JsonValueKind.Number => v.GetValue<decimal>().ToString(Invariant),
        JsonValue v when v.GetValueKind() is JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(Workflows.Runtime.CaseData.Storage),
    };

    /// <summary>
    /// A copy of case data (or journal data) with identity numbers and phones masked unless <paramref name="full"/>, by
    /// the one rule of <see cref="Cases.Domain.Privacy.PersonalDataMask"/> (GetCase applies it already; the view applies it
    /// again to what it builds itself).
    /// </summary>
    public static JsonNode? Masked(JsonNode? node, bool full) => full ? node : Cases.Domain.Privacy.PersonalDataMask.Json(node, full);

    /// <summary>A party label or number as the user may see it: identity-number shapes masked unless <paramref name="full"/>.</summary>
    public static string Party(string text, bool full) => Cases.Domain.Privacy.PersonalDataMask.Label(text, full);

    /// <summary>
    /// A journal entry's data as label/value lines: the fields of a completed task or a recorded event under their
    /// labels, an outcome or event under its label, a refusal's reason; ids of tasks are left to the API.
    /// </summary>
    public IReadOnlyList<(string Label, string Value)> Details(JournalView entry, WorkflowDefinition definition)
    {
        var lines = new List<(string, string)>();
        if (entry.Data is not JsonObject data)
        {
            return lines;
        }

        var from = entry.From is null ? null : definition.States.GetValueOrDefault(entry.From);
        foreach (var (key, node) in data)
        {
            switch (key)
            {
                case JournalFields.Task or "job":
                    break;
                case JournalFields.Outcome when node is JsonValue v && v.TryGetValue<string>(out var outcome):
                    lines.Add((L["办理结果"], Of(from?.Outcomes?.GetValueOrDefault(outcome)?.Label, outcome)));
                    break;
                case JournalFields.Event when node is JsonValue v && v.TryGetValue<string>(out var name):
                    lines.Add((L["事项"], Of(from?.Events?.GetValueOrDefault(name)?.Label, name)));
                    break;
                case JournalFields.Reason:
                    lines.Add((L["理由"], JournalFields.Text(node)?.Current ?? Value(node)));
                    break;
                case JournalFields.Data when node is JsonObject fields:
                    lines.AddRange(fields.Where(f => f.Value is not null).Select(f => (FieldLabel(definition, f.Key), f.Value is JsonValue ? Value(f.Value) : Compact(f.Value))));
                    break;
                case JournalFields.OnTime when node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                    lines.Add((L["是否按时"], Value(node)));
                    break;
                case JournalFields.DueOn:
                    lines.Add((L["到期日"], Value(node)));
                    break;
                case JournalFields.Version:
                    lines.Add((L["流程版本"], Value(node)));
                    break;
                default:
                    if (node is not null)
                    {
                        lines.Add((definition.Data.ContainsKey(key) ? FieldLabel(definition, key) : key, node is JsonValue ? Value(node) : Compact(node)));
                    }

                    break;
            }
        }

        return lines;
    }

    private static string Compact(JsonNode? node) => node?.ToJsonString(Workflows.Runtime.CaseData.Storage) ?? "";

    [GeneratedRegex(@"^(?<minus>-)?(?<n>\d+) (?<unit>working days|calendar days|months) from (?<field>\$?[A-Za-z0-9]+)$")]
    private static partial Regex RulePattern();

    [GeneratedRegex(@"^on (?<field>[A-Za-z0-9]+)$")]
    private static partial Regex OnPattern();
}

/// <summary>What Views/Shared/_CaseData.cshtml draws: case data (already masked) with the definition's labels.</summary>
public sealed record CaseDataView(WorkflowDefinition Definition, JsonObject Data);
