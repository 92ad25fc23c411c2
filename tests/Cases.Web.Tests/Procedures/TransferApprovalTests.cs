using System.Net;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Procedures;

/// <summary>transfer-approval — 转诊转院备案 (第三十八条; 第十五条's one-time notice; 第六十七条's meal subsidy as an item of the trip), every path.</summary>
public abstract class TransferApprovalScenarios(AppFixture app) : ProcedureScenario(app)
{
    private const string Key = "transfer-approval";

    private static readonly string[] BothPapers = ["application", "referral-opinion"];

    private static readonly string[] ApplicationOnly = ["application"];

    private static readonly object ToBeijing = new
    {
        hospital = "济南市第四人民医院", issuedOn = "2025-09-28", destinationHospital = "北京积水潭医院",
        destinationCityCode = "outside-shandong", destinationProvince = "北京市", destinationCity = "北京市", reason = "需行二期骨科手术",
    };

    private async Task<Guid> StartAsync(string[]? materials = null) => await StartAsync(Key, new
    {
        materialsReceived = materials ?? BothPapers,
        injuryCaseId = await InjuryAsync("IC-2025-0042"),
        workerIdNumber = "370102198503120011",
        employerCreditCode = "91370100MA3C4E5F61",
        appliedOn = "2025-09-29",
        referral = ToBeijing,
    });

    private async Task<HttpResponseMessage> StartWithReferralAsync(object referral) =>
        await (await App.As("officer.jinan")).PostJsonAsync("/api/cases", new
        {
            procedure = Key,
            city = "370100",
            data = new { injuryCaseId = await InjuryAsync("IC-1"), workerIdNumber = "370102198503120011", employerCreditCode = "91370100MA3C4E5F61", appliedOn = "2025-09-29", referral },
        });

    private static object Item(string type, string date, decimal amount, string? decision = null, string? reason = null) => new { type, date, amount, decision, reason };

    [Fact]
    public async Task A_referral_without_its_fields_is_refused_naming_the_nested_field()
    {
        At("2025-09-29 10:00");
        var response = await StartWithReferralAsync(new { hospital = "x", issuedOn = "2025-09-28", destinationHospital = "y", destinationCityCode = "370200" });
        await response.FieldErrorAsync("data.referral.reason");
    }

    [Fact]
    public async Task The_destination_lies_outside_the_insured_city_another_Shandong_city_or_a_province_and_city_outside_Shandong()
    {
        At("2025-09-29 10:00");
        // 第三十八条: 到本市（设区的市）以外转诊转院 — a Jinan case cannot be referred to Jinan.
        var same = await (await StartWithReferralAsync(new { hospital = "济南市第四人民医院", issuedOn = "2025-09-28", destinationHospital = "山东省立医院", destinationCityCode = "370100", reason = "x" }))
            .FieldErrorAsync("data.referral.destinationCityCode");
        Assert.Contains("济南市", same, StringComparison.Ordinal);
        Assert.Contains("本市（设区的市）以外", same, StringComparison.Ordinal);
        Assert.Contains("第三十八条", same, StringComparison.Ordinal);

        // Outside Shandong: the province and the city are named.
        var noProvince = await (await StartWithReferralAsync(new { hospital = "济南市第四人民医院", issuedOn = "2025-09-28", destinationHospital = "北京积水潭医院", destinationCityCode = "outside-shandong", destinationCity = "北京市", reason = "x" }))
            .FieldErrorAsync("data.referral.destinationProvince");
        Assert.Contains("必须填写", noProvince, StringComparison.Ordinal);
        await (await StartWithReferralAsync(new { hospital = "济南市第四人民医院", issuedOn = "2025-09-28", destinationHospital = "北京积水潭医院", destinationCityCode = "beijing", reason = "x" }))
            .FieldErrorAsync("data.referral.destinationCityCode");

        // Another Shandong city by its code; or a place outside Shandong.
        var qingdao = await (await StartWithReferralAsync(new { hospital = "济南市第四人民医院", issuedOn = "2025-09-28", destinationHospital = "青岛大学附属医院", destinationCityCode = "370200", reason = "需行显微外科手术" }))
            .JsonAsync(HttpStatusCode.Created);
        var view = await CaseAsync(qingdao.GetProperty("caseId").GetGuid());
        Assert.Equal("370200", view.GetProperty("data").GetProperty("referral").Str("destinationCityCode"));
        var beijing = await CaseAsync(await StartAsync());
        Assert.Equal(("outside-shandong", "北京市", "北京市"), (beijing.GetProperty("data").GetProperty("referral").Str("destinationCityCode"),
            beijing.GetProperty("data").GetProperty("referral").Str("destinationProvince"), beijing.GetProperty("data").GetProperty("referral").Str("destinationCity")));
    }

