using System.Net;
using System.Text.Json;
using Cases.Web.Tests.Pages;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Procedures;

/// <summary>fee-rate-objection — 费率浮动异议 (第二十一、二十二条), every path, across the 2025 National Day holidays.</summary>
public abstract class FeeRateObjectionScenarios(AppFixture app) : ProcedureScenario(app)
{
    private const string Key = "fee-rate-objection";

    private static readonly object[] WageTotals = [new { month = "2025-07", total = 1_000_000m }, new { month = "2025-08", total = 1_200_000m }];

    private const string LateObjection = "异议须在收到费率告知之日起10个工作日内提出（第二十二条），已于2025年10月22日届满。";

    private Task<Guid> StartAsync(decimal newRate = 0.0045m, string adjustedOn = "2025-09-26") => StartAsync(Key, new
    {
        employerCreditCode = "91370100MA3C4E5F61",
        previousRate = 0.005m,
        newRate,
        effectiveFrom = "2025-07",
        adjustedOn,
    });

    /// <summary>The task's page as its officer reads it: the deadline's label says from which day it counts.</summary>
    private async Task<string> TaskPageTextAsync(JsonElement task) =>
        (await (await App.As("officer.jinan")).OpenAsync($"/tasks/{task.Id()}")).QuerySelector("main").Text();

    private async Task<JsonElement> PayloadAsync(Guid caseId, string template, string recipient)
    {
        var message = Assert.Single(await App.OutboxAsync(caseId), m => m.Template == template);
        Assert.Equal(recipient, message.Recipient);
        return JsonDocument.Parse(message.PayloadJson).RootElement;
    }

    /// <summary>Started, notified (notice received Thursday 10/9): the case waits in the objection window.</summary>
    private async Task<Guid> NotifiedAsync(decimal newRate = 0.0045m)
    {
        At("2025-09-26 10:00");
        var caseId = await StartAsync(newRate);
        var notify = Task(await CaseAsync(caseId));
        // 10 working days after Friday 9/26, over the National Day holidays and two make-up days.
        Assert.Equal(("notify-employer", "2025-10-16", "第二十二条"), (notify.Str("state"), notify.Str("dueOn"), notify.Str("basis")));
        At("2025-10-09 15:00");
        var waiting = await CompleteAsync(notify, "notified", new { noticeReceivedOn = "2025-10-09" });
        Assert.Equal("objection-window", waiting.Str("state"));
        return caseId;
    }

    [Fact]
    public async Task A_notice_received_before_the_rate_was_adjusted_is_refused_at_its_field_naming_both_dates_and_nothing_changes()
    {
        At("2025-09-26 10:00");
        var caseId = await StartAsync();
        var notify = Task(await CaseAsync(caseId));
        At("2025-10-09 15:00");

        var early = await (await DemoFiling.CompleteAsync(await App.As("officer.jinan"), notify.Id(), "notified", new { noticeReceivedOn = "2025-09-25" }))
            .FieldErrorAsync("data.noticeReceivedOn");

        Assert.Equal("「单位收到告知日期」（2025年9月25日）不能早于「费率调整日期」（2025年9月26日）。", early);
        var view = await CaseAsync(caseId);
        Assert.Equal(("notify-employer", (string?)null), (view.Str("state"), Data(view, "noticeReceivedOn")));
        Assert.Equal(notify.Id(), Task(view).Id());
        // A bad date is bad input (400), not a refusal under a rule: no notice goes out on it.
        Assert.DoesNotContain(await App.OutboxAsync(caseId), m => m.Template == "rate-floating-notice");
    }

