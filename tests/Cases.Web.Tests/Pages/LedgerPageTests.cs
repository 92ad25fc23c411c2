using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using Cases.Web.Tests.Procedures;
using Cases.Web.Tests.Runtime;
using Cases.Web.Tests.Support;
using CsvHelper;

namespace Cases.Web.Tests.Pages;

/// <summary>
/// The ledgers page 「台账」: the 先行支付台账 (第九十三条) with the API's exact figures, its filters and city scoping, the
/// third-party medical ledger's lookup by injury case (第九十条), and both as CSV.
/// </summary>
public sealed class LedgerPageTests(SqliteRuntimeApp app) : ProcedureScenario(app), IClassFixture<SqliteRuntimeApp>
{
    private static readonly string[] TrafficPapers = ["accident-liability-finding", "civil-compensation-mediation", "medical-invoices"];

    /// <summary>An advance of <paramref name="amount"/> paid on 2025-10-09, its demand issued on 10/10, and the repayments given (10/20, 10/27, …).</summary>
    private async Task<Guid> AdvanceAsync(string injuryCaseName, decimal amount, params decimal[] repayments)
    {
        At("2025-09-30 10:00");
        var injuryCaseId = await InjuryAsync(injuryCaseName);
        var caseId = await StartAsync("advance-payment", new
        {
            // 第九十二条 (no employer to urge first, and the agency's 30 days to repay): the ledger is what is under test here.
            variant = "third-party-unpaid", appliedOn = "2025-09-30", injuryCaseId, workerIdNumber = "370102198503120011", employerCreditCode = "91370100MA3C4E5F61",
            claimItems = new[] { new { kind = "medical", amount } },
            liableParty = new { name = "济南恒达建材有限公司", creditCode = TestParties.NewCreditCode() },
            thirdPartyIdentified = false, materialsReceived = new[] { "written-application", "injury-decision", "no-third-party-proof" },
        });
        var approve = Task(await CompleteAsync(Task(await CaseAsync(caseId)), "recommend"));
        At("2025-10-09 10:00");
        var issue = Task(await CompleteAsync(approve, "approved", new { approvedAmount = amount, advancedOn = "2025-10-09" }, "reviewer.jinan"));
        At("2025-10-10 15:00");
        await CompleteAsync(issue, "issued", new { demandIssuedOn = "2025-10-10" });
        var day = new DateOnly(2025, 10, 20);
        foreach (var repayment in repayments)
        {
            At($"{day:yyyy-MM-dd} 09:00");
            await EventOkAsync(caseId, "repayment", new { repaymentAmount = repayment, repaidOn = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
            day = day.AddDays(7);
        }

        return caseId;
    }

    /// <summary>A third-party top-up for the injury case named <paramref name="injuryCaseName"/>, checked by the officer and paid by the reviewer on 2025-09-30 at <paramref name="paidAt"/>.</summary>
    private async Task<Guid> TopUpPaidAsync(string injuryCaseName, decimal eligible, decimal compensated, string paidAt, params (string Number, decimal Amount)[] invoices)
    {
        At("2025-09-29 10:00");
        var injuryCaseId = await InjuryAsync(injuryCaseName);
        var caseId = await StartAsync("third-party-reimbursement", new { injuryCaseId, workerIdNumber = "370102198503120011", employerCreditCode = "91370100MA3C4E5F61", accidentType = "traffic", compensationDecidedBy = "accident-authority-mediation", eligibleMedicalCost = eligible, materialsReceived = TrafficPapers });
        var approve = Task(await CompleteAsync(Task(await CaseAsync(caseId)), "complete", new
        {
            splitUnclear = false, eligibleMedicalCost = eligible, compensatedMedicalAmount = compensated,
            invoices = invoices.Select(i => new { number = i.Number, amount = i.Amount }).ToArray(),
        }));
        At("2025-09-30 " + paidAt);
        await CompleteAsync(approve, "paid", new { paidOn = "2025-09-30" }, "reviewer.jinan");
        return caseId;
    }

    private async Task<JsonElement> ApiAsync(string user, string url) => await (await (await App.As(user)).GetAsync(new Uri(url, UriKind.Relative))).JsonAsync(HttpStatusCode.OK);

    private static IElement Row(IDocument page, Guid caseId) =>
        page.QuerySelector($"[data-testid=advance-row][data-case-id='{caseId}']") ?? throw new InvalidOperationException($"Case {caseId} is not in the advance-payment ledger.");

    private static List<Guid> RowIds(IDocument page) =>
        [.. page.QuerySelectorAll("[data-testid=advance-row]").Select(r => Guid.Parse(r.GetAttribute("data-case-id")!))];

    private static string Cell(IElement row, string testId) => row.QuerySelector($"[data-testid={testId}]").Text();

    // Money as officers read it: yuan to the fen with the sign and thousands separators (¥48,000.00).
    private static string Money(JsonElement amount) => "¥" + amount.GetDecimal().ToString("#,##0.00", CultureInfo.InvariantCulture);

    private static async Task<(byte[] Bytes, List<string[]> Rows)> CsvAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var rows = new List<string[]>();
        using var reader = CsvReader.Create(bytes[3..], new CsvReaderOptions { HasHeader = false });
        while (reader.Read())
        {
            rows.Add(reader.Current.ToArray());
        }

        return (bytes, rows);
    }

    [Fact]
    public async Task After_an_advance_and_a_partial_repayment_the_page_shows_the_apis_figures_to_the_fen()
    {
        var caseId = await AdvanceAsync("IC-LP-0001", 48000.00m, 20000m);
        var supervisor = await App.As("supervisor.jinan");

        var page = await supervisor.OpenAsync("/ledgers");
        var api = await ApiAsync("supervisor.jinan", "/api/ledgers/advance-payments");

        Assert.Equal("台账", page.QuerySelector("[data-testid=nav-ledgers]").Text());
        Assert.Equal("page", page.QuerySelector("[data-testid=nav-ledgers]")!.GetAttribute("aria-current"));
        Assert.Equal("济南市", page.QuerySelector("[data-testid=scope]").Text());
        var row = Row(page, caseId);
        Assert.Equal(("¥48,000.00", "¥20,000.00", "¥0.00", "¥28,000.00"), (Cell(row, "advanced"), Cell(row, "recovered"), Cell(row, "written-off"), Cell(row, "outstanding")));
        Assert.Equal(("IC-LP-0001（王建国）", "追偿中", "2025-10-20"), (Cell(row, "injury-case"), Cell(row, "standing"), Cell(row, "last-repaid")));
        // Whom it is recovered from: the employer's name, its credit code small beside it.
        var liable = row.QuerySelector("[data-testid=liable-party]")!;
        Assert.Equal("济南恒达建材有限公司", liable.QuerySelector(".party-name").Text());
        Assert.Matches("^[0-9A-Z]{18}$", liable.QuerySelector("small.party-code").Text());
        Assert.Contains("2025-10-09", row.Text(), StringComparison.Ordinal);
        Assert.Equal($"/cases/{caseId}", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.All(row.QuerySelectorAll("[data-testid=outstanding], [data-testid=advanced]"), c => Assert.Contains("text-end", c.ClassList));

        // Every row and the totals are the API's, in the API's order.
        var cases = api.GetProperty("cases").EnumerateArray().ToList();
        Assert.Equal(cases.Select(c => c.GetProperty("caseId").GetGuid()), RowIds(page));
        foreach (var c in cases)
        {
            var shown = Row(page, c.GetProperty("caseId").GetGuid());
            Assert.Equal((Money(c.GetProperty("advanced")), Money(c.GetProperty("recovered")), Money(c.GetProperty("writtenOff")), Money(c.GetProperty("outstanding"))),
                (Cell(shown, "advanced"), Cell(shown, "recovered"), Cell(shown, "written-off"), Cell(shown, "outstanding")));
        }

        var total = api.GetProperty("total");
        var totals = page.QuerySelector("[data-testid=advance-total]")!;
        Assert.Equal((Money(total.GetProperty("advanced")), Money(total.GetProperty("recovered")), Money(total.GetProperty("writtenOff")), Money(total.GetProperty("outstanding"))),
            (Cell(totals, "advanced"), Cell(totals, "recovered"), Cell(totals, "written-off"), Cell(totals, "outstanding")));
        Assert.Equal(cases.Sum(c => c.GetProperty("outstanding").GetDecimal()), total.GetProperty("outstanding").GetDecimal());
        Assert.Contains($"（{total.GetProperty("cases").GetInt32()} 件）", totals.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_city_sees_its_own_ledger_the_province_every_city_or_one_and_another_city_is_refused()
    {
        var caseId = await AdvanceAsync("IC-LP-0002", 30000m);

        var qingdao = await App.As("officer.qingdao");
        Assert.DoesNotContain(caseId, RowIds(await qingdao.OpenAsync("/ledgers")));
        Assert.Equal(HttpStatusCode.Forbidden, (await qingdao.PageAsync("/ledgers?city=370100")).Status);
        Assert.Null((await qingdao.OpenAsync("/ledgers")).QuerySelector("#filter-city"));

        var province = await App.As("supervisor.province");
        var all = await province.OpenAsync("/ledgers");
        Assert.Equal("全省", all.QuerySelector("[data-testid=scope]").Text());
        Assert.Contains(caseId, RowIds(all));
        var jinan = (await ApiAsync("supervisor.province", "/api/ledgers/advance-payments")).GetProperty("cities").EnumerateArray().Single(c => c.Str("city") == "370100");
        var cityRow = all.QuerySelector("[data-testid=advance-city-row][data-city='370100']")!;
        Assert.Equal((Money(jinan.GetProperty("advanced")), Money(jinan.GetProperty("outstanding"))), (Cell(cityRow, "advanced"), Cell(cityRow, "outstanding")));
        Assert.Contains(caseId, RowIds(await province.OpenAsync("/ledgers?city=370100")));
        Assert.DoesNotContain(caseId, RowIds(await province.OpenAsync("/ledgers?city=370200")));

        // Reviewers keep the ledger too; designers and auditors have neither the page nor its nav item.
        Assert.Contains(caseId, RowIds(await (await App.As("reviewer.jinan")).OpenAsync("/ledgers")));
        var designer = await App.As("designer");
        Assert.Null((await designer.OpenAsync("/designer")).QuerySelector("[data-testid=nav-ledgers]"));
        using var denied = await designer.GetAsync(new Uri("/ledgers", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task Outstanding_only_and_the_standing_filter_list_what_the_api_lists_for_the_same_query()
    {
        var recovering = await AdvanceAsync("IC-LP-0003", 10000m, 4000m);
        var recovered = await AdvanceAsync("IC-LP-0004", 5000m, 2000m, 3000m);
        var officer = await App.As("officer.jinan");

        var outstanding = await officer.OpenAsync("/ledgers?outstandingOnly=true");
        Assert.Contains(recovering, RowIds(outstanding));
        Assert.DoesNotContain(recovered, RowIds(outstanding));
        Assert.True(outstanding.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#filter-outstanding")!.IsChecked);
        Assert.All(outstanding.QuerySelectorAll("[data-testid=advance-row] [data-testid=outstanding]"), c => Assert.NotEqual("¥0.00", c.Text()));

        foreach (var (standing, expected, absent) in new[] { ("recovered", recovered, recovering), ("recovering", recovering, recovered) })
        {
            var page = await officer.OpenAsync($"/ledgers?standing={standing}");
            var api = await ApiAsync("officer.jinan", $"/api/ledgers/advance-payments?standing={standing}");
            Assert.Equal(api.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("caseId").GetGuid()), RowIds(page));
            Assert.Contains(expected, RowIds(page));
            Assert.DoesNotContain(absent, RowIds(page));
            Assert.All(page.QuerySelectorAll("[data-testid=advance-row]"), r => Assert.Equal(standing, r.GetAttribute("data-standing")));
            Assert.Equal(Money(api.GetProperty("total").GetProperty("advanced")), Cell(page.QuerySelector("[data-testid=advance-total]")!, "advanced"));
            Assert.Equal(standing, page.QuerySelector("#filter-standing option[selected]")!.GetAttribute("value"));
        }

        Assert.Equal("已全部追回", Cell(Row(await officer.OpenAsync("/ledgers?standing=recovered"), recovered), "standing"));
        var refused = await officer.OpenAsync("/ledgers?standing=paid");
        Assert.Contains("状态须为以下之一", refused.QuerySelector("[data-testid=filter-problem]").Text(), StringComparison.Ordinal);
        Assert.Contains(recovered, RowIds(refused));
        Assert.Equal("standing", Assert.Single((await (await officer.GetAsync(new Uri("/api/ledgers/advance-payments?standing=paid", UriKind.Relative)))
            .ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject()).Name);
        await (await officer.GetAsync(new Uri("/api/ledgers/advance-payments?outstandingOnly=maybe", UriKind.Relative))).FieldErrorAsync("outstandingOnly");
    }

    [Fact]
    public async Task The_csv_exports_hold_the_pages_rows_in_utf8_with_a_bom_and_formula_cells_escaped()
    {
        // A decision's number holds no '=' or quotes (InjuryCase.RecordRecognition), but a leading '@' or '+' starts a formula too.
        const string formula = "@SUM(A1:A9)";
        var caseId = await AdvanceAsync(formula, 12345.67m, 345.67m);
        var topUp = await TopUpPaidAsync("+SUM(1,2)", 9000m, 4000m, "10:00", ("LP-CSV-1", 9000m));
        var supervisor = await App.As("supervisor.jinan");
        var page = await supervisor.OpenAsync("/ledgers?outstandingOnly=true");
        Assert.Equal("/api/ledgers/advance-payments/export?city=370100&outstandingOnly=true", page.QuerySelector("[data-testid=advance-export]")!.GetAttribute("href"));
        Assert.Equal(formula + "（王建国）", Cell(Row(page, caseId), "injury-case"));

        var (bytes, rows) = await CsvAsync(supervisor, page.QuerySelector("[data-testid=advance-export]")!.GetAttribute("href")!);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal(["城市", "案件", "工伤案件编号", "追偿对象", "状态", "先行支付日期", "先行支付金额", "已追回", "已核销", "未追回余额", "最近还款日期"], rows[0]);
        Assert.Equal(RowIds(page).Count, rows.Count - 1);
        var row = Assert.Single(rows, r => r[2].Contains("@SUM", StringComparison.Ordinal));
        Assert.Equal("'" + formula + "（王建国）", row[2]);
        Assert.Equal(["济南市", Cases.Web.Texts.WorkflowText.CaseNumber(caseId)], row[..2]);
        Assert.Matches("^济南恒达建材有限公司（[0-9A-Z]{18}）$", row[3]);
        Assert.Equal(["追偿中", "2025-10-09", "¥12,345.67", "¥345.67", "¥0.00", "¥12,000.00", "2025-10-20"], row[4..]);

        var (thirdBytes, thirdRows) = await CsvAsync(supervisor, page.QuerySelector("[data-testid=third-party-export]")!.GetAttribute("href")!);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, thirdBytes[..3]);
        Assert.Equal(["城市", "案件", "工伤案件编号", "补足金额", "支付日期", "发票号"], thirdRows[0]);
        var paid = Assert.Single(thirdRows, r => r[1] == Cases.Web.Texts.WorkflowText.CaseNumber(topUp));
        Assert.Equal(["'+SUM(1,2)（王建国）", "¥5,000.00", "2025-09-30", "LP-CSV-1"], paid[2..]);

        // The same city rule as the JSON: a city's staff get 403 for another city.
        using var elsewhere = await (await App.As("officer.qingdao")).GetAsync(new Uri("/api/ledgers/advance-payments/export?city=370100", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Looking_up_an_injury_case_shows_what_was_reimbursed_for_it_and_the_total()
    {
        var first = await TopUpPaidAsync("IC-LP-TP-1", 20000m, 7654.32m, "10:00", ("LP-A-001", 12000m), ("LP-A-002", 8000m));
        var second = await TopUpPaidAsync("IC-LP-TP-1", 3000m, 1000m, "11:00", ("LP-A-003", 3000m));
        var other = await TopUpPaidAsync("IC-LP-TP-2", 1000m, 200m, "12:00", ("LP-B-001", 1000m));
        var officer = await App.As("officer.jinan");

        var page = await officer.OpenAsync("/ledgers");
        Assert.Equal("lookup-injury-case", page.QuerySelector("[data-testid=injury-lookup] label")!.GetAttribute("for"));
        // Looked up by the recognition decision's number, as officers know the injury case.
        var looked = await officer.OpenAsync("/ledgers?injuryCaseId=IC-LP-TP-1");
        var result = looked.QuerySelector("[data-testid=lookup-result]")!;
        var rows = result.QuerySelectorAll("[data-testid=reimbursement-row]");
        Assert.Equal([first, second], rows.Select(r => Guid.Parse(r.GetAttribute("data-case-id")!)));
        Assert.Equal(["¥12,345.68", "¥2,000.00"], rows.Select(r => Cell(r, "amount")));
        Assert.Equal("LP-A-001、LP-A-002", Cell(rows[0], "invoices"));
        Assert.Equal("¥14,345.68", Cell(result.QuerySelector("[data-testid=reimbursement-total]")!, "amount"));
        Assert.Contains("已报销 2 次，合计 ¥14,345.68", result.QuerySelector("[data-testid=lookup-summary]").Text(), StringComparison.Ordinal);
        Assert.Equal("IC-LP-TP-1", looked.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#lookup-injury-case")!.Value);
        var api = await ApiAsync("officer.jinan", "/api/ledgers/third-party-medical?injuryCaseId=IC-LP-TP-1");
        Assert.Equal(14345.68m, api.EnumerateArray().Sum(r => r.GetProperty("amount").GetDecimal()));

        // The whole list still has the other injury case's top-up; the lookup of a case never paid says so.
        Assert.Contains(looked.QuerySelectorAll("[data-testid=third-party] [data-testid=reimbursement-row]"), r => r.GetAttribute("data-case-id") == other.ToString());
        Assert.NotNull((await officer.OpenAsync("/ledgers?injuryCaseId=IC-LP-NEVER")).QuerySelector("[data-testid=lookup-empty]"));
        var (_, csv) = await CsvAsync(officer, result.QuerySelector("[data-testid=lookup-export]")!.GetAttribute("href")!);
        Assert.Equal(2, csv.Count - 1);
        Assert.Equal(["¥12,345.68", "¥2,000.00"], csv.Skip(1).Select(r => r[3]));

        // Longer than an injury case number may be: said on the page, the rest of the page still shown.
        var tooLong = await officer.OpenAsync("/ledgers?injuryCaseId=" + new string('x', 65));
        Assert.Contains("injuryCaseId", tooLong.QuerySelector("[data-testid=filter-problem]").Text(), StringComparison.Ordinal);
        Assert.Null(tooLong.QuerySelector("[data-testid=lookup-result]"));
    }
}
