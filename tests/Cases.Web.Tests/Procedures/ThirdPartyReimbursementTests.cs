using System.Net;
using System.Text.Json;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Procedures;

/// <summary>third-party-reimbursement — 涉及第三人的工伤医疗费 (第八十九、九十条; 第十五条's one-time notice), every path.</summary>
public abstract class ThirdPartyReimbursementScenarios(AppFixture app) : ProcedureScenario(app)
{
    private const string Key = "third-party-reimbursement";

    private static readonly string[] TrafficPapers = ["accident-liability-finding", "civil-compensation-mediation", "medical-invoices"];

    private const string Mediated = "accident-authority-mediation";

    private async Task<Guid> StartAsync(string accidentType, string injuryCaseId, string[]? materials = null, string decidedBy = Mediated) =>
        await StartAsync(Key, new { injuryCaseId = await InjuryAsync(injuryCaseId), workerIdNumber = "370102198503120011", employerCreditCode = "91370100MA3C4E5F61", accidentType, compensationDecidedBy = decidedBy, eligibleMedicalCost = 20000m, materialsReceived = materials ?? [] });

    private async Task<Guid> StartSharingAsync(string accidentType, string injuryCaseId, object[] materials, string decidedBy = Mediated) =>
        await StartAsync(Key, new { injuryCaseId = await InjuryAsync(injuryCaseId), workerIdNumber = "370102198503120011", employerCreditCode = "91370100MA3C4E5F61", accidentType, compensationDecidedBy = decidedBy, eligibleMedicalCost = 20000m, materialsReceived = materials });

    private static Dictionary<string, (bool Required, bool Received)> Checklist(JsonElement view) =>
        view.GetProperty("materials").EnumerateArray().ToDictionary(m => m.Str("key")!, m => (m.GetProperty("required").GetBoolean(), m.GetProperty("received").GetBoolean()));

    private static object[] Invoices(params (string Number, decimal Amount)[] invoices) => invoices.Select(i => (object)new { number = i.Number, amount = i.Amount }).ToArray();

    private async Task<JsonElement> ThirdPartyLedgerAsync(string injuryCaseId) =>
        await (await (await App.As("officer.jinan")).GetAsync($"/api/ledgers/third-party-medical?injuryCaseId={await InjuryAsync(injuryCaseId)}")).JsonAsync(HttpStatusCode.OK);

    [Fact]
    public async Task A_traffic_accident_is_topped_up_by_the_difference_approved_by_someone_other_than_the_checker()
    {
        At("2025-09-29 10:00");
        var caseId = await StartAsync("traffic", "IC-TP-1", TrafficPapers);
        var check = Task(await CaseAsync(caseId));
        // 10 working days from Monday 9/29, across the National Day holidays and the make-up Saturday 10/11: 10/20.
        Assert.Equal(("check-materials", "2025-10-20", "第九十条"), (check.Str("state"), check.Str("dueOn"), check.Str("basis")));

        await (await DemoFiling.CompleteAsync(await App.As("officer.jinan"), check.Id(), "complete", new { splitUnclear = false, eligibleMedicalCost = 20000m, invoices = Invoices(("A-001", 12000m)) }))
            .FieldErrorAsync("data.compensatedMedicalAmount");
        var approve = Task(await CompleteAsync(check, "complete", new
        {
            splitUnclear = false, eligibleMedicalCost = 20000m, compensatedMedicalAmount = 7654.32m,
            invoices = Invoices(("A-001", 12000m), ("A-002", 8000m)),
        }));
        Assert.Equal(("approve", "reviewer"), (approve.Str("state"), approve.Str("role")));
        var view = await CaseAsync(caseId);
        Assert.Equal(12345.68m, view.GetProperty("data").GetProperty("topUp").GetDecimal());
        var calculated = (await App.JournalAsync(caseId)).Single(j => j.Action == "calculated");
        Assert.Contains("第九十条", calculated.DataJson, StringComparison.Ordinal);

        At("2025-09-30 10:00");
        var paid = await CompleteAsync(approve, "paid", new { paidOn = "2025-09-30" }, "reviewer.jinan");
        Assert.Equal("paid", paid.Str("endOutcome"));
        Assert.Contains(await App.OutboxAsync(caseId), m => m.Template == "third-party-top-up-paid");
        var entry = Assert.Single((await ThirdPartyLedgerAsync("IC-TP-1")).EnumerateArray());
        Assert.Equal((12345.68m, "2025-09-30"), (entry.GetProperty("amount").GetDecimal(), entry.Str("paidOn")));
        Assert.Equal(["A-001", "A-002"], entry.GetProperty("invoices").EnumerateArray().Select(i => i.GetString()!).ToArray());
    }

