using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Cases.Application.Benefits.Adjustments;
using Cases.Application.Benefits.Payroll;
using Cases.Application.Injuries;
using Cases.Application.Parties;
using Cases.Application.Persistence;
using Cases.Domain.Benefits;
using Cases.Domain.Parties;
using Cases.Domain.Payments;
using Cases.Domain.Staff;
using Cases.Testing;
using Cases.Workflows.Instances;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cases.Benchmarks.Scenarios;

/// <summary>
/// Scenario: the monthly payroll at province scale (default 300,000 entitlements over the 16 cities). Measures one
/// city's run, the whole province's month (16 runs), the same month again (it must change nothing), a yearly
/// adjustment's preview and approval, and the next month, whose runs settle every adjusted month again as arrears.
/// The entitlements are granted through the domain and written with EF in chunks (a decision procedure per person
/// would measure the procedures, not the payroll).
/// </summary>
public static class PayrollScenario
{
    private const int Chunk = 5_000;

    private static readonly DateOnly FirstMonth = new(2025, 6, 1);

    public static async Task<BenchResult> RunAsync(BenchEnvironment environment, TestProvider provider, BenchSettings settings, TextWriter log)
    {
        var size = settings.Size ?? 300_000;
        var result = new BenchResult("payroll", BenchSettings.Label(provider), size);
        var database = await environment.CreateDatabaseAsync(provider);
        await using var app = BenchApp.Start(database);

        var watch = Stopwatch.StartNew();
        var cities = City.All.ToList();
        var anchors = new Dictionary<string, (Guid InjuryCase, Guid Case)>();
        foreach (var city in cities)
        {
            anchors[city.Code] = await AnchorAsync(app, city);
        }

        await SeedAsync(app, anchors, size);
        result.Add("seed the entitlements (EF, chunks of 5,000)", watch.Elapsed.TotalSeconds, "s");
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {size:N0} entitlements over {cities.Count} cities ({watch.Elapsed.TotalSeconds:0.0} s)"));

        // The benchmark's clock stands in October 2025: September is the month paid.
        var month = "2025-09";
        var officers = cities.ToDictionary(c => c.Code, c => new Actor("bench.officer." + c.Code, c.Code, new HashSet<string>(StringComparer.Ordinal) { Roles.Officer }));
        var jinan = City.Jinan.Code;

        var one = Stopwatch.StartNew();
        var first = await app.SendAsync(m => m.Send(new RunPayroll(jinan, month, officers[jinan])));
        result.Add("one city's month (济南), first run with arrears since June", one.Elapsed.TotalSeconds, "s");
        result.Check("济南's lines", first.Run.Lines, Share(size, cities.IndexOf(City.Jinan), cities.Count));

        var province = Stopwatch.StartNew();
        var lines = first.Run.Lines;
        foreach (var city in cities.Where(c => c.Code != jinan))
        {
            lines += (await app.SendAsync(m => m.Send(new RunPayroll(city.Code, month, officers[city.Code])))).Run.Lines;
        }

        var provinceSeconds = province.Elapsed.TotalSeconds + one.Elapsed.TotalSeconds;
        result.Add("the province's month (16 runs, one after another)", provinceSeconds, "s", "minutes, not hours", provinceSeconds < 600);
        result.Add("entitlements settled per second, province", size / provinceSeconds, "1/s");
        result.Check("lines, province", lines, size);

        var again = Stopwatch.StartNew();
        var repeated = 0;
        foreach (var city in cities)
        {
            repeated += (await app.SendAsync(m => m.Send(new RunPayroll(city.Code, month, officers[city.Code])))).Created ? 1 : 0;
        }

        result.Add("the same month again, 16 cities (idempotent)", again.Elapsed.TotalMilliseconds, "ms");
        result.Check("runs computed again", repeated, 0);
        result.Check("payment orders, one per entitlement and month", await CountAsync(app, db => db.PaymentOrders.CountAsync(o => o.Step == RunPayrollHandler.Step)), size);

        // 待遇调整 effective September (already paid): +3 % allowance, +60 元 nursing, +2.5 % pensions.
        var admin = new Actor("bench.admin", null, new HashSet<string>(StringComparer.Ordinal) { Roles.Admin });
        var supervisor = new Actor("bench.supervisor", null, new HashSet<string>(StringComparer.Ordinal) { Roles.Supervisor });
        var rule = await app.SendAsync(m => m.Send(new EnterBenefitAdjustment(2025, "2025-09", "鲁人社字〔2025〕基准测试号",
            new AdjustmentTermInput(3m, null), new AdjustmentTermInput(null, 60m), new AdjustmentTermInput(2.5m, null), admin)));
        var preview = Stopwatch.StartNew();
        await app.SendAsync(m => m.Send(new PreviewBenefitAdjustment(rule.Id, null, null, null, 50, supervisor)));
        result.Add("adjustment preview, province, first page with the figures", preview.Elapsed.TotalSeconds, "s");
        var apply = Stopwatch.StartNew();
        await app.SendAsync(m => m.Send(new ApproveBenefitAdjustment(rule.Id, supervisor)));
        result.Add("adjustment approved and applied, province", apply.Elapsed.TotalSeconds, "s");
        result.Check("entitlements adjusted", await CountAsync(app, db => db.Entitlements.CountAsync(e => e.RecheckFrom != null)), size);

        // October: every benefit settles September again (the adjustment's arrears) and pays October.
        app.Clock.Set(app.Clock.GetUtcNow().AddMonths(1));
        var next = Stopwatch.StartNew();
        var nextLines = 0;
        foreach (var city in cities)
        {
            nextLines += (await app.SendAsync(m => m.Send(new RunPayroll(city.Code, "2025-10", officers[city.Code])))).Run.Lines;
        }

        result.Add("the next month with every benefit's arrears, province", next.Elapsed.TotalSeconds, "s");
        result.Check("lines with arrears, province", nextLines, size);

        result.Notes.Add($"{size:N0} entitlements (disability allowance, nursing care, dependants' pension in turn) granted from {FirstMonth:yyyy-MM}, each with an account; runs through the Mediator (RunPayroll), one transaction per city");
        return result;
    }

