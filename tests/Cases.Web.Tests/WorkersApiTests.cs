using System.Net;
using System.Text.Json;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Tests;

public sealed class WorkersApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private async Task<string> JinanEmployerAsync()
    {
        var officer = await app.As("officer.jinan");
        var code = TestParties.NewCreditCode();
        (await officer.PostJsonAsync("/api/employers", new { creditCode = code, name = "工人测试公司" + code[^6..], riskClass = 2, city = "370100" })).EnsureSuccessStatusCode();
        return code;
    }

    private static string Masked(string idNumber) => idNumber[..6] + "********" + idNumber[14..];

    [Fact]
    public async Task Officer_registers_a_worker_and_sees_the_full_identity_number()
    {
        var officer = await app.As("officer.jinan");
        var employer = await JinanEmployerAsync();
        var id = TestParties.NewIdNumber();

        var response = await officer.PostJsonAsync("/api/workers", new { idNumber = id, name = "王小明", phone = "138-1234-5678", employerCreditCode = employer });

        var created = await response.JsonAsync(HttpStatusCode.Created);
        Assert.Equal(id, created.GetProperty("idNumber").GetString());
        Assert.False(created.GetProperty("idNumberMasked").GetBoolean());
        Assert.Equal("13812345678", created.GetProperty("phone").GetString());
        Assert.Equal(employer, created.GetProperty("employerCreditCode").GetString());
        Assert.Equal($"{id[6..10]}-{id[10..12]}-{id[12..14]}", created.GetProperty("birthDate").GetString());
        Assert.Equal((id[16] - '0') % 2 == 0 ? "female" : "male", created.GetProperty("sex").GetString());

        // The full number is shown with a purpose, which the access log records (Security/PersonalDataTests).
        var read = await (await officer.GetAsync($"/api/workers/{id}?purpose=核对登记")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(id, read.GetProperty("idNumber").GetString());
        Assert.False(read.GetProperty("idNumberMasked").GetBoolean());
        Assert.Equal("王小明", read.GetProperty("name").GetString());
        Assert.Equal("13812345678", read.GetProperty("phone").GetString());
        Assert.True(await app.InDbAsync(db => db.Workers.AnyAsync(w => w.Name == "王小明")));
    }

    [Fact]
    public async Task Supervisor_sees_identity_number_and_phone_masked()
    {
        var officer = await app.As("officer.jinan");
        var supervisor = await app.As("supervisor.jinan");
        var employer = await JinanEmployerAsync();
        var id = TestParties.NewIdNumber();
        (await officer.PostJsonAsync("/api/workers", new { idNumber = id, name = "李主管可见", phone = "13912345678", employerCreditCode = employer })).EnsureSuccessStatusCode();

        var read = await (await supervisor.GetAsync($"/api/workers/{id}")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(Masked(id), read.GetProperty("idNumber").GetString());
        Assert.Matches(@"^370102\*{8}\d{3}[\dX]$", read.GetProperty("idNumber").GetString());
        Assert.True(read.GetProperty("idNumberMasked").GetBoolean());
        Assert.Equal("139****5678", read.GetProperty("phone").GetString());
        Assert.Equal("李主管可见", read.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Supervisor_registering_a_worker_gets_the_answer_masked()
    {
        var supervisor = await app.As("supervisor.jinan");
        var employer = await JinanEmployerAsync();
        var id = TestParties.NewIdNumber();

        var response = await supervisor.PostJsonAsync("/api/workers", new { idNumber = id, name = "主管登记", phone = "13712345678", employerCreditCode = employer });

        var created = await response.JsonAsync(HttpStatusCode.Created);
        Assert.Equal(Masked(id), created.GetProperty("idNumber").GetString());
        Assert.True(created.GetProperty("idNumberMasked").GetBoolean());
        Assert.Equal("137****5678", created.GetProperty("phone").GetString());
    }

    [Fact]
    public async Task The_workers_of_an_employer_are_always_listed_masked()
    {
        var officer = await app.As("officer.jinan");
        var employer = await JinanEmployerAsync();
        var ids = new[] { TestParties.NewIdNumber(), TestParties.NewIdNumber() };
        (await officer.PostJsonAsync("/api/workers", new { idNumber = ids[0], name = "甲", phone = "13800000001", employerCreditCode = employer })).EnsureSuccessStatusCode();
        (await officer.PostJsonAsync("/api/workers", new { idNumber = ids[1], name = "乙", employerCreditCode = employer })).EnsureSuccessStatusCode();

        var list = await (await officer.GetAsync($"/api/employers/{employer}/workers")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(2, list.GetArrayLength());
        Assert.All(list.EnumerateArray(), w => Assert.True(w.GetProperty("idNumberMasked").GetBoolean()));
        Assert.Equal(ids.Select(Masked).Order(StringComparer.Ordinal), list.EnumerateArray().Select(w => w.GetProperty("idNumber").GetString()!).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(list.EnumerateArray(), w => ids.Contains(w.GetProperty("idNumber").GetString()));
        var jia = Assert.Single(list.EnumerateArray(), w => w.GetProperty("name").GetString() == "甲");
        Assert.Equal("138****0001", jia.GetProperty("phone").GetString());
        var yi = Assert.Single(list.EnumerateArray(), w => w.GetProperty("name").GetString() == "乙");
        Assert.Equal(JsonValueKind.Null, yi.GetProperty("phone").ValueKind);
    }

    [Fact]
    public async Task A_wrong_check_digit_is_400_naming_idNumber_and_writes_nothing()
    {
        var officer = await app.As("officer.jinan");
        var employer = await JinanEmployerAsync();
        var before = await app.InDbAsync(db => db.Workers.CountAsync());

        var response = await officer.PostJsonAsync("/api/workers", new { idNumber = TestParties.WithWrongCheck(TestParties.NewIdNumber()), name = "校验错误", employerCreditCode = employer });

        var message = await response.FieldErrorAsync("idNumber");
        Assert.Contains("校验码", message, StringComparison.Ordinal);
        Assert.Equal(before, await app.InDbAsync(db => db.Workers.CountAsync()));
    }

    [Theory]
    [InlineData("37010219850230123")] // 17 characters
    [InlineData("370102198502301234")] // 30 February
    [InlineData("370102203001011234")] // born in the future
    public async Task A_malformed_identity_number_is_400_naming_idNumber(string idNumber)
    {
        var officer = await app.As("officer.jinan");
        var employer = await JinanEmployerAsync();

        var response = await officer.PostJsonAsync("/api/workers", new { idNumber, name = "格式错误", employerCreditCode = employer });

        await response.FieldErrorAsync("idNumber");
    }

    [Fact]
    public async Task A_city_officer_must_name_an_employer_of_their_city()
    {
        var officer = await app.As("officer.jinan");
        var qingdao = await app.As("officer.qingdao");
        var qingdaoEmployer = TestParties.NewCreditCode("370200");
        (await qingdao.PostJsonAsync("/api/employers", new { creditCode = qingdaoEmployer, name = "青岛工人公司", riskClass = 1, city = "370200" })).EnsureSuccessStatusCode();

        await (await officer.PostJsonAsync("/api/workers", new { idNumber = TestParties.NewIdNumber(), name = "无单位" })).FieldErrorAsync("employerCreditCode");
        await (await officer.PostJsonAsync("/api/workers", new { idNumber = TestParties.NewIdNumber(), name = "外市单位", employerCreditCode = qingdaoEmployer })).FieldErrorAsync("employerCreditCode");
    }

    [Fact]
    public async Task Registering_the_same_identity_number_twice_is_409()
    {
        var officer = await app.As("officer.jinan");
        var employer = await JinanEmployerAsync();
        var id = TestParties.NewIdNumber();
        (await officer.PostJsonAsync("/api/workers", new { idNumber = id, name = "重复一", employerCreditCode = employer })).EnsureSuccessStatusCode();

        var again = await officer.PostJsonAsync("/api/workers", new { idNumber = id, name = "重复二", employerCreditCode = employer });

        var problem = await again.ProblemAsync(HttpStatusCode.Conflict);
        Assert.DoesNotContain(id, problem.GetProperty("detail").GetString(), StringComparison.Ordinal); // the full number is not echoed
        Assert.False(await app.InDbAsync(db => db.Workers.AnyAsync(w => w.Name == "重复二")));
    }

    [Fact]
    public async Task A_masked_worker_comes_without_birth_date_or_sex_which_would_give_the_hidden_digits_back()
    {
        var officer = await app.As("officer.jinan");
        var supervisor = await app.As("supervisor.jinan");
        var employer = await JinanEmployerAsync();
        var id = TestParties.NewIdNumber();
        (await officer.PostJsonAsync("/api/workers", new { idNumber = id, name = "出生日期", employerCreditCode = employer })).EnsureSuccessStatusCode();

        var masked = new[]
        {
            await (await supervisor.GetAsync($"/api/workers/{id}")).JsonAsync(HttpStatusCode.OK),
            await (await officer.GetAsync($"/api/workers/{id}")).JsonAsync(HttpStatusCode.OK), // no purpose: masked
            Assert.Single((await (await officer.GetAsync($"/api/employers/{employer}/workers")).JsonAsync(HttpStatusCode.OK)).EnumerateArray()),
            await (await supervisor.PostJsonAsync("/api/workers", new { idNumber = TestParties.NewIdNumber(), name = "主管登记", employerCreditCode = employer })).JsonAsync(HttpStatusCode.Created),
        };
        var whole = await (await officer.GetAsync($"/api/workers/{id}?purpose=核对出生日期")).JsonAsync(HttpStatusCode.OK);

        Assert.All(masked, w =>
        {
            Assert.True(w.GetProperty("idNumberMasked").GetBoolean());
            Assert.False(w.TryGetProperty("birthDate", out _), w.ToString());
            Assert.False(w.TryGetProperty("sex", out _), w.ToString());
        });
        Assert.Equal($"{id[6..10]}-{id[10..12]}-{id[12..14]}", whole.GetProperty("birthDate").GetString());
        Assert.True(whole.TryGetProperty("sex", out _));
    }

    [Fact]
    public async Task A_number_the_province_already_holds_gets_one_answer_from_every_city_and_each_attempt_is_journaled_for_auditors()
    {
        var officer = await app.As("officer.jinan");
        var qingdao = await app.As("officer.qingdao");
        var employer = await JinanEmployerAsync();
        var qingdaoEmployer = TestParties.NewCreditCode("370200");
        (await qingdao.PostJsonAsync("/api/employers", new { creditCode = qingdaoEmployer, name = "青岛登记测试" + qingdaoEmployer[^6..], riskClass = 1, city = "370200" })).EnsureSuccessStatusCode();
        var id = TestParties.NewIdNumber();
        (await officer.PostJsonAsync("/api/workers", new { idNumber = id, name = "已登记职工", employerCreditCode = employer })).EnsureSuccessStatusCode();

        var elsewhere = await (await qingdao.PostJsonAsync("/api/workers", new { idNumber = id, name = "外市重复", employerCreditCode = qingdaoEmployer })).ProblemAsync(HttpStatusCode.Conflict);
        var here = await (await officer.PostJsonAsync("/api/workers", new { idNumber = id, name = "本市重复", employerCreditCode = employer })).ProblemAsync(HttpStatusCode.Conflict);

        // One answer: neither says where the number is, and another city still reads it as missing.
        Assert.Equal(here.GetProperty("detail").GetString(), elsewhere.GetProperty("detail").GetString());
        Assert.Contains("请联系省级经办机构核查", elsewhere.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(id, elsewhere.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("370100", elsewhere.ToString(), StringComparison.Ordinal);
        Assert.False(elsewhere.TryGetProperty("current", out var current) && current.ValueKind != JsonValueKind.Null);
        await (await qingdao.GetAsync($"/api/workers/{id}")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.False(await app.InDbAsync(db => db.Workers.AnyAsync(w => w.Name == "外市重复" || w.Name == "本市重复")));

        // Each attempt is in the auditors' log: who, when, which number (masked), whose city.
        var log = await (await (await app.As("auditor")).GetAsync($"/api/audit/personal-data?subject={id}")).JsonAsync(HttpStatusCode.OK);
        var rows = log.GetProperty("items").EnumerateArray().Where(r => r.GetProperty("fields").GetString() == "registration refused").ToList();
        Assert.Equal(["officer.jinan", "officer.qingdao"], rows.Select(r => r.GetProperty("userName").GetString()).Order(StringComparer.Ordinal));
        Assert.All(rows, r =>
        {
            Assert.Equal(Masked(id), r.GetProperty("subject").GetString());
            Assert.Equal("worker", r.GetProperty("subjectKind").GetString());
            Assert.Equal("370100", r.GetProperty("city").GetString());
            Assert.Equal("POST /api/workers/", r.GetProperty("route").GetString()); // the group's pattern
        });
        Assert.Contains("370200", rows.Single(r => r.GetProperty("userName").GetString() == "officer.qingdao").GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_citys_officer_gets_404_for_a_Jinan_worker()
    {
        var officer = await app.As("officer.jinan");
        var qingdao = await app.As("officer.qingdao");
        var employer = await JinanEmployerAsync();
        var id = TestParties.NewIdNumber();
        (await officer.PostJsonAsync("/api/workers", new { idNumber = id, name = "济南职工", employerCreditCode = employer })).EnsureSuccessStatusCode();

        var problem = await (await qingdao.GetAsync($"/api/workers/{id}")).ProblemAsync(HttpStatusCode.NotFound);

        Assert.DoesNotContain(id, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("济南职工", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provincial_supervisor_sees_a_Jinan_worker_masked()
    {
        var officer = await app.As("officer.jinan");
        var province = await app.As("supervisor.province");
        var employer = await JinanEmployerAsync();
        var id = TestParties.NewIdNumber();
        (await officer.PostJsonAsync("/api/workers", new { idNumber = id, name = "省级查看", employerCreditCode = employer })).EnsureSuccessStatusCode();

        var read = await (await province.GetAsync($"/api/workers/{id}")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(Masked(id), read.GetProperty("idNumber").GetString());
        Assert.True(read.GetProperty("idNumberMasked").GetBoolean());
    }

    [Fact]
    public async Task Designer_may_not_register_workers()
    {
        var designer = await app.As("designer");
        var employer = await JinanEmployerAsync();

        var response = await designer.PostJsonAsync("/api/workers", new { idNumber = TestParties.NewIdNumber(), name = "设计越权", employerCreditCode = employer });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await app.InDbAsync(db => db.Workers.AnyAsync(w => w.Name == "设计越权")));
    }
}
