using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Cases.Application.Casework;
using Cases.Domain;
using Cases.Domain.Staff;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Cases.Web.Tests.Pages;

/// <summary>
/// A completion that cannot be undone asks first: the preview (<see cref="GetCompletionConfirmation"/>) says when a window
/// closes at once (第二十二条's objection window counted from a notice received long ago) or money is paid (第九十三条's
/// advance), and the task's page shows it with what was typed until the officer confirms.
/// </summary>
public sealed class TaskConfirmationTests(SqliteRuntimeApp app) : IClassFixture<SqliteRuntimeApp>
{
    private static readonly Actor Officer = new("officer.jinan", "370100", new HashSet<string> { Roles.Officer });
    private static readonly Actor Reviewer = new("reviewer.jinan", "370100", new HashSet<string> { Roles.Reviewer });

    /// <summary>Thursday 20 November 2025, 10:00 in China.</summary>
    private void Now() => app.Factory.Clock.SetUtcNow(new DateTimeOffset(2025, 11, 20, 10, 0, 0, TimeSpan.FromHours(8)));

    private async Task<CompletionConfirmation> PreviewAsync(Guid taskId, string outcome, JsonObject data, Actor by)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GetCompletionConfirmation(taskId, outcome, data, by));
    }

    [Fact]
    public async Task A_notice_received_20_working_days_ago_closes_the_objection_window_at_once_and_moves_the_case_on_to_settling_the_difference()
    {
        Now();
        var (caseId, taskId) = await PageSupport.StartRateCaseAsync(await app.As("officer.jinan"), "2025-10-17");

        // 20 working days before 11/20: the window (10 working days, 第二十二条) ended on Thursday 11/6.
        var preview = await PreviewAsync(taskId, "notified", new JsonObject { ["noticeReceivedOn"] = "2025-10-23" }, Officer);

        Assert.True(preview.Needed);
        var closing = Assert.IsType<WindowClosing>(preview.Closing);
        // The rate changed (第二十二条 ¶2): the months declared at the old rate are settled before the case ends.
        Assert.Equal(("异议期", new DateOnly(2025, 11, 6), "多退少补差额结算（无异议）", false), (closing.Window.Zh, closing.ClosedOn, closing.Destination.Zh, closing.Ends));
        Assert.Null(preview.Payment);
        var deadline = Assert.Single(preview.Dates);
        Assert.Equal(("异议截止日", new DateOnly(2025, 11, 6)), (deadline.Label.Zh, deadline.Date));
        // Nothing was done: the task is still open.
        Assert.Equal("open", (await PageSupport.TaskAsync(await app.As("officer.jinan"), caseId)).GetProperty("status").GetString());
    }

    [Theory]
    // Yesterday: the window runs until 12/3.
    [InlineData("2025-11-19", "2025-12-03")]
    // Its last day is today: the window is still open until midnight.
    [InlineData("2025-11-06", "2025-11-20")]
    public async Task A_window_still_open_asks_nothing_but_says_the_date_it_sets(string receivedOn, string deadline)
    {
        Now();
        var (_, taskId) = await PageSupport.StartRateCaseAsync(await app.As("officer.jinan"), "2025-10-17");

        var preview = await PreviewAsync(taskId, "notified", new JsonObject { ["noticeReceivedOn"] = receivedOn }, Officer);

        Assert.False(preview.Needed);
        Assert.Null(preview.Closing);
        Assert.Equal(DateOnly.Parse(deadline, CultureInfo.InvariantCulture), Assert.Single(preview.Dates).Date);
    }

    [Fact]
    public async Task Approving_an_advance_says_the_amount_in_figures_and_capitals_and_who_is_paid_and_a_rejection_asks_nothing()
    {
        Now();
        var (injuryCaseId, approve) = await AdvanceAtApprovalAsync();

        var preview = await PreviewAsync(approve, "approved", new JsonObject { ["approvedAmount"] = 13250.40m, ["advancedOn"] = "2025-11-20" }, Reviewer);

        Assert.True(preview.Needed);
        Assert.Null(preview.Closing);
        var payment = Assert.IsType<PaymentApproval>(preview.Payment);
        Assert.Equal(13250.40m, payment.Amount);
        Assert.Equal("壹万叁仟贰佰伍拾元肆角整", payment.Words.Zh);
        Assert.Equal("thirteen thousand two hundred fifty yuan and 40 fen", payment.Words.En);
        Assert.Equal("王建国", payment.Payee.Zh);

        Assert.False((await PreviewAsync(approve, "rejected", new JsonObject { ["approveNote"] = "材料不实" }, Reviewer)).Needed);
    }

    [Fact]
    public async Task The_preview_refuses_what_the_completion_would_refuse()
    {
        Now();
        var (_, approve) = await AdvanceAtApprovalAsync();

        // More than was claimed (48,000.00): the field's bound refuses it before anything is confirmed.
        var refused = await Assert.ThrowsAsync<DomainValidationException>(() => PreviewAsync(approve, "approved", new JsonObject { ["approvedAmount"] = 50000m, ["advancedOn"] = "2025-11-20" }, Reviewer));
        Assert.Equal("data.approvedAmount", refused.Field);
        Assert.Contains("不能超过「申请先行支付金额", refused.Message, StringComparison.Ordinal);
        // The officer who reviewed it may not approve it (第一百一十九条), here as in the completion.
        await Assert.ThrowsAsync<ForbiddenException>(() => PreviewAsync(approve, "approved", new JsonObject { ["approvedAmount"] = 100m, ["advancedOn"] = "2025-11-20" }, Officer));
    }

    [Fact]
    public async Task The_page_shows_the_consequence_with_what_was_typed_and_completes_only_once_confirmed()
    {
        Now();
        var officer = await app.As("officer.jinan");
        // An unchanged rate: nothing to settle, so the window's close ends the case.
        var (caseId, taskId) = await PageSupport.StartRateCaseAsync(officer, "2025-10-17", newRate: 0.005m);
        var page = await officer.OpenAsync($"/tasks/{taskId}");

        var asked = await officer.SubmitAsync(page, "[data-testid=task-form]", [new("noticeReceivedOn", "2025-10-23"), new("outcome", "notified")]);

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var shown = await PageSupport.ParseAsync(asked);
        var box = shown.QuerySelector("[data-testid=confirm-box]")!;
        Assert.Equal("alert", box.GetAttribute("role"));
        Assert.Equal("异议期已于2025年11月6日届满，提交后案件将办结为“无异议，费率确定”。", shown.QuerySelector("[data-testid=confirm-closing]").Text());
        Assert.Equal("2025-10-23", shown.QuerySelector("input[name=noticeReceivedOn]")!.GetAttribute("value"));
        Assert.Equal("确认提交", box.QuerySelector("[data-testid=confirm-submit]").Text());
        Assert.Equal("返回修改", box.QuerySelector("[data-testid=confirm-back]").Text());
        Assert.Equal("open", (await PageSupport.TaskAsync(officer, caseId)).GetProperty("status").GetString());

        // Another date is another consequence: asked again, with the new last day.
        var changed = await officer.SubmitAsync(shown, "[data-testid=task-form]", [new("noticeReceivedOn", "2025-10-24"), new("outcome", "notified")]);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var again = await PageSupport.ParseAsync(changed);
        Assert.Equal("异议期已于2025年11月7日届满，提交后案件将办结为“无异议，费率确定”。", again.QuerySelector("[data-testid=confirm-closing]").Text());

        var confirmed = await officer.SubmitAsync(again, "[data-testid=task-form]", [new("outcome", "notified")]);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        // The window's timer is due at once: the sweep closes it.
        Assert.Contains(await app.RunDueTimersAsync(), f => f.CaseId == caseId && f.MovedTo == "final-no-objection");
        var view = await (await officer.GetAsync(new Uri($"/api/cases/{caseId}", UriKind.Relative))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("final-no-objection", "2025-10-24"), (view.GetProperty("state").GetString(), view.GetProperty("data").GetProperty("noticeReceivedOn").GetString()));
    }

    [Fact]
    public async Task A_recent_notice_completes_at_once_without_a_confirmation()
    {
        Now();
        var officer = await app.As("officer.jinan");
        var (caseId, taskId) = await PageSupport.StartRateCaseAsync(officer, "2025-10-17");
        var page = await officer.OpenAsync($"/tasks/{taskId}");

        var response = await officer.SubmitAsync(page, "[data-testid=task-form]", [new("noticeReceivedOn", "2025-11-19"), new("outcome", "notified")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/cases/{caseId}", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_payment_confirmation_reads_in_English_for_an_English_reader()
    {
        Now();
        var (_, approve) = await AdvanceAtApprovalAsync();
        var reviewer = await app.As("reviewer.jinan");
        var page = await reviewer.OpenAsync($"/tasks/{approve}?culture=en");

        var asked = await reviewer.SubmitAsync(page, "[data-testid=task-form]", [new("approvedAmount", "13250.40"), new("advancedOn", "2025-11-20"), new("outcome", "approved")], $"/tasks/{approve}/complete?culture=en");

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var shown = await PageSupport.ParseAsync(asked);
        Assert.StartsWith("¥13,250.40 (thirteen thousand two hundred fifty yuan and 40 fen) will be approved for payment to 王建国",
            shown.QuerySelector("[data-testid=confirm-payment]").Text(), StringComparison.Ordinal);
        Assert.Equal("Confirm and submit", shown.QuerySelector("[data-testid=confirm-submit]").Text());
    }

    [Fact]
    public async Task Approving_a_third_party_top_up_says_the_computed_difference_as_it_will_be_posted()
    {
        Now();
        var officer = await app.As("officer.jinan");
        var injuryCaseId = await TestInjuries.RegisterAsync(officer);
        var started = await (await officer.PostJsonAsync("/api/cases", new
        {
            procedure = "third-party-reimbursement",
            city = "370100",
            data = new { injuryCaseId, workerIdNumber = "370102198503120011", employerCreditCode = "91370100MA3C4E5F61", accidentType = "traffic", compensationDecidedBy = "accident-authority-mediation", eligibleMedicalCost = 20000m, materialsReceived = new[] { "accident-liability-finding", "civil-compensation-mediation", "medical-invoices" } },
        })).JsonAsync(HttpStatusCode.Created);
        var caseId = started.GetProperty("caseId").GetGuid();
        var check = await PageSupport.TaskAsync(officer, caseId);
        await (await DemoFiling.CompleteAsync(officer, check.Id(), "complete", new
        {
            splitUnclear = false, eligibleMedicalCost = 20000m, compensatedMedicalAmount = 7654.32m, invoices = new[] { new { number = "A-" + injuryCaseId, amount = 20000m } },
        })).JsonAsync(HttpStatusCode.OK);
        var approve = (await PageSupport.TaskAsync(officer, caseId)).Id();

        var preview = await PreviewAsync(approve, "paid", new JsonObject { ["paidOn"] = "2025-11-20" }, Reviewer);

        // 第九十条: the eligible costs less the medical part of the compensation, computed before the approval.
        var payment = Assert.IsType<PaymentApproval>(preview.Payment);
        Assert.Equal((12345.68m, "壹万贰仟叁佰肆拾伍元陆角捌分"), (payment.Amount, payment.Words.Zh));
    }

    /// <summary>An advance of up to 48,000.00 claimed and recommended by officer.jinan: its approval is open to reviewers.</summary>
    private async Task<(string InjuryCaseId, Guid ApproveTask)> AdvanceAtApprovalAsync()
    {
        var officer = await app.As("officer.jinan");
        var injuryCaseId = await TestInjuries.RegisterAsync(officer);
        var started = await (await officer.PostJsonAsync("/api/cases", new
        {
            procedure = "advance-payment",
            city = "370100",
            data = new
            {
                // 第九十二条: no employer to urge first (人社部令第15号第七条), so the case is in review at once.
                variant = "third-party-unpaid",
                appliedOn = "2025-09-01",
                injuryCaseId,
                workerIdNumber = "370102198503120011",
                employerCreditCode = "91370100MA3C4E5F61",
                claimItems = new[] { new { kind = "medical", amount = 48000.00m } },
                liableParty = new { name = "济南恒达建材有限公司" },
                thirdPartyIdentified = false,
            },
        })).JsonAsync(HttpStatusCode.Created);
        var caseId = started.GetProperty("caseId").GetGuid();
        var review = await PageSupport.TaskAsync(officer, caseId);
        await (await DemoFiling.CompleteAsync(officer, review.Id(), "recommend", new { materialsReceived = new[] { "written-application", "injury-decision", "no-third-party-proof" } })).JsonAsync(HttpStatusCode.OK);
        return (injuryCaseId, (await PageSupport.TaskAsync(officer, caseId)).Id());
    }
}
