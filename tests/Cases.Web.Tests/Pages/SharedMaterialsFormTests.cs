using System.Net;
using System.Text.Json;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Tests.Pages;

/// <summary>
/// 第八十九条 (and 第九条): a paper obtained through 部门间信息共享 need not be provided again. The start and task forms mark a
/// material so, with its source, without script: the post binds it as <c>{ key, sharedFrom }</c>, the case counts it as
/// received, and the case page, the task form and the one-time notice name the source.
/// </summary>
public sealed class SharedMaterialsFormTests(SqliteRuntimeApp app) : IClassFixture<SqliteRuntimeApp>
{
    private const string Police = "济南市公安局交通警察支队";

    private static KeyValuePair<string, string> V(string key, string value) => new(key, value);

    private static List<KeyValuePair<string, string>> TrafficValues(string injuryCaseId) =>
    [
        V("injuryCaseId", injuryCaseId), V("workerIdNumber", "370102198503120011"), V("employerCreditCode", "91370100MA3C4E5F61"),
        V("accidentType", "traffic"), V("compensationDecidedBy", "accident-authority-mediation"), V("eligibleMedicalCost", "20000"),
    ];

    [Fact]
    public async Task A_material_marked_as_shared_with_its_source_is_received_and_shown_with_its_source()
    {
        var officer = await app.As("officer.jinan");
        var page = await officer.OpenAsync("/cases/new?procedure=third-party-reimbursement");
        var shared = page.QuerySelector("input[type=checkbox][name='materialsReceived.shared'][value=accident-liability-finding]");
        Assert.NotNull(shared);
        Assert.Equal("已通过部门间信息共享获取", page.QuerySelector($"label[for='{shared!.Id}']").Text());
        var source = page.QuerySelector("input[type=text][name='materialsReceived.sharedFrom.accident-liability-finding']")!;
        Assert.NotNull(page.QuerySelector($"label[for='{source.Id}']"));

        var values = TrafficValues(await TestInjuries.RegisterAsync(officer));
        values.AddRange([
            V("materialsReceived", "civil-compensation-mediation"),
            V("materialsReceived.shared", "accident-liability-finding"),
            V("materialsReceived.sharedFrom.accident-liability-finding", "  " + Police + " "),
        ]);
        var opened = await officer.SubmitAsync(page, "[data-testid=new-case-form]", values);

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var caseId = Guid.Parse(opened.Headers.Location!.OriginalString["/cases/".Length..]);
        var stored = await app.InDbAsync(db => db.Instances.Where(i => i.CaseId == caseId).Select(i => i.DataJson).SingleAsync());
        var checklist = JsonDocument.Parse(stored).RootElement.GetProperty("materialsReceived").EnumerateArray().ToArray();
        Assert.Equal(2, checklist.Length);
        Assert.Equal(("accident-liability-finding", Police), (checklist[0].GetProperty("key").GetString(), checklist[0].GetProperty("sharedFrom").GetString()));
        Assert.Equal("civil-compensation-mediation", checklist[1].GetString());

        // The case page: received, from the police.
        var workspace = await officer.OpenAsync($"/cases/{caseId}");
        var finding = workspace.QuerySelector("[data-testid=material][data-material=accident-liability-finding]")!;
        Assert.Equal("已收", finding.QuerySelector(".badge").Text());
        Assert.Contains(Police, finding.QuerySelector("[data-testid=material-shared]").Text(), StringComparison.Ordinal);

        // The check task's form shows the paper as shared, its source in its box, and a completion keeps it.
        var view = await DemoFiling.GetAsync(officer, caseId);
        var taskId = DemoFiling.SingleTask(view).Id();
        var task = await officer.OpenAsync($"/tasks/{taskId}");
        Assert.True(task.QuerySelector("input[name='materialsReceived.shared'][value=accident-liability-finding]")!.HasAttribute("checked"));
        Assert.Equal(Police, task.QuerySelector("input[name='materialsReceived.sharedFrom.accident-liability-finding']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_shared_box_without_a_source_is_refused_at_the_checklist_naming_the_material_and_opens_nothing()
    {
        var officer = await app.As("officer.jinan");
        var page = await officer.OpenAsync("/cases/new?procedure=third-party-reimbursement");
        var before = await app.InDbAsync(db => db.Cases.CountAsync());
        var values = TrafficValues(await TestInjuries.RegisterAsync(officer));
        values.Add(V("materialsReceived.shared", "accident-liability-finding"));

        var response = await officer.SubmitAsync(page, "[data-testid=new-case-form]", values);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var refused = await PageSupport.ParseAsync(response);
        var error = refused.QuerySelector("[data-testid=error-materialsReceived]").Text();
        Assert.Contains("事故责任认定书", error, StringComparison.Ordinal);
        Assert.Contains("请写明来源部门", error, StringComparison.Ordinal);
        Assert.True(refused.QuerySelector("input[name='materialsReceived.shared'][value=accident-liability-finding]")!.HasAttribute("checked"));
        Assert.Equal(before, await app.InDbAsync(db => db.Cases.CountAsync()));
    }

    [Fact]
    public async Task The_one_time_notice_says_which_papers_were_obtained_by_sharing_and_from_whom()
    {
        var officer = await app.As("officer.jinan");
        var started = await (await officer.PostJsonAsync("/api/cases", new
        {
            procedure = "third-party-reimbursement", city = "370100",
            data = new
            {
                injuryCaseId = await TestInjuries.RegisterAsync(officer), workerIdNumber = "370102198503120011", employerCreditCode = "91370100MA3C4E5F61", accidentType = "traffic",
                compensationDecidedBy = "accident-authority-mediation", eligibleMedicalCost = 20000m,
                materialsReceived = new object[] { new { key = "accident-liability-finding", sharedFrom = Police }, "civil-compensation-mediation" },
            },
        })).JsonAsync(HttpStatusCode.Created);
        var caseId = started.GetProperty("caseId").GetGuid();
        var check = DemoFiling.SingleTask(await DemoFiling.GetAsync(officer, caseId));
        await (await DemoFiling.CompleteAsync(officer, check.Id(), "needs-supplement", new { splitUnclear = false, eligibleMedicalCost = 20000m, checkNote = "请提交医疗费票据" })).JsonAsync(HttpStatusCode.OK);
        var noticeId = (await app.OutboxAsync(caseId)).Single(m => m.Template == "one-time-missing-materials-notice").Id;

        var notice = await officer.OpenAsync($"/cases/{caseId}/notices/{noticeId}");

        var item = notice.QuerySelector("[data-testid=notice-shared-item][data-material=accident-liability-finding]");
        Assert.Contains(Police, item.Text(), StringComparison.Ordinal);
        Assert.Contains("无需重复提供", notice.QuerySelector("[data-testid=notice-shared]").Text(), StringComparison.Ordinal);
        Assert.DoesNotContain(notice.QuerySelectorAll("[data-testid=notice-item]"), i => i.GetAttribute("data-material") == "accident-liability-finding");
    }
}
