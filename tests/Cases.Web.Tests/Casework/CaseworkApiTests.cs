using System.Net;
using System.Security.Cryptography;
using Cases.Web.Tests.Pages;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Tests.Casework;

/// <summary>Comments and attachments of a case through the API (SQLite): who may, what is kept, what is refused and that a refusal stores nothing.</summary>
public sealed class CaseworkApiTests(SqliteRuntimeApp app) : IClassFixture<SqliteRuntimeApp>
{
    [Fact]
    public async Task Comments_are_listed_newest_first_kept_as_typed_and_returned_escaped()
    {
        var caseId = await app.NewCaseAsync();
        var officer = await app.As("officer.jinan");
        var reviewer = await app.As("reviewer.jinan");

        var first = await (await officer.PostJsonAsync($"/api/cases/{caseId}/comments", new { text = "  已电话联系单位\n材料下周补齐  " })).JsonAsync(HttpStatusCode.Created);
        app.Factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await (await reviewer.PostJsonAsync($"/api/cases/{caseId}/comments", new { text = "<script>alert('x')</script>" })).JsonAsync(HttpStatusCode.Created);

        Assert.Equal("已电话联系单位\n材料下周补齐", first.Str("text"));
        Assert.Equal("officer.jinan", first.Str("author"));
        using var response = await officer.GetAsync($"/api/cases/{caseId}/comments");
        var raw = await response.Content.ReadAsStringAsync();
        var list = await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["reviewer.jinan", "officer.jinan"], list.EnumerateArray().Select(c => c.Str("author")));
        Assert.Equal("<script>alert('x')</script>", list[0].Str("text"));
        Assert.DoesNotContain("<script>", raw, StringComparison.Ordinal); // the JSON carries it as \u003C…, never as markup
    }

    [Fact]
    public async Task A_comment_is_refused_when_empty_too_long_or_with_control_characters_and_nothing_is_stored()
    {
        var caseId = await app.NewCaseAsync();
        var officer = await app.As("officer.jinan");

        await (await officer.PostJsonAsync($"/api/cases/{caseId}/comments", new { text = "   " })).FieldErrorAsync("text");
        await (await officer.PostJsonAsync($"/api/cases/{caseId}/comments", new { text = new string('长', 2001) })).FieldErrorAsync("text");
        await (await officer.PostJsonAsync($"/api/cases/{caseId}/comments", new { text = "a\u0000b" })).FieldErrorAsync("text");
        await (await officer.PostJsonAsync($"/api/cases/{caseId}/comments", new { text = new string('长', 2000) })).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(1, await app.InDbAsync(db => db.CaseComments.CountAsync(c => c.CaseId == caseId)));
    }

    [Fact]
    public async Task Another_citys_case_has_no_comments_or_files_for_you_and_a_designer_neither_reads_nor_adds_any()
    {
        var caseId = await app.NewCaseAsync();
        var qingdao = await app.As("officer.qingdao");
        var designer = await app.As("designer");

        await (await qingdao.GetAsync($"/api/cases/{caseId}/comments")).ProblemAsync(HttpStatusCode.NotFound);
        await (await qingdao.PostJsonAsync($"/api/cases/{caseId}/comments", new { text = "越权" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await qingdao.UploadAsync(caseId, "越权.pdf", TestFiles.Pdf)).ProblemAsync(HttpStatusCode.NotFound);
        await (await qingdao.GetAsync($"/api/cases/{caseId}/attachments")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Forbidden, (await designer.PostJsonAsync($"/api/cases/{caseId}/comments", new { text = "设计人员" })).StatusCode);
        // A designer sees definitions and dry runs, never a real case's comments (规程 第一百四十条); a provincial supervisor reads every city.
        Assert.Equal(HttpStatusCode.Forbidden, (await designer.GetAsync($"/api/cases/{caseId}/comments")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.As("supervisor.province")).GetAsync($"/api/cases/{caseId}/comments")).StatusCode);

        Assert.Equal(0, await app.InDbAsync(db => db.CaseComments.CountAsync(c => c.CaseId == caseId)));
    }

    [Theory]
    [InlineData("申请表.pdf", "pdf", "application/pdf")]
    [InlineData("现场照片.JPG", "jpeg", "image/jpeg")]
    [InlineData("scan.jpeg", "jpeg", "image/jpeg")]
    [InlineData("截图.png", "png", "image/png")]
    [InlineData("电子发票.ofd", "ofd", "application/ofd")]
    public async Task A_file_of_an_accepted_type_is_stored_outside_the_database_and_downloads_as_an_attachment(string name, string kind, string type)
    {
        var content = kind switch { "pdf" => TestFiles.Pdf, "jpeg" => TestFiles.Jpeg, "png" => TestFiles.Png, _ => TestFiles.Ofd };
        var caseId = await app.NewCaseAsync();
        var officer = await app.As("officer.jinan");

        // The declared type does not matter (octet-stream here): the content decides, checked against the name.
        var saved = await (await officer.UploadAsync(caseId, name, content, "application/octet-stream")).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(name, saved.Str("fileName"));
        Assert.Equal(type, saved.Str("contentType"));
        Assert.Equal(content.Length, saved.GetProperty("size").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), saved.Str("sha256"));
        var row = await app.InDbAsync(db => db.CaseAttachments.SingleAsync(a => a.Id == saved.Id()));
        Assert.DoesNotContain(name, row.StorageKey, StringComparison.Ordinal); // stored under its id, never under the uploader's name
        var file = Path.Combine(app.Factory.AttachmentsPath, row.StorageKey);
        Assert.Equal(content, await File.ReadAllBytesAsync(file));

        using var download = await officer.GetAsync($"/api/cases/{caseId}/attachments/{saved.Id()}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(type, download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(name, download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(saved.Str("sha256"), download.Headers.GetValues("X-Content-SHA256").Single());
        var listed = await (await officer.GetAsync($"/api/cases/{caseId}/attachments")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(saved.Id(), Assert.Single(listed.EnumerateArray()).Id());
    }

    [Theory]
    [InlineData("../../../../etc/passwd.pdf")]
    [InlineData("..\\..\\web.config.pdf")]
    [InlineData("/etc/cron.d/x.pdf")]
    [InlineData("C:\\Windows\\x.pdf")]
    [InlineData("..pdf")]
    [InlineData(".pdf")]
    [InlineData("a\u0000.pdf")]
    [InlineData("report.exe")]
    [InlineData("report.pdf.exe")]
    [InlineData("report")]
    [InlineData("")]
    public async Task A_name_that_is_a_path_or_of_another_type_is_refused_naming_fileName_and_nothing_is_stored(string name)
    {
        var caseId = await app.NewCaseAsync();
        var officer = await app.As("officer.jinan");
        var before = app.StoredFiles();

        await (await officer.UploadAsync(caseId, name, TestFiles.Pdf)).FieldErrorAsync("fileName");

        Assert.Equal(before, app.StoredFiles());
        Assert.Equal(0, await app.InDbAsync(db => db.CaseAttachments.CountAsync(a => a.CaseId == caseId)));
    }

    [Theory]
    [InlineData("发票\u202Egpj.pdf")] // right-to-left override: a browser shows 发票fdp.jpg
    [InlineData("申请\u200B表.pdf")] // zero-width space
    [InlineData("\uFEFF申请表.pdf")] // byte-order mark
    public async Task A_name_with_an_invisible_format_character_is_refused_naming_fileName_and_nothing_is_stored(string name)
    {
        var caseId = await app.NewCaseAsync();
        var officer = await app.As("officer.jinan");
        var before = app.StoredFiles();

        var message = await (await officer.UploadAsync(caseId, name, TestFiles.Pdf)).FieldErrorAsync("fileName");

        Assert.Contains("不可见的格式字符", message, StringComparison.Ordinal);
        Assert.Equal(before, app.StoredFiles());
        Assert.Equal(0, await app.InDbAsync(db => db.CaseAttachments.CountAsync(a => a.CaseId == caseId)));
    }

    [Fact]
    public async Task An_ofd_of_300_KB_that_unpacks_to_300_MB_is_refused_naming_file_and_nothing_is_stored()
    {
        var caseId = await app.NewCaseAsync();
        var officer = await app.As("officer.jinan");
        var before = app.StoredFiles();
        Assert.True(TestFiles.OfdBomb.Length < 1024 * 1024, $"the bomb is {TestFiles.OfdBomb.Length} bytes");

        var message = await (await officer.UploadAsync(caseId, "电子发票.ofd", TestFiles.OfdBomb, "application/ofd")).FieldErrorAsync("file");

        Assert.Contains("100 MiB", message, StringComparison.Ordinal); // ten times the 10 MiB an attachment may be
        Assert.Equal(before, app.StoredFiles());
        Assert.Equal(0, await app.InDbAsync(db => db.CaseAttachments.CountAsync(a => a.CaseId == caseId)));
    }

    [Theory]
    [InlineData("伪装.pdf", "html")]
    [InlineData("伪装.png", "exe")]
    [InlineData("伪装.jpg", "pdf")]
    [InlineData("伪装.ofd", "zip")]
    [InlineData("伪装.pdf", "empty")]
    public async Task Content_that_is_not_what_its_name_says_is_refused_naming_file_and_nothing_is_stored(string name, string content)
    {
        var bytes = content switch { "html" => TestFiles.Html, "exe" => TestFiles.Executable, "pdf" => TestFiles.Pdf, "zip" => TestFiles.PlainZip, _ => [] };
        var caseId = await app.NewCaseAsync();
        var officer = await app.As("officer.jinan");
        var before = app.StoredFiles();

        await (await officer.UploadAsync(caseId, name, bytes)).FieldErrorAsync("file");

        Assert.Equal(before, app.StoredFiles()); // not even a staging file stays behind
        Assert.Equal(0, await app.InDbAsync(db => db.CaseAttachments.CountAsync(a => a.CaseId == caseId)));
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("text/plain")]
    [InlineData("text/html")]
    public async Task A_body_a_cross_site_form_could_send_is_refused_with_415(string contentType)
    {
        var caseId = await app.NewCaseAsync();
        var officer = await app.As("officer.jinan");

        var refused = await (await officer.UploadAsync(caseId, "a.pdf", TestFiles.Pdf, contentType)).ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("请求内容的类型不受支持。", refused.GetProperty("title").GetString()); // titled for what it is, not 请求有误

        Assert.Equal(0, await app.InDbAsync(db => db.CaseAttachments.CountAsync(a => a.CaseId == caseId)));
    }

    [Fact]
    public async Task A_file_may_support_a_material_of_the_cases_checklist_and_no_other()
    {
        var officer = await app.As("officer.jinan");
        var (rateCase, _) = await PageSupport.StartRateCaseAsync(officer, "2025-10-17");
        var demoCase = await app.NewCaseAsync();

        var saved = await (await officer.UploadAsync(rateCase, "异议申请.pdf", TestFiles.Pdf, material: "objection-application")).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("objection-application", saved.Str("material"));
        Assert.Contains("objection-application", await (await officer.UploadAsync(rateCase, "x.pdf", TestFiles.Pdf, material: "no-such-material")).FieldErrorAsync("material"), StringComparison.Ordinal);
        await (await officer.UploadAsync(demoCase, "x.pdf", TestFiles.Pdf, material: "objection-application")).FieldErrorAsync("material");
    }

    [Fact]
    public async Task A_file_larger_than_the_general_request_limit_is_accepted_within_the_attachment_limit()
    {
        var caseId = await app.NewCaseAsync();
        var officer = await app.As("officer.jinan");
        var big = TestFiles.PdfOfSize(3 * 1024 * 1024); // Security:MaxRequestBodyBytes is 1 MiB; Attachments:MaxBytes 10 MiB

        var saved = await (await officer.UploadAsync(caseId, "扫描件.pdf", big)).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(big.Length, saved.GetProperty("size").GetInt64());
        // Everywhere else the general limit still holds.
        await (await officer.PostRawJsonAsync($"/api/cases/{caseId}/comments", "{\"text\":\"" + new string('x', 2 * 1024 * 1024) + "\"}")).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_download_whose_file_is_gone_is_a_404_that_says_so()
    {
        var caseId = await app.NewCaseAsync();
        var officer = await app.As("officer.jinan");
        var saved = await (await officer.UploadAsync(caseId, "a.pdf", TestFiles.Pdf)).JsonAsync(HttpStatusCode.Created);
        var key = await app.InDbAsync(db => db.CaseAttachments.Where(a => a.Id == saved.Id()).Select(a => a.StorageKey).SingleAsync());
        File.Delete(Path.Combine(app.Factory.AttachmentsPath, key));

        var problem = await (await officer.GetAsync($"/api/cases/{caseId}/attachments/{saved.Id()}")).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Contains("从备份中恢复", problem.Str("detail"), StringComparison.Ordinal);
    }
}

/// <summary>The size limit on its own app (4 KiB), so that both sides of it are tried with small files.</summary>
public sealed class AttachmentSizeTests(SmallUploadApp app) : IClassFixture<SmallUploadApp>
{
    [Fact]
    public async Task A_file_at_the_limit_is_accepted_one_byte_over_is_refused_naming_file_and_far_over_is_413_and_nothing_is_stored()
    {
        var caseId = await app.NewCaseAsync();
        var officer = await app.As("officer.jinan");

        await (await officer.UploadAsync(caseId, "at-limit.pdf", TestFiles.PdfOfSize(4096))).JsonAsync(HttpStatusCode.Created);
        var stored = app.StoredFiles();

        Assert.Contains("4,096", await (await officer.UploadAsync(caseId, "over.pdf", TestFiles.PdfOfSize(4097))).FieldErrorAsync("file"), StringComparison.Ordinal);
        // Past the upload endpoint's body limit (never below Security:MaxRequestBodyBytes, 1 MiB): refused before the body is read.
        await (await officer.UploadAsync(caseId, "far-over.pdf", TestFiles.PdfOfSize(1536 * 1024))).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal(stored, app.StoredFiles());
        Assert.Equal(1, await app.InDbAsync(db => db.CaseAttachments.CountAsync(a => a.CaseId == caseId)));
    }
}
