using System.Net;
using System.Text.Json;
using Cases.Application.Catalogues;
using Cases.Domain.Catalogues;
using Cases.Testing;
using Cases.Web.Tests.Procedures;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;

namespace Cases.Web.Tests.Catalogues;

/// <summary>
/// catalogues: a test procedure that runs the "review-bills" action on a bill (the definition below, in the test project
/// only; the medical-reimbursement procedure comes on top of the action) against the demo catalogue (in force from
/// 2024-01-01), and the catalogue import through the API: preview with errors by line and column, apply, the same file
/// again changing nothing, a new version replacing the old from its day.
/// </summary>
public abstract partial class BillReviewScenarios(AppFixture app) : ProcedureScenario(app)
{
    public const string Procedure = "bill-review-test";

    [Fact]
    public async Task A_bill_is_reviewed_item_by_item_against_the_catalogues_and_the_rehabilitation_period_to_the_fen()
    {
        At("2025-07-10 09:00");
        var officer = await App.As("officer.jinan");
        // 第四十三条: the appraisal committee set the rehabilitation period 2025-03-01 … 2025-05-31.
        var injury = await TestInjuries.RegisterAsync(officer, rehabStartsOn: "2025-03-01", rehabEndsOn: "2025-05-31");
        var caseId = await StartAsync(Procedure, new
        {
            injuryCaseId = injury,
            bills = new object[]
            {
                // 1. 清创缝合术, 甲 (treatment items): paid in full, 260.00 (第四十条).
                Bill("331601001", "2025-03-10", 1, 260.00m),
                // 2. 注射用头孢呋辛钠, 乙 with 10% self-pay: 87.35 × 10% = 8.735 → 8.74 (to the fen, half away from zero, only
                //    where the share is taken); paid 87.35 − 8.74 = 78.61.
                Bill("XJ01DCA058A001", "2025-03-10", 6, 87.35m),
                // 3. In no catalogue: refused whole, 120.00 (第四十条 超出"三目录"范围).
                Bill("ZZ9999", "2025-03-11", 1, 120.00m),
                // 4. 运动疗法 on 2025-06-05, after the period ended on 2025-05-31: refused whole, 150.00 (第四十四条 超出康复期的不予支付).
                Bill("340200001", "2025-06-05", 1, 150.00m, "rehab"),
                // 5. 普通病房床位费, 甲 capped at 50.00 a day: 3 days claimed 180.00, 150.00 paid, 30.00 above the cap refused (第四十条 超出标准).
                Bill("110900001", "2025-03-10", 3, 180.00m),
                // 6. 美容缝合, 丙: refused whole, 95.50 (第四十条).
                Bill("311400010", "2025-03-10", 1, 95.50m),
                // 7. 运动疗法 on 2025-04-02, inside the period: 甲, paid 150.00 (第四十四条).
                Bill("340200001", "2025-04-02", 1, 150.00m, "rehab"),
            },
        });

        var view = await CaseAsync(caseId);
        Assert.Equal("check", view.GetProperty("state").GetString());
        var decisions = view.GetProperty("data").GetProperty("decisions").EnumerateArray().ToArray();
        Assert.Equal(7, decisions.Length);
        AssertDecision(decisions[0], 260.00m, 0m, 0m, BillReasons.Paid);
        AssertDecision(decisions[1], 78.61m, 8.74m, 0m, BillReasons.SelfPayShare);
        AssertDecision(decisions[2], 0m, 0m, 120.00m, BillReasons.NotListed);
        AssertDecision(decisions[3], 0m, 0m, 150.00m, BillReasons.OutsideRehabPeriod);
        AssertDecision(decisions[4], 150.00m, 0m, 30.00m, BillReasons.OverPriceCap);
        AssertDecision(decisions[5], 0m, 0m, 95.50m, BillReasons.ClassC);
        AssertDecision(decisions[6], 150.00m, 0m, 0m, BillReasons.Paid);
        Assert.Contains("第四十四条", decisions[3].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("康复期", decisions[3].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("第四十条", decisions[2].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("注射用头孢呋辛钠", decisions[1].GetProperty("name").GetString());
        Assert.Equal("乙", decisions[1].GetProperty("class").GetString());
        Assert.Contains("10%", decisions[1].GetProperty("reasonEn").GetString(), StringComparison.Ordinal);

        // Totals: claimed 260 + 87.35 + 120 + 150 + 180 + 95.50 + 150 = 1,042.85; payable 260 + 78.61 + 150 + 150 = 638.61;
        // self-pay 8.74; refused 120 + 150 + 30 + 95.50 = 395.50; and 638.61 + 8.74 + 395.50 = 1,042.85.
        var totals = view.GetProperty("data").GetProperty("totals");
        Assert.Equal(1042.85m, totals.GetProperty("claimed").GetDecimal());
        Assert.Equal(638.61m, totals.GetProperty("payable").GetDecimal());
        Assert.Equal(8.74m, totals.GetProperty("selfPay").GetDecimal());
        Assert.Equal(395.50m, totals.GetProperty("refused").GetDecimal());

        // 留痕可溯 (第一百二十条): the review is journaled item by item with both languages of each reason.
        var journal = view.GetProperty("journal").EnumerateArray().Select(e => e.ToString()).ToArray();
        Assert.Contains(journal, e => e.Contains("review-bills", StringComparison.Ordinal) && e.Contains("outside-rehab-period", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Costs_from_the_month_after_the_employment_ended_are_refused()
    {
        At("2025-07-10 09:00");
        var injury = await TestInjuries.RegisterAsync(await App.As("officer.jinan"));
        // 第六十条: the labour relation ended on 2025-03-05, so from 2025-04-01 the fund pays no further medical costs;
        // 静脉输液 (甲) on 2025-03-31 is paid, 40.00; on 2025-04-01 it is refused, 40.00.
        var caseId = await StartAsync(Procedure, new
        {
            injuryCaseId = injury,
            employmentEndedOn = "2025-03-05",
            bills = new object[] { Bill("120400001", "2025-03-31", 1, 40.00m), Bill("120400001", "2025-04-01", 1, 40.00m) },
        });

        var data = (await CaseAsync(caseId)).GetProperty("data");
        var decisions = data.GetProperty("decisions").EnumerateArray().ToArray();
        AssertDecision(decisions[0], 40.00m, 0m, 0m, BillReasons.Paid);
        AssertDecision(decisions[1], 0m, 0m, 40.00m, BillReasons.AfterEmployment);
        Assert.Contains("2025年4月1日", decisions[1].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(40.00m, data.GetProperty("totals").GetProperty("payable").GetDecimal());
        Assert.Equal(40.00m, data.GetProperty("totals").GetProperty("refused").GetDecimal());
    }

    [Fact]
    public async Task A_review_naming_no_registered_injury_case_is_refused_and_opens_nothing()
    {
        At("2025-07-10 09:00");
        var response = await (await App.As("officer.jinan")).PostJsonAsync("/api/cases", new
        {
            procedure = Procedure, city = "370100",
            data = new { injuryCaseId = Guid.NewGuid().ToString(), bills = new object[] { Bill("120400001", "2025-03-31", 1, 40.00m) } },
        });
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"{(int)response.StatusCode}");
    }

    [Fact]
    public async Task A_file_with_errors_is_previewed_line_by_line_in_Chinese_and_applies_nothing()
    {
        var admin = await App.As("admin");
        var before = (await (await admin.GetAsync("/api/catalogues/versions")).JsonAsync(HttpStatusCode.OK)).GetArrayLength();
        var csv = "编码,名称,类别,自付比例\n120400001,静脉输液,甲,\n250101001,血常规,丁,\n210102015,CT平扫,乙,120\n310701001,,甲,\n";
        var preview = await (await admin.PostJsonAsync("/api/catalogues/imports", new { catalogue = "treatment-items", effectiveFrom = "2026-02-01", content = csv, reason = "测试" }))
            .JsonAsync(HttpStatusCode.OK);

        var errors = preview.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("column").GetString(), e.GetProperty("message").GetString()!)).ToArray();
        Assert.Equal([3, 4, 5], errors.Select(e => e.Item1));
        Assert.Equal(["类别", "自付比例", "名称"], errors.Select(e => e.Item2));
        Assert.Contains("甲、乙 或 丙", errors[0].Item3, StringComparison.Ordinal);
        Assert.False(preview.GetProperty("applied").GetBoolean());

        var refused = await admin.PostJsonAsync("/api/catalogues/imports/apply", new { catalogue = "treatment-items", effectiveFrom = "2026-02-01", content = csv, reason = "测试" });
        Assert.Contains("第 3 行", await refused.FieldErrorAsync("content"), StringComparison.Ordinal);
        Assert.Equal(before, (await (await admin.GetAsync("/api/catalogues/versions")).JsonAsync(HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task A_new_version_replaces_the_old_from_its_day_and_the_same_file_again_changes_nothing()
    {
        var admin = await App.As("admin");
        // The demo drug list with 头孢呋辛's share raised to 20%, 奥美拉唑 removed and 头孢曲松 added, from 2026-01-01.
        var csv = DemoCatalogue.Csv(CatalogueKind.Drugs)
            .Replace("XJ01DCA058A001,注射用头孢呋辛钠,乙,10,,支", "XJ01DCA058A001,注射用头孢呋辛钠,乙,20,,支", StringComparison.Ordinal)
            .Replace("XA02BCA001E001,奥美拉唑肠溶胶囊,乙,5,,粒", "XJ01DDA063B001,注射用头孢曲松钠,乙,10,,支", StringComparison.Ordinal);
        var body = new { catalogue = "drugs", effectiveFrom = "2026-01-01", title = "药品目录（2026年）", fileName = "drugs-2026.csv", content = "\uFEFF" + csv, reason = "新版目录施行" };

        var preview = await (await admin.PostJsonAsync("/api/catalogues/imports", body)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((1, 1, 1, false), (preview.GetProperty("added").GetInt32(), preview.GetProperty("changed").GetInt32(), preview.GetProperty("removed").GetInt32(), preview.GetProperty("applied").GetBoolean()));
        Assert.Equal(10m, await ShareAsync(admin, "XJ01DCA058A001", "2026-01-01")); // the preview applied nothing

        var applied = await (await admin.PostJsonAsync("/api/catalogues/imports/apply", body)).JsonAsync(HttpStatusCode.OK);
        Assert.True(applied.GetProperty("applied").GetBoolean());
        Assert.Equal(10m, await ShareAsync(admin, "XJ01DCA058A001", "2025-12-31"));
        Assert.Equal(20m, await ShareAsync(admin, "XJ01DCA058A001", "2026-01-01"));
        var officer = await App.As("officer.jinan");
        Assert.Equal(0, (await (await officer.GetAsync("/api/catalogues/items?q=XA02BCA001E001&on=2026-01-01")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength());
        Assert.Equal(1, (await (await officer.GetAsync("/api/catalogues/items?q=XA02BCA001E001&on=2025-12-31")).JsonAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength());

        // The same file again (with or without its byte-order mark): nothing changes, and the answer says so.
        var versions = (await (await admin.GetAsync("/api/catalogues/versions")).JsonAsync(HttpStatusCode.OK)).GetArrayLength();
        var again = await (await admin.PostJsonAsync("/api/catalogues/imports/apply", body with { content = csv })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((false, true), (again.GetProperty("applied").GetBoolean(), again.GetProperty("nothingToApply").GetBoolean()));
        Assert.Contains("未作任何更改", again.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(versions, (await (await admin.GetAsync("/api/catalogues/versions")).JsonAsync(HttpStatusCode.OK)).GetArrayLength());

        // A different list starting before the version in force is refused naming the date: a version in force is never rewritten.
        var early = await admin.PostJsonAsync("/api/catalogues/imports/apply", body with { effectiveFrom = "2025-06-01", content = DemoCatalogue.Csv(CatalogueKind.Drugs) });
        Assert.Contains("2026-01-01", await early.FieldErrorAsync("effectiveFrom"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_catalogue_page_lists_the_versions_and_finds_items_in_Chinese()
    {
        var admin = await App.As("admin");
        var html = await (await admin.GetAsync("/admin/catalogues?q=" + Uri.EscapeDataString("头孢") + "&on=2025-06-01")).Content.ReadAsStringAsync();
        Assert.Contains("已导入的版本", html, StringComparison.Ordinal);
        Assert.Contains("注射用头孢呋辛钠", html, StringComparison.Ordinal);
        Assert.Contains("工伤保险住院服务标准", html, StringComparison.Ordinal);
        // The seed's own account is said in Chinese, as every word of a zh page is.
        Assert.DoesNotContain("system:seed", html, StringComparison.Ordinal);
        Assert.Contains("<td>系统</td>", html, StringComparison.Ordinal);
    }

    private static async Task<decimal> ShareAsync(HttpClient client, string code, string on)
    {
        var page = await (await client.GetAsync($"/api/catalogues/items?q={code}&on={on}")).JsonAsync(HttpStatusCode.OK);
        return Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("selfPayPercent").GetDecimal();
    }

    private static object Bill(string code, string date, decimal quantity, decimal amount, string kind = "medical") => new { code, date, quantity, amount, kind };

    private static void AssertDecision(JsonElement decision, decimal paid, decimal selfPay, decimal refused, string reasonCode)
    {
        Assert.Equal(reasonCode, decision.GetProperty("reasonCode").GetString());
        Assert.Equal((paid, selfPay, refused), (decision.GetProperty("paid").GetDecimal(), decision.GetProperty("selfPay").GetDecimal(), decision.GetProperty("refused").GetDecimal()));
    }
}

/// <summary>The shipped definitions plus the test procedure that runs review-bills, in a folder of their own.</summary>
internal static class BillReviewDefinitions
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("cases-bill-review-").FullName;
        var shipped = Path.Combine(AppContext.BaseDirectory, "workflows");
        foreach (var file in Directory.EnumerateFiles(shipped, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(shipped, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        File.WriteAllText(Path.Combine(folder, BillReviewScenarios.Procedure + ".json"), Definition);
        return folder;
    });

    public static IReadOnlyDictionary<string, string> Settings() =>
        new Dictionary<string, string>(RuntimeSettings.NoJobServer) { ["Workflows:Path"] = Folder.Value };

    private const string Definition = """
        {
          "$schema": "./schema/workflow-definition.schema.json",
          "key": "bill-review-test", "version": 1,
          "title": { "zh": "费用逐项审核（测试）", "en": "Bill review (test)" },
          "basis": ["第四十条", "第四十四条", "第六十条", "第六十九条", "第七十条"],
          "initial": "review",
          "data": {
            "injuryCaseId": { "type": "string", "maxLength": 64, "label": { "zh": "工伤案件", "en": "Injury case" },
              "ref": { "register": "injury-case", "fills": { "workerName": "workerName" } } },
            "workerName": { "type": "string", "maxLength": 100, "label": { "zh": "工伤职工姓名", "en": "Worker's name" } },
            "employmentEndedOn": { "type": "date", "optional": true, "label": { "zh": "劳动关系终止日期", "en": "Employment ended on" } },
            "bills": { "type": "list", "maxItems": 200, "label": { "zh": "费用明细", "en": "Bill items" }, "fields": {
              "code": { "type": "string", "maxLength": 50, "label": { "zh": "目录编码", "en": "Code" } },
              "date": { "type": "date", "label": { "zh": "服务日期", "en": "Date of service" } },
              "quantity": { "type": "decimal", "min": 0, "label": { "zh": "数量", "en": "Quantity" } },
              "amount": { "type": "decimal", "min": 0, "label": { "zh": "金额", "en": "Amount" } },
              "kind": { "type": "enum", "values": ["medical", "rehab"], "labels": { "medical": { "zh": "医疗", "en": "Medical" }, "rehab": { "zh": "康复", "en": "Rehabilitation" } }, "label": { "zh": "费用类别", "en": "Kind" } } } },
            "decisions": { "type": "list", "optional": true, "maxItems": 200, "label": { "zh": "逐项审核结果", "en": "Decisions" }, "fields": {
              "row": { "type": "integer", "label": { "zh": "序号", "en": "Row" } },
              "code": { "type": "string", "maxLength": 50, "label": { "zh": "目录编码", "en": "Code" } },
              "name": { "type": "string", "maxLength": 200, "label": { "zh": "名称", "en": "Name" } },
              "class": { "type": "string", "maxLength": 2, "label": { "zh": "类别", "en": "Class" } },
              "paid": { "type": "decimal", "label": { "zh": "基金支付", "en": "Paid" } },
              "selfPay": { "type": "decimal", "label": { "zh": "个人自付", "en": "Self-pay" } },
              "refused": { "type": "decimal", "label": { "zh": "不予支付", "en": "Refused" } },
              "reasonCode": { "type": "string", "maxLength": 40, "label": { "zh": "理由代码", "en": "Reason code" } },
              "reason": { "type": "text", "maxLength": 500, "label": { "zh": "理由", "en": "Reason" } },
              "reasonEn": { "type": "text", "maxLength": 500, "label": { "zh": "理由（英文）", "en": "Reason (English)" } } } },
            "totals": { "type": "object", "optional": true, "label": { "zh": "合计", "en": "Totals" }, "fields": {
              "claimed": { "type": "decimal", "label": { "zh": "申报金额", "en": "Claimed" } },
              "payable": { "type": "decimal", "label": { "zh": "基金支付", "en": "Payable" } },
              "selfPay": { "type": "decimal", "label": { "zh": "个人自付", "en": "Self-pay" } },
              "refused": { "type": "decimal", "label": { "zh": "不予支付", "en": "Refused" } } } },
            "checkNote": { "type": "text", "maxLength": 500, "optional": true, "label": { "zh": "复核意见", "en": "Note" } }
          },
          "startWith": ["injuryCaseId", "bills"],
          "states": {
            "review": { "kind": "action", "action": "review-bills", "title": { "zh": "逐项审核费用（第四十、四十四、六十条）", "en": "Review each item (第四十、四十四、六十条)" },
              "parameters": { "items": "bills", "injuryCase": "injuryCaseId", "employmentEndedOn": "employmentEndedOn", "decisions": "decisions", "totals": "totals" },
              "to": "check" },
            "check": { "kind": "task", "role": "reviewer", "title": { "zh": "复核审核结果", "en": "Check the review" },
              "deadline": { "after": "$entered", "workingDays": 5, "source": "agency", "basis": "第六十九条", "label": { "zh": "本机构默认5个工作日内复核", "en": "This agency: checked within 5 working days" } },
              "form": [{ "field": "checkNote" }],
              "outcomes": { "done": { "to": "closed", "label": { "zh": "复核完毕", "en": "Checked" } } } },
            "closed": { "kind": "end", "title": { "zh": "已审核", "en": "Reviewed" }, "outcome": "closed" }
          }
        }
        """;
}

public sealed class BillReviewSqliteApp() : AppFixture(TestProvider.Sqlite, BillReviewDefinitions.Settings());

public sealed class BillReviewPostgresApp() : AppFixture(TestProvider.Postgres, BillReviewDefinitions.Settings());

public sealed class BillReviewOnSqlite(BillReviewSqliteApp app) : BillReviewScenarios(app), IClassFixture<BillReviewSqliteApp>;

public sealed class BillReviewOnPostgres(BillReviewPostgresApp app) : BillReviewScenarios(app), IClassFixture<BillReviewPostgresApp>;
