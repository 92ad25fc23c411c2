using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Cases.Web.Tests.Pages;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Security;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Tests.Casework;

/// <summary>The case page's comments, attachments and printable notice, and the inbox's saved filters, as a browser gets them (AngleSharp).</summary>
public sealed class CaseworkPageTests(SqliteRuntimeApp app) : IClassFixture<SqliteRuntimeApp>
{
    /// <summary>Posts the upload form of <paramref name="page"/> as a browser does: multipart, with the form's antiforgery token.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, IDocument page, string fileName, byte[] content, string material = "", bool token = true, string query = "")
    {
        var form = page.QuerySelector<IHtmlFormElement>("[data-testid=upload-form]") ?? throw new InvalidOperationException("No upload form.");
        Assert.Equal("multipart/form-data", form.Enctype);
        var fields = new List<KeyValuePair<string, string>> { new("material", material) };
        if (token)
        {
            fields.Add(new("__RequestVerificationToken", form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value));
        }

        using var multipart = SecurityApp.Multipart(fields, new FormFile("file", fileName, "application/pdf", content));
        return await client.PostAsync(new Uri(form.GetAttribute("action")! + query, UriKind.Relative), multipart);
    }

    [Fact]
    public async Task A_comment_with_script_is_shown_as_text_newest_first_and_an_empty_one_comes_back_with_its_reason()
    {
        var caseId = await app.NewCaseAsync();
        var officer = await app.As("officer.jinan");
        var page = await officer.OpenAsync($"/cases/{caseId}");

        // A comment cannot be edited once added: the first post asks, with the text kept in its box, and adds nothing.
        using var asked = await officer.SubmitAsync(page, "[data-testid=comment-form]", [new("text", "第一条：已收申请表")]);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var question = await PageSupport.ParseAsync(asked);
        Assert.Contains("备注提交后不能修改或撤回", question.QuerySelector("[data-testid=comment-confirm-what]").Text(), StringComparison.Ordinal);
        Assert.Equal("第一条：已收申请表", question.QuerySelector("#comment-text")!.TextContent);
        Assert.Equal(0, await app.InDbAsync(db => db.CaseComments.CountAsync(c => c.CaseId == caseId)));
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitAsync(question, "[data-testid=comment-form]", [new("text", "第一条：已收申请表"), new("confirmed", "true")])).StatusCode);
        app.Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var posted = await officer.SubmitAsync(page, "[data-testid=comment-form]", [new("text", HostileInput.ScriptText + "\n第二行"), new("confirmed", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        using var response = await officer.GetAsync(new Uri($"/cases/{caseId}", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var after = await PageSupport.ParseAsync(response);
        Assert.Equal("备注已添加。", after.QuerySelector("[data-testid=notice]").Text());
        var texts = after.QuerySelectorAll("[data-testid=comment-text]").Select(e => e.TextContent).ToList();
        Assert.Equal([HostileInput.ScriptText + "\n第二行", "第一条：已收申请表"], texts);
        Assert.All(HostileInput.RawMarkup, m => Assert.DoesNotContain(m, html, StringComparison.Ordinal));
        // Its author by display name, not the sign-in name.
        Assert.Contains("张伟（济南经办）", after.QuerySelector("[data-testid=comment]").Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("officer.jinan", after.QuerySelector("[data-testid=comment]").Text(), StringComparison.Ordinal);

        var empty = await officer.SubmitAsync(after, "[data-testid=comment-form]", [new("text", "   ")]);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var refused = await PageSupport.ParseAsync(empty);
        Assert.Contains("不超过 2000 字", refused.QuerySelector("[data-testid=error-text]").Text(), StringComparison.Ordinal);
        Assert.Equal("true", refused.QuerySelector("#comment-text")!.GetAttribute("aria-invalid"));
        Assert.Equal(2, await app.InDbAsync(db => db.CaseComments.CountAsync(c => c.CaseId == caseId)));
    }

    [Fact]
    public async Task A_supervisor_comments_an_administrator_only_reads_and_another_city_sees_no_case()
    {
        var caseId = await app.NewCaseAsync();
        var supervisor = await app.As("supervisor.jinan");
        var page = await supervisor.OpenAsync($"/cases/{caseId}");
        Assert.Equal(HttpStatusCode.Redirect, (await supervisor.SubmitAsync(page, "[data-testid=comment-form]", [new("text", "主管：请尽快办理"), new("confirmed", "true")])).StatusCode);

        var adminPage = await (await app.As("admin")).OpenAsync($"/cases/{caseId}");
        Assert.Null(adminPage.QuerySelector("[data-testid=comment-form]"));
        Assert.Null(adminPage.QuerySelector("[data-testid=upload-form]"));
        Assert.Contains("主管：请尽快办理", adminPage.QuerySelector("[data-testid=comments]").Text(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("officer.qingdao")).PageAsync($"/cases/{caseId}")).Status);
    }

    [Fact]
    public async Task A_pdf_uploaded_through_the_form_is_listed_under_its_material_and_downloads_as_it_was()
    {
        var officer = await app.As("officer.jinan");
        var (caseId, _) = await PageSupport.StartRateCaseAsync(officer, "2025-10-17");
        var page = await officer.OpenAsync($"/cases/{caseId}");
        Assert.Equal(".pdf,.jpg,.jpeg,.png,.ofd,application/pdf,image/jpeg,image/png,application/ofd", page.QuerySelector("#attachment-file")!.GetAttribute("accept"));
        Assert.Equal("10485760", page.QuerySelector("#attachment-file")!.GetAttribute("data-max-bytes"));
        Assert.Equal("文件", page.QuerySelector("label[for=attachment-file]").Text());

        var response = await UploadAsync(officer, page, "重新核定申请.pdf", TestFiles.Pdf, "objection-application");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await officer.OpenAsync($"/cases/{caseId}");
        Assert.Equal("已上传「重新核定申请.pdf」。", after.QuerySelector("[data-testid=notice]").Text());
        var link = after.QuerySelector<IHtmlAnchorElement>("[data-testid=attachment-link]")!;
        Assert.Equal("重新核定申请.pdf", link.Text());
        var material = after.QuerySelector("[data-testid=material][data-material=objection-application]")!;
        Assert.Equal("重新核定申请.pdf", material.QuerySelector("[data-testid=material-file]").Text());
        using var download = await officer.GetAsync(link.GetAttribute("href"));
        Assert.Equal(TestFiles.Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task A_refused_upload_is_named_at_its_field_and_without_the_antiforgery_token_nothing_is_accepted()
    {
        var caseId = await app.NewCaseAsync();
        var officer = await app.As("officer.jinan");
        var page = await officer.OpenAsync($"/cases/{caseId}");
        var before = app.StoredFiles();

        var traversal = await UploadAsync(officer, page, "../../../etc/passwd.pdf", TestFiles.Pdf);
        Assert.Equal(HttpStatusCode.BadRequest, traversal.StatusCode);
        Assert.Contains("不含路径", (await PageSupport.ParseAsync(traversal)).QuerySelector("[data-testid=error-file]").Text(), StringComparison.Ordinal);

        var impostor = await UploadAsync(officer, page, "发票.pdf", TestFiles.Html);
        Assert.Equal(HttpStatusCode.BadRequest, impostor.StatusCode);
        var impostorPage = await PageSupport.ParseAsync(impostor);
        Assert.Contains("文件内容与扩展名不符", impostorPage.QuerySelector("[data-testid=error-file]").Text(), StringComparison.Ordinal);
        Assert.Equal("true", impostorPage.QuerySelector("#attachment-file")!.GetAttribute("aria-invalid"));

        Assert.Equal(HttpStatusCode.BadRequest, (await UploadAsync(officer, page, "无令牌.pdf", TestFiles.Pdf, token: false)).StatusCode);
        Assert.Equal(before, app.StoredFiles());
        Assert.Equal(0, await app.InDbAsync(db => db.CaseAttachments.CountAsync(a => a.CaseId == caseId)));
    }

    [Fact]
    public async Task A_name_with_a_right_to_left_override_and_an_ofd_bomb_are_refused_at_their_field_in_the_users_language()
    {
        var caseId = await app.NewCaseAsync();
        var officer = await app.As("officer.jinan");
        var page = await officer.OpenAsync($"/cases/{caseId}");
        var before = app.StoredFiles();

        var reversed = await UploadAsync(officer, page, "发票\u202Egpj.pdf", TestFiles.Pdf);
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        Assert.Contains("不可见的格式字符 U+202E", (await PageSupport.ParseAsync(reversed)).QuerySelector("[data-testid=error-file]").Text(), StringComparison.Ordinal);

        var bomb = await UploadAsync(officer, page, "电子发票.ofd", TestFiles.OfdBomb);
        Assert.Equal(HttpStatusCode.BadRequest, bomb.StatusCode);
        Assert.Contains("解压后超过 100 MB", (await PageSupport.ParseAsync(bomb)).QuerySelector("[data-testid=error-file]").Text(), StringComparison.Ordinal);

        var english = await UploadAsync(officer, page, "电子发票.ofd", TestFiles.OfdBomb, query: "?culture=en");
        Assert.Contains("unpacks to more than 100 MB", (await PageSupport.ParseAsync(english)).QuerySelector("[data-testid=error-file]").Text(), StringComparison.Ordinal);
        Assert.Equal(before, app.StoredFiles());
        Assert.Equal(0, await app.InDbAsync(db => db.CaseAttachments.CountAsync(a => a.CaseId == caseId)));
    }

    [Fact]
    public async Task The_one_time_notice_prints_with_the_agency_the_case_the_party_each_missing_item_with_its_article_the_reasons_and_the_date()
    {
        var officer = await app.As("officer.jinan");
        var (caseId, notifyTask) = await PageSupport.StartRateCaseAsync(officer, "2025-10-17");
        await (await officer.PostJsonAsync($"/api/tasks/{notifyTask}/complete", new { outcome = "notified", data = new { noticeReceivedOn = "2025-10-17" } })).JsonAsync(HttpStatusCode.OK);
        var objected = await (await officer.PostJsonAsync($"/api/cases/{caseId}/events/objection",
            new { receivedOn = "2025-10-20", reason = "安全生产标准化等级已提升", materialsReceived = new[] { "objection-application" } })).JsonAsync(HttpStatusCode.OK);
        var redetermine = objected.GetProperty("openTasks")[0].Id();
        await (await officer.PostJsonAsync($"/api/tasks/{redetermine}/complete",
            new { outcome = "missing-materials", data = new { grounds = "请补充<安全生产标准化>等级证书" } })).JsonAsync(HttpStatusCode.OK);
        var noticeId = (await app.OutboxAsync(caseId)).Single(m => m.Template == "one-time-missing-materials-notice").Id;

        var casePage = await officer.OpenAsync($"/cases/{caseId}");
        var link = casePage.QuerySelector<IHtmlAnchorElement>("[data-testid=notice-link] a")!;
        Assert.Equal($"/cases/{caseId}/notices/{noticeId}", link.GetAttribute("href"));
        Assert.Contains("（1 项）", link.Text(), StringComparison.Ordinal);
        Assert.Equal("已收", casePage.QuerySelector("[data-testid=material][data-material=objection-application] .badge").Text());
        Assert.Equal("未收", casePage.QuerySelector("[data-testid=material][data-material=supporting-materials] .badge").Text());

        var notice = await officer.OpenAsync(link.GetAttribute("href")!);
        var sheet = notice.QuerySelector("[data-testid=notice-sheet]")!;
        Assert.Equal("济南市社会保险经办机构", sheet.QuerySelector("[data-testid=notice-agency]").Text());
        Assert.Equal("补正材料一次性告知书", sheet.QuerySelector("h1").Text());
        Assert.Contains(WorkflowTextNumber(caseId), sheet.Text(), StringComparison.Ordinal);
        Assert.Contains("工伤保险费率浮动告知与异议", sheet.Text(), StringComparison.Ordinal);
        Assert.Equal("用人单位", sheet.QuerySelectorAll(".notice-facts dd")[2].Text());
        var party = (await app.InDbAsync(db => db.Cases.SingleAsync(c => c.Id == caseId))).Party;
        Assert.Equal(party, sheet.QuerySelector("[data-testid=notice-party]").Text());
        var item = Assert.Single(sheet.QuerySelectorAll("[data-testid=notice-item]"));
        Assert.Equal("supporting-materials", item.GetAttribute("data-material"));
        Assert.Equal(["1", "申请重新核定的相关材料", "第二十二条"], item.QuerySelectorAll("td").Select(td => td.Text()));
        Assert.Equal("请补充<安全生产标准化>等级证书", sheet.QuerySelector("[data-testid=notice-reasons] p").Text());
        Assert.Equal("2025年10月20日", sheet.QuerySelector("[data-testid=notice-date]").Text());
        // On screen the page keeps its navigation; the print button and the breadcrumb are not printed, nor (site.css) the header.
        Assert.NotNull(notice.QuerySelector("header nav"));
        Assert.Contains("d-print-none", notice.QuerySelector("[data-testid=print]")!.ParentElement!.ClassName, StringComparison.Ordinal);
        Assert.NotNull(notice.QuerySelector("script[src^='/js/print.js']"));
    }

    [Fact]
    public async Task A_number_typed_into_a_notices_reasons_prints_masked_for_a_supervisor_and_whole_for_the_officer_who_is_recorded()
    {
        var officer = await app.As("officer.jinan");
        var (caseId, notifyTask) = await PageSupport.StartRateCaseAsync(officer, "2025-10-17");
        await (await officer.PostJsonAsync($"/api/tasks/{notifyTask}/complete", new { outcome = "notified", data = new { noticeReceivedOn = "2025-10-17" } })).JsonAsync(HttpStatusCode.OK);
        var objected = await (await officer.PostJsonAsync($"/api/cases/{caseId}/events/objection",
            new { receivedOn = "2025-10-20", reason = "安全生产标准化等级已提升，联系人13900004444", materialsReceived = new[] { "objection-application" } })).JsonAsync(HttpStatusCode.OK);
        await (await officer.PostJsonAsync($"/api/tasks/{objected.GetProperty("openTasks")[0].Id()}/complete",
            new { outcome = "missing-materials", data = new { grounds = "请联系经办人13900004444补充等级证书" } })).JsonAsync(HttpStatusCode.OK);
        var noticeId = (await app.OutboxAsync(caseId)).Single(m => m.Template == "one-time-missing-materials-notice").Id;

        var supervisor = await (await app.As("supervisor.jinan")).OpenAsync($"/cases/{caseId}/notices/{noticeId}");
        var casePage = await (await app.As("supervisor.jinan")).OpenAsync($"/cases/{caseId}");
        var whole = await officer.OpenAsync($"/cases/{caseId}/notices/{noticeId}");

        Assert.Equal("请联系经办人139****4444补充等级证书", supervisor.QuerySelector("[data-testid=notice-reasons] p").Text());
        Assert.DoesNotContain("13900004444", supervisor.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("13900004444", casePage.DocumentElement.OuterHtml, StringComparison.Ordinal); // the objection's reason in the data and timeline
        Assert.Equal("请联系经办人13900004444补充等级证书", whole.QuerySelector("[data-testid=notice-reasons] p").Text());
        var recorded = await app.InDbAsync(db => db.PersonalDataViews.Where(v => v.Reason == $"case {caseId}" && v.SubjectKey == "13900004444").ToListAsync());
        Assert.Equal(["officer.jinan"], recorded.Select(v => v.UserName).Distinct());
        Assert.Contains(recorded, v => v.Route == "GET /cases/{id:guid}/notices/{noticeId:guid}" && v.Fields == "phone (notice)");
    }

    [Fact]
    public async Task A_notice_sent_by_the_notify_action_prints_the_fields_it_carried_and_another_citys_notice_is_not_found()
    {
        var officer = await app.As("officer.jinan");
        var (caseId, task) = await DemoFiling.AtCheckMaterialsAsync(officer);
        await (await DemoFiling.CompleteAsync(officer, task.Id(), "incomplete", new { materialsComplete = false, missingMaterials = "施工合同补充协议" })).JsonAsync(HttpStatusCode.OK);
        var noticeId = (await app.OutboxAsync(caseId)).Single(m => m.Template == "one-time-missing-materials-notice").Id;

        var notice = await officer.OpenAsync($"/cases/{caseId}/notices/{noticeId}");

        var note = notice.QuerySelector("[data-testid=notice-note]")!;
        Assert.Equal("需补正的材料", note.QuerySelector("h2").Text());
        Assert.Equal("施工合同补充协议", note.QuerySelector("p").Text());
        Assert.Equal("施工总承包单位", notice.QuerySelectorAll(".notice-facts dd")[2].Text());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("officer.qingdao")).PageAsync($"/cases/{caseId}/notices/{noticeId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.PageAsync($"/cases/{caseId}/notices/{Guid.NewGuid()}")).Status);
        // An outbox message of the case that is not a missing-materials notice is not one either.
        var other = (await app.OutboxAsync(caseId)).FirstOrDefault(m => m.Template != "one-time-missing-materials-notice");
        if (other is not null)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await officer.PageAsync($"/cases/{caseId}/notices/{other.Id}")).Status);
        }
    }

    [Fact]
    public async Task A_filter_saved_on_the_inbox_is_applied_by_its_link_shared_with_the_city_role_and_deleted_by_its_owner_only()
    {
        var officer = await app.As("officer.jinan");
        var name = "临近到期 " + Guid.NewGuid().ToString("N")[..6];
        var inbox = await officer.OpenAsync("/inbox?tab=available&sla=warning&within=5&sort=priority");
        var save = inbox.QuerySelector<IHtmlFormElement>("[data-testid=save-filter]")!;
        Assert.Equal("warning", save.QuerySelector<IHtmlInputElement>("input[name=sla]")!.Value);
        // Outside the results htmx swaps (a name being typed stays); its script copies the filter form's values in as it is sent.
        Assert.Equal("inbox-filters", save.GetAttribute("data-filters-from"));
        Assert.NotNull(inbox.QuerySelector("form#inbox-filters[data-testid=inbox-filters]"));
        Assert.NotNull(inbox.QuerySelector("script[src^='/js/saved-filters.js']"));

        var saved = await officer.SubmitAsync(inbox, "[data-testid=save-filter]", [new("name", name), new("shareWithRole", "officer")]);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/inbox?tab=available&sla=warning&within=5&sort=priority", saved.Headers.Location!.OriginalString);
        var mine = await officer.OpenAsync("/inbox");
        Assert.Contains($"已保存筛选「{name}」，并共享给本市的经办人员。", mine.QuerySelector("[data-testid=notice]").Text(), StringComparison.Ordinal);
        var entry = mine.QuerySelectorAll("[data-testid=saved-filter]").Single(e => e.Text().Contains(name, StringComparison.Ordinal));
        Assert.Equal("/inbox?tab=mine&sla=warning&within=5&sort=priority", entry.QuerySelector("[data-testid=apply-filter]")!.GetAttribute("href"));
        var applied = await officer.OpenAsync(entry.QuerySelector("[data-testid=apply-filter]")!.GetAttribute("href")!);
        Assert.Equal("warning", applied.QuerySelector<IHtmlSelectElement>("#filter-sla")!.Value);
        Assert.Equal("5", applied.QuerySelector<IHtmlInputElement>("#filter-within")!.Value);
        Assert.Equal("priority", applied.QuerySelector<IHtmlSelectElement>("#filter-sort")!.Value);

        var colleague = await app.As("officer2.jinan");
        var theirs = (await colleague.OpenAsync("/inbox")).QuerySelectorAll("[data-testid=saved-filter]").Single(e => e.Text().Contains(name, StringComparison.Ordinal));
        Assert.Contains("张伟（济南经办）", theirs.Text(), StringComparison.Ordinal); // who shared it, by display name
        Assert.Null(theirs.QuerySelector("[data-testid=delete-filter]"));

        // Deleting asks first, naming the filter and who loses it with its owner; nothing is deleted until confirmed.
        var id = entry.GetAttribute("data-filter-id");
        using var asked = await officer.SubmitAsync(mine, $"[data-testid=saved-filter][data-filter-id='{id}'] form", []);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var question = await PageSupport.ParseAsync(asked);
        Assert.Equal($"删除筛选「{name}」？", question.QuerySelector("h1").Text());
        Assert.Contains("此筛选已共享给本市的经办人员，删除后他们也将不再看到它。", question.QuerySelector("[data-testid=delete-filter-confirm-what]").Text(), StringComparison.Ordinal);
        Assert.Contains((await officer.OpenAsync("/inbox")).QuerySelectorAll("[data-testid=saved-filter]"), e => e.Text().Contains(name, StringComparison.Ordinal));
        var deleted = await officer.SubmitAsync(question, "form[data-testid=delete-filter-confirm-form]", []);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        var gone = await officer.OpenAsync("/inbox");
        Assert.Equal("筛选已删除。", gone.QuerySelector("[data-testid=notice]").Text());
        Assert.DoesNotContain(gone.QuerySelectorAll("[data-testid=saved-filter]"), e => e.Text().Contains(name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_filter_with_a_bad_value_is_not_saved_and_the_inbox_says_why()
    {
        var officer = await app.As("reviewer.jinan");
        var inbox = await officer.OpenAsync("/inbox");

        var refused = await officer.SubmitAsync(inbox, "[data-testid=save-filter]", [new("name", "坏筛选"), new("within", "abc")]);

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var after = await officer.OpenAsync("/inbox");
        Assert.Contains("须为 0 至 365 的整数", after.QuerySelector("[data-testid=problem]").Text(), StringComparison.Ordinal);
        Assert.DoesNotContain(after.QuerySelectorAll("[data-testid=saved-filter]"), e => e.Text().Contains("坏筛选", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_casework_sections_speak_english_when_asked()
    {
        var caseId = await app.NewCaseAsync();
        var officer = await app.As("officer.jinan");

        var page = await officer.OpenAsync($"/cases/{caseId}?culture=en");

        Assert.Equal("Attachments", page.QuerySelector("#attachments-heading").Text());
        Assert.Equal("Comments", page.QuerySelector("#comments-heading").Text());
        Assert.Equal("A PDF, JPEG, PNG or OFD file of at most 10 MB.", page.QuerySelector("#attachment-file-hint").Text());
        Assert.Equal("Saved filters", (await officer.OpenAsync("/inbox?culture=en")).QuerySelector("#saved-filters-heading").Text());
    }

    private static string WorkflowTextNumber(Guid caseId) => caseId.ToString("N")[^8..].ToUpperInvariant();
}
