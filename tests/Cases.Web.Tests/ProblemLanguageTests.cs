using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Tests;

/// <summary>
/// The API's refusals in the reader's language: Chinese for a client that asks for nothing (the agency's officers),
/// English for <c>Accept-Language: en</c>; the field's machine name stays the key of <c>errors</c> either way.
/// </summary>
public sealed class ProblemLanguageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task A_missing_field_is_refused_400_in_Chinese_by_default_and_in_English_for_Accept_Language_en()
    {
        var officer = await app.As("officer.jinan");
        const string url = "/api/calendar/working-days/add?from=2025-09-26";

        var zh = await (await SendAsync(officer, HttpMethod.Get, url, english: false)).ProblemAsync(HttpStatusCode.BadRequest);
        var en = await (await SendAsync(officer, HttpMethod.Get, url, english: true)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(("请求中有填写不正确的内容", "请填写「days」。"), (Text(zh, "title"), Text(zh, "detail")));
        Assert.Equal(["请填写「days」。"], Errors(zh, "days"));
        Assert.Equal(("The request has invalid fields", "days is required."), (Text(en, "title"), Text(en, "detail")));
        Assert.Equal(["days is required."], Errors(en, "days"));
    }

    [Fact]
    public async Task A_body_of_the_wrong_type_is_refused_415_titled_for_what_it_is()
    {
        var officer = await app.As("officer.jinan");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = new StringContent("procedure=fee-rate-objection", System.Text.Encoding.UTF8, "text/plain") };
        request.Headers.Add("X-Requested-With", "test");

        var refused = await (await officer.SendAsync(request)).ProblemAsync(HttpStatusCode.UnsupportedMediaType);

        Assert.Equal("请求内容的类型不受支持。", Text(refused, "title"));
    }

    [Fact]
    public async Task A_record_not_there_is_refused_404_in_Chinese_by_default_and_in_English_for_Accept_Language_en()
    {
        var officer = await app.As("officer.jinan");
        var code = TestParties.NewCreditCode();

        var zh = await (await SendAsync(officer, HttpMethod.Get, $"/api/employers/{code}", english: false)).ProblemAsync(HttpStatusCode.NotFound);
        var en = await (await SendAsync(officer, HttpMethod.Get, $"/api/employers/{code}", english: true)).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(("未找到", $"本市没有统一社会信用代码为 {code} 的用人单位。"), (Text(zh, "title"), Text(zh, "detail")));
        Assert.Equal(("Not found", $"No employer with credit code {code} in your city."), (Text(en, "title"), Text(en, "detail")));
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_named_in_plain_Chinese_with_the_parser_s_sentence_kept_apart()
    {
        var officer = await app.As("officer.jinan");
        var body = new { creditCode = TestParties.NewCreditCode(), name = "类型错误测试公司", riskClass = "一类", city = "370100" };

        var zh = await (await SendAsync(officer, HttpMethod.Post, "/api/employers", english: false, body)).ProblemAsync(HttpStatusCode.BadRequest);
        var en = await (await SendAsync(officer, HttpMethod.Post, "/api/employers", english: true, body)).ProblemAsync(HttpStatusCode.BadRequest);

        var message = Assert.Single(Errors(zh, "riskClass"));
        Assert.StartsWith("请求内容中的「riskClass」无法读取", message, StringComparison.Ordinal);
        Assert.Equal(message, Text(zh, "detail"));
        // The .NET sentence is there for whoever debugs a client, but never as the reader's message.
        Assert.Contains("could not be converted", Text(zh, "parser"), StringComparison.Ordinal);
        Assert.DoesNotContain("could not be converted", message, StringComparison.Ordinal);
        Assert.StartsWith("riskClass in the request body could not be read", Assert.Single(Errors(en, "riskClass")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_number_sent_as_a_string_is_refused_at_its_field_and_nothing_is_registered()
    {
        var officer = await app.As("officer.jinan");
        var code = TestParties.NewCreditCode();
        // "5" in quotes is text: the API reads numbers only as JSON numbers, as its document says (strict number handling).
        var body = new { creditCode = code, name = "引号数字测试公司", riskClass = "5", city = "370100" };

        var refused = await (await SendAsync(officer, HttpMethod.Post, "/api/employers", english: false, body)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.StartsWith("请求内容中的「riskClass」无法读取", Assert.Single(Errors(refused, "riskClass")), StringComparison.Ordinal);
        Assert.False(await app.InDbAsync(db => db.Employers.AnyAsync(e => e.Name == "引号数字测试公司")));
    }

    [Fact]
    public async Task A_password_too_short_for_the_policy_is_refused_naming_password_in_Chinese_and_in_English_on_request()
    {
        var admin = await app.As("admin");
        object User() => new { userName = "short." + Guid.NewGuid().ToString("N")[..8], displayName = "密码过短", roles = new[] { "officer" }, city = "370100", password = "Ab1#" };

        var zh = await (await SendAsync(admin, HttpMethod.Post, "/api/admin/users", english: false, User())).ProblemAsync(HttpStatusCode.BadRequest);
        var en = await (await SendAsync(admin, HttpMethod.Post, "/api/admin/users", english: true, User())).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("密码至少需要 6 个字符。", Assert.Single(Errors(zh, "password")), StringComparison.Ordinal);
        Assert.DoesNotContain("Passwords must", zh.ToString(), StringComparison.Ordinal);
        Assert.Contains("The password must be at least 6 characters.", Assert.Single(Errors(en, "password")), StringComparison.Ordinal);
        Assert.False(await app.InDbAsync(db => db.Users.AnyAsync(u => u.DisplayName == "密码过短")));
    }

    [Fact]
    public async Task A_bare_status_from_authorization_gets_its_title_in_the_reader_s_language_too()
    {
        using var client = app.Anonymous();

        var zh = await (await SendAsync(client, HttpMethod.Get, "/api/auth/me", english: false)).ProblemAsync(HttpStatusCode.Unauthorized);
        var en = await (await SendAsync(client, HttpMethod.Get, "/api/auth/me", english: true)).ProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Equal(("请先登录", "Unauthorized"), (Text(zh, "title"), Text(en, "title")));
    }

    [Fact]
    public async Task A_browser_asking_for_English_reads_the_sign_in_page_in_English_and_one_asking_for_nothing_in_Chinese()
    {
        using var client = app.Anonymous();

        using var english = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        english.Headers.AcceptLanguage.ParseAdd("en-US,en;q=0.9");
        var englishPage = await (await client.SendAsync(english)).Content.ReadAsStringAsync();
        var chinesePage = await client.GetStringAsync(new Uri("/account/login", UriKind.Relative));

        Assert.Contains(">User name</label>", englishPage, StringComparison.Ordinal);
        Assert.Contains(">用户名</label>", chinesePage, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, bool english, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (english)
        {
            request.Headers.AcceptLanguage.ParseAdd("en");
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await client.SendAsync(request);
    }

    private static string Text(JsonElement problem, string member) => problem.GetProperty(member).GetString() ?? "";

    private static string[] Errors(JsonElement problem, string field) =>
        problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()!).ToArray();
}
