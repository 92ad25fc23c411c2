using System.Net;
using System.Text.Json;
using Cases.Application.Parties;
using Cases.Domain;
using Cases.Domain.Injuries;
using Cases.Domain.Parties;
using Cases.Domain.Staff;
using Cases.Web.Tests.Procedures;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cases.Web.Tests.Parties;

/// <summary>
/// People (「当事人」): a worker's insured periods (第十一条), the party search and the worker's page, through the HTTP API
/// and the pages' read models, on each provider.
/// </summary>
public abstract class PartiesScenarios(AppFixture app) : ProcedureScenario(app)
{
    private static readonly Actor OfficerJinan = new("officer.jinan", "370100", new HashSet<string> { Roles.Officer });
    private static readonly Actor SupervisorJinan = new("supervisor.jinan", "370100", new HashSet<string> { Roles.Supervisor });
    private static readonly Actor OfficerQingdao = new("officer.qingdao", "370200", new HashSet<string> { Roles.Officer });
    private static readonly Actor SupervisorProvince = new("supervisor.province", null, new HashSet<string> { Roles.Supervisor });

    /// <summary>A name no other test uses: a surname and three characters picked by a fresh serial.</summary>
    private static string UniqueName(string surname = "钱")
    {
        const string chars = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥";
        var n = Random.Shared.Next(0, chars.Length * chars.Length * chars.Length);
        return surname + chars[n % chars.Length] + chars[n / chars.Length % chars.Length] + chars[n / chars.Length / chars.Length];
    }

    private async Task<string> EmployerAsync(string name, string city = "370100", string user = "officer.jinan")
    {
        var code = TestParties.NewCreditCode(city);
        await (await (await App.As(user)).PostJsonAsync("/api/employers", new { creditCode = code, name, riskClass = 4, city, registeredOn = "2020-01-01" })).JsonAsync(HttpStatusCode.Created);
        return code;
    }

    private async Task<(Guid Id, string IdNumber)> WorkerAsync(string name, string employer, string? employedOn, string phone = "13905310000", string user = "officer.jinan")
    {
        var number = TestParties.NewIdNumber();
        var worker = await (await (await App.As(user)).PostJsonAsync("/api/workers", new { idNumber = number, name, phone, employerCreditCode = employer, employedOn }))
            .JsonAsync(HttpStatusCode.Created);
        return (worker.Id(), number);
    }

    private async Task<T> SendAsync<T>(IQuery<T> request)
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    private async Task<Guid> InjuryAsync(Guid workerId, string creditCode, DateOnly injuredOn) =>
        await App.InDbAsync(async db =>
        {
            var employer = await db.Employers.SingleAsync(e => e.CreditCode == CreditCode.Parse(creditCode));
            var injury = InjuryCase.Open(workerId, employer.Id, City.Parse(employer.CityCode), injuredOn);
            injury.RecordRecognition(injuredOn.AddDays(20));
            db.InjuryCases.Add(injury);
            await db.SaveChangesAsync();
            return injury.Id;
        });

    private async Task<JsonElement> SearchAsync(string query, string user = "officer.jinan") =>
        await (await (await App.As(user)).GetAsync(new Uri("/api/parties?" + query, UriKind.Relative))).JsonAsync(HttpStatusCode.OK);

    private static List<string> Keys(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(h => h.Str("key")!)];