    [Fact]
    public async Task A_notice_received_tomorrow_is_refused_and_today_is_accepted()
    {
        At("2025-09-26 10:00");
        var caseId = await StartAsync();
        var notify = Task(await CaseAsync(caseId));
        At("2025-10-09 15:00");

        var future = await (await DemoFiling.CompleteAsync(await App.As("officer.jinan"), notify.Id(), "notified", new { noticeReceivedOn = "2025-10-10" }))
            .FieldErrorAsync("data.noticeReceivedOn");
        Assert.Equal("「单位收到告知日期」（2025年10月10日）不能晚于今天（2025年10月9日）。", future);

        var waiting = await CompleteAsync(notify, "notified", new { noticeReceivedOn = "2025-10-09" });
        Assert.Equal(("objection-window", "2025-10-09"), (waiting.Str("state"), Data(await CaseAsync(caseId), "noticeReceivedOn")));
    }

    [Fact]
    public async Task An_objection_dated_before_the_notice_is_refused_at_its_field_in_the_readers_language()
    {
        var caseId = await NotifiedAsync();
        At("2025-10-13 09:00");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{caseId}/events/objection")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { receivedOn = "2025-10-08", reason = "支缴率计算有误" }),
        };
        request.Headers.AcceptLanguage.ParseAdd("en");

        var refused = await (await (await App.As("officer.jinan")).SendAsync(request)).FieldErrorAsync("data.receivedOn");

