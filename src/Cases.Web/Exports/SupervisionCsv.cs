using Cases.Application.Common;
using Cases.Application.Supervision;
using Cases.Domain.Staff;
using Cases.Workflows.Definitions;
using Cases.Workflows.Instances;
using Cases.Workflows.Publishing;
using Cases.Workflows.Tasks;
using CsvHelper;

namespace Cases.Web.Exports;

/// <summary>A list as a CSV file holds it: the header and the rows, as text in the user's language.</summary>
public sealed record CsvTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// The dashboard's lists as CSV: the same columns as the page, identity numbers masked as on the page, written by
/// CsvHelper as RFC 4180 in UTF-8 with a byte-order mark (Excel otherwise reads Chinese as the ANSI code page), and
/// cells that a spreadsheet would run as a formula (=, +, -, @) escaped.
/// </summary>
public static class SupervisionCsv
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>At most this many rows in a CSV export of a task list.</summary>
    public const int ExportLimit = 10_000;

    /// <summary>The lists that export: the page's sections.</summary>
    public static IReadOnlyList<string> Lists { get; } = ["escalations", "procedures", "officers", "breached", "warning", "workload", "breaches-per-week", "step-durations"];

    /// <summary>
    /// One list of the dashboard for <paramref name="city"/> (null: every city, provincial staff only) as a CSV file's bytes.
    /// <paramref name="clock"/> (statutory or agency) narrows the breached and at-risk lists as it narrows them on the page
    /// (督办 tells a breach of the 规程's limit from one of the agency's own target); the other lists are counts the page
    /// shows unfiltered, and so does their file. A bad value is refused naming clock, whichever list is asked for.
    /// </summary>
    public static async Task<byte[]> ExportAsync(string list, string? city, string? clock, Actor by, IMediator mediator, WorkflowText T, CancellationToken ct)
    {
        clock = ListTasksHandler.ClockFilter(clock) is { } source ? ClockSources.Name(source) : null;
        var scope = by.SupervisionScope(city);
        var titles = await ProcedureTitlesAsync(mediator, ct);
        string Title(string key) => titles.GetValueOrDefault(key, key);
        var full = by.NeedsFullIdNumbers;
        // Officers by display name and parties by name, as on the page.
        async Task<NameBook> NamesAsync(IEnumerable<string?> users, IEnumerable<Guid> cases) =>
            await mediator.Send(new ResolveNames([.. users], [.. cases], by), ct);
        async Task<CsvTable> TasksAsync()
        {
            var rows = await AllOpenAsync(mediator, list, scope, clock, by, ct);
            return Tasks(T, rows, Title, full, await NamesAsync(rows.Select(t => t.Assignee), rows.Select(t => t.CaseId)));
        }

        async Task<CsvTable> EscalationsAsync()
        {
            var board = await mediator.Send(new GetEscalationBoard(scope, by), ct);
            var names = await NamesAsync(
                [.. board.Breaches.SelectMany(e => new[] { e.Assignee, e.AcknowledgedBy }), .. board.SupervisorTasks.Select(t => t.Assignee)],
                [.. board.Breaches.Select(e => e.CaseId), .. board.SupervisorTasks.Select(t => t.CaseId)]);
            return Escalations(T, board, Title, full, names);
        }

        async Task<CsvTable> OverviewAsync()
        {
            var overview = await mediator.Send(new GetSlaOverview(scope, by), ct);
            if (list == "procedures")
            {
                return Procedures(T, overview.ByProcedure, Title);
            }

            var names = await NamesAsync([.. overview.ByOfficer.Select(o => o.Assignee), .. overview.Workload.Select(w => w.Assignee)], []);
            return list == "officers" ? Officers(T, overview.ByOfficer, names) : Workload(T, overview.Workload, names);
        }

        var table = list switch
        {
            "procedures" or "officers" or "workload" => await OverviewAsync(),
            "breached" or "warning" => await TasksAsync(),
            "escalations" => await EscalationsAsync(),
            "breaches-per-week" => Weeks(T, await mediator.Send(new GetBreachesPerWeek(scope, by), ct)),
            "step-durations" => Steps(T, await mediator.Send(new GetStepDurations(scope, by), ct), Title),
            _ => throw new NotFoundException(new LocalizedText($"没有这份可导出的清单；可导出的清单有：{string.Join("、", Lists)}。", $"There is no such list to export; the lists are {string.Join(", ", Lists)}.")),
        };
        return Write(table);
    }

    /// <summary>Each procedure's title (its latest version's) in the user's language.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ProcedureTitlesAsync(IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new ListDefinitions(), ct)).GroupBy(d => d.Key, StringComparer.Ordinal)
            .Select(g => g.MaxBy(d => d.Version)!)
            .ToDictionary(d => d.Key, d => WorkflowText.English ? d.TitleEn : d.Title, StringComparer.Ordinal);

    private static async Task<IReadOnlyList<TaskView>> AllOpenAsync(IMediator mediator, string sla, string? city, string? clock, Actor by, CancellationToken ct)
    {
        var rows = new List<TaskView>();
        string? after = null;
        do
        {
            var page = await mediator.Send(new ListTasks("open", null, null, null, null, after, 200, by, sla, "due", city, Clock: clock), ct);
            rows.AddRange(page.Items);
            after = page.Next;
        }
        while (after is not null && rows.Count < ExportLimit);
        return rows;
    }

    public static byte[] Write(CsvTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.Escape, FormatProvider = Invariant }, leaveOpen: true))
        {
            foreach (var row in table.Rows.Prepend(table.Header))
            {
                csv.WriteRecord([.. row]);
            }
        }

        return buffer.ToArray();
    }

    public static CsvTable Procedures(WorkflowText T, IEnumerable<ProcedureSla> rows, Func<string, string> title) => new(
        [T.L["业务"], T.L["按时"], T.L["临近到期"], T.L["已超时"], T.L["其中超法定时限"], T.L["其中超本机构时限"], T.L["合计"]],
        [.. rows.Select(r => Row(title(r.Procedure), r.OnTime, r.Warning, r.Breached, r.BreachedStatutory, r.BreachedAgency, r.Open))]);

    public static CsvTable Officers(WorkflowText T, IEnumerable<OfficerSla> rows, NameBook names) => new(
        [T.L["城市"], T.L["经办人"], T.L["按时"], T.L["临近到期"], T.L["已超时"], T.L["合计"]],
        [.. rows.Select(r => Row(CityName(r.City), Holder(T, names, r.Assignee), r.OnTime, r.Warning, r.Breached, r.Open))]);

    public static CsvTable Workload(WorkflowText T, IEnumerable<OfficerWorkload> rows, NameBook names) => new(
        [T.L["城市"], T.L["经办人"], T.L["在办任务"], T.L["其中已超时"]],
        [.. rows.Select(r => Row(CityName(r.City), names.User(r.Assignee), r.Claimed, r.Breached))]);

    public static CsvTable Tasks(WorkflowText T, IEnumerable<TaskView> rows, Func<string, string> title, bool fullIdNumbers, NameBook names) => new(
        [T.L["案件"], T.L["城市"], T.L["业务"], T.L["环节"], T.L["当事人"], T.L["岗位"], T.L["经办人"], T.L["到期日"], T.L["依据"], T.L["时限性质"], T.L["时限状态"]],
        [.. rows.Select(t => Row(WorkflowText.CaseNumber(t.CaseId), CityName(t.City), title(t.Procedure), WorkflowText.Title(t), Party(names, t.CaseId, t.Party, fullIdNumbers),
            WorkflowText.Role(t.Role), Holder(T, names, t.Assignee), WorkflowText.Date(t.DueOn), t.Basis, T.ClockSourceText(t.Source), T.Sla(t.Sla).Text))]);

    public static CsvTable Escalations(WorkflowText T, EscalationBoard board, Func<string, string> title, bool fullIdNumbers, NameBook names)
    {
        ArgumentNullException.ThrowIfNull(board);
        return new(
            [T.L["类别"], T.L["案件"], T.L["城市"], T.L["业务"], T.L["环节"], T.L["当事人"], T.L["经办人"], T.L["到期日"], T.L["依据"], T.L["时限性质"], T.L["升级时间"], T.L["确认人"], T.L["确认时间"], T.L["确认说明"]],
            [
                .. board.Breaches.Select(e => Row(T.L["超时升级"], WorkflowText.CaseNumber(e.CaseId), CityName(e.City), title(e.Procedure), WorkflowText.English ? e.TitleEn : e.Title,
                    Party(names, e.CaseId, e.Party, fullIdNumbers), Holder(T, names, e.Assignee), WorkflowText.Date(e.DueOn), e.Basis, T.ClockSourceText(e.Source), WorkflowText.Instant(e.RaisedAt),
                    names.User(e.AcknowledgedBy), e.AcknowledgedAt is { } ackAt ? WorkflowText.Instant(ackAt) : "", e.AcknowledgementNote ?? "")),
                .. board.SupervisorTasks.Select(t => Row(T.L["主管任务"], WorkflowText.CaseNumber(t.CaseId), CityName(t.City), title(t.Procedure), WorkflowText.Title(t),
                    Party(names, t.CaseId, t.Party, fullIdNumbers), Holder(T, names, t.Assignee), WorkflowText.Date(t.DueOn), t.Basis, T.ClockSourceText(t.Source), "", "", "", "")),
            ]);
    }

    public static CsvTable Weeks(WorkflowText T, IEnumerable<WeekBreaches> rows) => new(
        [T.L["周（自周一）"], T.L["超时次数"]],
        [.. rows.Select(w => Row(WorkflowText.Date(w.WeekOf), w.Breaches))]);

    public static CsvTable Steps(WorkflowText T, IEnumerable<StepDuration> rows, Func<string, string> title) => new(
        [T.L["业务"], T.L["环节"], T.L["完成数"], T.L["平均（工作日）"], T.L["中位数（工作日）"], T.L["90%（工作日）"], T.L["目标（工作日）"], T.L["达标数"]],
        [.. rows.Select(s => Row(title(s.Procedure), WorkflowText.English ? s.TitleEn : s.Title, s.Completed, s.Mean, s.Median, s.P90,
            s.Target is int t ? t : T.L["（未设定）"].Value, s.Target is null ? "" : s.WithinTarget))]);

    public static string CityName(string code) =>
        Domain.Parties.City.All.FirstOrDefault(c => c.Code == code) is { } city ? (WorkflowText.English ? city.NameEn : city.NameZh) : code;

    /// <summary>Who holds a task, by display name; 「（未领取）」 when nobody does.</summary>
    private static string Holder(WorkflowText T, NameBook names, string? userName) => userName is null ? T.L["（未领取）"] : names.User(userName);

    /// <summary>A case's party as the page shows it: its name with the code or masked number beside it.</summary>
    private static string Party(NameBook names, Guid caseId, string party, bool fullIdNumbers) => names.Party(caseId, WorkflowText.Party(party, fullIdNumbers)).ToString();

    private static IReadOnlyList<string> Row(params object[] cells) =>
        [.. cells.Select(c => c switch { IFormattable f => f.ToString(null, Invariant), _ => c.ToString() ?? "" })];
}