    [Fact]
    public async Task A_filed_referral_is_valid_for_one_round_trip_whose_costs_after_the_filing_are_approved_item_by_item()
    {
        At("2025-09-29 10:00");
        var caseId = await StartAsync();
        var review = Task(await CaseAsync(caseId));
        // 3 working days from Monday 9/29: 9/30, then the National Day holidays, 10/9, 10/10.
        Assert.Equal(("review-filing", "2025-10-10", "第三十八条"), (review.Str("state"), review.Str("dueOn"), review.Str("basis")));
        await (await DemoFiling.CompleteAsync(await App.As("officer.jinan"), review.Id(), "filed", new { })).FieldErrorAsync("data.filedOn");
        var trip = await CompleteAsync(review, "filed", new { filedOn = "2025-09-29" });
        Assert.Equal("trip", trip.Str("state"));
        Assert.Contains(await App.OutboxAsync(caseId), m => m.Template == "transfer-filed" && m.Recipient == "worker");

        At("2025-10-20 09:00");
        object[] claimed =
        [
            Item("medical", "2025-10-08", 23456.78m), Item("travel", "2025-09-30", 1104.50m), Item("lodging", "2025-10-01", 980m),
            Item("meal", "2025-10-17", 600m), Item("travel", "2025-09-28", 300m), Item("lodging", "2025-10-18", 200m),
        ];
        await (await EventAsync(caseId, "returned", new { departedOn = "2025-09-30", returnedOn = "2025-09-29", tripExpenses = claimed })).FieldErrorAsync("data.returnedOn");
        var settle = Task(await EventOkAsync(caseId, "returned", new { departedOn = "2025-09-30", returnedOn = "2025-10-17", tripExpenses = claimed }));
        Assert.Equal(("settle-trip-expenses", "2025-10-31"), (settle.Str("state"), settle.Str("dueOn")));

        async Task<string> Refused(object[] items, string field) =>
            await (await DemoFiling.CompleteAsync(await App.As("officer.jinan"), settle.Id(), "settled", new { tripExpenses = items })).FieldErrorAsync(field);

        // Every item needs a decision; a cost from before the filing or after the return cannot be approved (第三十八条).
        Assert.Contains("第 1 行", await Refused([Item("medical", "2025-10-08", 23456.78m)], "data.tripExpenses[0].decision"), StringComparison.Ordinal);
        object[] decided =
        [
            Item("medical", "2025-10-08", 23456.78m, "approved"), Item("travel", "2025-09-30", 1104.50m, "approved"), Item("lodging", "2025-10-01", 980m, "approved"),
            Item("meal", "2025-10-17", 600m, "approved"),
        ];
        var before = await Refused([.. decided, Item("travel", "2025-09-28", 300m, "approved"), Item("lodging", "2025-10-18", 200m, "refused", "返回后发生")], "data.tripExpenses[4].decision");
        Assert.Contains("第 5 行（交通费，2025年9月28日，¥300.00）发生在备案（2025年9月29日）之前", before, StringComparison.Ordinal);
        Assert.Contains("第三十八条", before, StringComparison.Ordinal);
        var after = await Refused([.. decided, Item("travel", "2025-09-28", 300m, "refused", "备案前发生"), Item("lodging", "2025-10-18", 200m, "approved")], "data.tripExpenses[5].decision");
        Assert.Contains("第 6 行（住宿费，2025年10月18日，¥200.00）发生在返回（2025年10月17日）之后", after, StringComparison.Ordinal);
        Assert.Contains("不予支付的，须写明理由", await Refused([.. decided, Item("travel", "2025-09-28", 300m, "refused")], "data.tripExpenses[4].reason"), StringComparison.Ordinal);
        Assert.Equal("settle-trip-expenses", (await CaseAsync(caseId)).Str("state"));

        var closed = await CompleteAsync(settle, "settled", new { tripExpenses = (object[])[.. decided, Item("travel", "2025-09-28", 300m, "refused", "备案前发生，不属于第三十八条支付范围"), Item("lodging", "2025-10-18", 200m, "refused", "返回后发生")] });
        Assert.Equal("closed", closed.Str("endOutcome"));
        var view = await CaseAsync(caseId);
        var totals = view.GetProperty("data").GetProperty("approvedTotals");
        Assert.Equal((23456.78m, 1104.50m, 980m, 600m, 26141.28m),
            (totals.GetProperty("medical").GetDecimal(), totals.GetProperty("travel").GetDecimal(), totals.GetProperty("lodging").GetDecimal(), totals.GetProperty("meal").GetDecimal(), totals.GetProperty("total").GetDecimal()));
        var settled = (await App.JournalAsync(caseId)).Single(j => j.Action == "recorded");
        Assert.Contains("settle-items", settled.DataJson, StringComparison.Ordinal);
        Assert.Contains("备案前发生", settled.DataJson, StringComparison.Ordinal);
        Assert.Contains(await App.OutboxAsync(caseId), m => m.Template == "transfer-expenses-settled");

        var second = await (await EventAsync(caseId, "returned", new { departedOn = "2025-11-01", returnedOn = "2025-11-20", tripExpenses = (object[])[Item("travel", "2025-11-01", 1m)] }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("须重新申请", second.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_materials_send_one_notice_listing_all_of_them_and_resubmission_restarts_the_review_clock()
    {
        At("2025-09-30 10:00");
        var caseId = await StartAsync(ApplicationOnly);
        var review = Task(await CaseAsync(caseId));
        var unfiled = await (await DemoFiling.CompleteAsync(await App.As("officer.jinan"), review.Id(), "filed", new { filedOn = "2025-09-30" })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("尚有1项必需材料未收到", unfiled.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await DemoFiling.CompleteAsync(await App.As("officer.jinan"), review.Id(), "missing-materials", new { })).FieldErrorAsync("data.reviewNote");
        var waiting = await CompleteAsync(review, "missing-materials", new { reviewNote = "请补交协议机构出具的转诊意见原件" });
        Assert.Equal("awaiting-materials", waiting.Str("state"));
        var notice = Assert.Single(await App.OutboxAsync(caseId), m => m.Template == "one-time-missing-materials-notice");
        var payload = System.Text.Json.JsonDocument.Parse(notice.PayloadJson).RootElement;
        var missing = Assert.Single(payload.GetProperty("missing").EnumerateArray());
        Assert.Equal(("referral-opinion", "工伤保险医疗服务协议机构出具的转诊意见", "第三十八条"), (missing.Str("key"), missing.Str("zh"), missing.Str("basis")));
        Assert.Equal("请补交协议机构出具的转诊意见原件", payload.Str("reasons"));
        var view = await CaseAsync(caseId);
        Assert.Equal("2025-10-30", Data(view, "materialsDeadline"));

        At("2025-10-09 11:00");
        var again = Task(await EventOkAsync(caseId, "resubmitted", new { resubmittedOn = "2025-10-09", materialsReceived = BothPapers }));
        // A fresh due date: 3 working days from Thursday 10/9 — 10/10, Saturday 10/11 (make-up), 10/13.
        Assert.Equal(("review-filing", "2025-10-13"), (again.Str("state"), again.Str("dueOn")));
    }

    [Fact]
    public async Task Materials_not_supplied_by_the_deadline_lapse_the_application()
    {
        At("2025-09-30 10:00");
        var caseId = await StartAsync(ApplicationOnly);
        await CompleteAsync(Task(await CaseAsync(caseId)), "missing-materials", new { reviewNote = "缺转诊意见" });
        At("2025-10-31 00:00");
        await App.RunDueTimersAsync();
        Assert.Equal("lapsed", (await CaseAsync(caseId)).Str("endOutcome"));
    }

    [Fact]
    public async Task A_rejected_filing_ends_with_a_reason_and_a_cancelled_trip_ends_the_case()
    {
        At("2025-09-29 10:00");
        var rejectedCase = await StartAsync();
        var rejected = await CompleteAsync(Task(await CaseAsync(rejectedCase)), "rejected", new { reviewNote = "本地协议机构具备治疗条件" });
        Assert.Equal("rejected", rejected.Str("endOutcome"));

        var cancelledCase = await StartAsync();
        await CompleteAsync(Task(await CaseAsync(cancelledCase)), "filed", new { filedOn = "2025-09-29" });
        var cancelled = await EventOkAsync(cancelledCase, "trip-cancelled", new { cancelledOn = "2025-09-29" });
        Assert.Equal("cancelled", cancelled.Str("endOutcome"));
    }
}

public sealed class TransferApprovalOnSqlite(SqliteRuntimeApp app) : TransferApprovalScenarios(app), IClassFixture<SqliteRuntimeApp>;

public sealed class TransferApprovalOnPostgres(PostgresRuntimeApp app) : TransferApprovalScenarios(app), IClassFixture<PostgresRuntimeApp>;