        Assert.Equal("Objection received on (8 October 2025) cannot be before Notice received on (9 October 2025).", refused);
        Assert.Equal("objection-window", (await CaseAsync(caseId)).Str("state"));
    }

    [Fact]
    public async Task The_objection_window_is_10_working_days_from_the_notice_and_shows_among_the_clocks()
    {
        var caseId = await NotifiedAsync();
        var view = await CaseAsync(caseId);
        // 10/10, Saturday 10/11 (make-up), 10/13 … 10/17, 10/20, 10/21, 10/22.
        Assert.Equal("2025-10-22", Data(view, "objectionDeadline"));
        var window = Timer(view, "transition");
        Assert.Equal(("2025-10-22", "第二十二条", "no-objection"), (window.Str("dueOn"), window.Str("basis"), window.Str("targetState")));
    }

    [Fact]
    public async Task The_employer_is_sent_the_rate_the_month_it_applies_from_and_the_last_day_to_object_once_the_notice_is_received()
    {
        var caseId = await NotifiedAsync();

        // 第二十二条: the last day to object is counted from the day the notice was received, so the letter is written then.
        var notice = await PayloadAsync(caseId, "rate-floating-notice", "employer");
        Assert.Equal(
            ("objection-window", "91370100MA3C4E5F61", 0.005m, 0.0045m, "2025-07", "2025-10-09", "2025-10-22", Key),
            (notice.Str("state"), notice.Str("employerCreditCode"), notice.GetProperty("previousRate").GetDecimal(), notice.GetProperty("newRate").GetDecimal(),
                notice.Str("effectiveFrom"), notice.Str("noticeReceivedOn"), notice.Str("objectionDeadline"), notice.Str("procedure")));
        Assert.Equal(caseId.ToString(), notice.Str("caseId"));
    }

    [Fact]
    public async Task A_late_objection_is_refused_naming_the_last_day_and_journaled()
    {
        var caseId = await NotifiedAsync();
        At("2025-10-23 09:00");
        var late = await (await EventAsync(caseId, "objection", new { receivedOn = "2025-10-23", reason = "支缴率计算有误" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("异议须在收到费率告知之日起10个工作日内提出（第二十二条），已于2025年10月22日届满。", late.GetProperty("detail").GetString());
        var journal = await App.JournalAsync(caseId);
        Assert.Equal("event-refused", journal[^1].Action);
        // The journal keeps the refusal in both languages, so either reader reads it later.
        var reason = JsonDocument.Parse(journal[^1].DataJson).RootElement.GetProperty("reason");
        Assert.Equal("异议须在收到费率告知之日起10个工作日内提出（第二十二条），已于2025年10月22日届满。", reason.Str("zh"));
        Assert.Equal("第二十二条: an objection is filed within 10 working days of receiving the notice; the last day was 22 October 2025.", reason.Str("en"));
    }

    [Fact]
    public async Task A_late_objection_is_refused_in_English_for_a_reader_who_asks_for_English()
    {
        var caseId = await NotifiedAsync();
        At("2025-10-23 09:00");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{caseId}/events/objection")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { receivedOn = "2025-10-23", reason = "支缴率计算有误" }),
        };
        request.Headers.AcceptLanguage.ParseAdd("en");

        var late = await (await (await App.As("officer.jinan")).SendAsync(request)).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("第二十二条: an objection is filed within 10 working days of receiving the notice; the last day was 22 October 2025.", late.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task With_no_objection_the_new_rate_is_settled_a_late_objection_is_refused_meanwhile_and_after_and_the_tax_department_is_told()
    {
        var caseId = await NotifiedAsync();
        At("2025-10-23 00:00");
        await App.RunDueTimersAsync();

        // 第二十二条 ¶2: the months declared at the old rate are settled whether or not the employer objected.
        var view = await CaseAsync(caseId);
        var settle = Task(view);
        Assert.Equal(("settle-no-objection", (string?)null, "0.0045"), (view.Str("state"), view.Str("endOutcome"), Data(view, "finalRate")));
        // The agency's own target: 20 working days from 10/23.
        Assert.Equal(("2025-11-20", "第二十二条"), (settle.Str("dueOn"), settle.Str("basis")));
        Assert.Contains("本机构默认20个工作日内结算", await TaskPageTextAsync(settle), StringComparison.Ordinal);

        var meanwhile = await (await EventAsync(caseId, "objection", new { receivedOn = "2025-10-23", reason = "支缴率计算有误" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(LateObjection, meanwhile.GetProperty("detail").GetString());
        Assert.Equal("event-refused", (await App.JournalAsync(caseId))[^1].Action);
        Assert.Equal("settle-no-objection", (await CaseAsync(caseId)).Str("state"));

        At("2025-10-28 10:00");
        var done = await CompleteAsync(settle, "settled", new { monthlyWageTotals = WageTotals });
        Assert.Equal("final-no-objection", done.Str("endOutcome"));
        // (4,500 − 5,000) + (5,400 − 6,000): a refund of 1,100.00.
        Assert.Equal(-1100m, (await CaseAsync(caseId)).GetProperty("data").GetProperty("difference").GetDecimal());
        var settlement = await PayloadAsync(caseId, "rate-difference-settlement", "employer");
        Assert.Equal(-1100m, settlement.GetProperty("difference").GetDecimal());
        // 第二十一条: the rate in force, and what was settled on it, are passed to the tax department.
        var tax = await PayloadAsync(caseId, "rate-to-tax-department", "tax-department");
        Assert.Equal(("91370100MA3C4E5F61", "2025-07", 0.005m, 0.0045m, -1100m),
            (tax.Str("employerCreditCode"), tax.Str("effectiveFrom"), tax.GetProperty("previousRate").GetDecimal(), tax.GetProperty("finalRate").GetDecimal(), tax.GetProperty("difference").GetDecimal()));

        var late = await (await EventAsync(caseId, "objection", new { receivedOn = "2025-10-28", reason = "x" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        // Said as a date of the reader's language, never as the ISO form the case data holds.
        Assert.Equal(LateObjection, late.GetProperty("detail").GetString());
        Assert.Equal("event-refused", (await App.JournalAsync(caseId))[^1].Action);
    }

    [Fact]
    public async Task With_no_objection_and_an_unchanged_rate_the_case_ends_at_once_and_the_tax_department_is_told_the_rate()
    {
        var caseId = await NotifiedAsync(newRate: 0.005m);
        At("2025-10-23 00:00");
        await App.RunDueTimersAsync();

        var view = await CaseAsync(caseId);
        Assert.Equal(("final-no-objection", 0), (view.Str("endOutcome"), view.GetProperty("openTasks").GetArrayLength()));
        Assert.Null(Data(view, "difference"));
        Assert.DoesNotContain(await App.OutboxAsync(caseId), m => m.Template == "rate-difference-settlement");
        var tax = await PayloadAsync(caseId, "rate-to-tax-department", "tax-department");
        Assert.Equal((0.005m, JsonValueKind.Null), (tax.GetProperty("finalRate").GetDecimal(), tax.GetProperty("difference").ValueKind));

        var late = await (await EventAsync(caseId, "objection", new { receivedOn = "2025-10-23", reason = "x" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(LateObjection, late.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_revised_rate_is_told_to_the_employer_and_the_months_paid_at_the_old_rate_are_refunded()
    {
        var caseId = await NotifiedAsync();
        At("2025-10-20 10:00");
        var redetermine = Task(await EventOkAsync(caseId, "objection", new { receivedOn = "2025-10-20", reason = "安全生产标准化等级已提升" }));
        Assert.Equal(("redetermine", "2025-11-03", "第二十二条"), (redetermine.Str("state"), redetermine.Str("dueOn"), redetermine.Str("basis")));
        await (await DemoFiling.CompleteAsync(await App.As("officer.jinan"), redetermine.Id(), "revised", new { grounds = "x" })).FieldErrorAsync("data.revisedRate");

        var settle = Task(await CompleteAsync(redetermine, "revised", new { grounds = "按上一周期支缴率重新核定", revisedRate = 0.004m }));
        Assert.Equal("settle-difference", settle.Str("state"));
        var result = Assert.Single(await App.OutboxAsync(caseId), m => m.Template == "rate-redetermination-result");
        Assert.Equal(0.004m, JsonDocument.Parse(result.PayloadJson).RootElement.GetProperty("finalRate").GetDecimal());

        await (await DemoFiling.CompleteAsync(await App.As("officer.jinan"), settle.Id(), "settled", new { monthlyWageTotals = new[] { new { month = "2025-07" } } }))
            .FieldErrorAsync("data.monthlyWageTotals[0].total");
        var done = await CompleteAsync(settle, "settled", new { monthlyWageTotals = WageTotals });
        Assert.Equal("settled", done.Str("endOutcome"));
        var view = await CaseAsync(caseId);
        // (4,000 − 5,000) + (4,800 − 6,000): a refund of 2,200.00.
        Assert.Equal(-2200m, view.GetProperty("data").GetProperty("difference").GetDecimal());
        var calculated = Assert.Single(await App.JournalAsync(caseId), j => j.Action == "calculated");
        var explanation = JsonDocument.Parse(calculated.DataJson).RootElement.GetProperty("explanation");
        Assert.Contains(explanation.EnumerateArray(), s => s.GetProperty("basis").GetString()!.Contains("第二十二条", StringComparison.Ordinal));
        // Each step is kept in both languages, so the journal reads in its reader's, years later.
        Assert.All(explanation.EnumerateArray(), s => Assert.True(
            s.GetProperty("step").GetProperty("zh").GetString()!.Any(c => c >= '\u4e00') && s.GetProperty("step").GetProperty("en").GetString()!.All(c => c < '\u4e00'),
            s.GetProperty("step").ToString()));
        Assert.Contains(await App.OutboxAsync(caseId), m => m.Template == "rate-difference-settlement");
        var tax = await PayloadAsync(caseId, "rate-to-tax-department", "tax-department");
        Assert.Equal((0.004m, -2200m), (tax.GetProperty("finalRate").GetDecimal(), tax.GetProperty("difference").GetDecimal()));
    }

    [Fact]
    public async Task An_upheld_rate_settles_at_the_new_floating_rate()
    {
        var caseId = await NotifiedAsync();
        At("2025-10-21 10:00");
        var redetermine = Task(await EventOkAsync(caseId, "objection", new { receivedOn = "2025-10-21", reason = "不同意" }));
        var settle = Task(await CompleteAsync(redetermine, "upheld", new { grounds = "维持" }));
        await CompleteAsync(settle, "settled", new { monthlyWageTotals = WageTotals });
        var view = await CaseAsync(caseId);
        Assert.Equal(0.0045m, view.GetProperty("data").GetProperty("finalRate").GetDecimal());
        Assert.Equal(-1100m, view.GetProperty("data").GetProperty("difference").GetDecimal());
    }

    [Fact]
    public async Task An_objection_without_its_materials_gets_one_notice_and_without_them_the_rate_stands()
    {
        var caseId = await NotifiedAsync();
        At("2025-10-20 10:00");
        var redetermine = Task(await EventOkAsync(caseId, "objection", new { receivedOn = "2025-10-20", reason = "安全生产标准化等级已提升", materialsReceived = new[] { "objection-application" } }));
        var waiting = await CompleteAsync(redetermine, "missing-materials", new { grounds = "请补充安全生产标准化等级证书等证明材料" });
        Assert.Equal("awaiting-materials", waiting.Str("state"));
        var notice = JsonDocument.Parse(Assert.Single(await App.OutboxAsync(caseId), m => m.Template == "one-time-missing-materials-notice").PayloadJson).RootElement;
        Assert.Equal(("employer", "supporting-materials"), (Assert.Single(await App.OutboxAsync(caseId), m => m.Template == "one-time-missing-materials-notice").Recipient, Assert.Single(notice.GetProperty("missing").EnumerateArray()).Str("key")));
        // The agency's default: 10 days to supply them (10/30); after that the rate stands and the difference is settled.
        Assert.Equal("2025-10-30", Data(await CaseAsync(caseId), "materialsDeadline"));
        At("2025-10-31 00:00");
        await App.RunDueTimersAsync();
        var view = await CaseAsync(caseId);
        Assert.Equal("settle-difference", view.Str("state"));
        Assert.Contains(await App.OutboxAsync(caseId), m => m.Template == "rate-redetermination-result");
    }

    [Fact]
    public async Task After_the_missing_materials_are_supplied_the_10_working_days_to_redetermine_count_from_that_day_over_the_holidays()
    {
        At("2025-09-10 10:00");
        var caseId = await StartAsync(adjustedOn: "2025-09-10");
        At("2025-09-12 10:00");
        await CompleteAsync(Task(await CaseAsync(caseId)), "notified", new { noticeReceivedOn = "2025-09-12" });
        At("2025-09-15 10:00");
        var first = Task(await EventOkAsync(caseId, "objection", new { receivedOn = "2025-09-15", reason = "安全生产标准化等级已提升", materialsReceived = new[] { "objection-application" } }));
        // Complete on receipt: 10 working days from Monday 9/15, the make-up Sunday 9/28 the tenth.
        Assert.Equal("2025-09-28", first.Str("dueOn"));
        At("2025-09-16 10:00");
        await CompleteAsync(first, "missing-materials", new { grounds = "请补充安全生产标准化等级证书" });

        At("2025-09-22 10:00");
        var redetermine = Task(await EventOkAsync(caseId, "resubmitted", new { resubmittedOn = "2025-09-22", materialsReceived = new[] { "objection-application", "supporting-materials" } }));

        // 第二十二条: the application is complete on the day the materials were supplied, and the 10 working days count
        // from then: 9/23–9/26, 9/28 (make-up), 9/29, 9/30, over the National Day holidays, 10/9, 10/10, 10/11 (make-up).
        Assert.Equal(("redetermine", "2025-10-11", "第二十二条"), (redetermine.Str("state"), redetermine.Str("dueOn"), redetermine.Str("basis")));
        Assert.Equal("10 working days from completeOn", redetermine.Str("dueRule"));
        Assert.Contains("收到申请之日起10个工作日内重新核定（补正材料的，自补正齐全之日起算）", await TaskPageTextAsync(redetermine), StringComparison.Ordinal);
        Assert.Equal(("2025-09-22", "2025-09-15"), (Data(await CaseAsync(caseId), "completeOn"), Data(await CaseAsync(caseId), "receivedOn")));
    }
}

public sealed class FeeRateObjectionOnSqlite(SqliteRuntimeApp app) : FeeRateObjectionScenarios(app), IClassFixture<SqliteRuntimeApp>;

public sealed class FeeRateObjectionOnPostgres(PostgresRuntimeApp app) : FeeRateObjectionScenarios(app), IClassFixture<PostgresRuntimeApp>;