    [Fact]
    public async Task An_invoice_already_reimbursed_for_the_same_injury_case_is_never_paid_again()
    {
        At("2025-09-29 10:00");
        var first = await StartAsync("other", "IC-TP-2", ["court-judgment", "medical-invoices"], "court-judgment");
        var approve = Task(await CompleteAsync(Task(await CaseAsync(first)), "complete", new
        {
            splitUnclear = false, eligibleMedicalCost = 5000m, compensatedMedicalAmount = 1000m, invoices = Invoices(("B-7", 5000m)),
        }));
        await CompleteAsync(approve, "paid", new { paidOn = "2025-09-29" }, "reviewer.jinan");

        var second = await StartAsync("other", "IC-TP-2", ["court-judgment", "medical-invoices"], "court-judgment");
        var check = Task(await CaseAsync(second));
        var refused = await (await DemoFiling.CompleteAsync(await App.As("officer.jinan"), check.Id(), "complete", new
        {
            splitUnclear = false, eligibleMedicalCost = 9000m, compensatedMedicalAmount = 0m, invoices = Invoices(("B-7", 5000m), ("B-8", 4000m)),
        })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var detail = refused.GetProperty("detail").GetString()!;
        Assert.Contains("B-7", detail, StringComparison.Ordinal);
        Assert.Contains(first.ToString(), detail, StringComparison.Ordinal);
        Assert.DoesNotContain("B-8", detail, StringComparison.Ordinal);
        Assert.Equal("check-materials", (await CaseAsync(second)).Str("state"));

        // The same invoice twice in one claim is refused too; without the paid one the claim goes on.
        await (await DemoFiling.CompleteAsync(await App.As("officer.jinan"), check.Id(), "complete", new
        {
            splitUnclear = false, eligibleMedicalCost = 8000m, compensatedMedicalAmount = 0m, invoices = Invoices(("B-8", 4000m), ("B-8", 4000m)),
        })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var next = Task(await CompleteAsync(check, "complete", new { splitUnclear = false, eligibleMedicalCost = 4000m, compensatedMedicalAmount = 0m, invoices = Invoices(("B-8", 4000m)) }));
        await CompleteAsync(next, "paid", new { paidOn = "2025-09-29" }, "reviewer.jinan");

        // Another injury case may have an invoice with the same number: the rule is per injury case.
        var other = await StartAsync("other", "IC-TP-3", ["court-judgment", "medical-invoices"], "court-judgment");
        Assert.Equal("approve", (await CompleteAsync(Task(await CaseAsync(other)), "complete", new
        {
            splitUnclear = false, eligibleMedicalCost = 5000m, compensatedMedicalAmount = 0m, invoices = Invoices(("B-7", 5000m)),
        })).Str("state"));
        Assert.Equal(2, (await ThirdPartyLedgerAsync("IC-TP-2")).GetArrayLength());
    }

    [Fact]
    public async Task An_unclear_split_sends_one_notice_with_every_missing_paper_and_the_supplement_restarts_the_check()
    {
        At("2025-09-29 10:00");
        var caseId = await StartAsync("violence", "IC-TP-4", ["violence-proof"], "other");
        var started = await CaseAsync(caseId);
        var checklist = Checklist(started);
        Assert.Equal((true, true), checklist["violence-proof"]);
        Assert.Equal((true, false), checklist["violence-compensation-proof"]);
        Assert.Equal((false, false), checklist["accident-liability-finding"]);
        var check = Task(started);
        var unclear = await (await DemoFiling.CompleteAsync(await App.As("officer.jinan"), check.Id(), "complete", new
        {
            splitUnclear = true, eligibleMedicalCost = 20000m, compensatedMedicalAmount = 0m, invoices = Invoices(("C-1", 20000m)), materialsReceived = new[] { "violence-proof", "violence-compensation-proof", "medical-invoices" },
        })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("尚有1项必需材料未收到", unclear.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var waiting = await CompleteAsync(check, "needs-supplement", new { splitUnclear = true, eligibleMedicalCost = 20000m, checkNote = "赔偿协议未区分医疗费" });
        Assert.Equal("awaiting-supplement", waiting.Str("state"));
        var notice = JsonDocument.Parse(Assert.Single(await App.OutboxAsync(caseId), m => m.Template == "one-time-missing-materials-notice").PayloadJson).RootElement;
        Assert.Equal(["violence-compensation-proof", "medical-invoices", "medical-split-evidence"], notice.GetProperty("missing").EnumerateArray().Select(m => m.Str("key")!).ToArray());
        Assert.Equal("2025-10-29", Data(await CaseAsync(caseId), "supplementDeadline"));

        At("2025-10-09 10:00");
        var again = Task(await EventOkAsync(caseId, "supplemented", new
        {
            supplementedOn = "2025-10-09", compensatedMedicalAmount = 6000m,
            materialsReceived = new[] { "violence-proof", "violence-compensation-proof", "medical-invoices", "medical-split-evidence" },
        }));
        // Counted again from Thursday 10/9: 10/10, Saturday 10/11 (make-up), 10/13 … 10/22.
        Assert.Equal(("check-materials", "2025-10-22"), (again.Str("state"), again.Str("dueOn")));
        var approve = Task(await CompleteAsync(again, "complete", new { splitUnclear = false, eligibleMedicalCost = 20000m, compensatedMedicalAmount = 6000m, invoices = Invoices(("C-1", 20000m)) }));
        Assert.Equal("14000", Data(await CaseAsync(caseId), "topUp"));
        Assert.Equal("approve", approve.Str("state"));
    }

    [Fact]
    public async Task Compensation_covering_the_eligible_costs_ends_with_nothing_to_pay_and_a_notice_without_approval_or_ledger()
    {
        At("2025-09-29 10:00");
        var caseId = await StartAsync("train", "IC-TP-5", TrafficPapers);
        var check = Task(await CaseAsync(caseId));
        // The eligible cost rests on the invoices: never more than their total (第九十条).
        var above = await (await DemoFiling.CompleteAsync(await App.As("officer.jinan"), check.Id(), "complete", new
        {
            splitUnclear = false, eligibleMedicalCost = 3500m, compensatedMedicalAmount = 4500m, invoices = Invoices(("D-1", 2000m), ("D-2", 1000m)),
        })).FieldErrorAsync("data.eligibleMedicalCost");
        Assert.Contains("「符合工伤保险规定的医疗费」（¥3,500.00）不能超过「医疗费票据」合计（¥3,000.00）", above, StringComparison.Ordinal);
        await (await DemoFiling.CompleteAsync(await App.As("officer.jinan"), check.Id(), "complete", new
        {
            splitUnclear = false, compensatedMedicalAmount = 4500m, invoices = Invoices(("D-1", 3000m)),
        })).FieldErrorAsync("data.eligibleMedicalCost");

        var ended = await CompleteAsync(check, "complete", new
        {
            splitUnclear = false, eligibleMedicalCost = 3000m, compensatedMedicalAmount = 4500m, invoices = Invoices(("D-1", 2000m), ("D-2", 1000m)),
        });
        Assert.Equal(("nothing-to-pay", "nothing-to-pay"), (ended.Str("state"), ended.Str("endOutcome")));
        Assert.Empty(ended.GetProperty("openTasks").EnumerateArray());
        var view = await CaseAsync(caseId);
        Assert.Equal("0", Data(view, "topUp"));
        var notice = Assert.Single(await App.OutboxAsync(caseId), m => m.Template == "third-party-nothing-to-pay");
        Assert.Equal("worker", notice.Recipient);
        var payload = JsonDocument.Parse(notice.PayloadJson).RootElement;
        Assert.Equal((3000m, 4500m, 0m), (payload.GetProperty("eligibleMedicalCost").GetDecimal(), payload.GetProperty("compensatedMedicalAmount").GetDecimal(), payload.GetProperty("topUp").GetDecimal()));
        Assert.DoesNotContain(await App.OutboxAsync(caseId), m => m.Template == "third-party-top-up-paid");
        Assert.DoesNotContain("ledger-posted", DemoFiling.Actions(view));
        Assert.Equal(0, (await ThirdPartyLedgerAsync("IC-TP-5")).GetArrayLength());

        // A top-up the reviewer refuses pays nothing either.
        var refusedCase = await StartAsync("train", "IC-TP-8", TrafficPapers);
        var approve = Task(await CompleteAsync(Task(await CaseAsync(refusedCase)), "complete", new
        {
            splitUnclear = false, eligibleMedicalCost = 3000m, compensatedMedicalAmount = 1000m, invoices = Invoices(("E-1", 3000m)),
        }));
        Assert.Equal("approve", approve.Str("state"));
        await (await DemoFiling.CompleteAsync(await App.As("reviewer.jinan"), approve.Id(), "rejected", new { })).FieldErrorAsync("data.approveNote");
        Assert.Equal("rejected", (await CompleteAsync(approve, "rejected", new { approveNote = "票据与诊疗记录不符" }, "reviewer.jinan")).Str("endOutcome"));
        Assert.Equal(0, (await ThirdPartyLedgerAsync("IC-TP-8")).GetArrayLength());

        var early = await StartAsync("ferry", "IC-TP-6", TrafficPapers);
        Assert.Equal("rejected", (await CompleteAsync(Task(await CaseAsync(early)), "rejected", new { checkNote = "非第三人责任" })).Str("endOutcome"));
    }

    [Fact]
    public async Task The_papers_of_article_89_follow_from_how_the_accident_happened_and_how_the_compensation_was_decided()
    {
        At("2025-09-29 10:00");
        // A traffic accident decided by a court: the liability finding and the judgment, not a mediation agreement.
        var trafficJudged = Checklist(await CaseAsync(await StartAsync("traffic", "IC-TP-9", [], "court-judgment")));
        Assert.Equal((true, false), trafficJudged["accident-liability-finding"]);
        Assert.Equal((true, false), trafficJudged["court-judgment"]);
        Assert.False(trafficJudged["civil-compensation-mediation"].Required);
        Assert.False(trafficJudged["court-mediation"].Required);

        // Mediated by the accident authority: the liability finding and its mediation agreement (第八十九条（一）).
        var trafficMediated = Checklist(await CaseAsync(await StartAsync("ferry", "IC-TP-10")));
        Assert.Equal(["accident-liability-finding", "civil-compensation-mediation", "medical-invoices"], trafficMediated.Where(m => m.Value.Required).Select(m => m.Key).ToArray());

        // Violence settled by a court's mediation: the police's proof and the court's mediation (第八十九条（二）（三）).
        var violenceMediated = Checklist(await CaseAsync(await StartAsync("violence", "IC-TP-11", [], "court-mediation")));
        Assert.Equal(["violence-proof", "court-mediation", "medical-invoices"], violenceMediated.Where(m => m.Value.Required).Select(m => m.Key).ToArray());

        // Another wrong settled otherwise: only the invoices of 第九十条.
        var other = Checklist(await CaseAsync(await StartAsync("other", "IC-TP-12", [], "other")));
        Assert.Equal(["medical-invoices"], other.Where(m => m.Value.Required).Select(m => m.Key).ToArray());

        var response = await (await App.As("officer.jinan")).PostJsonAsync("/api/cases", new
        {
            procedure = Key, city = "370100",
            data = new { injuryCaseId = await InjuryAsync("IC-TP-13"), workerIdNumber = "370102198503120011", employerCreditCode = "91370100MA3C4E5F61", accidentType = "traffic", eligibleMedicalCost = 1m },
        });
        await response.FieldErrorAsync("data.compensationDecidedBy");
    }

    [Fact]
    public async Task A_paper_obtained_by_information_sharing_counts_as_received_names_its_source_and_is_journaled()
    {
        At("2025-09-29 10:00");
        await (await (await App.As("officer.jinan")).PostJsonAsync("/api/cases", new
        {
            procedure = Key, city = "370100",
            data = new
            {
                injuryCaseId = await InjuryAsync("IC-TP-14"), workerIdNumber = "370102198503120011", employerCreditCode = "91370100MA3C4E5F61", accidentType = "traffic", compensationDecidedBy = Mediated, eligibleMedicalCost = 1m,
                materialsReceived = new object[] { new { key = "accident-liability-finding", sharedFrom = " " } },
            },
        })).FieldErrorAsync("data.materialsReceived[0].sharedFrom");

        var caseId = await StartSharingAsync("traffic", "IC-TP-15", [new { key = "accident-liability-finding", sharedFrom = "济南市公安局交通警察支队" }, "civil-compensation-mediation"]);
        var started = await CaseAsync(caseId);
        var finding = started.GetProperty("materials").EnumerateArray().Single(m => m.Str("key") == "accident-liability-finding");
        Assert.Equal((true, "济南市公安局交通警察支队"), (finding.GetProperty("received").GetBoolean(), finding.Str("sharedFrom")));
        var shared = Assert.Single(await App.JournalAsync(caseId), j => j.Action == "materials-shared");
        Assert.Contains("济南市公安局交通警察支队", shared.DataJson, StringComparison.Ordinal);
        Assert.Contains("accident-liability-finding", shared.DataJson, StringComparison.Ordinal);

        // Counted as received: the one-time notice asks only for the invoices.
        var check = Task(started);
        // A form ticks keys only: ticking the shared paper again keeps its source.
        await CompleteAsync(check, "needs-supplement", new { splitUnclear = false, eligibleMedicalCost = 20000m, checkNote = "请提交医疗费票据", materialsReceived = new[] { "accident-liability-finding", "civil-compensation-mediation" } });
        Assert.Equal("济南市公安局交通警察支队", (await CaseAsync(caseId)).GetProperty("materials").EnumerateArray().Single(m => m.Str("key") == "accident-liability-finding").Str("sharedFrom"));
        var notice = JsonDocument.Parse(Assert.Single(await App.OutboxAsync(caseId), m => m.Template == "one-time-missing-materials-notice").PayloadJson).RootElement;
        Assert.Equal(["medical-invoices"], notice.GetProperty("missing").EnumerateArray().Select(m => m.Str("key")!).ToArray());

        At("2025-10-09 10:00");
        var again = Task(await EventOkAsync(caseId, "supplemented", new
        {
            supplementedOn = "2025-10-09",
            materialsReceived = new object[] { new { key = "accident-liability-finding", sharedFrom = "济南市公安局交通警察支队" }, "civil-compensation-mediation", new { key = "medical-invoices", sharedFrom = "济南市医疗保障局结算系统" } },
        }));
        var journal = (await App.JournalAsync(caseId)).Where(j => j.Action == "materials-shared").ToList();
        Assert.Equal(2, journal.Count);
        Assert.Contains("medical-invoices", journal[1].DataJson, StringComparison.Ordinal);
        Assert.DoesNotContain("accident-liability-finding", journal[1].DataJson, StringComparison.Ordinal);
        Assert.Equal("approve", Task(await CompleteAsync(again, "complete", new { splitUnclear = false, eligibleMedicalCost = 20000m, compensatedMedicalAmount = 6000m, invoices = Invoices(("F-1", 20000m)) })).Str("state"));

        // The case page lists them with their source.
        var html = await (await (await App.As("officer.jinan")).GetAsync($"/cases/{caseId}")).Content.ReadAsStringAsync();
        Assert.Contains("已通过部门间信息共享获取（来源：济南市公安局交通警察支队）", html, StringComparison.Ordinal);
        Assert.Contains("已通过部门间信息共享获取（来源：济南市医疗保障局结算系统）", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Papers_not_supplied_by_the_deadline_lapse_the_claim()
    {
        At("2025-09-29 10:00");
        var caseId = await StartAsync("rail-transit", "IC-TP-7");
        await CompleteAsync(Task(await CaseAsync(caseId)), "needs-supplement", new { splitUnclear = false, eligibleMedicalCost = 20000m });
        var notice = JsonDocument.Parse(Assert.Single(await App.OutboxAsync(caseId), m => m.Template == "one-time-missing-materials-notice").PayloadJson).RootElement;
        Assert.Equal(["第八十九条（一）", "第八十九条（一）", "第九十条"], notice.GetProperty("missing").EnumerateArray().Select(m => m.Str("basis")!).ToArray());
        At("2025-10-29 23:59");
        await App.RunDueTimersAsync();
        Assert.Equal("awaiting-supplement", (await CaseAsync(caseId)).Str("state"));
        At("2025-10-30 00:00");
        await App.RunDueTimersAsync();
        Assert.Equal("lapsed", (await CaseAsync(caseId)).Str("endOutcome"));
    }
}

public sealed class ThirdPartyReimbursementOnSqlite(SqliteRuntimeApp app) : ThirdPartyReimbursementScenarios(app), IClassFixture<SqliteRuntimeApp>;

public sealed class ThirdPartyReimbursementOnPostgres(PostgresRuntimeApp app) : ThirdPartyReimbursementScenarios(app), IClassFixture<PostgresRuntimeApp>;
