using System.Net;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Procedures;

/// <summary>transfer-approval — 转诊转院备案 (第三十八条; 第十五条's one-time notice; 第六十七条's meal subsidy), every path.</summary>
public abstract class TransferApprovalScenarios(AppFixture app) : ProcedureScenario(app)
{
    private const string Key = "transfer-approval";

    private static readonly string[] BothPapers = ["application", "referral-opinion"];

    private static readonly string[] ApplicationOnly = ["application"];

    private Task<Guid> StartAsync(string[]? materials = null) => StartAsync(Key, new
    {
        materialsReceived = materials ?? BothPapers,
        injuryCaseId = "IC-2025-0042",
        workerIdNumber = "370102198503120011",
        employerCreditCode = "91370100MA3C4E5F61",
        appliedOn = "2025-09-29",
        referral = new { hospital = "济南市第四人民医院", issuedOn = "2025-09-28", destinationHospital = "北京积水潭医院", destinationCity = "北京", reason = "需行二期骨科手术" },
    });

    [Fact]
    public async Task A_referral_without_its_fields_is_refused_naming_the_nested_field()
    {
        At("2025-09-29 10:00");
        var officer = await App.As("officer.jinan");
        var response = await officer.PostJsonAsync("/api/cases", new
        {
            procedure = Key,
            city = "370100",
            data = new { injuryCaseId = "IC-1", workerIdNumber = "370102198503120011", employerCreditCode = "91370100MA3C4E5F61", appliedOn = "2025-09-29", referral = new { hospital = "x", issuedOn = "2025-09-28", destinationHospital = "y", destinationCity = "z" } },
        });
        await response.FieldErrorAsync("data.referral.reason");
    }

    [Fact]
    public async Task A_filed_referral_is_valid_for_one_round_trip_whose_expenses_are_settled_with_the_meal_subsidy()
    {
        At("2025-09-29 10:00");
        var caseId = await StartAsync();
        var review = Task(await CaseAsync(caseId));
        // 3 working days from Monday 9/29: 9/30, then the National Day holidays, 10/9, 10/10.
        Assert.Equal(("review-filing", "2025-10-10", "第三十八条"), (review.Str("state"), review.Str("dueOn"), review.Str("basis")));
        var trip = await CompleteAsync(review, "filed");
        Assert.Equal("trip", trip.Str("state"));
        Assert.Contains(await App.OutboxAsync(caseId), m => m.Template == "transfer-filed" && m.Recipient == "worker");

        At("2025-10-20 09:00");
        var settle = Task(await EventOkAsync(caseId, "returned", new { returnedOn = "2025-10-17", expenses = new { medical = 23456.78m, travel = 1104.50m, lodging = 980m, mealDays = 12 } }));
        Assert.Equal(("settle-trip-expenses", "2025-10-31"), (settle.Str("state"), settle.Str("dueOn")));
        var closed = await CompleteAsync(settle, "settled", new { mealDailyStandard = 50m });
        Assert.Equal("closed", closed.Str("endOutcome"));
        var view = await CaseAsync(caseId);
        Assert.Equal(600m, view.GetProperty("data").GetProperty("mealSubsidy").GetDecimal());
        Assert.Contains("calculated", DemoFiling.Actions(view));

        var second = await (await EventAsync(caseId, "returned", new { returnedOn = "2025-11-20", expenses = new { medical = 1m, travel = 1m, lodging = 1m, mealDays = 1 } }))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("须重新申请", second.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_materials_send_one_notice_listing_all_of_them_and_resubmission_restarts_the_review_clock()
    {
        At("2025-09-30 10:00");
        var caseId = await StartAsync(ApplicationOnly);
        var review = Task(await CaseAsync(caseId));
        var unfiled = await (await DemoFiling.CompleteAsync(await App.As("officer.jinan"), review.Id(), "filed", new { })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
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
        await CompleteAsync(Task(await CaseAsync(cancelledCase)), "filed");
        var cancelled = await EventOkAsync(cancelledCase, "trip-cancelled", new { cancelledOn = "2025-09-29" });
        Assert.Equal("cancelled", cancelled.Str("endOutcome"));
    }
}

public sealed class TransferApprovalOnSqlite(SqliteRuntimeApp app) : TransferApprovalScenarios(app), IClassFixture<SqliteRuntimeApp>;

public sealed class TransferApprovalOnPostgres(PostgresRuntimeApp app) : TransferApprovalScenarios(app), IClassFixture<PostgresRuntimeApp>;
