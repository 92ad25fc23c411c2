using System.Net;
using System.Text.Json;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Tests.Procedures;

/// <summary>advance-payment — 先行支付与追偿 (第九十一～九十三条; 第十五条's one-time notice), every path, with the 台账.</summary>
public abstract class AdvancePaymentScenarios(AppFixture app) : ProcedureScenario(app)
{
    private const string Key = "advance-payment";

    /// <summary>
    /// A case in review now: under 第九十一条 it was applied for 20 days ago, the employer was urged that day and let its
    /// 5 working days pass (令15号 第七条、第八条), so the timer sweep run now brings it to review today.
    /// </summary>
    private async Task<Guid> StartAsync(string variant = "employer-refuses", string[]? materials = null, bool? thirdPartyIdentified = null, string injuryCaseName = "IC-2025-0107")
    {
        var injuryCaseId = await InjuryAsync(injuryCaseName);
        if (variant != "employer-refuses")
        {
            return await StartAsync(Key, StartData(variant, Today(), injuryCaseId, materials, thirdPartyIdentified));
        }

        var now = App.Factory.Clock.GetUtcNow();
        App.Factory.Clock.SetUtcNow(now.AddDays(-20));
        var appliedOn = Today();
        var caseId = await StartAsync(Key, StartData(variant, appliedOn, injuryCaseId, materials, thirdPartyIdentified));
        await CompleteAsync(Task(await CaseAsync(caseId)), "urged", new { urgedOn = appliedOn });
        App.Factory.Clock.SetUtcNow(now);
        await App.RunDueTimersAsync();
        return caseId;
    }

