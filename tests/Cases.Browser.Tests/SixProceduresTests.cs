using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cases.Application.Casework;
using Cases.Domain.Staff;
using Cases.Workflows.Tasks;
using Microsoft.Playwright;

namespace Cases.Browser.Tests;

/// <summary>
/// Each of the six procedures as an officer at the counter meets it in a zh-CN Chromium: the case opened from 受理新案件,
/// its workspace and its first task, and for the two that pay money a step or two further. What the officer reads is
/// Chinese (no run of English words, no raw code of the definition), the party by name, money as ¥48,000.00 and dates
/// as 2025年10月20日. The app's clock stands at 2025-10-20 09:00 in China.
/// </summary>
public sealed partial class SixProceduresTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    // Registered by the demo data (DemoSeed): 王建国 of 济南恒达建材有限公司, and its project.
    private const string Worker = "370102198503120011";
    private const string Employer = "91370100MA3C4E5F61";
    private const string WorkerName = "王建国";
    private const string EmployerName = "济南恒达建材有限公司";

    private static readonly Actor JinanReviewer = new("reviewer.jinan", "370100", new HashSet<string> { Roles.Reviewer });

    public static TheoryData<string> Procedures =>
        ["fee-rate-objection", "rehab-extension", "project-term-extension", "transfer-approval", "advance-payment", "third-party-reimbursement"];

    [Theory]
    [MemberData(nameof(Procedures))]
    public async Task An_officer_reads_a_procedure_s_case_and_first_task_in_Chinese_with_names_money_and_dates(string procedure)
    {
        At(2025, 10, 20);
        var page = await browser.SignedInAsync("officer.jinan");
        var codes = Codes(procedure);
        var caseId = await OpenFromThePageAsync(page, procedure);

        // Two procedures start by waiting for the applicant: the application is recorded on the case page.
        if (procedure == "rehab-extension")
        {
            await RecordOnThePageAsync(page, "application", ("receivedOn", "2025-10-20"), ("requestedEndsOn", "2026-01-31"), ("institutionOpinion", "关节活动度仍在改善，建议延长康复"));
        }
        else if (procedure == "project-term-extension")
        {
            await RecordOnThePageAsync(page, "extension-application", ("receivedOn", "2025-10-20"), ("newContractEndsOn", "2026-12-31"));
        }

        await Reads(page, procedure, "case", codes);
        Assert.Equal(Party(procedure), await page.GetByTestId("case-party").Locator(".party-name").InnerTextAsync());
        if (procedure is "transfer-approval" or "advance-payment" or "third-party-reimbursement")
        {
            // The form named the worker's employer too: the party says whose worker it is.
            Assert.Equal("· " + EmployerName, await page.GetByTestId("case-party").Locator(".party-employer").InnerTextAsync());
        }
        if (procedure == "fee-rate-objection")
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "case.png"), FullPage = true });
        }

        await page.GetByTestId("open-tasks").GetByRole(AriaRole.Link).First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/tasks/", StringComparison.Ordinal));
        await Reads(page, procedure, "task", codes);
        if (procedure == "advance-payment")
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "task.png"), FullPage = true });
        }

        // Where money is paid, a step or two further: the amounts as the reviewer and the ledger see them.
        if (procedure == "advance-payment")
        {
            var review = await OpenTaskAsync(caseId);
            await browser.SendAsync(new CompleteTask(review, "recommend", Json(new { reviewNote = "材料齐全" }), BrowserFixture.JinanOfficer));
            var approve = await OpenTaskAsync(caseId);
            await browser.SendAsync(new CompleteTask(approve, "approved", Json(new { approvedAmount = 48000.5m, advancedOn = "2025-10-20" }), JinanReviewer));
            await page.GotoAsync($"/cases/{caseId}");
            var text = await Reads(page, procedure, "case after approval", codes);
            Assert.Contains("¥48,000.50", text, StringComparison.Ordinal);
            await page.GetByTestId("open-tasks").GetByRole(AriaRole.Link).First.ClickAsync();
            await page.WaitForURLAsync(url => url.Contains("/tasks/", StringComparison.Ordinal));
            await Reads(page, procedure, "recovery demand task", codes);
        }
        else if (procedure == "third-party-reimbursement")
        {
            var check = await OpenTaskAsync(caseId);
            await browser.SendAsync(new CompleteTask(check, "complete", Json(new
            {
                splitUnclear = false, eligibleMedicalCost = 31250.4m, compensatedMedicalAmount = 18000m,
                invoices = new[] { new { number = "37010025A0012345", amount = 21250.4m }, new { number = "37010025A0012346", amount = 10000m } },
            }), BrowserFixture.JinanOfficer));
            await page.GotoAsync($"/cases/{caseId}");
            var text = await Reads(page, procedure, "case after the check", codes);
            Assert.Contains("¥31,250.40", text, StringComparison.Ordinal);
            Assert.Contains("¥21,250.40", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_one_time_notice_of_missing_materials_reads_in_Chinese_to_the_worker_by_name()
    {
        At(2025, 10, 20);
        var page = await browser.SignedInAsync("officer.jinan");
        var caseId = await OpenFromThePageAsync(page, "transfer-approval", allMaterials: false);
        await browser.SendAsync(new CompleteTask(await OpenTaskAsync(caseId), "missing-materials", Json(new { reviewNote = "请补充协议机构出具的转诊意见" }), BrowserFixture.JinanOfficer));

        await page.GotoAsync($"/cases/{caseId}");
        await page.GetByTestId("notice-link").GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/notices/", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        var text = await Reads(page, "transfer-approval", "notice", Codes("transfer-approval"));
        Assert.Equal(WorkerName + "：", await page.GetByTestId("notice-addressee").InnerTextAsync());
        Assert.Matches(ChinaDate(), text);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "notice.png"), FullPage = true });
    }

    private static string Party(string procedure) => procedure switch
    {
        "fee-rate-objection" => EmployerName,
        "project-term-extension" => "济南市经十路东延综合管廊工程",
        _ => WorkerName,
    };

    /// <summary>Opens a case of <paramref name="procedure"/> from 受理新案件, every start field typed as an officer types it.</summary>
    private async Task<Guid> OpenFromThePageAsync(IPage page, string procedure, bool allMaterials = true)
    {
        await page.GotoAsync($"/cases/new?procedure={procedure}");
        var form = page.GetByTestId("new-case-form");
        await Reads(page, procedure, "start form", Codes(procedure));
        // Each injury procedure starts from a registered injury case of 王建国 (the recognition department's decision).
        var number = procedure is "fee-rate-objection" or "project-term-extension" ? "" : await BrowserInjuries.RegisterAsync(browser);
        (string Field, string Value)[] values = procedure switch
        {
            "fee-rate-objection" => [("employerCreditCode", Employer), ("previousRate", "0.005"), ("newRate", "0.0045"), ("effectiveFrom", "2025-06"), ("adjustedOn", "2025-10-17")],
            "rehab-extension" => [("workerIdNumber", Worker), ("injuryCaseId", number), ("rehabStartsOn", "2025-08-01"), ("rehabEndsOn", "2025-10-28"), ("institution", "山东省工伤康复医院")],
            // Projects: version 3 takes the contractor and the contract period from the project register.
            "project-term-extension" => [("projectCode", "JS3701002026-D01")],
            "transfer-approval" => [("injuryCaseId", number), ("workerIdNumber", Worker), ("employerCreditCode", Employer), ("appliedOn", "2025-10-19"),
                ("referral.hospital", "济南市第四人民医院"), ("referral.issuedOn", "2025-10-18"), ("referral.destinationHospital", "北京积水潭医院"), ("referral.destinationProvince", "北京市"), ("referral.destinationCity", "北京市"), ("referral.reason", "需行二期骨科手术")],
            "advance-payment" => [("appliedOn", "2025-10-20"), ("injuryCaseId", number), ("workerIdNumber", Worker), ("employerCreditCode", Employer), ("claimItems", "medical,48000.50"),
                ("liableParty.name", EmployerName), ("liableParty.creditCode", Employer)],
            "third-party-reimbursement" => [("injuryCaseId", number), ("workerIdNumber", Worker), ("employerCreditCode", Employer), ("eligibleMedicalCost", "31250.40")],
            _ => throw new ArgumentOutOfRangeException(nameof(procedure)),
        };
        foreach (var (field, value) in values)
        {
            await form.Locator($"[name='{field}']").FillAsync(value);
        }

        (string Field, string Value)[] choices = procedure switch
        {
            // 第九十二条: straight to review (an employer that refuses is urged first, 人社部令第15号第七条).
            "advance-payment" => [("variant", "third-party-unpaid")],
            "transfer-approval" => [("referral.destinationCityCode", "outside-shandong")],
            "third-party-reimbursement" => [("accidentType", "traffic"), ("compensationDecidedBy", "accident-authority-mediation")],
            _ => [],
        };
        foreach (var (field, value) in choices)
        {
            await form.Locator($"select[name='{field}']").SelectOptionAsync(value);
        }

        var materials = form.Locator("input[type=checkbox][name=materialsReceived]");
        for (var i = 0; i < (allMaterials ? await materials.CountAsync() : Math.Min(1, await materials.CountAsync())); i++)
        {
            await materials.Nth(i).CheckAsync();
        }

        await page.GetByTestId("open").ClickAsync();
        await page.WaitForURLAsync(CaseUrl());
        return Guid.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..]);
    }

    private static async Task RecordOnThePageAsync(IPage page, string eventName, params (string Field, string Value)[] values)
    {
        var form = page.GetByTestId($"event-{eventName}");
        foreach (var (field, value) in values)
        {
            await form.Locator($"[name='{field}']").FillAsync(value);
        }

        var materials = form.Locator("input[type=checkbox][name=materialsReceived]");
        for (var i = 0; i < await materials.CountAsync(); i++)
        {
            await materials.Nth(i).CheckAsync();
        }

        await form.GetByRole(AriaRole.Button, new() { Name = "登记" }).ClickAsync();
        await page.GetByTestId("open-tasks").GetByRole(AriaRole.Link).First.WaitForAsync();
    }

    /// <summary>The page's visible text, checked: Chinese, no raw code, money and dates as an officer reads them.</summary>
    internal static async Task<string> Reads(IPage page, string procedure, string what, IReadOnlyCollection<string> codes)
    {
        var text = await ChineseText.VisibleAsync(page);
        var where = $"{procedure}, {what} ({page.Url})";
        Assert.True(!ChineseText.EnglishRuns(text).Any(), $"{where}: English 「{string.Join("」「", ChineseText.EnglishRuns(text))}」");
        Assert.True(!ChineseText.RawCodes(text, codes).Any(), $"{where}: raw codes 「{string.Join("」「", ChineseText.RawCodes(text, codes))}」");
        Assert.True(!ChineseText.BareAmounts(text).Any(), $"{where}: amounts not said as money 「{string.Join("」「", ChineseText.BareAmounts(text))}」");
        Assert.True(!ChineseText.IsoDates(text).Any(), $"{where}: dates not said as 2025年10月20日 「{string.Join("」「", ChineseText.IsoDates(text))}」");
        return text;
    }

    private async Task<Guid> OpenTaskAsync(Guid caseId) => (await browser.SendAsync(new GetCase(caseId, BrowserFixture.JinanOfficer))).OpenTasks.Single().Id;

    private void At(int year, int month, int day) =>
        browser.App.Clock.SetUtcNow(new DateTimeOffset(year, month, day, 1, 0, 0, TimeSpan.Zero));

    private static JsonObject Json(object value) => JsonSerializer.SerializeToNode(value)!.AsObject();

    /// <summary>
    /// The words of a definition an officer must never read as they are stored: its enum values, outcomes, events,
    /// state and material keys — those of more than one word (final-no-objection) or a plain English word (traffic).
    /// </summary>
    internal static IReadOnlyCollection<string> Codes(string procedure)
    {
        using var definition = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository(), "workflows", procedure + ".json")));
        var root = definition.RootElement;
        var codes = new List<string>();
        foreach (var field in root.GetProperty("data").EnumerateObject())
        {
            if (field.Value.TryGetProperty("values", out var values))
            {
                codes.AddRange(values.EnumerateArray().Select(v => v.GetString()!));
            }
        }

        foreach (var state in root.GetProperty("states").EnumerateObject())
        {
            codes.Add(state.Name);
            foreach (var member in new[] { "outcomes", "events" })
            {
                if (state.Value.TryGetProperty(member, out var named) && named.ValueKind == JsonValueKind.Object)
                {
                    codes.AddRange(named.EnumerateObject().Select(o => o.Name));
                }
            }
        }

        if (root.TryGetProperty("materials", out var materials) && materials.ValueKind == JsonValueKind.Object)
        {
            codes.AddRange(materials.EnumerateObject().Select(m => m.Name));
        }

        return [.. codes.Where(c => c.Length >= 4 && (c.Contains('-', StringComparison.Ordinal) || c.All(char.IsAsciiLetterLower))).Distinct(StringComparer.Ordinal)];
    }

    private static string Repository()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WorkInjuryCases.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The repository's root (WorkInjuryCases.sln) is not above the test's folder.");
    }

    [GeneratedRegex(@"/cases/[0-9a-f-]{36}$")]
    private static partial Regex CaseUrl();

    [GeneratedRegex(@"\d{4}年\d{1,2}月\d{1,2}日")]
    private static partial Regex ChinaDate();
}
