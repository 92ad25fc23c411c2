using System.Net;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Pages;

/// <summary>A task's page: the form generated from the definition, server-side validation, outcomes, and "someone else got there first".</summary>
public sealed class TaskPageTests(SqliteRuntimeApp app) : IClassFixture<SqliteRuntimeApp>
{
    [Fact]
    public async Task The_form_is_generated_from_the_definition_with_labelled_controls_and_the_outcomes_as_buttons()
    {
        var officer = await app.As("officer.jinan");
        var (_, taskId) = await PageSupport.StartRateCaseAsync(officer, "2025-10-17");

        var page = await officer.OpenAsync($"/tasks/{taskId}");

        Assert.Equal("告知用人单位浮动费率", page.QuerySelector("h1").Text());
        var form = page.QuerySelector("[data-testid=task-form]")!;
        var date = form.QuerySelector("input[name=noticeReceivedOn]")!;
        Assert.Equal("date", date.GetAttribute("type"));
        Assert.Equal("true", date.GetAttribute("aria-required"));
        Assert.Contains("单位收到告知日期", form.QuerySelector($"label[for={date.Id}]").Text(), StringComparison.Ordinal);
        Assert.Equal("已告知", form.QuerySelector("button[name=outcome][value=notified]").Text());
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        // Every control has a label (or is a button with its own text).
        Assert.All(form.QuerySelectorAll("input:not([type=hidden]), select, textarea"), c => Assert.NotNull(page.QuerySelector($"label[for='{c.Id}']")));
        Assert.Contains("第二十二条", page.QuerySelector("[data-testid=task-facts]").Text(), StringComparison.Ordinal);
        Assert.Contains("「费率调整日期」后10个工作日", page.QuerySelector("[data-testid=task-facts]").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_field_and_an_outcomes_own_field_are_generated_and_only_the_chosen_outcomes_fields_are_sent()
    {
        var officer = await app.As("officer.jinan");
        var (caseId, notify) = await PageSupport.StartRateCaseAsync(officer, "2025-10-17");
        await (await officer.PostJsonAsync($"/api/tasks/{notify}/complete", new { outcome = "notified", data = new { noticeReceivedOn = "2025-10-17" } })).JsonAsync(HttpStatusCode.OK);
        await (await officer.PostJsonAsync($"/api/cases/{caseId}/events/objection", new { receivedOn = "2025-10-20", reason = "行业类别划分有误" })).JsonAsync(HttpStatusCode.OK);
        var redetermine = (await PageSupport.TaskAsync(officer, caseId)).GetProperty("id").GetGuid();

        var page = await officer.OpenAsync($"/tasks/{redetermine}");
        var revised = page.QuerySelector("input[name=revisedRate]")!;
        Assert.Equal("number", revised.GetAttribute("type"));
        Assert.Contains("选择「调整费率」时必填", page.QuerySelector($"#{revised.Id}-hint").Text(), StringComparison.Ordinal);

        // "Upheld" with a revised rate typed in: the rate belongs to the other outcome and is not sent, so it is accepted.
        var upheld = await officer.SubmitAsync(page, "[data-testid=task-form]", [new("grounds", "经复核，行业类别无误"), new("revisedRate", "0.004"), new("outcome", "upheld")]);
        Assert.Equal(HttpStatusCode.Redirect, upheld.StatusCode);
        Assert.Equal($"/cases/{caseId}", upheld.Headers.Location!.OriginalString);

        // The settlement's list: one month a line, "month, total".
        var settle = (await PageSupport.TaskAsync(officer, caseId)).GetProperty("id").GetGuid();
        var settlePage = await officer.OpenAsync($"/tasks/{settle}");
        var list = settlePage.QuerySelector("textarea[name=monthlyWageTotals]")!;
        Assert.Contains("月份（yyyy-MM）", settlePage.QuerySelector($"#{list.Id}-hint").Text(), StringComparison.Ordinal);
        var bad = await officer.SubmitAsync(settlePage, "[data-testid=task-form]", [new("monthlyWageTotals", "2025-06, 850000\n2025-07, lots"), new("outcome", "settled")]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var refused = await PageSupport.ParseAsync(bad);
        Assert.Contains("第 2 行「工资总额」须为数值", refused.QuerySelector("[data-testid=error-monthlyWageTotals]").Text(), StringComparison.Ordinal);
        Assert.Equal("2025-06, 850000\n2025-07, lots", refused.QuerySelector("textarea[name=monthlyWageTotals]")!.TextContent.Trim());

        var ok = await officer.SubmitAsync(settlePage, "[data-testid=task-form]", [new("monthlyWageTotals", "2025-06, 850000\n2025-07, 860000"), new("outcome", "settled")]);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var done = await (await officer.GetAsync(new Uri($"/api/cases/{caseId}", UriKind.Relative))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("settled", done.GetProperty("state").GetString());
        Assert.Equal(2, done.GetProperty("data").GetProperty("monthlyWageTotals").GetArrayLength());
    }

    [Fact]
    public async Task A_dates_bounds_are_said_under_its_control_and_limit_its_picker_and_a_breach_is_refused_at_the_field()
    {
        var officer = await app.As("officer.jinan");
        var (caseId, taskId) = await PageSupport.StartRateCaseAsync(officer, "2025-10-17");

        var page = await officer.OpenAsync($"/tasks/{taskId}");

        // The app's clock stands at 2025-10-20 (China): the notice is received between the adjustment and today.
        var date = page.QuerySelector("input[name=noticeReceivedOn]")!;
        Assert.Equal(("2025-10-17", "2025-10-20"), (date.GetAttribute("min"), date.GetAttribute("max")));
        Assert.Contains($"{date.Id}-hint", date.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Equal("不早于费率调整日期（2025年10月17日），不晚于今天", page.QuerySelector($"#{date.Id}-hint").Text());
        var english = await officer.OpenAsync($"/tasks/{taskId}?culture=en");
        Assert.Equal("Not before Rate adjusted on (17 October 2025), not after today", english.QuerySelector($"#{date.Id}-hint").Text());

        var response = await officer.SubmitAsync(page, "[data-testid=task-form]", [new("noticeReceivedOn", "2025-10-16"), new("outcome", "notified")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var refused = await PageSupport.ParseAsync(response);
        Assert.Equal("「单位收到告知日期」（2025年10月16日）不能早于「费率调整日期」（2025年10月17日）。", refused.QuerySelector("[data-testid=error-noticeReceivedOn]").Text());
        Assert.Equal("2025-10-16", refused.QuerySelector("input[name=noticeReceivedOn]")!.GetAttribute("value"));
        Assert.Equal("notify-employer", (await (await officer.GetAsync(new Uri($"/api/cases/{caseId}", UriKind.Relative))).JsonAsync(HttpStatusCode.OK)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_missing_required_field_is_refused_at_the_field_and_nothing_changes()
    {
        var officer = await app.As("officer.jinan");
        var (caseId, taskId) = await PageSupport.StartRateCaseAsync(officer, "2025-10-17");
        var page = await officer.OpenAsync($"/tasks/{taskId}");

        var response = await officer.SubmitAsync(page, "[data-testid=task-form]", [new("outcome", "notified")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var refused = await PageSupport.ParseAsync(response);
        Assert.Contains("「单位收到告知日期」必须填写", refused.QuerySelector("[data-testid=error-noticeReceivedOn]").Text(), StringComparison.Ordinal);
        Assert.Equal("true", refused.QuerySelector("input[name=noticeReceivedOn]")!.GetAttribute("aria-invalid"));
        Assert.NotNull(refused.QuerySelector("[data-testid=form-errors] a[href='#f-noticeReceivedOn']"));
        var task = await PageSupport.TaskAsync(officer, caseId);
        Assert.Equal(taskId, task.GetProperty("id").GetGuid());
        Assert.Equal("open", task.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Completing_through_the_form_moves_the_case_on_and_lands_on_its_workspace()
    {
        var officer = await app.As("officer.jinan");
        var (caseId, taskId) = await PageSupport.StartRateCaseAsync(officer, "2025-10-17");
        var page = await officer.OpenAsync($"/tasks/{taskId}");

        var response = await officer.SubmitAsync(page, "[data-testid=task-form]", [new("noticeReceivedOn", "2025-10-20"), new("outcome", "notified")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/cases/{caseId}", response.Headers.Location!.OriginalString);
        var workspace = await officer.OpenAsync($"/cases/{caseId}");
        Assert.Contains("已办结「告知用人单位浮动费率」：已告知。案件当前环节：异议期", workspace.QuerySelector("[data-testid=notice]").Text(), StringComparison.Ordinal);
        var completed = workspace.QuerySelectorAll("[data-testid=timeline-entry][data-action=task-completed]").Single();
        // A sentence with who (by display name), what and the outcome's label; the form's date said in Chinese.
        Assert.Matches(@"^#\d+ \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 张伟（济南经办） 完成「告知用人单位浮动费率」，结果：已告知，转入「异议期」$",
            completed.QuerySelector("[data-testid=timeline-sentence]").Text().Trim());
        Assert.Contains("2025年10月20日", completed.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("officer.jinan", completed.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("notified", completed.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_someone_else_completed_it_first_the_page_says_so_plainly_and_shows_the_current_state()
    {
        var officer = await app.As("officer.jinan");
        var officer2 = await app.As("officer2.jinan");
        var (caseId, taskId) = await PageSupport.StartRateCaseAsync(officer, "2025-10-17");
        // Both open the task while it is still open to claim.
        var page = await officer2.OpenAsync($"/tasks/{taskId}");
        var mine = await officer.OpenAsync($"/tasks/{taskId}");
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitAsync(mine, "[data-testid=task-form]", [new("noticeReceivedOn", "2025-10-18"), new("outcome", "notified")])).StatusCode);

        var response = await officer2.SubmitAsync(page, "[data-testid=task-form]", [new("noticeReceivedOn", "2025-10-20"), new("outcome", "notified")]);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var conflict = await PageSupport.ParseAsync(response);
        var message = conflict.QuerySelector("[data-testid=conflict]").Text();
        Assert.Contains("其他人已先处理了此任务", message, StringComparison.Ordinal);
        Assert.Contains("已由 张伟（济南经办） 办理完毕（结果：已告知），您的操作未被执行", message, StringComparison.Ordinal);
        Assert.Matches(@"^已完成（张伟（济南经办），\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}）$", conflict.QuerySelector("[data-testid=task-status]").Text().Trim());
        Assert.Null(conflict.QuerySelector("[data-testid=task-form]"));
        var data = (await (await officer.GetAsync(new Uri($"/api/cases/{caseId}", UriKind.Relative))).JsonAsync(HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal("2025-10-18", data.GetProperty("noticeReceivedOn").GetString()); // the first officer's, not overwritten
    }

    [Fact]
    public async Task A_task_claimed_by_someone_else_shows_who_has_it_and_no_form()
    {
        var officer = await app.As("officer.jinan");
        var (_, taskId) = await PageSupport.StartRateCaseAsync(officer, "2025-10-17");
        await (await officer.PostAsync(new Uri($"/api/tasks/{taskId}/claim", UriKind.Relative), null)).JsonAsync(HttpStatusCode.OK);

        var page = await (await app.As("officer2.jinan")).OpenAsync($"/tasks/{taskId}");

        Assert.Null(page.QuerySelector("[data-testid=task-form]"));
        Assert.Contains("此任务由 张伟（济南经办） 办理中", page.QuerySelector("[data-testid=not-actionable]").Text(), StringComparison.Ordinal);
        Assert.Equal("办理中（张伟（济南经办））", page.QuerySelector("[data-testid=task-status]").Text().Trim());
    }

    [Fact]
    public async Task Another_citys_task_and_case_are_not_found_another_role_gets_no_form_and_a_designer_no_page()
    {
        var officer = await app.As("officer.jinan");
        var (caseId, taskId) = await PageSupport.StartRateCaseAsync(officer, "2025-10-17");
        var qingdao = await app.As("officer.qingdao");

        Assert.Equal(HttpStatusCode.NotFound, (await qingdao.PageAsync($"/tasks/{taskId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await qingdao.PageAsync($"/cases/{caseId}")).Status);

        var reviewer = await app.As("reviewer.jinan");
        var page = await reviewer.OpenAsync($"/tasks/{taskId}");
        Assert.Null(page.QuerySelector("[data-testid=task-form]"));
        Assert.Contains("此任务不属于您的岗位", page.QuerySelector("[data-testid=not-actionable]").Text(), StringComparison.Ordinal);

        // A designer sees no real case at all (规程 第一百四十条).
        var designer = await (await app.As("designer")).GetAsync(new Uri($"/tasks/{taskId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, designer.StatusCode);
    }

    [Fact]
    public async Task The_materials_checklist_is_ticked_on_the_form_and_an_outcome_its_rule_refuses_is_said_plainly()
    {
        var officer = await app.As("officer.jinan");
        var started = await (await officer.PostJsonAsync("/api/cases", new
        {
            procedure = "transfer-approval",
            city = "370100",
            data = new
            {
                injuryCaseId = await TestInjuries.RegisterAsync(officer),
                workerIdNumber = "370102198503120011",
                employerCreditCode = "91370100MA3C4E5F61",
                appliedOn = "2025-10-17",
                referral = new { hospital = "济南市第四人民医院", issuedOn = "2025-10-16", destinationHospital = "北京积水潭医院", destinationCityCode = "outside-shandong", destinationProvince = "北京市", destinationCity = "北京市", reason = "需行二期骨科手术" },
            },
        })).JsonAsync(HttpStatusCode.Created);
        var caseId = started.GetProperty("caseId").GetGuid();
        var taskId = (await PageSupport.TaskAsync(officer, caseId)).GetProperty("id").GetGuid();
        var page = await officer.OpenAsync($"/tasks/{taskId}");
        var checklist = page.QuerySelector("[data-testid=checklist-materialsReceived]")!;
        Assert.Equal(2, checklist.QuerySelectorAll("input[type=checkbox][name=materialsReceived]").Length);
        Assert.Contains("转诊转院申请（第三十八条）", checklist.Text(), StringComparison.Ordinal);

        // One of the two materials ticked: filing is refused by the procedure's rule, and the tick stays.
        var refused = await officer.SubmitAsync(page, "[data-testid=task-form]", [new("materialsReceived", "application"), new("filedOn", "2025-10-17"), new("outcome", "filed")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var again = await PageSupport.ParseAsync(refused);
        Assert.Contains("尚有1项必需材料未收到（第三十八条），请改为一次性告知补正。", again.QuerySelector("[data-testid=refusal]").Text(), StringComparison.Ordinal);
        Assert.NotNull(again.QuerySelector("input[name=materialsReceived][value=application][checked]"));
        Assert.Null(again.QuerySelector("input[name=materialsReceived][value=referral-opinion][checked]"));

        var filed = await officer.SubmitAsync(page, "[data-testid=task-form]", [new("materialsReceived", "application"), new("materialsReceived", "referral-opinion"), new("filedOn", "2025-10-17"), new("outcome", "filed")]);
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        var data = (await (await officer.GetAsync(new Uri($"/api/cases/{caseId}", UriKind.Relative))).JsonAsync(HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal<string>(["application", "referral-opinion"], data.GetProperty("materialsReceived").EnumerateArray().Select(k => k.GetString()!).ToList());
    }

    // Reimbursement UI: a bill typed on the check task of 工伤医疗（康复）费用手工报销 (规程 第六十六条).
    [Fact]
    public async Task A_bill_s_kind_is_typed_by_its_label_in_either_language_an_empty_yes_or_no_stays_out_and_the_hint_names_the_labels()
    {
        var officer = await app.As("officer.jinan");
        var injury = await TestInjuries.RegisterAsync(officer);
        var caseId = (await (await officer.PostJsonAsync("/api/cases", new
        {
            procedure = "medical-reimbursement",
            city = "370100",
            data = new { injuryCaseId = injury, claimant = "worker", appliedOn = "2025-10-17", materialsReceived = new[] { "receipts", "cost-list", "medical-records" } },
        })).JsonAsync(HttpStatusCode.Created)).GetProperty("caseId").GetGuid();
        var taskId = (await PageSupport.TaskAsync(officer, caseId)).GetProperty("id").GetGuid();
        var page = await officer.OpenAsync($"/tasks/{taskId}");

        // The hint says what the officer types: the kinds by their labels, the optional fields as such.
        var bills = page.QuerySelector("textarea[name=bills]")!;
        var hint = page.QuerySelector($"#{bills.Id}-hint").Text();
        Assert.Contains("类别（医疗费/康复费）", hint, StringComparison.Ordinal);
        Assert.Contains("转诊转院费用（是/否，可留空）", hint, StringComparison.Ordinal);
        Assert.DoesNotContain("medical", hint, StringComparison.Ordinal);
        var english = await officer.OpenAsync($"/tasks/{taskId}?culture=en");
        Assert.Contains("Medical/Rehabilitation", english.QuerySelector($"#{bills.Id}-hint").Text(), StringComparison.Ordinal);

        (string, string)[] checkedForm =
        [
            ("recognitionAppliedOn", "2024-03-20"), ("insuredWhenInjured", "true"), ("treatmentPapersComplete", "true"), ("consistentWithInjury", "true"), ("thirdPartyCompensated", "false"),
            ("hospitalDays", "0"), ("overseas", "false"), ("payee", "王建国"), ("payeeKind", "worker"), ("payeeAccount", "6222021602001234568"), ("payeeBank", "中国工商银行济南分行"),
            ("materialsReceived", "receipts"), ("materialsReceived", "cost-list"), ("materialsReceived", "medical-records"), ("outcome", "eligible"),
        ];
        KeyValuePair<string, string>[] Form(string bill) => [.. checkedForm.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)), new("bills", bill)];

        // A kind that is no label nor code is refused at the list, and nothing moves.
        var wrong = await officer.SubmitAsync(page, "[data-testid=task-form]", Form("331601001, 清创缝合术, 2024-03-12, 1, 260.00, 牙科费, "));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.NotEmpty((await PageSupport.ParseAsync(wrong)).QuerySelector("[data-testid=error-bills]").Text());
        Assert.Equal("check", (await (await officer.GetAsync(new Uri($"/api/cases/{caseId}", UriKind.Relative))).JsonAsync(HttpStatusCode.OK)).GetProperty("state").GetString());

        // 医疗费 (zh label), Rehabilitation (en label, any case) and the code itself; the first line leaves 转诊转院费用 empty.
        var done = await officer.SubmitAsync(page, "[data-testid=task-form]", Form(
            "331601001, 清创缝合术, 2024-03-12, 1, 260.00, 医疗费, \n340200001，运动疗法，2024-03-20，1，150.00，rehabilitation，否\n340100004, , 2024-03-21, 1, 80.00, rehab, 是"));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var items = (await (await officer.GetAsync(new Uri($"/api/cases/{caseId}", UriKind.Relative))).JsonAsync(HttpStatusCode.OK)).GetProperty("data").GetProperty("bills").EnumerateArray().ToList();
        Assert.Equal(["medical", "rehab", "rehab"], items.Select(i => i.GetProperty("kind").GetString()!));
        Assert.False(items[0].TryGetProperty("transfer", out _));
        Assert.Equal([false, true], items.Skip(1).Select(i => i.GetProperty("transfer").GetBoolean()));
        Assert.False(items[2].TryGetProperty("name", out _));

        // The review's decisions on the case page: a table, money as ¥, the reason in the reader's language without its
        // code, the refused rows marked (no rehabilitation period was set: 第四十四条).
        var zh = (await officer.OpenAsync($"/cases/{caseId}")).QuerySelector("[data-testid=list-billDecisions]")!;
        var rows = zh.QuerySelectorAll("tr[data-refused]");
        Assert.Equal(["none", "whole", "whole"], rows.Select(r => r.GetAttribute("data-refused")!));
        Assert.Contains("¥260.00", rows[0].Text(), StringComparison.Ordinal);
        Assert.Contains("超出康复期（未确定康复期），不予支付（第四十四条）", rows[1].Text(), StringComparison.Ordinal);
        Assert.Equal("不予支付", rows[1].QuerySelector("[data-testid=refused-mark]").Text());
        Assert.DoesNotContain("outside-rehab-period", zh.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("理由代码", zh.Text(), StringComparison.Ordinal);
        var en = (await officer.OpenAsync($"/cases/{caseId}?culture=en")).QuerySelector("[data-testid=list-billDecisions]")!;
        Assert.Contains("outside no rehabilitation period was set: not paid (第四十四条)", en.QuerySelectorAll("tr[data-refused]")[1].Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("超出康复期", en.Text(), StringComparison.Ordinal);
        Assert.Equal("Refused", en.QuerySelectorAll("tr[data-refused]")[1].QuerySelector("[data-testid=refused-mark]").Text());

        // Returned for another check: the bill comes back as it was typed, each kind by its label, yes or no in words.
        var approve = (await PageSupport.TaskAsync(officer, caseId)).GetProperty("id").GetGuid();
        await (await (await app.As("reviewer.jinan")).PostJsonAsync($"/api/tasks/{approve}/complete", new { outcome = "returned", data = new { approveNote = "请核对康复期" } })).JsonAsync(HttpStatusCode.OK);
        var recheck = (await PageSupport.TaskAsync(officer, caseId)).GetProperty("id").GetGuid();
        Assert.Equal(
            "331601001, 清创缝合术, 2024-03-12, 1, 260.00, 医疗费, \n340200001, 运动疗法, 2024-03-20, 1, 150.00, 康复费, 否\n340100004, , 2024-03-21, 1, 80.00, 康复费, 是",
            (await officer.OpenAsync($"/tasks/{recheck}")).QuerySelector("textarea[name=bills]")!.TextContent.Trim());
    }
}