    [Fact]
    public async Task A_filing_after_the_30_days_of_article_11_is_accepted_and_flagged_late_and_the_end_is_guarded()
    {
        At("2025-06-20 10:00");
        var employer = await EmployerAsync("济南" + UniqueName("东") + "建设有限公司");
        // Employed Saturday 2025-05-10: the 30 days end Monday 2025-06-09; filed Friday 2025-06-20, 11 days late.
        var (id, number) = await WorkerAsync(UniqueName(), employer, "2025-05-10");

        var page = await SendAsync(new GetWorkerPage(id, OfficerJinan));
        var period = Assert.Single(page.Employments);
        Assert.Equal(new DateOnly(2025, 5, 10), period.EmployedOn);
        Assert.Equal(new DateOnly(2025, 6, 20), period.FiledOn);
        Assert.Equal(new DateOnly(2025, 6, 9), period.FilingDueOn);
        Assert.Equal(11, period.FilingDaysLate);
        Assert.Null(period.EndedOn);

        // The employment end: before the day of employment, an unknown kind, a day after today are refused at their field.
        var client = await App.As("officer.jinan");
        await (await client.PostJsonAsync($"/api/workers/{number}/employment/end", new { endedOn = "2025-05-01", kind = "retired" })).FieldErrorAsync("endedOn");
        await (await client.PostJsonAsync($"/api/workers/{number}/employment/end", new { endedOn = "2025-06-15", kind = "fired" })).FieldErrorAsync("kind");
        await (await client.PostJsonAsync($"/api/workers/{number}/employment/end", new { endedOn = "2025-06-25", kind = "interrupted" })).FieldErrorAsync("endedOn");
        // Another city's officer is told the worker does not exist.
        await (await (await App.As("officer.qingdao")).PostJsonAsync($"/api/workers/{number}/employment/end", new { endedOn = "2025-06-15", kind = "interrupted" }))
            .ProblemAsync(HttpStatusCode.NotFound);

        var ended = await (await client.PostJsonAsync($"/api/workers/{number}/employment/end", new { endedOn = "2025-06-15", kind = "interrupted" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("interrupted", ended.Str("endKind"));
        Assert.Equal("2025-06-15", ended.Str("endedOn"));
        Assert.False(ended.GetProperty("endFiledLate").GetBoolean());
        await (await client.PostJsonAsync($"/api/workers/{number}/employment/end", new { endedOn = "2025-06-16", kind = "interrupted" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        // A change of employer: registered again under the new one, on time; the new employer is the current one.
        var next = await EmployerAsync("济南" + UniqueName("西") + "机械有限公司");
        var again = await (await client.PostJsonAsync("/api/workers", new { idNumber = number, name = page.Worker.Name, employerCreditCode = next, employedOn = "2025-06-18" }))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal(next, again.Str("employerCreditCode"));
        page = await SendAsync(new GetWorkerPage(id, OfficerJinan));
        Assert.Equal(next, page.Employer!.CreditCode);
        Assert.Equal([next, employer], page.Employments.Select(e => e.EmployerCreditCode));
        Assert.Equal(0, page.Employments[0].FilingDaysLate);

        // Still employed there: registering the number again is the usual refusal.
        await (await client.PostJsonAsync("/api/workers", new { idNumber = number, name = page.Worker.Name, employerCreditCode = employer, employedOn = "2025-06-19" }))
            .ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_search_finds_a_worker_by_name_number_tail_or_phone_tail_within_the_city_masked_and_pages_without_repeats()
    {
        At("2025-06-20 10:00");
        var employerName = "济南" + UniqueName("南") + "建材有限公司";
        var employer = await EmployerAsync(employerName);
        var name = UniqueName("孙");
        var phone = "1390531" + Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (id, number) = await WorkerAsync(name, employer, "2025-06-01", phone);
        await WorkerAsync(name + "二", employer, "2025-06-01");
        await WorkerAsync(name + "三", employer, "2025-06-01");

        var byName = await SearchAsync("q=" + Uri.EscapeDataString(name));
        var hit = byName.GetProperty("items").EnumerateArray().First();
        Assert.Equal(3, byName.GetProperty("items").GetArrayLength());
        Assert.Equal("worker", hit.Str("kind"));
        Assert.Equal(id.ToString(), hit.Str("key"));
        Assert.Equal($"/workers/{id}", hit.Str("url"));
        Assert.Equal(employerName, hit.Str("detail"));
        // Masked in a list, whatever the role: a search is not a recorded view.
        Assert.NotEqual(number, hit.Str("number"));
        Assert.Contains("*", hit.Str("number"), StringComparison.Ordinal);
        Assert.DoesNotContain(number, byName.ToString(), StringComparison.Ordinal);

        Assert.Contains(id.ToString(), Keys(await SearchAsync("q=" + number[^6..])));
        Assert.Contains(id.ToString(), Keys(await SearchAsync("q=" + phone[^4..])));
        // Another city's officer finds nothing of Jinan's; provincial staff find him.
        Assert.Empty(Keys(await SearchAsync("q=" + Uri.EscapeDataString(name), "officer.qingdao")));
        Assert.Contains(id.ToString(), Keys(await SearchAsync("q=" + Uri.EscapeDataString(name), "supervisor.province")));

        // The employer by its name or its credit code, linking its page.
        var employerHit = (await SearchAsync("q=" + employer)).GetProperty("items").EnumerateArray().Single();
        Assert.Equal(("employer", employer, $"/employers/{employer}"), (employerHit.Str("kind"), employerHit.Str("key"), employerHit.Str("url")));
        Assert.Contains(employer, Keys(await SearchAsync("q=" + Uri.EscapeDataString(employerName[2..6]))));

        // Pages of 2: every one of the three once, in name order.
        var first = await SearchAsync($"q={Uri.EscapeDataString(name)}&limit=2");
        var second = await SearchAsync($"q={Uri.EscapeDataString(name)}&limit=2&after={first.Str("next")}");
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
        var all = Keys(first).Concat(Keys(second)).ToList();
        Assert.Equal(3, all.Distinct().Count());
        Assert.Equal(Keys(byName), all);

        var client = await App.As("officer.jinan");
        await (await client.GetAsync(new Uri("/api/parties?q=" + new string('张', 101), UriKind.Relative))).FieldErrorAsync("q");
        await (await client.GetAsync(new Uri("/api/parties?q=a%01b", UriKind.Relative))).FieldErrorAsync("q");
        await (await client.GetAsync(new Uri("/api/parties?q=x&limit=0", UriKind.Relative))).FieldErrorAsync("limit");
        await (await client.GetAsync(new Uri("/api/parties?q=x&after=bogus", UriKind.Relative))).FieldErrorAsync("after");
    }

    [Fact]
    public async Task The_worker_page_lists_every_case_naming_him_by_number_or_injury_case_with_clocks_ledger_and_journal_in_his_city_only()
    {
        At("2025-09-20 09:00");
        var employer = await EmployerAsync("济南" + UniqueName("北") + "建设集团有限公司");
        var (id, number) = await WorkerAsync(UniqueName("张"), employer, "2024-03-01");
        var (otherId, otherNumber) = await WorkerAsync(UniqueName("李"), employer, "2024-03-01");
        var injury = await InjuryAsync(id, employer, new DateOnly(2025, 5, 10));
        // Cases start from an injury case, whose worker they name by number too: an earlier injury of his, and one of the
        // other worker's, which his page must leave out.
        var earlier = await InjuryAsync(id, employer, new DateOnly(2024, 11, 2));
        var others = await InjuryAsync(otherId, employer, new DateOnly(2025, 6, 1));

        object Rehab(string worker, string injuryCaseId) => new
        {
            workerIdNumber = worker, injuryCaseId, rehabStartsOn = "2025-08-01", rehabEndsOn = "2025-10-15", institution = "山东省工伤康复医院",
        };
        var byNumber = await StartAsync("rehab-extension", Rehab(number, earlier.ToString()));
        var byInjury = await StartAsync("rehab-extension", Rehab(number, injury.ToString()));
        var neither = await StartAsync("rehab-extension", Rehab(otherNumber, others.ToString()));

        var page = await SendAsync(new GetWorkerPage(id, OfficerJinan));
        // Both opened in the same instant: the order among them is the id's, so compared as a set.
        Assert.Equal(new[] { byInjury, byNumber }.Order(), page.Cases.Select(c => c.CaseId).Order());
        Assert.DoesNotContain(neither, page.Cases.Select(c => c.CaseId));
        var rehab = page.Cases.Single(c => c.CaseId == byInjury);
        Assert.Equal("rehab-extension", rehab.Definition.Key);
        Assert.NotEmpty(rehab.Timers);
        Assert.All(rehab.Timers, t => Assert.NotNull(t.Source));
        Assert.Equal(2, page.Injuries.Count);
        var injuryRow = Assert.Single(page.Injuries, i => i.Id == injury);
        Assert.Equal((injury, new DateOnly(2025, 5, 10), new DateOnly(2025, 5, 30)), (injuryRow.Id, injuryRow.InjuryOn, injuryRow.RecognizedOn));
        Assert.Contains(page.InjuryProcedures, p => p.Key == "rehab-extension");
        Assert.True(page.CanOpenCases);
        Assert.Empty(page.Ledger);
        // The journal of both cases, newest first, every number masked.
        Assert.Equal(page.Timeline.OrderByDescending(t => t.Entry.At).Select(t => t.Entry.Seq), page.Timeline.Select(t => t.Entry.Seq));
        Assert.Equal(new[] { byInjury, byNumber }.Order(), page.Timeline.Select(t => t.CaseId).Distinct().Order());
        Assert.DoesNotContain(page.Timeline, t => t.Entry.Data?.ToJsonString().Contains(number, StringComparison.Ordinal) == true);

        // Masked without a purpose; whole for an officer who gives one, the view recorded; never whole for a supervisor.
        Assert.True(page.Worker.IdNumberMasked);
        Assert.Null(page.Worker.BirthDate);
        var seen = await SendAsync(new GetWorkerPage(id, OfficerJinan, "核对工伤待遇申请"));
        Assert.Equal(number, seen.Worker.IdNumber);
        Assert.True(await App.InDbAsync(db => db.PersonalDataViews.AnyAsync(v => v.SubjectKey == number && v.Reason == "核对工伤待遇申请")));
        Assert.True((await SendAsync(new GetWorkerPage(id, SupervisorJinan, "核对工伤待遇申请"))).Worker.IdNumberMasked);

        // Another city: 404 as for a missing worker; provincial staff see him and his cases.
        await Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetWorkerPage(id, OfficerQingdao)));
        await Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetWorkerPage(Guid.NewGuid(), OfficerJinan)));
        Assert.Equal(2, (await SendAsync(new GetWorkerPage(id, SupervisorProvince))).Cases.Count);

        // The page itself: Chinese, masked, the cases and the link that opens a case for the injury case.
        var html = await (await App.As("officer.jinan")).GetStringAsync(new Uri($"/workers/{id}", UriKind.Relative));
        Assert.Contains("涉及的案件", html, StringComparison.Ordinal);
        Assert.DoesNotContain(number, html, StringComparison.Ordinal);
        Assert.Contains($"/cases/new?procedure=rehab-extension&amp;injuryCaseId={injury}", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.As("officer.qingdao")).GetAsync(new Uri($"/workers/{id}", UriKind.Relative))).StatusCode);
        var form = await (await App.As("officer.jinan")).GetStringAsync(new Uri($"/cases/new?procedure=rehab-extension&injuryCaseId={injury}", UriKind.Relative));
        Assert.Contains($"value=\"{injury}\"", form, StringComparison.Ordinal);

        var employerPage = await SendAsync(new GetEmployerPage(employer, OfficerJinan));
        Assert.Equal(2, employerPage.Workers.Count);
        Assert.All(employerPage.Workers, w => Assert.Equal(new DateOnly(2024, 3, 1), w.EmployedOn));
        await Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetEmployerPage(employer, OfficerQingdao)));
    }
}

public sealed class PartiesOnSqlite(SqliteRuntimeApp app) : PartiesScenarios(app), IClassFixture<SqliteRuntimeApp>;

public sealed class PartiesOnPostgres(PostgresRuntimeApp app) : PartiesScenarios(app), IClassFixture<PostgresRuntimeApp>;