    /// <summary>How many of <paramref name="size"/> entitlements the city at <paramref name="index"/> holds when they are dealt round the cities.</summary>
    private static int Share(int size, int index, int cities) => (size / cities) + (index < size % cities ? 1 : 0);

    private static async Task<int> CountAsync(BenchApp app, Func<CasesDb, Task<int>> count) =>
        await app.WithScopeAsync(sp => count(sp.GetRequiredService<CasesDb>()));

    /// <summary>An employer, a worker, an injury case and a case in the city: what every entitlement refers to.</summary>
    private static async Task<(Guid, Guid)> AnchorAsync(BenchApp app, City city)
    {
        var officer = new Actor("bench.officer." + city.Code, city.Code, new HashSet<string>(StringComparer.Ordinal) { Roles.Officer });
        var body = "91" + city.Code + "9" + city.Code[..4] + "0001";
        var creditCode = body + CreditCode.ComputeCheckCharacter(body);
        var worker = IdOf(10_000_000 + City.All.ToList().IndexOf(city));
        await app.SendAsync(m => m.Send(new RegisterEmployer(creditCode, "基准测试建材有限公司", 1, city.Code, new DateOnly(2025, 1, 2), officer)));
        await app.SendAsync(m => m.Send(new RegisterWorker(worker, "基准职工", "13800000000", creditCode, officer, new DateOnly(2025, 1, 3))));
        var injury = await app.SendAsync(m => m.Send(new RegisterInjuryCase(city.Code, worker, creditCode, new DateOnly(2025, 2, 10), new DateOnly(2025, 3, 10),
            "基准认字〔2025〕" + city.Code + "号", "基准测试", officer)));
        var started = await app.SendAsync(m => m.Send(new StartCase("demo-filing", city.Code, new JsonObject { ["contractEndsOn"] = "2026-12-31" }, officer)));
        return (injury.Id, started.CaseId);
    }

    private static async Task SeedAsync(BenchApp app, Dictionary<string, (Guid InjuryCase, Guid Case)> anchors, int size)
    {
        var cities = City.All.ToList();
        var account = PaymentAccount.Parse(AccountKind.SocialSecurityCard, "6222021602001234568", "中国工商银行");
        var at = app.Clock.GetUtcNow();
        for (var start = 0; start < size; start += Chunk)
        {
            await app.WithScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<CasesDb>();
                for (var i = start; i < Math.Min(size, start + Chunk); i++)
                {
                    var city = cities[i % cities.Count];
                    var (injury, @case) = anchors[city.Code];
                    var benefit = (MonthlyBenefit)((i / cities.Count % 3) + 1);
                    var relation = benefit == MonthlyBenefit.DependantsPension ? Cases.Domain.Injuries.DependantRelation.Spouse : (Cases.Domain.Injuries.DependantRelation?)null;
                    var amount = benefit switch { MonthlyBenefit.DisabilityAllowance => 4_123.50m, MonthlyBenefit.NursingCare => 2_287.80m, _ => 2_344.00m };
                    var entitlement = Entitlement.Grant(
                        new EntitlementGrant(city, injury, @case, benefit, "基准领取人", IdOf(i), relation, amount, FirstMonth, "第七十五条", "基准测试核定", Id: Guid.CreateVersion7(at)),
                        "bench", at);
                    entitlement.RecordAccount(account, FirstMonth, "本人社会保障卡", "bench", at);
                    db.Entitlements.Add(entitlement);
                }

                return await db.SaveChangesAsync();
            });
        }
    }

    /// <summary>A valid identity number of region 370102, distinct for every <paramref name="n"/> below 10,000,000 + 16.</summary>
    private static string IdOf(int n)
    {
        var birth = new DateOnly(1960, 1, 1).AddDays(n / 1000);
        var body = "370102" + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (n % 1000).ToString("D3", CultureInfo.InvariantCulture);
        return body + IdNumber.ComputeCheckDigit(body);
    }
}
