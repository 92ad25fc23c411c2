using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cases.Application.Common;
using Cases.Application.Records;
using Cases.Domain.Calculations;
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

    /// <summary>
    /// Whose limit a deadline is, as a short mark beside its basis: 法定时限 (the regulation's; a breach is a legal
    /// failure) or 本机构时限 (the agency's own target; a breach is a service failure); nothing for a clock of a version
    /// older than the distinction.
    /// </summary>
    public Microsoft.AspNetCore.Html.IHtmlContent ClockSource(ClockSource? source)
    {
        if (source is not { } known)
        {
            return Microsoft.AspNetCore.Html.HtmlString.Empty;
        }

        var statutory = known == Cases.Workflows.Definitions.ClockSource.Statutory;
        var why = statutory ? L["规程规定的时限：超时即违反规定。"].Value : L["本机构自定的办理时限：超时是服务未达标，不是违反规程。"].Value;
        var builder = new Microsoft.AspNetCore.Html.HtmlContentBuilder();
        builder.AppendHtml(statutory ? "<span class=\"badge text-bg-dark ms-1\"" : "<span class=\"badge text-bg-light border ms-1\"")
            .AppendHtml(" data-testid=\"clock-source\" data-source=\"").Append(ClockSources.Name(known)).AppendHtml("\" title=\"").Append(why).AppendHtml("\">")
            .Append(ClockSourceText(known)).AppendHtml("<span class=\"visually-hidden\"> ").Append(why).AppendHtml("</span></span>");
        return builder;
    }

    /// <summary>The same as words, for exports: 法定时限, 本机构时限, or empty.</summary>
    public string ClockSourceText(ClockSource? source) => source switch
    {
        Cases.Workflows.Definitions.ClockSource.Statutory => L["法定时限"],
        Cases.Workflows.Definitions.ClockSource.Agency => L["本机构时限"],
        _ => "",
    };

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
        JournalActions.MaterialsShared => L["材料已通过部门间信息共享获取"],
        JournalActions.ReminderSent => L["发出提醒"],
        JournalActions.MilestonePassed => L["期限届至"],
        JournalActions.TimerFired => L["时限到期"],
        JournalActions.DeadlineBreached => L["超过办理时限"],
        AgencyJournalActions.EscalationAcknowledged => L["主管确认升级事项"],
        AgencyJournalActions.LedgerPosted => L["记入台账"],
        AgencyJournalActions.RegisterUpdated => L["写入登记信息"],
        AgencyJournalActions.EntitlementRecorded => L["核定定期待遇"],
        JournalActions.Migrated => L["迁移版本"],
        AgencyJournalActions.DeadlineMoved => L["因日历调整重算期限"],
        AgencyJournalActions.DeadlineSettled => L["期限按正式日历确认"],
        JournalActions.ExpiryHeld => L["期限届满待主管确认（暂定日历）"],
        JournalActions.ExpiryConfirmed => L["主管确认期限届满"],
        JournalActions.ExpiryExtended => L["主管延长期限"],
        JournalActions.Ended => L["办结"],
        JournalActions.Recorded => L["记录"],
        AgencyJournalActions.ProjectRegistered => L["登记建设项目参保"], // Projects
        Cases.Application.Parties.EmployerJournalActions.RegisterChanged => L["更新用人单位登记簿"], // employers
        AgencyJournalActions.InjuryCaseLinked => L["关联工伤案件"], // Unlinked cases
        AgencyJournalActions.InjuryCaseUnlinked => L["撤销关联工伤案件"], // Unlinked cases
        AgencyJournalActions.PaymentOrdered => L["生成支付单"], // Payments
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
    public static string CaseNumber(Guid caseId) => CaseNumbers.Of(caseId);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", Invariant);

    /// <summary>An instant as the date and time in China.</summary>
    public static string Instant(DateTimeOffset at) => at.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", Invariant);

    /// <summary>One value of case data as text when its field is not known (lists and objects are shown by the view as tables).</summary>
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
    /// A journaled calculation step in the reader's language: its name ({zh, en}; a step journaled in one language reads
    /// the same in both) and its result as what it is (money as ¥48,000.00, a rate as 0.5%).
    /// </summary>
    private string Step(JsonObject step)
    {
        var name = JournalFields.Text(step["step"])?.Current ?? "—";
        var kind = step["kind"]?.ToString() ?? nameof(StepValueKind.Amount);
        var value = step["value"] is not JsonValue v || v.GetValueKind() is not JsonValueKind.Number || !v.TryGetValue<decimal>(out var number) ? Value(step["value"])
            : kind.Equals(nameof(StepValueKind.Rate), StringComparison.OrdinalIgnoreCase) ? ChinaDate.Rate(number)
            : kind.Equals(nameof(StepValueKind.Amount), StringComparison.OrdinalIgnoreCase) ? ChinaDate.Money(number)
            : number.ToString("#,0.######", Invariant);
        return $"{name}{L["："]}{value}";
    }

    /// <summary>An enum value as its label in the definition (「交通事故」 for traffic); the value itself where the definition gives none.</summary>
    public static string EnumLabel(FieldSpec? spec, string value) =>
        spec?.Labels is { } labels && labels.TryGetValue(value, out var label) ? Of(label, value) : value;

    /// <summary>
    /// A decimal field that holds a rate (a fraction shown as a percentage): one the definition bounds by 1, or named …Rate
    /// and not bounded above 1. Every other decimal of the procedures is an amount of money in yuan.
    /// </summary>
    public static bool IsRate(string name, FieldSpec? spec) =>
        spec?.Type == "decimal" && (spec.Max is <= 1m || (name.EndsWith("Rate", StringComparison.OrdinalIgnoreCase) && spec.Max is null));

    /// <summary>
    /// A decimal that is a plain number, neither money nor a percentage: a count (a bill item's quantity, 数量), or a rate
    /// the definition bounds above 1 — an exchange rate in yuan per unit of a currency (第四十一条).
    /// </summary>
    public static bool IsQuantity(string name, FieldSpec? spec) =>
        spec?.Type == "decimal" && (name == "quantity" || name.EndsWith("Quantity", StringComparison.Ordinal)
            || (name.EndsWith("Rate", StringComparison.OrdinalIgnoreCase) && spec.Max > 1m));

    /// <summary>
    /// A value of a field of the case data as officers read it: an option by its label, money as ¥48,000.00, a rate as
    /// 0.5%, yes or no, a received checklist as the materials' names; a list or an object in a short line.
    /// </summary>
    public string Field(WorkflowDefinition? definition, string name, JsonNode? node) =>
        Member(definition?.Data.GetValueOrDefault(name), name, node, definition);

    /// <summary>As <see cref="Field"/>, for a field whose spec is known (an object's member, a list item's field).</summary>
    public string Member(FieldSpec? spec, string name, JsonNode? node, WorkflowDefinition? definition = null)
    {
        switch (node)
        {
            case null:
                return "—";
            case JsonArray items when spec?.Type == "checklist":
                var received = Cases.Workflows.Runtime.Materials.Entries(items).Select(e => e.Value is { } source ? Material(definition, e.Key) + L["（已通过部门间信息共享获取，来源：{0}）", source] : Material(definition, e.Key)).ToList();
                return received.Count == 0 ? L["（无）"] : string.Join(L["、"], received);
            case JsonArray items:
                return string.Join(L["；"], items.Select(i => i is JsonObject o ? Inline(spec?.Fields, o, definition) : Member(null, name, i, definition)));
            case JsonObject inner:
                return Inline(spec?.Fields, inner, definition);
            case JsonValue v when v.GetValueKind() is JsonValueKind.Number && v.TryGetValue<decimal>(out var number):
                return spec?.Type == "integer" ? number.ToString(Invariant)
                    : IsQuantity(name, spec) ? number.ToString("#,0.######", Invariant)
                    : IsRate(name, spec) ? ChinaDate.Rate(number)
                    : spec?.Type == "decimal" ? ChinaDate.Money(number)
                    : number.ToString(Invariant);
            case JsonValue v when v.TryGetValue<string>(out var text):
                return spec?.Type switch
                {
                    "enum" => EnumLabel(spec, text),
                    "date" => ChinaDate.Of(text),
                    "month" => ChinaDate.Month(text),
                    _ => text,
                };
            default:
                return Value(node);
        }
    }

    private string Inline(Dictionary<string, FieldSpec>? fields, JsonObject data, WorkflowDefinition? definition) =>
        string.Join(L["，"], data.Where(p => p.Value is not null)
            .Select(p => $"{Of(fields?.GetValueOrDefault(p.Key)?.Label, p.Key)}{L["："]}{Member(fields?.GetValueOrDefault(p.Key), p.Key, p.Value, definition)}"));

    /// <summary>A material of the definition's checklist by its name (规程 第十五条); an unknown key as it is.</summary>
    public static string Material(WorkflowDefinition? definition, string key) =>
        definition?.Materials?.GetValueOrDefault(key) is { } material ? Of(material.Label, key) : key;

    /// <summary>How a case ended, as the end state that set the outcome calls it (「无异议，费率确定」 for final-no-objection).</summary>
    public static string EndOutcome(WorkflowDefinition? definition, string outcome) =>
        definition?.States.Values.FirstOrDefault(s => s.Kind == StateKind.End && s.Outcome == outcome) is { } end ? Of(end.Title, outcome)
        : definition?.States.GetValueOrDefault(outcome) is { Kind: StateKind.End } named ? Of(named.Title, outcome)
        : outcome;

    /// <summary>
    /// The label of a task's outcome in its state (「已告知」 for notified), a supervisor's confirmation of an expiry
    /// included; the outcome itself when the state gives it none.
    /// </summary>
    public static string OutcomeLabel(WorkflowDefinition? definition, string? state, string outcome)
    {
        var spec = state is null ? null : definition?.States.GetValueOrDefault(state);
        if (spec?.Outcomes?.GetValueOrDefault(outcome) is { } labelled)
        {
            return Of(labelled.Label, outcome);
        }

        return spec?.Kind == StateKind.Wait && outcome is ExpiryConfirmation.Confirm or ExpiryConfirmation.Extend
            ? Of(ExpiryConfirmation.Spec(definition!, state!).Outcomes![outcome].Label, outcome)
            : outcome;
    }

    /// <summary>
    /// What a one-time missing-materials notice (规程 第十五条) tells its addressee about the time to resubmit: the wait
    /// the notice leads into, its clock (the date field in the case data, the article it counts under) and what happens
    /// when it passes, in words — the end the case then reaches, or the step it goes back to. Null when the definition
    /// sends no such notice or its wait has no clock.
    /// </summary>
    public (string Field, ClockSpec Clock, string Consequence)? Resubmission(WorkflowDefinition definition)
    {
        foreach (var (key, state) in definition.States)
        {
            var notices = state.Action == "materials-notice" || state.OnEnter?.Any(n => n.Template == "one-time-missing-materials-notice") == true;
            var waitKey = state.Kind == StateKind.Wait ? key : state.To;
            if (!notices || waitKey is null || definition.States.GetValueOrDefault(waitKey)?.Timer is not { On: { } field } clock)
            {
                continue;
            }

            var target = clock.To is null ? null : definition.States.GetValueOrDefault(clock.To);
            var consequence = target?.Kind == StateKind.End
                ? L["逾期未补正的，案件将按「{0}」办结。", Of(target.Title, clock.To!)]
                : L["逾期未补正的，本机构将按「{0}」继续办理。", StateTitle(definition, clock.To ?? waitKey)];
            return (field, clock, consequence);
        }

        return null;
    }

    /// <summary>Who did something, by display name; the runtime's own clocks and jobs as 「系统」.</summary>
    public string Person(string actor, NameBook names) =>
        actor.StartsWith("system", StringComparison.Ordinal) || actor == "demo-seed" ? L["系统"] : names.User(actor);

    /// <summary>
    /// A case's party as a list shows it: the name, and small beside it the credit code, the masked identity number or
    /// the project code (<see cref="NameBook"/>).
    /// </summary>
    public static Microsoft.AspNetCore.Html.IHtmlContent PartyHtml(PartyLabel party, bool inTabOrder = true)
    {
        var builder = new Microsoft.AspNetCore.Html.HtmlContentBuilder();
        if (party.Kind == PartyLabel.InjuryCase)
        {
            // Only an injury case's number is known (the form names no worker or employer): said as what it is.
            builder.AppendHtml("<span class=\"text-muted small\">").Append(English ? "Injury case" : "工伤案件").AppendHtml("</span> ");
        }

        // People: the name links the party's page when the register holds it in the user's city.
        if (party.Url is { } url)
        {
            builder.AppendHtml("<a class=\"party-name\" href=\"").Append(url).AppendHtml(inTabOrder ? "\">" : "\" tabindex=\"-1\">").Append(party.Name).AppendHtml("</a>");
        }
        else
        {
            builder.AppendHtml("<span class=\"party-name\">").Append(party.Name).AppendHtml("</span>");
        }
        if (party.Detail is { } detail)
        {
            builder.AppendHtml(" <small class=\"text-muted font-monospace party-code\">").Append(detail).AppendHtml("</small>");
        }

        if (party.EmployerName is { } employer)
        {
            builder.AppendHtml(" <span class=\"text-muted small party-employer\">· ").Append(employer).AppendHtml("</span>");
        }

        return builder;
    }

    /// <summary>
    /// A copy of case data (or journal data) with identity numbers and phones masked unless <paramref name="full"/>, by
    /// the one rule of <see cref="Cases.Domain.Privacy.PersonalDataMask"/> (GetCase applies it already; the view applies it
    /// again to what it builds itself).
    /// </summary>
    public static JsonNode? Masked(JsonNode? node, bool full) => full ? node : Cases.Domain.Privacy.PersonalDataMask.Json(node, full);

    /// <summary>A party label or number as the user may see it: identity-number shapes masked unless <paramref name="full"/>.</summary>
    public static string Party(string text, bool full) => Cases.Domain.Privacy.PersonalDataMask.Label(text, full);

    /// <summary>
    /// A journal entry as a sentence an officer reads: when, who (by display name), what, on which step, with what
    /// result — 「2026年12月7日 10:32 张伟 完成「告知用人单位浮动费率」，结果：已告知」. What else the entry holds is
    /// in <see cref="Details"/>.
    /// </summary>
    public string Sentence(JournalView entry, WorkflowDefinition definition, NameBook names) =>
        $"{ChinaDate.Of(entry.At)} {Person(entry.Actor, names)} {What(entry, definition, names)}";

    /// <summary>What a journal entry says happened, without when and who.</summary>
    public string What(JournalView entry, WorkflowDefinition definition, NameBook names)
    {
        var data = entry.Data as JsonObject;
        string? Text(string key) => data?[key] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
        var from = entry.From is null ? "" : StateTitle(definition, entry.From);
        var to = entry.To is null ? "" : StateTitle(definition, entry.To);
        var moved = entry.From is not null && entry.To is not null && entry.From != entry.To;
        var eventName = Text(JournalFields.Event);
        var eventLabel = eventName is null ? "" : Of(definition.States.GetValueOrDefault(entry.From ?? "")?.Events?.GetValueOrDefault(eventName)?.Label, eventName);
        string what = entry.Action switch
        {
            JournalActions.Started => L["立案，进入「{0}」", to],
            JournalActions.Entered => L["进入「{0}」", to],
            JournalActions.TaskClaimed => L["领取「{0}」", from],
            JournalActions.TaskReleased => L["将「{0}」放回待领取", from],
            JournalActions.TaskAssigned => L["将「{0}」指派给{1}", from, names.User(Text("to"))],
            JournalActions.TaskCompleted when Text(JournalFields.Outcome) is { } outcome => L["完成「{0}」，结果：{1}", from, OutcomeLabel(definition, entry.From, outcome)],
            JournalActions.TaskCompleted => L["完成「{0}」", from],
            JournalActions.Event => L["登记「{0}」", eventLabel],
            JournalActions.EventRefused => L["登记「{0}」，未予受理", eventLabel],
            JournalActions.Decided => L["自动判断"],
            JournalActions.TimerFired => L["「{0}」的时限到期", from],
            JournalActions.ReminderSent => L["「{0}」发出到期提醒", from],
            JournalActions.MilestonePassed => L["「{0}」的期限届至", from],
            JournalActions.DeadlineBreached => L["「{0}」超过办理时限", from],
            JournalActions.MaterialsNotice => L["一次性告知补正材料（{0} 项）", (data?["missing"] as JsonArray)?.Count ?? 0],
            JournalActions.MaterialsShared => L["已通过部门间信息共享获取：{0}", string.Join("、", (data?["materials"] as JsonArray ?? []).Select(m => $"{m?["zh"]}（来源：{m?["sharedFrom"]}）"))],
            JournalActions.FieldSet => L["设定「{0}」", FieldLabel(definition, Text("field") ?? "")],
            JournalActions.Recorded => L["记录「{0}」", from],
            AgencyJournalActions.Calculated => L["计算「{0}」", Calculator(Text("calculator"))],
            JournalActions.Ended when Text(JournalFields.Outcome) is { } outcome => L["办结，结果：{0}", EndOutcome(definition, outcome)],
            JournalActions.Migrated => L["迁移到第 {0} 版流程", data?["toVersion"]?.ToString() ?? ""],
            AgencyJournalActions.LedgerPosted => L["记入{0}", Ledger(Text("ledger"))],
            AgencyJournalActions.RegisterUpdated => L["写入{0}登记", Register(Text("register"))],
            AgencyJournalActions.EntitlementRecorded => L["核定{0}，自 {1} 起按月发放", MonthlyBenefit(Text("benefit")), ChinaDate.Month(Text("fromMonth") ?? "")],
            AgencyJournalActions.ProjectRegistered => L["登记建设项目 {0} 参保，保险费 {1} 元", Text("projectCode") ?? "", data?["premium"]?.ToString() ?? ""], // Projects
            // Unlinked cases: which injury case, and how the link was made (docs/adr/0017).
            AgencyJournalActions.InjuryCaseLinked => Text("how") switch
            {
                "number" => L["按工伤认定决定书编号自动关联工伤案件 {0}（填写为「{1}」）", Text("recognitionNumber") ?? Text("injuryCaseId") ?? "", Text("typed") ?? ""],
                "id" => L["按工伤案件编号自动关联工伤案件 {0}（填写为「{1}」）", Text("recognitionNumber") ?? Text("injuryCaseId") ?? "", Text("typed") ?? ""],
                _ => L["人工关联工伤案件 {0}（填写为「{1}」），理由：{2}", Text("recognitionNumber") ?? Text("injuryCaseId") ?? "", Text("typed") ?? "", Text("reason") ?? ""],
            },
            AgencyJournalActions.InjuryCaseUnlinked => L["撤销与工伤案件 {0} 的关联，理由：{1}", Text("recognitionNumber") ?? Text("injuryCaseId") ?? "", Text("reason") ?? ""],
            AgencyJournalActions.PaymentOrdered => L["生成支付单：向{0}支付{1} {2} 元", Text("payee") ?? "", Benefit(Text("benefit")), data?["amount"]?.ToString() ?? ""], // Payments
            _ => Action(entry.Action),
        };
        return moved && entry.Action is not (JournalActions.Started or JournalActions.Entered)
            ? L["{0}，转入「{1}」", what, to]
            : what;
    }

    /// <summary>A calculator by its title (「第三人责任医疗费差额」); an unknown one by its name.</summary>
    private static string Calculator(string? name) =>
        name is not null && Cases.Domain.Calculations.CalculatorCatalog.Find(name) is { } calculator ? English ? calculator.TitleEn : calculator.TitleZh : name ?? "";

    /// <summary>A register by its title (工伤案件, 建设项目); an unknown one by its name.</summary>
    private static string Register(string? name) =>
        Cases.Workflows.Definitions.Registers.Find(name) is { } register ? (English ? register.Title.En : register.Title.Zh) : name ?? "";

    /// <summary>A monthly benefit by its title (伤残津贴, 生活护理费, 供养亲属抚恤金).</summary>
    public static string MonthlyBenefit(string? benefit) =>
        benefit is not null && Cases.Application.Benefits.MonthlyBenefits.ByName.TryGetValue(benefit, out var monthly)
            ? Benefit(Cases.Application.Benefits.MonthlyBenefits.KindOf(monthly).Code)
            : benefit ?? "";

    /// <summary>Payments: a payee kind by its label (职工, 医疗机构); an unknown one by its code.</summary>
    public static string PayeeKind(string? code) =>
        Cases.Domain.Payments.PayeeKind.Find(code) is { } kind ? (English ? kind.En : kind.Zh) : code ?? "";

    /// <summary>Payments: an order's status (pending, batched, paid, returned, posted) in words.</summary>
    public string PaymentStatus(string? status) => status switch
    {
        "pending" => L["待支付"],
        "batched" => L["已编批"],
        "paid" => L["已支付"],
        "returned" => L["已退回"],
        "posted" => L["冲正"],
        _ => status ?? "",
    };

    /// <summary>Payments: a batch's status (draft, approved, sent, reconciled) in words.</summary>
    public string BatchStatus(string? status) => status switch
    {
        "draft" => L["待审批"],
        "approved" => L["已审批"],
        "sent" => L["已发送银行"],
        "reconciled" => L["已对账"],
        _ => status ?? "",
    };

    /// <summary>Payments: a benefit kind by its label (一次性伤残补助金); an unknown one by its code.</summary>
    public static string Benefit(string? code) =>
        Cases.Domain.Payments.BenefitKind.Find(code) is { } kind ? (English ? kind.En : kind.Zh) : code ?? "";

    /// <summary>A ledger by its title (先行支付台账, 第三人责任医疗费台账).</summary>
    public string Ledger(string? ledger) => ledger switch
    {
        "advance-payment" => L["先行支付台账"],
        "third-party-medical" => L["第三人责任医疗费台账"],
        null => L["台账"],
        _ => ledger,
    };

    /// <summary>
    /// A journal entry's data as label/value lines, each under its Chinese name and formatted as the case data is: the
    /// fields of a completed task or a recorded event under their labels, dates as 2026年12月7日, money as ¥48,000.00,
    /// users by display name, a clock's rule in words; what the sentence says already (outcome, event) and the ids of
    /// tasks, timers and jobs are left out (the API has them).
    /// </summary>
    public IReadOnlyList<(string Label, string Value)> Details(JournalView entry, WorkflowDefinition definition, NameBook? names = null)
    {
        names ??= NameBook.Empty;
        var lines = new List<(string, string)>();
        if (entry.Data is not JsonObject data)
        {
            return lines;
        }

        var userKeys = entry.Action is JournalActions.TaskReleased or JournalActions.TaskAssigned;
        foreach (var (key, node) in data)
        {
            if (node is null)
            {
                continue;
            }

            switch (key)
            {
                case JournalFields.Task or "job" or "timer" or "payload" or "template" or JournalFields.Outcome or JournalFields.Event:
                    break;
                // Unlinked cases: the sentence names the injury case, the text as typed, how and why; the keys would repeat it in code words.
                case "injuryCaseId" or "recognitionNumber" or "typed" or "how" or "trigger" or JournalFields.Reason
                    when entry.Action is AgencyJournalActions.InjuryCaseLinked or AgencyJournalActions.InjuryCaseUnlinked:
                    break;
                case "what" when entry.Action == JournalActions.Recorded:
                case "calculator" when entry.Action == AgencyJournalActions.Calculated:
                    break;
                case "input" or "result" when node is JsonObject figures:
                    lines.Add((JournalKey(key), string.Join(L["，"], figures.Where(f => f.Value is not null).Select(f => definition.Data.ContainsKey(f.Key)
                        ? $"{FieldLabel(definition, f.Key)}{L["："]}{Field(definition, f.Key, f.Value)}"
                        : $"{JournalKey(f.Key)}{L["："]}{(f.Value is JsonValue fv ? Value(fv) : Compact(f.Value))}"))));
                    break;
                case JournalFields.Reason:
                    lines.Add((L["理由"], JournalFields.Text(node)?.Current ?? Value(node)));
                    break;
                case "explanation" when node is JsonArray steps:
                    lines.Add((L["计算步骤"], string.Join(L["；"], steps.OfType<JsonObject>().Select(Step))));
                    lines.Add((L["计算依据"], string.Join(L["、"], steps.OfType<JsonObject>().Select(st => st["basis"]?.ToString()).Where(b => !string.IsNullOrEmpty(b)).Distinct())));
                    break;
                case "field" when node is JsonValue fv && fv.TryGetValue<string>(out var fieldName) && entry.Action != JournalActions.FieldSet:
                    lines.Add((L["数据项"], FieldLabel(definition, fieldName)));
                    break;
                case JournalFields.Data when node is JsonObject fields:
                    lines.AddRange(fields.Where(f => f.Value is not null).Select(f => (FieldLabel(definition, f.Key), Field(definition, f.Key, f.Value))));
                    break;
                case "from" or "to" when userKeys:
                    lines.Add((key == "from" ? L["原办理人"] : L["指派给"], node is JsonValue u && u.TryGetValue<string>(out var user) ? names.User(user) : "—"));
                    break;
                case "to" when entry.Action == JournalActions.TimerFired && node is JsonValue t && t.TryGetValue<string>(out var target):
                    lines.Add((L["到期后"], L["转入「{0}」", StateTitle(definition, target)]));
                    break;
                case "to" when entry.Action is JournalActions.Notified or JournalActions.MaterialsNotice or JournalActions.ReminderSent
                    && node is JsonValue r && r.TryGetValue<string>(out var recipient):
                    lines.Add((L["通知对象"], Recipient(recipient)));
                    break;
                case "from" or "to" when entry.Action == JournalActions.FieldSet:
                    lines.Add((key == "from" ? L["原值"] : L["新值"], Field(definition, data["field"]?.GetValue<string>() ?? "", node)));
                    break;
                case "field" when entry.Action == JournalActions.FieldSet:
                    break;
                case "missing" when node is JsonArray missing:
                    lines.Add((L["需补正的材料"], string.Join(L["、"], missing.OfType<JsonObject>().Select(m =>
                        $"{(English ? m["en"] : m["zh"])?.GetValue<string>() ?? m["key"]?.GetValue<string>()}（{m["basis"]?.GetValue<string>()}）"))));
                    break;
                case "rule" when node is JsonValue r && r.TryGetValue<string>(out var rule):
                    lines.Add((L["计算规则"], Rule(rule, definition)));
                    break;
                case JournalFields.Branch when node is JsonValue b && b.TryGetValue<string>(out var branch):
                    lines.Add((L["判断条件"], branch == "otherwise" ? L["其他情形"] : branch));
                    break;
                case "ledger" when node is JsonValue l && l.TryGetValue<string>(out var ledger):
                    lines.Add((L["台账"], Ledger(ledger)));
                    break;
                case "register" when node is JsonValue g && g.TryGetValue<string>(out var register):
                    lines.Add((L["登记簿"], Register(register)));
                    break;
                case "entry" when node is JsonValue e && e.TryGetValue<string>(out var kind):
                    lines.Add((L["记账类别"], LedgerEntry(kind)));
                    break;
                case "amount" or "balance" when node is JsonValue m && m.TryGetValue<decimal>(out var money):
                    lines.Add((JournalKey(key), ChinaDate.Money(money)));
                    break;
                case "held" when node is JsonObject held:
                    lines.Add((L["暂停的期限"], held[JournalFields.DueOn] is JsonValue hd && hd.TryGetValue<string>(out var heldOn) ? ChinaDate.Of(heldOn) : "—"));
                    break;
                case "mapping" when node is JsonObject mapping:
                    lines.Add((L["环节对应"], string.Join(L["；"], mapping.Select(p => $"「{StateTitle(definition, p.Key)}」→「{StateTitle(definition, p.Value?.ToString() ?? "")}」"))));
                    break;
                // Reimbursement UI: a review's items, each decided with its reason (规程 第六十九条、第七十条), said in the reader's language.
                case "items" when node is JsonArray reviewed && reviewed.Count > 0 && reviewed.All(i => i is JsonObject o && o["reason"] is not null):
                    lines.Add((L["逐项审核结果"], string.Join(L["；"], reviewed.OfType<JsonObject>().Select((o, i) =>
                        L["第{0}项（{1}）：{2}", o["row"]?.ToString() ?? (i + 1).ToString(Invariant), o["code"]?.ToString() ?? "—", JournalFields.Text(o["reason"])?.Current ?? ""].Value))));
                    break;
                case "items" when node is JsonArray items:
                    lines.Add((JournalKey(key), string.Join(L["、"], items.Select(i => i?.ToString() ?? ""))));
                    break;
                case "fields" when node is JsonArray moved:
                    lines.Add((L["相关数据项"], string.Join(L["、"], moved.OfType<JsonValue>().Select(f => FieldLabel(definition, f.ToString())))));
                    break;
                case JournalFields.OnTime when node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                    lines.Add((L["是否按时"], Value(node)));
                    break;
                default:
                    lines.Add(definition.Data.ContainsKey(key)
                        ? (FieldLabel(definition, key), Field(definition, key, node))
                        : (JournalKey(key), node is JsonValue jv && jv.TryGetValue<string>(out var s) ? ChinaDate.Of(s) : node is JsonValue ? Value(node) : Compact(node)));
                    break;
            }
        }

        return lines;
    }

    /// <summary>Who a notice goes to (employer, worker, institution, contractor, role:…), in words.</summary>
    public string Recipient(string to) => to switch
    {
        "employer" => L["用人单位"],
        "worker" => L["工伤职工"],
        "institution" => L["协议机构"],
        "contractor" => L["总承包单位"],
        _ when to.StartsWith("role:", StringComparison.Ordinal) => RoleGroup(to["role:".Length..]),
        _ => to,
    };

    /// <summary>What a ledger entry records (先行支付, 追回, 核销, 补足医疗费差额).</summary>
    public string LedgerEntry(string entry) => entry switch
    {
        "advanced" => L["先行支付"],
        "repaid" => L["追回"],
        "written-off" => L["核销"],
        "reimbursed" => L["补足医疗费差额"],
        _ => entry,
    };

    /// <summary>The Chinese name of a key of the journal's data (the runtime's and the agency's); an unknown key as it is.</summary>
    public string JournalKey(string key) => key switch
    {
        JournalFields.DueOn => L["到期日"],
        JournalFields.Reason => L["理由"],
        JournalFields.Version => L["流程版本"],
        "basis" => L["依据"],
        "provisionalYear" => L["暂定年度"],
        "what" => L["事项"],
        "amount" => L["金额"],
        "balance" => L["余额"],
        "on" => L["日期"],
        "injuryCaseId" => L["工伤案件编号"],
        "key" => L["登记编号"],
        "rehabEndsOn" => L["康复期截止日"],
        "contractEndsOn" => L["合同竣工日期"],
        "completedOn" => L["竣工日期"],
        "items" => L["票据号码"],
        "calculator" => L["计算项目"],
        "input" => L["计算依据数据"],
        "result" => L["计算结果"],
        "explanation" => L["计算说明"],
        "clock" => L["时限"],
        "field" => L["数据项"],
        "from" => L["原到期日"],
        "to" => L["新到期日"],
        "cause" => L["调整原因"],
        "fromVersion" => L["原流程版本"],
        "toVersion" => L["新流程版本"],
        "extendedTo" => L["延长至"],
        "reasons" => L["补正说明"],
        "note" => L["备注"],
        _ => key,
    };

    private static string Compact(JsonNode? node) => node?.ToJsonString(Workflows.Runtime.CaseData.Storage) ?? "";

    [GeneratedRegex(@"^(?<minus>-)?(?<n>\d+) (?<unit>working days|calendar days|months) from (?<field>\$?[A-Za-z0-9]+)$")]
    private static partial Regex RulePattern();

    [GeneratedRegex(@"^on (?<field>[A-Za-z0-9]+)$")]
    private static partial Regex OnPattern();
}

/// <summary>What Views/Shared/_CaseData.cshtml draws: case data (already masked) with the definition's labels.</summary>
public sealed record CaseDataView(WorkflowDefinition Definition, JsonObject Data);
