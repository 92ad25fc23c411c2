using System.Net;
using System.Text.Json;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Tests;

public sealed class EmployersApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private Task<int> EmployerCountAsync() => app.InDbAsync(db => db.Employers.CountAsync());

    [Fact]
    public async Task Officer_registers_an_employer_of_their_city_and_reads_it_back()
    {
        var officer = await app.As("officer.jinan");
        var code = TestParties.NewCreditCode();

        var response = await officer.PostJsonAsync("/api/employers", new { creditCode = code, name = "济南测试机械有限公司", riskClass = 3, city = "370100", registeredOn = "2020-05-01" });

        var created = await response.JsonAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/employers/{code}", response.Headers.Location?.OriginalString);
        Assert.Equal(code, created.GetProperty("creditCode").GetString());
        Assert.Equal("济南测试机械有限公司", created.GetProperty("name").GetString());
        Assert.Equal(3, created.GetProperty("riskClass").GetInt32());
        Assert.Equal("370100", created.GetProperty("city").GetString());
        Assert.Equal("济南市", created.GetProperty("cityName").GetString());
        Assert.Equal("2020-05-01", created.GetProperty("registeredOn").GetString());

        var read = await (await officer.GetAsync($"/api/employers/{code}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(created.ToString(), read.ToString());
        var stored = await app.InDbAsync(db => db.Employers.AsNoTracking().SingleAsync(e => e.Name == "济南测试机械有限公司"));
        Assert.Equal(code, stored.CreditCode.Value);
        Assert.Equal("370100", stored.CityCode);
        Assert.Equal(new DateOnly(2020, 5, 1), stored.RegisteredOn);
    }

    [Fact]
    public async Task A_lower_case_credit_code_is_stored_upper_case_and_found_either_way()
    {
        var officer = await app.As("officer.jinan");
        var code = TestParties.NewCreditCode();

        var response = await officer.PostJsonAsync("/api/employers", new { creditCode = code.ToLowerInvariant(), name = "小写代码公司", riskClass = 1, city = "370100" });

        var created = await response.JsonAsync(HttpStatusCode.Created);
        Assert.Equal(code, created.GetProperty("creditCode").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("registeredOn").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/api/employers/{code.ToLowerInvariant()}")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_check_character_is_400_naming_creditCode_and_writes_nothing()
    {
        var officer = await app.As("officer.jinan");
        var before = await EmployerCountAsync();
        var code = TestParties.WithWrongCheck(TestParties.NewCreditCode());

        var response = await officer.PostJsonAsync("/api/employers", new { creditCode = code, name = "校验位错误公司", riskClass = 2, city = "370100" });

        var message = await response.FieldErrorAsync("creditCode");
        Assert.Contains("校验码", message, StringComparison.Ordinal);
        Assert.Equal(before, await EmployerCountAsync());
    }

    [Theory]
    [InlineData("371200")] // 莱芜: merged into 济南 in 2019
    [InlineData("370000")]
    [InlineData("110100")]
    [InlineData("jinan")]
    public async Task An_unknown_city_is_400_naming_city_and_writes_nothing(string city)
    {
        var officer = await app.As("officer.jinan");
        var before = await EmployerCountAsync();

        var response = await officer.PostJsonAsync("/api/employers", new { creditCode = TestParties.NewCreditCode(), name = "未知城市公司", riskClass = 2, city });

        await response.FieldErrorAsync("city");
        Assert.Equal(before, await EmployerCountAsync());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    [InlineData(null)]
    public async Task A_risk_class_outside_1_to_8_is_400_naming_riskClass(int? riskClass)
    {
        var officer = await app.As("officer.jinan");

        var response = await officer.PostJsonAsync("/api/employers", new { creditCode = TestParties.NewCreditCode(), name = "风险类别公司", riskClass, city = "370100" });

        await response.FieldErrorAsync("riskClass");
    }

    [Fact]
    public async Task A_missing_name_is_400_naming_name()
    {
        var officer = await app.As("officer.jinan");

        var response = await officer.PostJsonAsync("/api/employers", new { creditCode = TestParties.NewCreditCode(), name = "  ", riskClass = 1, city = "370100" });

        await response.FieldErrorAsync("name");
    }

    [Fact]
    public async Task A_bad_registration_date_is_400_naming_registeredOn()
    {
        var officer = await app.As("officer.jinan");

        var response = await officer.PostJsonAsync("/api/employers", new { creditCode = TestParties.NewCreditCode(), name = "日期错误公司", riskClass = 1, city = "370100", registeredOn = "2021-02-29" });

        await response.FieldErrorAsync("registeredOn");
    }

    [Fact]
    public async Task Registering_the_same_credit_code_twice_is_409()
    {
        var officer = await app.As("officer.jinan");
        var code = TestParties.NewCreditCode();
        (await officer.PostJsonAsync("/api/employers", new { creditCode = code, name = "重复登记公司", riskClass = 4, city = "370100" })).EnsureSuccessStatusCode();

        var again = await officer.PostJsonAsync("/api/employers", new { creditCode = code, name = "重复登记公司二", riskClass = 5, city = "370100" });

        var problem = await again.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(code, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await app.InDbAsync(db => db.Employers.CountAsync(e => e.Name.StartsWith("重复登记公司"))));
        var read = await (await officer.GetAsync($"/api/employers/{code}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("重复登记公司", read.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_credit_code_the_province_already_holds_gets_one_answer_from_every_city_and_each_attempt_is_journaled_for_auditors()
    {
        var jinan = await app.As("officer.jinan");
        var qingdao = await app.As("officer.qingdao");
        var code = TestParties.NewCreditCode();
        (await jinan.PostJsonAsync("/api/employers", new { creditCode = code, name = "已在济南登记公司", riskClass = 1, city = "370100" })).EnsureSuccessStatusCode();

        var elsewhere = await (await qingdao.PostJsonAsync("/api/employers", new { creditCode = code, name = "青岛重复公司", riskClass = 1, city = "370200" })).ProblemAsync(HttpStatusCode.Conflict);
        var here = await (await jinan.PostJsonAsync("/api/employers", new { creditCode = code, name = "济南重复公司", riskClass = 1, city = "370100" })).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(here.GetProperty("detail").GetString(), elsewhere.GetProperty("detail").GetString());
        Assert.Contains("请联系省级经办机构核查", elsewhere.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("已在济南登记公司", elsewhere.ToString(), StringComparison.Ordinal);
        await (await qingdao.GetAsync($"/api/employers/{code}")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.False(await app.InDbAsync(db => db.Employers.AnyAsync(e => e.Name == "青岛重复公司" || e.Name == "济南重复公司")));

        var log = await (await (await app.As("auditor")).GetAsync($"/api/audit/personal-data?subject={code}")).JsonAsync(HttpStatusCode.OK);
        var rows = log.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["officer.jinan", "officer.qingdao"], rows.Select(r => r.GetProperty("userName").GetString()).Order(StringComparer.Ordinal));
        Assert.All(rows, r =>
        {
            Assert.Equal("registration refused", r.GetProperty("fields").GetString());
            Assert.Equal("employer", r.GetProperty("subjectKind").GetString());
            Assert.Equal(code[..6] + "********" + code[14..], r.GetProperty("subject").GetString());
            Assert.Equal("370100", r.GetProperty("city").GetString());
        });
    }

    [Fact]
    public async Task Another_citys_officer_gets_404_for_a_Jinan_employer()
    {
        var jinan = await app.As("officer.jinan");
        var qingdao = await app.As("officer.qingdao");
        var code = TestParties.NewCreditCode();
        (await jinan.PostJsonAsync("/api/employers", new { creditCode = code, name = "只属济南公司", riskClass = 1, city = "370100" })).EnsureSuccessStatusCode();

        await (await qingdao.GetAsync($"/api/employers/{code}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await qingdao.GetAsync($"/api/employers/{code}/workers")).ProblemAsync(HttpStatusCode.NotFound);
        // Indistinguishable from an employer that does not exist at all.
        await (await qingdao.GetAsync($"/api/employers/{TestParties.NewCreditCode()}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Provincial_supervisor_sees_employers_of_every_city()
    {
        var jinan = await app.As("officer.jinan");
        var province = await app.As("supervisor.province");
        var code = TestParties.NewCreditCode();
        (await jinan.PostJsonAsync("/api/employers", new { creditCode = code, name = "省级可见公司", riskClass = 1, city = "370100" })).EnsureSuccessStatusCode();

        var read = await (await province.GetAsync($"/api/employers/{code}")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("省级可见公司", read.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Officer_may_not_register_an_employer_in_another_city()
    {
        var officer = await app.As("officer.jinan");
        var before = await EmployerCountAsync();

        var response = await officer.PostJsonAsync("/api/employers", new { creditCode = TestParties.NewCreditCode("370200"), name = "青岛越权公司", riskClass = 1, city = "370200" });

        await response.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before, await EmployerCountAsync());
    }

    [Theory]
    [InlineData("designer")]
    [InlineData("reviewer.jinan")]
    public async Task Roles_without_registration_duty_may_not_register_employers(string user)
    {
        var client = await app.As(user);
        var before = await EmployerCountAsync();

        var response = await client.PostJsonAsync("/api/employers", new { creditCode = TestParties.NewCreditCode(), name = "无权登记公司", riskClass = 1, city = "370100" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal(before, await EmployerCountAsync());
    }

    [Fact]
    public async Task An_unknown_json_property_is_400_and_writes_nothing()
    {
        var officer = await app.As("officer.jinan");
        var before = await EmployerCountAsync();

        var response = await officer.PostJsonAsync("/api/employers", new { creditCode = TestParties.NewCreditCode(), name = "多余字段公司", riskClass = 1, city = "370100", legalPerson = "张三" });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("legalPerson", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await EmployerCountAsync());
    }

    [Theory]
    [InlineData("""{"creditCode": "91370100MA3C123459", "name": """)]
    [InlineData("not json at all")]
    [InlineData("""["an", "array"]""")]
    public async Task A_malformed_json_body_is_400_problem_details(string body)
    {
        var officer = await app.As("officer.jinan");

        var response = await officer.PostRawJsonAsync("/api/employers", body);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("errors", out _), $"No errors in {problem}");
    }

    [Fact]
    public async Task A_risk_class_of_the_wrong_json_type_is_400_naming_riskClass()
    {
        var officer = await app.As("officer.jinan");

        var response = await officer.PostRawJsonAsync("/api/employers", $$"""{"creditCode":"{{TestParties.NewCreditCode()}}","name":"类型错误公司","riskClass":"three","city":"370100"}""");

        await response.FieldErrorAsync("riskClass");
    }

    [Fact]
    public async Task A_malformed_credit_code_in_the_route_is_400_naming_creditCode()
    {
        var officer = await app.As("officer.jinan");

        await (await officer.GetAsync("/api/employers/not-a-code")).FieldErrorAsync("creditCode");
    }
}
