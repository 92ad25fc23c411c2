using System.Net;
using System.Text;
using Cases.Web.Tests.Pages;
using Cases.Web.Tests.Procedures;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Supervision;

/// <summary>
/// A statutory limit passed is a legal failure, the agency's own target passed a service failure: the task says which,
/// the dashboard counts them apart and narrows its lists to one, the CSV carries the column.
/// </summary>
public abstract class ClockSourceScenarios(AppFixture app) : ProcedureScenario(app)
{
    [Fact]
    public async Task A_breached_statutory_deadline_is_counted_as_statutory_listed_under_its_filter_and_named_on_its_pages()
    {
        // 第二十二条: the employer is told within 10 working days of the adjustment (by 10/16 over the National Day holidays).
        At("2025-09-26 10:00");
        var caseId = await StartAsync("fee-rate-objection", new
        {
            employerCreditCode = "91370100MA3C4E5F61", previousRate = 0.005m, newRate = 0.0045m, effectiveFrom = "2025-07", adjustedOn = "2025-09-26",
        });
        var notify = Task(await CaseAsync(caseId));
        Assert.Equal(("notify-employer", "statutory"), (notify.Str("state"), notify.Str("source")));
        var supervisor = await App.As("supervisor.jinan");
        var before = await (await supervisor.GetAsync("/api/supervision/overview?city=370100")).JsonAsync(HttpStatusCode.OK);

        At("2025-10-17 09:00");
        await App.RunDueTimersAsync();

        var after = await (await supervisor.GetAsync("/api/supervision/overview?city=370100")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(before.GetProperty("breachedStatutory").GetInt32() + 1, after.GetProperty("breachedStatutory").GetInt32());
        Assert.Equal(before.GetProperty("breachedAgency").GetInt32(), after.GetProperty("breachedAgency").GetInt32());

        var statutory = await (await supervisor.GetAsync("/api/tasks?scope=open&sla=breached&city=370100&clock=statutory&limit=200")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(statutory.GetProperty("items").EnumerateArray(), t => t.Id() == notify.Id());
        var agency = await (await supervisor.GetAsync("/api/tasks?scope=open&sla=breached&city=370100&clock=agency&limit=200")).JsonAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(agency.GetProperty("items").EnumerateArray(), t => t.Id() == notify.Id());
        var wrong = await (await supervisor.GetAsync("/api/tasks?scope=open&clock=legal")).FieldErrorAsync("clock");
        Assert.Contains("statutory", wrong, StringComparison.Ordinal);

        // The escalation and the task page say whose limit it was.
        var escalations = await (await supervisor.GetAsync("/api/supervision/escalations?city=370100")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(escalations.GetProperty("breaches").EnumerateArray(), e => e.GetProperty("taskId").GetGuid() == notify.Id() && e.Str("source") == "statutory");
        var taskPage = await (await App.As("officer.jinan")).OpenAsync($"/tasks/{notify.Id()}");
        Assert.Equal("法定时限", taskPage.QuerySelector("[data-testid=clock-source]")!.TextContent.Split(' ')[0].Trim());

        var dashboard = await supervisor.OpenAsync("/supervision?clock=statutory");
        Assert.Contains("超法定时限", dashboard.QuerySelector("[data-testid=breached-statutory]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", dashboard.QuerySelector("[data-testid=breached-statutory]")!.GetAttribute("aria-current"));

        var csv = Encoding.UTF8.GetString(await supervisor.GetByteArrayAsync("/api/supervision/export/breached?city=370100"));
        Assert.Contains("时限性质", csv.Split('\n')[0], StringComparison.Ordinal);
        Assert.Contains(csv.Split('\n'), line => line.Contains(WorkflowTextCaseNumber(caseId), StringComparison.Ordinal) && line.Contains("法定时限", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_dashboards_csv_links_carry_its_clock_filter_and_the_export_filters_alike()
    {
        // 第二十二条: a statutory limit (10 working days) passed, as above; the agency's own targets are in the other file.
        At("2025-09-26 10:00");
        var caseId = await StartAsync("fee-rate-objection", new
        {
            employerCreditCode = "91370100MA3C4E5F61", previousRate = 0.005m, newRate = 0.0045m, effectiveFrom = "2025-07", adjustedOn = "2025-09-26",
        });
        At("2025-10-17 09:00");
        await App.RunDueTimersAsync();
        var supervisor = await App.As("supervisor.jinan");
        var number = WorkflowTextCaseNumber(caseId);

        var page = await supervisor.OpenAsync("/supervision?clock=statutory");
        var links = page.QuerySelectorAll("a[download]").Select(a => a.GetAttribute("href")!).ToList();
        string Link(string list) => Assert.Single(links, l => l.StartsWith($"/api/supervision/export/{list}", StringComparison.Ordinal) && (l.Length == $"/api/supervision/export/{list}".Length || l[$"/api/supervision/export/{list}".Length] == '?'));
        Assert.EndsWith("clock=statutory", Link("breached"), StringComparison.Ordinal);
        Assert.EndsWith("clock=statutory", Link("warning"), StringComparison.Ordinal);
        // The counts the page shows unfiltered download unfiltered.
        Assert.DoesNotContain("clock=", Link("procedures"), StringComparison.Ordinal);
        var unfiltered = await supervisor.OpenAsync("/supervision");
        Assert.DoesNotContain(unfiltered.QuerySelectorAll("a[download]"), a => a.GetAttribute("href")!.Contains("clock=", StringComparison.Ordinal));

        string[] Rows(byte[] csv) => Encoding.UTF8.GetString(csv).Split('\n');
        var statutory = Rows(await supervisor.GetByteArrayAsync("/api/supervision/export/breached?city=370100&clock=statutory"));
        Assert.Contains(statutory, line => line.Contains(number, StringComparison.Ordinal));
        Assert.DoesNotContain(statutory.Skip(1), line => line.Contains("本机构时限", StringComparison.Ordinal));
        var agency = Rows(await supervisor.GetByteArrayAsync("/api/supervision/export/breached?city=370100&clock=agency"));
        Assert.DoesNotContain(agency, line => line.Contains(number, StringComparison.Ordinal));
        Assert.DoesNotContain(agency.Skip(1), line => line.Contains("法定时限", StringComparison.Ordinal) && !line.Contains("本机构时限", StringComparison.Ordinal));

        using var named = await supervisor.GetAsync("/api/supervision/export/breached?city=370100&clock=statutory");
        Assert.Equal("supervision-breached-370100-statutory.csv", named.Content.Headers.ContentDisposition?.FileNameStar ?? named.Content.Headers.ContentDisposition?.FileName?.Trim('"'));

        // A bad value is refused naming clock, on a task list and on a count alike; nothing is exported.
        foreach (var list in new[] { "breached", "procedures" })
        {
            var wrong = await (await supervisor.GetAsync($"/api/supervision/export/{list}?clock=legal")).FieldErrorAsync("clock");
            Assert.Contains("statutory", wrong, StringComparison.Ordinal);
        }

        // The task is done now: the class's other test counts the city's breaches before and after its own.
        await CompleteAsync(Task(await CaseAsync(caseId)), "notified", new { noticeReceivedOn = "2025-10-17" });
    }

    private static string WorkflowTextCaseNumber(Guid caseId) => Cases.Web.Texts.WorkflowText.CaseNumber(caseId);
}

public sealed class ClockSourceOnSqlite(SqliteRuntimeApp app) : ClockSourceScenarios(app), IClassFixture<SqliteRuntimeApp>;

public sealed class ClockSourceOnPostgres(PostgresRuntimeApp app) : ClockSourceScenarios(app), IClassFixture<PostgresRuntimeApp>;
