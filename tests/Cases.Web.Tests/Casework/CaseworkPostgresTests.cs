using System.Net;
using Cases.Testing;
using Cases.Web.Tests.Pages;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Tests.Casework;

/// <summary>Comments, attachments and the printable notice on PostgreSQL: the same answers as on SQLite.</summary>
public sealed class CaseworkPostgresTests(PostgresRuntimeApp app) : IClassFixture<PostgresRuntimeApp>
{
    [Fact]
    public async Task Comments_and_attachments_are_kept_listed_downloaded_and_refused_on_PostgreSQL()
    {
        Assert.Equal(TestProvider.Postgres, app.Factory.Provider);
        var officer = await app.As("officer.jinan");
        var (caseId, task) = await DemoFiling.AtCheckMaterialsAsync(officer);

        await (await officer.PostJsonAsync($"/api/cases/{caseId}/comments", new { text = "第一条" })).JsonAsync(HttpStatusCode.Created);
        app.Factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await (await officer.PostJsonAsync($"/api/cases/{caseId}/comments", new { text = "含NUL\u0000" })).FieldErrorAsync("text"); // PostgreSQL cannot store NUL: refused before it
        await (await officer.PostJsonAsync($"/api/cases/{caseId}/comments", new { text = "第二条 <b>粗体</b>" })).JsonAsync(HttpStatusCode.Created);
        var comments = await (await officer.GetAsync($"/api/cases/{caseId}/comments")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["第二条 <b>粗体</b>", "第一条"], comments.EnumerateArray().Select(c => c.Str("text")));

        var saved = await (await officer.UploadAsync(caseId, "补充协议.pdf", TestFiles.Pdf)).JsonAsync(HttpStatusCode.Created);
        await (await officer.UploadAsync(caseId, "补充协议.png", TestFiles.Pdf)).FieldErrorAsync("file");
        await (await officer.UploadAsync(caseId, "../补充协议.pdf", TestFiles.Pdf)).FieldErrorAsync("fileName");
        Assert.Equal(1, await app.InDbAsync(db => db.CaseAttachments.CountAsync(a => a.CaseId == caseId)));
        Assert.Single(app.StoredFiles());
        using var download = await officer.GetAsync($"/api/cases/{caseId}/attachments/{saved.Id()}");
        Assert.Equal(TestFiles.Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("补充协议.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);

        await (await DemoFiling.CompleteAsync(officer, task.Id(), "incomplete", new { materialsComplete = false, missingMaterials = "施工合同补充协议" })).JsonAsync(HttpStatusCode.OK);
        var page = await officer.OpenAsync($"/cases/{caseId}");
        Assert.Equal("补充协议.pdf", page.QuerySelector("[data-testid=attachment-link]").Text());
        Assert.Equal(["第二条 <b>粗体</b>", "第一条"], page.QuerySelectorAll("[data-testid=comment-text]").Select(e => e.TextContent));
        var notice = await officer.OpenAsync(page.QuerySelector("[data-testid=notice-link] a")!.GetAttribute("href")!);
        Assert.Equal("施工合同补充协议", notice.QuerySelector("[data-testid=notice-note] p").Text());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("officer.qingdao")).GetAsync($"/api/cases/{caseId}/attachments/{saved.Id()}")).StatusCode);
    }
}