    private string Today() => DateOnly.FromDateTime(App.Factory.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static Dictionary<string, object> StartData(string variant, string appliedOn, string injuryCaseId, string[]? materials = null, bool? thirdPartyIdentified = null)
    {
        var data = new Dictionary<string, object>
        {
            ["variant"] = variant,
            ["appliedOn"] = appliedOn,
            ["injuryCaseId"] = injuryCaseId,
            ["workerIdNumber"] = "370102198503120011",
            ["employerCreditCode"] = "91370100MA3C4E5F61",
            // 第九十三条: the fund's own benefits where the employer refuses, the medical costs only where a third party does not pay.
            ["claimItems"] = variant == "employer-refuses"
                ? new object[] { new { kind = "medical", amount = 32000.00m }, new { kind = "one-off-disability", amount = 18000.00m } }
                : new object[] { new { kind = "medical", amount = 50000.00m } },
            ["liableParty"] = new { name = "济南恒达建材有限公司", creditCode = TestParties.NewCreditCode() },
            ["materialsReceived"] = materials ?? ["written-application", "injury-decision", "enforcement-suspended-employer"],
        };
        if (thirdPartyIdentified is { } known)
        {
            data["thirdPartyIdentified"] = known;
        }

        return data;
    }

    /// <summary>A case started now and waiting in review (for 第九十一条, after the employer let the 催告's window pass).</summary>
    private Task<Guid> ReviewingAsync(string variant, string[] materials, bool? thirdPartyIdentified = null) =>
        StartAsync(variant, materials, thirdPartyIdentified, "IC-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Review recommended by the officer and approved by the reviewer: the case waits for the demand to be issued.</summary>
    private async Task<Guid> AdvancedAsync(decimal amount = 48000.00m)
    {
        At("2025-09-30 10:00");
        var caseId = await StartAsync();
        var approve = Task(await CompleteAsync(Task(await CaseAsync(caseId)), "recommend"));
        At("2025-10-09 10:00");
        var issue = Task(await CompleteAsync(approve, "approved", new { approvedAmount = amount, advancedOn = "2025-10-09" }, "reviewer.jinan"));
        Assert.Equal("issue-recovery-demand", issue.Str("state"));
        return caseId;
    }

    /// <summary>A limit's last day is the case's to its end: at 23:00 it still waits in <paramref name="waiting"/>; at midnight the sweep moves it on.</summary>
    private async Task LastDayThenNextAsync(Guid caseId, string lastDay, string nextDay, string waiting)
    {
        At(lastDay + " 23:00");
        await App.RunDueTimersAsync();
        Assert.Equal(waiting, (await CaseAsync(caseId)).Str("state"));
        At(nextDay + " 00:00");
        await App.RunDueTimersAsync();
    }

    private async Task<JsonElement> LedgerAsync(string user = "supervisor.jinan", string query = "") =>
        await (await (await App.As(user)).GetAsync("/api/ledgers/advance-payments" + query)).JsonAsync(HttpStatusCode.OK);

    private static JsonElement LedgerCase(JsonElement ledger, Guid caseId) =>
        Assert.Single(ledger.GetProperty("cases").EnumerateArray(), c => c.GetProperty("caseId").GetGuid() == caseId);

    [Fact]
    public async Task Under_article_91_the_employer_is_urged_within_3_working_days_and_paying_in_its_5_ends_the_case()
    {
        At("2025-09-29 10:00");
        var caseId = await StartAsync(Key, StartData("employer-refuses", "2025-09-29", await InjuryAsync("IC-URGE-1")));
        var urge = Task(await CaseAsync(caseId));
        // 令15号 第七条: the written demand within 3 working days of the application — 9/30, the National Day holidays, 10/9, 10/10.
        Assert.Equal(("urge-employer", "officer", "2025-10-10", "人社部令第15号第七条"), (urge.Str("state"), urge.Str("role"), urge.Str("dueOn"), urge.Str("basis")));
        await (await DemoFiling.CompleteAsync(await App.As("officer.jinan"), urge.Id(), "urged", new { })).FieldErrorAsync("data.urgedOn");

        At("2025-09-30 11:00");
        Assert.Equal("employer-payment-window", (await CompleteAsync(urge, "urged", new { urgedOn = "2025-09-30" })).Str("state"));
        var view = await CaseAsync(caseId);
        // 5 working days after the demand: 10/9, 10/10, Saturday 10/11 (make-up), 10/13, 10/14.
        Assert.Equal("2025-10-14", Data(view, "employerPaymentDueOn"));
        Assert.Equal(("2025-10-14", "人社部令第15号第八条"), (Timer(view, "transition").Str("dueOn"), Timer(view, "transition").Str("basis")));
        var demand = Assert.Single(await App.OutboxAsync(caseId), m => m.Template == "advance-payment-urge");
        Assert.Equal("employer", demand.Recipient);
        var payload = JsonDocument.Parse(demand.PayloadJson).RootElement;
        Assert.Equal(("2025-09-30", "2025-10-14"), (payload.Str("urgedOn"), payload.Str("employerPaymentDueOn")));

        At("2025-10-14 16:00");
        var paid = await EventOkAsync(caseId, "employer-paid", new { employerPaidOn = "2025-10-14" });
        Assert.Equal("paid-by-employer", paid.Str("endOutcome"));
        Assert.Contains(await App.OutboxAsync(caseId), m => m.Template == "advance-payment-paid-by-employer" && m.Recipient == "worker");
        Assert.Equal(0, await App.InDbAsync(db => db.LedgerEntries.AsNoTracking().CountAsync(e => e.CaseId == caseId)));
    }

    [Fact]
    public async Task An_urged_employer_that_lets_the_5_working_days_pass_sends_the_case_to_review_and_article_92_goes_there_at_once()
    {
        At("2025-09-29 10:00");
        var caseId = await StartAsync(Key, StartData("employer-refuses", "2025-09-29", await InjuryAsync("IC-URGE-2")));
        At("2025-09-30 11:00");
        await CompleteAsync(Task(await CaseAsync(caseId)), "urged", new { urgedOn = "2025-09-30" });

        // The 5th working day (10/14) is the employer's to its end; the fund advances from the next day (第八条).
        await LastDayThenNextAsync(caseId, "2025-10-14", "2025-10-15", "employer-payment-window");
        var review = Task(await CaseAsync(caseId));
        // The agency's 10 working days count from 10/15: 10/16 … 10/29.
        Assert.Equal(("review", "2025-10-29"), (review.Str("state"), review.Str("dueOn")));
        At("2025-10-15 09:00");
        await (await EventAsync(caseId, "employer-paid", new { employerPaidOn = "2025-10-15" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        // 第九十二条 (a third party): no employer to urge, review at once.
        var thirdParty = await StartAsync(Key, StartData("third-party-unpaid", "2025-10-15", await InjuryAsync("IC-URGE-3"), thirdPartyIdentified: false));
        Assert.Equal("review", Task(await CaseAsync(thirdParty)).Str("state"));
        Assert.DoesNotContain(await App.OutboxAsync(thirdParty), m => m.Template == "advance-payment-urge");
    }

    [Fact]
    public async Task An_advance_is_posted_to_the_ledger_and_recovered_in_partial_repayments_refusing_an_over_payment()
    {
        At("2025-09-29 10:00");
        var caseId = await StartAsync();
        var review = Task(await CaseAsync(caseId));
        // 10 working days from Monday 9/29: 9/30, the National Day holidays, 10/9, 10/10, Saturday 10/11 (make-up) … 10/20.
        Assert.Equal(("review", "officer", "2025-10-20", "第九十三条"), (review.Str("state"), review.Str("role"), review.Str("dueOn"), review.Str("basis")));

        At("2025-09-30 11:00");
        var approve = Task(await CompleteAsync(review, "recommend"));
        // 5 working days from 9/30: 10/9, 10/10, 10/11 (make-up), 10/13, 10/14.
        Assert.Equal(("approve", "reviewer", "2025-10-14"), (approve.Str("state"), approve.Str("role"), approve.Str("dueOn")));

        At("2025-10-09 10:00");
        var tooMuch = await (await DemoFiling.CompleteAsync(await App.As("reviewer.jinan"), approve.Id(), "approved", new { approvedAmount = 50000.01m, advancedOn = "2025-10-09" }))
            .FieldErrorAsync("data.approvedAmount");
        // The approval is measured against the claim where it is declared (第九十三条 pays what was claimed, no more).
        Assert.Equal("「核定先行支付金额」（¥50,000.01）不能超过「申请先行支付金额（各项合计）」（¥50,000.00）。", tooMuch);
        var issue = Task(await CompleteAsync(approve, "approved", new { approvedAmount = 48000.00m, advancedOn = "2025-10-09" }, "reviewer.jinan"));
        Assert.Equal(("issue-recovery-demand", "2025-10-22"), (issue.Str("state"), issue.Str("dueOn")));
        Assert.Contains(await App.OutboxAsync(caseId), m => m.Template == "advance-payment-approved" && m.Recipient == "worker");
        Assert.Equal("48000.00", Data(await CaseAsync(caseId), "outstanding"));

        At("2025-10-10 15:00");
        var recovery = await CompleteAsync(issue, "issued", new { demandIssuedOn = "2025-10-10" });
        Assert.Equal("recovery", recovery.Str("state"));
        var view = await CaseAsync(caseId);
        // 令15号 第十三条: the employer repays within 10 days of the demand (Monday 10/20), shown as the recovery's clock.
        Assert.Equal("2025-10-20", Data(view, "repaymentDueOn"));
        Assert.Equal(("2025-10-20", "人社部令第15号第十三条"), (Timer(view, "transition").Str("dueOn"), Timer(view, "transition").Str("basis")));
        Assert.Contains(await App.OutboxAsync(caseId), m => m.Template == "recovery-demand" && m.Recipient == "liable-party");

        At("2025-10-15 09:00");
        Assert.Equal("recovery", (await EventOkAsync(caseId, "repayment", new { repaymentAmount = 20000m, repaidOn = "2025-10-15" })).Str("state"));
        var over = await (await EventAsync(caseId, "repayment", new { repaymentAmount = 28000.01m, repaidOn = "2025-10-15" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("本次偿还金额（¥28,000.01）超过待追偿余额¥28,000.00，多付部分不予收取。", over.GetProperty("detail").GetString());
        Assert.Contains("event-refused", DemoFiling.Actions(await CaseAsync(caseId)));

        At("2025-10-20 09:00");
        var recovered = await EventOkAsync(caseId, "repayment", new { repaymentAmount = 28000m, repaidOn = "2025-10-20" });
        Assert.Equal("recovered", recovered.Str("endOutcome"));

        var row = LedgerCase(await LedgerAsync(), caseId);
        Assert.Equal("48000.00", row.GetProperty("advanced").GetRawText());
        Assert.Equal((48000m, 48000m, 0m, 0m), (row.GetProperty("advanced").GetDecimal(), row.GetProperty("recovered").GetDecimal(), row.GetProperty("writtenOff").GetDecimal(), row.GetProperty("outstanding").GetDecimal()));
        Assert.Equal(("2025-10-09", "2025-10-20", "recovered"), (row.Str("advancedOn"), row.Str("lastRepaidOn"), row.Str("state")));
        var postings = (await App.JournalAsync(caseId)).Where(j => j.Action == "ledger-posted").Select(j => JsonDocument.Parse(j.DataJson).RootElement.GetProperty("entry").GetString()).ToList();
        Assert.Equal(["advanced", "repaid", "repaid"], postings);
        var late = await (await EventAsync(caseId, "repayment", new { repaymentAmount = 1m, repaidOn = "2025-10-20" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("已全部追回", late.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_10_days_to_repay_end_on_the_first_working_day_after_the_National_Day_holidays()
    {
        At("2025-09-15 10:00");
        var caseId = await StartAsync(injuryCaseName: "IC-REPAY-HOLIDAY");
        var approve = Task(await CompleteAsync(Task(await CaseAsync(caseId)), "recommend"));
        At("2025-09-22 10:00");
        var issue = Task(await CompleteAsync(approve, "approved", new { approvedAmount = 12000m, advancedOn = "2025-09-22" }, "reviewer.jinan"));
        At("2025-09-25 10:00");
        await CompleteAsync(issue, "issued", new { demandIssuedOn = "2025-09-25" });
        var view = await CaseAsync(caseId);
        // 9/25 + 10 days is Sunday 10/05, inside the National Day holidays (10/1–10/8): the last day is the day after
        // the holidays end, Thursday 10/09 (民法典 第二百零三条).
        Assert.Equal("2025-10-09", Data(view, "repaymentDueOn"));
        Assert.Equal(("2025-10-09", "人社部令第15号第十三条"), (Timer(view, "transition").Str("dueOn"), Timer(view, "transition").Str("basis")));
        var demand = Assert.Single(await App.OutboxAsync(caseId), m => m.Template == "recovery-demand");
        Assert.Equal("liable-party", demand.Recipient);

        await LastDayThenNextAsync(caseId, "2025-10-09", "2025-10-10", "recovery");
        Assert.Equal("recovery-escalation", Task(await CaseAsync(caseId)).Str("state"));
    }

    [Fact]
    public async Task An_instalment_agreement_needs_a_guarantee_and_a_write_off_needs_its_ground_and_the_province()
    {
        var caseId = await AdvancedAsync();
        At("2025-10-10 15:00");
        await CompleteAsync(Task(await CaseAsync(caseId)), "issued", new { demandIssuedOn = "2025-10-10" });
        At("2025-10-15 09:00");
        await EventOkAsync(caseId, "repayment", new { repaymentAmount = 20000m, repaidOn = "2025-10-15" });

        // The 10th day (Monday 10/20) ends at 24:00; then the timer moves the case to a supervisor.
        await LastDayThenNextAsync(caseId, "2025-10-20", "2025-10-21", "recovery");
        var escalation = Task(await CaseAsync(caseId));
        // 10 working days from Tuesday 10/21: 10/22 … 11/04.
        Assert.Equal(("recovery-escalation", "supervisor", "2025-11-04"), (escalation.Str("state"), escalation.Str("role"), escalation.Str("dueOn")));

        At("2025-10-21 10:00");
        var supervisor = await App.As("supervisor.jinan");
        var noGuarantee = await (await DemoFiling.CompleteAsync(supervisor, escalation.Id(), "take-measure", new { recoveryMeasure = "instalment-agreement", measurePaper = "延期还款协议（2025）济工伤追字第8号", repaymentDueOn = "2025-12-10" }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("须由其提供担保（人社部令第15号第十三条）", noGuarantee.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var noDate = await (await DemoFiling.CompleteAsync(supervisor, escalation.Id(), "take-measure", new { recoveryMeasure = "instalment-agreement", measurePaper = "延期还款协议（2025）济工伤追字第8号", guaranteeProvided = true, guaranteePaper = "保证合同（附件2）" }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("新的偿还期限", noDate.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var agreed = await CompleteAsync(escalation, "take-measure", new { recoveryMeasure = "instalment-agreement", measurePaper = "延期还款协议（2025）济工伤追字第8号", guaranteeProvided = true, guaranteePaper = "保证合同（附件2）", repaymentDueOn = "2025-12-10", escalationNote = "单位账户余额不足，提供担保后分期偿还" }, "supervisor.jinan");
        Assert.Equal("recovery", agreed.Str("state"));
        Assert.Equal("2025-12-10", Timer(await CaseAsync(caseId), "transition").Str("dueOn"));
        var measure = (await App.JournalAsync(caseId)).Where(j => j.Action == "recorded").Select(j => JsonDocument.Parse(j.DataJson).RootElement).Single(d => d.Str("what") == "recovery-measure-taken");
        Assert.Equal(("instalment-agreement", "延期还款协议（2025）济工伤追字第8号", "保证合同（附件2）"), (measure.Str("recoveryMeasure"), measure.Str("measurePaper"), measure.Str("guaranteePaper")));

        At("2025-12-11 00:00");
        await App.RunDueTimersAsync();
        var again = Task(await CaseAsync(caseId));
        At("2025-12-11 10:00");
        await (await DemoFiling.CompleteAsync(supervisor, again.Id(), "write-off", new { escalationNote = "报请核销" })).FieldErrorAsync("data.writeOffGround");
        var proposal = Task(await CompleteAsync(again, "write-off", new { writeOffGround = "责任单位已注销，法院裁定终结本次执行程序，无可执行财产", escalationNote = "报请省级核销" }, "supervisor.jinan"));
        Assert.Equal(("approve-write-off", "supervisor"), (proposal.Str("state"), proposal.Str("role")));
        // The city that could not recover does not also forgive the debt: a city supervisor is refused.
        var city = await (await DemoFiling.CompleteAsync(supervisor, proposal.Id(), "approved", new { writtenOffOn = "2025-12-11" })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("省级", city.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var writtenOff = await CompleteAsync(proposal, "approved", new { writtenOffOn = "2025-12-11", writeOffDecisionNote = "同意核销" }, "supervisor.province");
        Assert.Equal("written-off", writtenOff.Str("endOutcome"));

        var row = LedgerCase(await LedgerAsync(), caseId);
        Assert.Equal((48000m, 20000m, 28000m, 0m), (row.GetProperty("advanced").GetDecimal(), row.GetProperty("recovered").GetDecimal(), row.GetProperty("writtenOff").GetDecimal(), row.GetProperty("outstanding").GetDecimal()));
    }

    [Fact]
    public async Task An_account_transfer_sets_a_new_date_and_an_application_to_the_court_refers_the_case_with_the_balance_outstanding()
    {
        var caseId = await AdvancedAsync(30000m);
        At("2025-10-10 15:00");
        await CompleteAsync(Task(await CaseAsync(caseId)), "issued", new { demandIssuedOn = "2025-10-10" });
        At("2025-10-21 00:00");
        await App.RunDueTimersAsync();
        At("2025-10-21 10:00");
        var escalation = Task(await CaseAsync(caseId));
        await (await DemoFiling.CompleteAsync(await App.As("supervisor.jinan"), escalation.Id(), "take-measure", new { recoveryMeasure = "account-transfer" })).FieldErrorAsync("data.measurePaper");
        var transfer = await CompleteAsync(escalation, "take-measure", new { recoveryMeasure = "account-transfer", measurePaper = "划拨决定书 济人社划字〔2025〕12号", repaymentDueOn = "2025-11-05" }, "supervisor.jinan");
        Assert.Equal("recovery", transfer.Str("state"));

        At("2025-11-06 00:00");
        await App.RunDueTimersAsync();
        At("2025-11-06 10:00");
        var referred = await CompleteAsync(Task(await CaseAsync(caseId)), "take-measure", new { recoveryMeasure = "court-application", measurePaper = "强制执行申请书（附件3）", escalationNote = "账户余额不足且未提供担保，申请法院扣押、查封、拍卖" }, "supervisor.jinan");
        Assert.Equal("referred", referred.Str("endOutcome"));
        var measures = (await App.JournalAsync(caseId)).Where(j => j.Action == "recorded").Select(j => JsonDocument.Parse(j.DataJson).RootElement)
            .Where(d => d.Str("what") == "recovery-measure-taken").Select(d => d.Str("recoveryMeasure")).ToList();
        Assert.Equal(["account-transfer", "court-application"], measures);
        var ledger = await LedgerAsync();
        Assert.Equal(30000m, LedgerCase(ledger, caseId).GetProperty("outstanding").GetDecimal());
        var cityRow = Assert.Single(ledger.GetProperty("cities").EnumerateArray(), c => c.Str("city") == "370100");
        Assert.True(cityRow.GetProperty("outstanding").GetDecimal() >= 30000m);
    }

    [Fact]
    public async Task Missing_materials_depend_on_the_variant_and_are_all_listed_in_one_notice()
    {
        At("2025-09-30 10:00");
        var caseId = await StartAsync("third-party-unpaid", ["written-application", "injury-decision"], thirdPartyIdentified: false);
        var review = Task(await CaseAsync(caseId));
        var refused = await (await DemoFiling.CompleteAsync(await App.As("officer.jinan"), review.Id(), "recommend", null)).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("尚有1项必需材料未收到", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The third party turns out to be known: the court's papers are needed instead of the police's proof.
        var waiting = await CompleteAsync(review, "missing-materials", new { thirdPartyIdentified = true, reviewNote = "第三人已确定，请提供法院文书" });
        Assert.Equal("awaiting-materials", waiting.Str("state"));
        var notice = Assert.Single(await App.OutboxAsync(caseId), m => m.Template == "one-time-missing-materials-notice");
        var payload = JsonDocument.Parse(notice.PayloadJson).RootElement;
        var missing = payload.GetProperty("missing").EnumerateArray().Select(m => (m.Str("key"), m.Str("basis"))).ToList();
        Assert.Equal([("civil-judgment", "第九十二条（二）"), ("enforcement-suspended-third-party", "第九十二条（四）")], missing);
        Assert.Equal("第三人已确定，请提供法院文书", payload.Str("reasons"));
        Assert.Equal("2025-10-30", Data(await CaseAsync(caseId), "materialsDeadline"));

        At("2025-10-09 11:00");
        var again = Task(await EventOkAsync(caseId, "resubmitted", new { resubmittedOn = "2025-10-09", materialsReceived = new[] { "written-application", "injury-decision", "civil-judgment", "enforcement-suspended-third-party" } }));
        // A fresh 10 working days from Thursday 10/9: 10/10, Saturday 10/11 (make-up), 10/13 … 10/22.
        Assert.Equal(("review", "2025-10-22"), (again.Str("state"), again.Str("dueOn")));
        Assert.Equal("approve", (await CompleteAsync(again, "recommend")).Str("state"));
    }

    [Fact]
    public async Task The_injury_decision_is_required_under_both_articles_and_asked_for_in_the_one_notice()
    {
        // 令15号 第六条: the worker applies 持工伤认定决定书 (第九十一条); 第四条 (第九十二条) applies once the injury 被认定为工伤, which the decision proves.
        At("2025-09-30 10:00");
        foreach (var (variant, papers, known) in new[]
        {
            ("employer-refuses", new[] { "written-application", "enforcement-suspended-employer" }, (bool?)null),
            ("third-party-unpaid", new[] { "written-application", "civil-judgment", "enforcement-suspended-third-party" }, (bool?)true),
        })
        {
            var caseId = await ReviewingAsync(variant, papers, known);
            var review = Task(await CaseAsync(caseId));
            var refused = await (await DemoFiling.CompleteAsync(await App.As("officer.jinan"), review.Id(), "recommend", null)).ProblemAsync(HttpStatusCode.UnprocessableEntity);
            Assert.Contains("尚有1项必需材料未收到", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal("awaiting-materials", (await CompleteAsync(review, "missing-materials", new { reviewNote = "请提供工伤认定决定书" })).Str("state"));
            var notice = Assert.Single(await App.OutboxAsync(caseId), m => m.Template == "one-time-missing-materials-notice");
            var missing = Assert.Single(JsonDocument.Parse(notice.PayloadJson).RootElement.GetProperty("missing").EnumerateArray());
            Assert.Equal(("injury-decision", "第九十一条、第九十二条（人社部令第15号第六条：持工伤认定决定书申请；第四条：被认定为工伤后申请）"), (missing.Str("key"), missing.Str("basis")));
        }
    }

    [Fact]
    public async Task The_claim_is_itemised_and_totalled_exactly_and_an_item_the_fund_does_not_advance_is_refused_naming_it_and_article_93()
    {
        At("2025-09-30 10:00");
        var officer = await App.As("officer.jinan");
        var itemsInjury = await InjuryAsync("IC-ITEMS");
        object Claim(string variant, params (string Kind, decimal Amount)[] items) => new
        {
            procedure = Key, city = "370100",
            data = new
            {
                variant, appliedOn = "2025-09-30", injuryCaseId = itemsInjury, workerIdNumber = "370102198503120011", employerCreditCode = "91370100MA3C4E5F61",
                liableParty = new { name = "济南恒达建材有限公司" }, claimItems = items.Select(i => new { kind = i.Kind, amount = i.Amount }).ToArray(),
            },
        };
        var before = await App.InDbAsync(db => db.Instances.AsNoTracking().CountAsync());

        // Under 第九十一条 the fund advances what it pays itself; wages of the paid leave and a grade 5–6 allowance are the employer's.
        var wages = await (await officer.PostJsonAsync("/api/cases", Claim("employer-refuses", ("medical", 1000m), ("stop-work-wages", 6000m)))).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.StartsWith("第2项「停工留薪期工资福利（由用人单位支付）」不属于可先行支付的项目（第九十三条", wages.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var grade5 = await (await officer.PostJsonAsync("/api/cases", Claim("employer-refuses", ("disability-allowance-5-6", 3200m)))).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.StartsWith("第1项「五级、六级伤残津贴（由用人单位支付）」不属于可先行支付的项目（第九十三条", grade5.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // Under 第九十二条 only the medical costs.
        var meals = await (await officer.PostJsonAsync("/api/cases", Claim("third-party-unpaid", ("medical", 800m), ("hospital-meals", 300m)))).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("「住院伙食补助费」", meals.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("第三人不支付或无法确定第三人的，只先行支付工伤医疗费", meals.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var none = await (await officer.PostJsonAsync("/api/cases", Claim("third-party-unpaid"))).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("「申请先行支付项目」须至少列明一项", none.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await App.InDbAsync(db => db.Instances.AsNoTracking().CountAsync()));

        // The total is the items' sum, to the fen, never rounded.
        var employer = (await (await officer.PostJsonAsync("/api/cases", Claim("employer-refuses", ("medical", 12345.67m), ("hospital-meals", 1234.50m), ("one-off-disability", 36000.00m), ("disability-allowance-1-4", 0.01m))))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("caseId").GetGuid();
        Assert.Equal("49580.18", Data(await CaseAsync(employer), "claimedAmount"));
        Assert.Equal("urge-employer", Task(await CaseAsync(employer)).Str("state"));
        var thirdParty = (await (await officer.PostJsonAsync("/api/cases", Claim("third-party-unpaid", ("medical", 8888.88m), ("medical", 1111.12m))))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("caseId").GetGuid();
        var review = Task(await CaseAsync(thirdParty));
        Assert.Equal("10000.00", Data(await CaseAsync(thirdParty), "claimedAmount"));

        // What is advanced is what is approved, never above the admissible items' total (第九十三条), and the ledger posts it.
        await CompleteAsync(review, "missing-materials", new { thirdPartyIdentified = false, reviewNote = "请提供申请书、工伤认定决定书和无法确定第三人的证明" });
        var again = Task(await EventOkAsync(thirdParty, "resubmitted", new { resubmittedOn = "2025-09-30", materialsReceived = new[] { "written-application", "injury-decision", "no-third-party-proof" } }));
        var next = Task(await CompleteAsync(again, "recommend"));
        var above = await (await DemoFiling.CompleteAsync(await App.As("reviewer.jinan"), next.Id(), "approved", new { approvedAmount = 10000.01m, advancedOn = "2025-09-30" })).FieldErrorAsync("data.approvedAmount");
        Assert.Contains("「申请先行支付金额（各项合计）」（¥10,000.00）", above, StringComparison.Ordinal);
        await CompleteAsync(next, "approved", new { approvedAmount = 10000.00m, advancedOn = "2025-09-30" }, "reviewer.jinan");
        Assert.Equal(10000.00m, LedgerCase(await LedgerAsync(), thirdParty).GetProperty("advanced").GetDecimal());
    }

    [Fact]
    public async Task Unknown_material_keys_and_a_bad_credit_code_are_refused_naming_the_field()
    {
        At("2025-09-30 10:00");
        var officer = await App.As("officer.jinan");
        var badKey = await officer.PostJsonAsync("/api/cases", new
        {
            procedure = Key, city = "370100",
            data = new { variant = "employer-refuses", appliedOn = "2025-09-30", injuryCaseId = await InjuryAsync("IC-1"), workerIdNumber = "370102198503120011", employerCreditCode = "91370100MA3C4E5F61", claimItems = new[] { new { kind = "medical", amount = 1m } }, liableParty = new { name = "x" }, materialsReceived = new[] { "written-application", "photo" } },
        });
        Assert.Contains("written-application", await badKey.FieldErrorAsync("data.materialsReceived[1]"), StringComparison.Ordinal);
        var badCode = await officer.PostJsonAsync("/api/cases", new
        {
            procedure = Key, city = "370100",
            data = new { variant = "employer-refuses", appliedOn = "2025-09-30", injuryCaseId = await InjuryAsync("IC-1"), workerIdNumber = "370102198503120011", employerCreditCode = "91370100MA3C4E5F61", claimItems = new[] { new { kind = "medical", amount = 1m } }, liableParty = new { name = "x", creditCode = TestParties.WithWrongCheck(TestParties.NewCreditCode()) } },
        });
        await badCode.FieldErrorAsync("data.liableParty.creditCode");
        // Without the optional credit code (a person, or an unknown third party) the case starts.
        var person = await officer.PostJsonAsync("/api/cases", new
        {
            procedure = Key, city = "370100",
            data = new { variant = "third-party-unpaid", appliedOn = "2025-09-30", injuryCaseId = await InjuryAsync("IC-1"), workerIdNumber = "370102198503120011", employerCreditCode = "91370100MA3C4E5F61", claimItems = new[] { new { kind = "medical", amount = 1m } }, liableParty = new { name = "肇事者（未查明）" } },
        });
        await person.JsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Rejections_end_the_case_without_touching_the_ledger()
    {
        At("2025-09-30 10:00");
        var byOfficer = await StartAsync(injuryCaseName: "IC-REJ-1");
        var review = Task(await CaseAsync(byOfficer));
        await (await DemoFiling.CompleteAsync(await App.As("officer.jinan"), review.Id(), "rejected", new { })).FieldErrorAsync("data.reviewNote");
        Assert.Equal("rejected", (await CompleteAsync(review, "rejected", new { reviewNote = "用人单位已支付" })).Str("endOutcome"));

        var byReviewer = await StartAsync(injuryCaseName: "IC-REJ-2");
        var approve = Task(await CompleteAsync(Task(await CaseAsync(byReviewer)), "recommend"));
        await (await DemoFiling.CompleteAsync(await App.As("officer.jinan"), approve.Id(), "approved", new { approvedAmount = 1m, advancedOn = "2025-09-30" })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("rejected", (await CompleteAsync(approve, "rejected", new { approveNote = "不符合先行支付条件" }, "reviewer.jinan")).Str("endOutcome"));

        var entries = await App.InDbAsync(db => db.LedgerEntries.AsNoTracking().Where(e => e.CaseId == byOfficer || e.CaseId == byReviewer).CountAsync());
        Assert.Equal(0, entries);
        Assert.Contains(await App.OutboxAsync(byReviewer), m => m.Template == "advance-payment-rejected");
    }

    [Fact]
    public async Task The_ledger_shows_a_city_only_its_own_cases_and_refuses_another_city()
    {
        var caseId = await AdvancedAsync();
        Assert.Contains((await LedgerAsync("officer.jinan")).GetProperty("cases").EnumerateArray(), c => c.GetProperty("caseId").GetGuid() == caseId);
        Assert.DoesNotContain((await LedgerAsync("officer.qingdao")).GetProperty("cases").EnumerateArray(), c => c.GetProperty("caseId").GetGuid() == caseId);
        await (await (await App.As("officer.qingdao")).GetAsync("/api/ledgers/advance-payments?city=370100")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains((await LedgerAsync("supervisor.province", "?city=370100")).GetProperty("cases").EnumerateArray(), c => c.GetProperty("caseId").GetGuid() == caseId);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.As("designer")).GetAsync("/api/ledgers/advance-payments")).StatusCode);
    }
}

public sealed class AdvancePaymentOnSqlite(SqliteRuntimeApp app) : AdvancePaymentScenarios(app), IClassFixture<SqliteRuntimeApp>;

public sealed class AdvancePaymentOnPostgres(PostgresRuntimeApp app) : AdvancePaymentScenarios(app), IClassFixture<PostgresRuntimeApp>;
