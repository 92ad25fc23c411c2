using System.Net;
using System.Net.Http.Json;
using Cases.Testing;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Tests;

/// <summary>The main API flows on PostgreSQL: the same answers as on SQLite, from a throwaway cluster.</summary>
public sealed class PostgresApiTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task Runs_on_PostgreSQL_and_is_ready()
    {
        using var client = app.Anonymous();

        var health = await (await client.GetAsync("/health")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(TestProvider.Postgres, app.Factory.Provider);
        Assert.True(await app.InDbAsync(db => Task.FromResult(db.Database.IsNpgsql())));
        Assert.True(health.GetProperty("ready").GetBoolean());
        Assert.Equal("healthy", health.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Login_and_me_work()
    {
        using var client = app.Anonymous();

        var login = await client.PostJsonAsync("/api/auth/login", new { userName = "officer.jinan", password = CasesAppFactory.DemoPassword });
        await login.JsonAsync(HttpStatusCode.OK);
        var me = await (await client.GetAsync("/api/auth/me")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("officer.jinan", me.GetProperty("userName").GetString());
        Assert.Equal("370100", me.GetProperty("city").GetString());
        await (await client.PostJsonAsync("/api/auth/login", new { userName = "officer.jinan", password = "wrong" })).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Calendar_counts_and_reads_the_shipped_years()
    {
        var client = await app.As("officer.jinan");

        await (await client.GetAsync("/api/calendar/working-days/add?from=2025-09-26&days=10"))
            .JsonEqualsAsync("""{"from":"2025-09-26","days":10,"result":"2025-10-16","provisional":false}""");
        await (await client.GetAsync("/api/calendar/days/2025-10-11"))
            .JsonEqualsAsync("""{"date":"2025-10-11","workingDay":true,"kind":"makeUpWorkday","name":"国庆节、中秋节","provisional":false}""");
        await (await client.GetAsync("/api/calendar/days/2027-01-01"))
            .JsonEqualsAsync("""{"date":"2027-01-01","workingDay":false,"kind":"holiday","name":"元旦","provisional":true}""");
        var problem = await (await client.GetAsync("/api/calendar/days/2023-01-04")).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(2023, problem.GetProperty("year").GetInt32());
    }

    [Fact]
    public async Task Admin_calendar_change_is_journaled_and_moves_counts()
    {
        var admin = await app.As("admin");

        var response = await admin.PutAsJsonAsync("/api/calendar/days/2026-03-10", new { kind = "holiday", name = "临时休假", reason = "省政府通知（测试）" });

        // The day as it now is, and the pending deadlines it moved (whatever other tests of this app left open).
        var day = await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("2026-03-10", false, "holiday", "临时休假"), (day.GetProperty("date").GetString(), day.GetProperty("workingDay").GetBoolean(), day.GetProperty("kind").GetString(), day.GetProperty("name").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Array, day.GetProperty("moved").ValueKind);
        await (await admin.GetAsync("/api/calendar/working-days/add?from=2026-03-09&days=1"))
            .JsonEqualsAsync("""{"from":"2026-03-09","days":1,"result":"2026-03-11","provisional":false}""");
        var changes = await (await admin.GetAsync("/api/calendar/changes?year=2026")).JsonAsync(HttpStatusCode.OK);
        var change = Assert.Single(changes.EnumerateArray(), c => c.GetProperty("date").GetString() == "2026-03-10");
        Assert.Equal("admin", change.GetProperty("changedBy").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("officer.jinan")).PutAsJsonAsync("/api/calendar/days/2026-03-11", new { kind = "holiday", name = "x", reason = "y" })).StatusCode);
    }

    [Fact]
    public async Task Employer_and_worker_registration_with_city_scope_and_masking()
    {
        var officer = await app.As("officer.jinan");
        var supervisor = await app.As("supervisor.jinan");
        var qingdao = await app.As("officer.qingdao");
        var code = TestParties.NewCreditCode();
        var id = TestParties.NewIdNumber();

        var employer = await (await officer.PostJsonAsync("/api/employers", new { creditCode = code, name = "PG测试公司", riskClass = 5, city = "370100", registeredOn = "2019-12-31" }))
            .JsonAsync(HttpStatusCode.Created);
        var worker = await (await officer.PostJsonAsync("/api/workers", new { idNumber = id, name = "PG职工", phone = "13812345678", employerCreditCode = code }))
            .JsonAsync(HttpStatusCode.Created);

        Assert.Equal(employer.ToString(), (await (await officer.GetAsync($"/api/employers/{code}")).JsonAsync(HttpStatusCode.OK)).ToString());
        Assert.Equal(id, worker.GetProperty("idNumber").GetString());
        var masked = await (await supervisor.GetAsync($"/api/workers/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(id[..6] + "********" + id[14..], masked.GetProperty("idNumber").GetString());
        Assert.Equal("138****5678", masked.GetProperty("phone").GetString());
        await (await qingdao.GetAsync($"/api/employers/{code}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await qingdao.GetAsync($"/api/workers/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await officer.PostJsonAsync("/api/employers", new { creditCode = code, name = "PG重复", riskClass = 1, city = "370100" })).ProblemAsync(HttpStatusCode.Conflict);
        await (await officer.PostJsonAsync("/api/workers", new { idNumber = id, name = "PG重复职工", employerCreditCode = code })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(1, await app.InDbAsync(db => db.Employers.CountAsync(e => e.Name.StartsWith("PG"))));
    }

    [Fact]
    public async Task Invalid_input_is_400_and_writes_nothing()
    {
        var officer = await app.As("officer.jinan");
        var before = await app.InDbAsync(db => db.Employers.CountAsync());

        await (await officer.PostJsonAsync("/api/employers", new { creditCode = TestParties.WithWrongCheck(TestParties.NewCreditCode()), name = "PG校验错误", riskClass = 1, city = "370100" }))
            .FieldErrorAsync("creditCode");
        await (await officer.PostJsonAsync("/api/employers", new { creditCode = TestParties.NewCreditCode(), name = "PG莱芜", riskClass = 1, city = "371200" }))
            .FieldErrorAsync("city");
        await (await officer.PostRawJsonAsync("/api/employers", "{ not json")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(before, await app.InDbAsync(db => db.Employers.CountAsync()));
    }
}
