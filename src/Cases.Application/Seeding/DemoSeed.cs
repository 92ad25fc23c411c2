using Bogus;
using Cases.Domain.Injuries;
using Cases.Domain.Parties;
using Cases.Domain.Projects;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cases.Application.Seeding;

/// <summary>
/// Development-only demo users and data (Bogus, zh_CN, fixed seed so every developer sees the same names).
/// Runs once: it does nothing when the users or the employers already exist.
/// </summary>
public static class DemoSeed
{
    /// <summary>The one password of every demo user. Demo users exist only in Development (see README).</summary>
    public const string Password = "Demo#2026";

    public static IReadOnlyList<(string UserName, string DisplayName, string Role, string? City)> Users { get; } =
    [
        ("officer.jinan", "张伟（济南经办）", Roles.Officer, "370100"),
        ("officer2.jinan", "王芳（济南经办）", Roles.Officer, "370100"),
        ("reviewer.jinan", "李娜（济南复核）", Roles.Reviewer, "370100"),
        ("supervisor.jinan", "刘强（济南主管）", Roles.Supervisor, "370100"),
        ("officer.qingdao", "陈静（青岛经办）", Roles.Officer, "370200"),
        ("supervisor.province", "杨洋（省级主管）", Roles.Supervisor, null),
        ("designer", "赵磊（流程设计）", Roles.Designer, null),
        ("admin", "孙敏（系统管理员）", Roles.Admin, null),
        ("auditor", "周静（省级审计）", Roles.Auditor, null),
    ];

    private static readonly string[] DemoCities = ["370100", "370200", "370300", "370600", "370700"];

    public static async Task RunAsync(IServiceProvider services, ILogger log)
    {
        await SeedUsersAsync(services, log);
        var db = services.GetRequiredService<CasesDb>();
        if (!await db.Employers.AnyAsync())
        {
            await SeedDataAsync(db, services.GetRequiredService<TimeProvider>(), log);
        }

        // catalogues: a small demo of the 三目录 (第四十条), when none is loaded, so the bill review works out of the box.
        await Catalogues.DemoCatalogue.RunAsync(db, services.GetRequiredService<TimeProvider>());
    }

    private static async Task SeedUsersAsync(IServiceProvider services, ILogger log)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), role);
            }
        }

        var users = services.GetRequiredService<UserManager<CasesUser>>();
        foreach (var (userName, displayName, role, city) in Users)
        {
            if (await users.FindByNameAsync(userName) is not null)
            {
                continue;
            }

            var user = new CasesUser { UserName = userName, DisplayName = displayName, CityCode = city, LockoutEnabled = true };
            Check(await users.CreateAsync(user, Password), userName);
            Check(await users.AddToRoleAsync(user, role), userName);
            log.LogInformation("Demo user {User} ({Role}, {City}) created", userName, role, city);
        }
    }

    private static async Task SeedDataAsync(CasesDb db, TimeProvider clock, ILogger log)
    {
        var faker = new Faker("zh_CN") { Random = new Randomizer(2026) };
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(8));

        var employers = new List<Employer>();
        // employers: names and the items of 第七条 from their own random sequence, as a Shandong register reads them.
        var names = new Randomizer(2027);
        foreach (var cityCode in DemoCities)
        {
            var city = City.Parse(cityCode);
            var trades = names.Shuffle(DemoEmployers.TradeNames).Take(8).ToList();
            for (var i = 0; i < 8; i++)
            {
                var code = DemoCreditCode(faker, cityCode);
                var (name, details, risk) = DemoEmployers.Make(names, city, trades[i], faker.Name.LastName() + faker.Name.FirstName(), DemoIdNumber(faker, cityCode, today));
                employers.Add(Employer.Register(code, name, IndustryRiskClass.From(risk), city, today.AddDays(-faker.Random.Int(200, 3000)), details: details));
            }
        }

        db.Employers.AddRange(employers);

        var workers = new List<Worker>();
        var usedIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var employer in employers)
        {
            for (var i = 0; i < 5; i++)
            {
                IdNumber id;
                do
                {
                    id = DemoIdNumber(faker, employer.CityCode, today);
                }
                while (!usedIds.Add(id.Value));

                workers.Add(Worker.Register(id, faker.Name.LastName() + faker.Name.FirstName(), "1" + faker.Random.ReplaceNumbers("3#########"), employer.Id));
            }
        }

        db.Workers.AddRange(workers);

        var contractors = employers.Where(e => e.RiskClass.Value >= 3).ToList();
        for (var i = 0; i < 15; i++)
        {
            var contractor = faker.PickRandom(contractors);
            var starts = today.AddDays(-faker.Random.Int(30, 400));
            // Projects: named as a city's works are ("济南市…路安置房（二期）工程") and coded as a construction permit
            // number is (the city's division code, the permit date, a serial); the same draws of the fixed seed as before.
            var city = City.Parse(contractor.CityCode);
            var street = faker.Address.StreetName();
            var kind = faker.PickRandom("安置房（二期）", "综合楼", "道路改造", "污水处理厂", "学校教学楼");
            db.ConstructionProjects.Add(DemoProject(
                $"{contractor.CityCode}{starts.AddDays(-20):yyyyMMdd}{i + 1:D2}01",
                $"{city.NameZh}{street}{kind}工程",
                contractor.CreditCode,
                city,
                starts,
                starts.AddDays(faker.Random.Int(180, 720)),
                Math.Round(faker.Random.Decimal(2_000_000m, 300_000_000m), 2, MidpointRounding.AwayFromZero),
                $"HT-{contractor.CityCode[..4]}-{starts.Year}-{i + 1:D3}",
                i % 3 == 0 ? AwardNotices.Assignment : AwardNotices.WinningBid));
        }

        var employerById = employers.ToDictionary(e => e.Id);
        foreach (var worker in faker.PickRandom(workers, 60))
        {
            var employer = employerById[worker.EmployerId!.Value];
            var injuryOn = today.AddDays(-faker.Random.Int(20, 700));
            var injury = InjuryCase.Open(worker.Id, employer.Id, City.Parse(employer.CityCode), injuryOn);
            if (faker.Random.Bool(0.8f))
            {
                injury.RecordRecognition(injuryOn.AddDays(faker.Random.Int(15, 60)));
                if (faker.Random.Bool(0.5f) && injury.RecognizedOn!.Value.AddDays(30) <= today)
                {
                    var grade = DisabilityGrade.From(faker.Random.Int(1, 10));
                    var care = grade.Value <= 4 ? faker.PickRandom(SelfCareLevel.Partial, SelfCareLevel.Major, SelfCareLevel.Complete) : SelfCareLevel.None;
                    injury.RecordAppraisal(grade, care, injury.RecognizedOn.Value.AddDays(faker.Random.Int(20, 90)) is var on && on <= today ? on : today);
                }
            }

            db.InjuryCases.Add(injury);
            if (faker.Random.Bool(0.15f))
            {
                db.Dependants.Add(Dependant.Add(injury.Id, faker.Name.LastName() + faker.Name.FirstName(), DependantRelation.Spouse));
                db.Dependants.Add(Dependant.Add(injury.Id, faker.Name.LastName() + faker.Name.FirstName(), DependantRelation.Child));
            }
        }

        // The employer, worker and project the demo cases name (DemoCases), registered so that the lists name them; added
        // after the generated ones, which therefore stay as the fixed seed makes them.
        var jinan = City.Parse("370100");
        var hengda = Employer.Register(CreditCode.Parse("91370100MA3C4E5F61"), "济南恒达建材有限公司", IndustryRiskClass.From(4), jinan, today.AddDays(-900), details: new EmployerDetails
        {
            UnitType = UnitType.Enterprise, EconomicType = EconomicType.LimitedLiability, Affiliation = Affiliation.County, RegistrationAuthority = RegistrationAuthority.MarketRegulation,
            EstablishedOn = new DateOnly(2009, 4, 16), Industry = "非金属矿物制品业", Address = "济南市历城区工业北路 268 号", Phone = "053188061234",
            LegalRepresentative = LegalRepresentative.Create("刘德顺", "resident-id", "37011219720615001X", "13905318866"),
        });
        db.Employers.Add(hengda);
        var haiwan = Employer.Register(CreditCode.Parse("91370200MA3D7K8P21"), "青岛海湾机械制造有限公司", IndustryRiskClass.From(3), City.Parse("370200"), today.AddDays(-700));
        db.Employers.Add(haiwan);
        Worker[] named =
        [
            Worker.Register(IdNumber.Parse("370102198503120011"), "王建国", "13905310011", hengda.Id),
            Worker.Register(IdNumber.Parse("370105197811020041"), "李秀英", "13905310041", hengda.Id),
            Worker.Register(IdNumber.Parse("37020319880420005X"), "赵海涛", "13905320059", haiwan.Id),
        ];
        db.Workers.AddRange(named);
        DemoInjuries.Add(db, named, [hengda, haiwan], today);
        db.ConstructionProjects.Add(DemoProject("JS3701002026-D01", "济南市经十路东延综合管廊工程", hengda.CreditCode, jinan,
            today.AddDays(-200), today.AddDays(30), 86_000_000m, "JSGC-HT-2025-0317", AwardNotices.WinningBid));
        // Projects: one of Qingdao's, so that each city of the demo users has a project of its own.
        db.ConstructionProjects.Add(DemoProject("JS3702002026-D02", "青岛市西海岸新区海湾机械厂房扩建工程", haiwan.CreditCode, City.Parse("370200"),
            today.AddDays(-120), today.AddDays(240), 42_500_000m, "QDGC-HT-2025-1108", AwardNotices.Assignment));

        // People: 张三 of 济南鲁泰建设工程有限公司, employed and filed on time (第十一条), injured on 2025-05-10 — the worker
        // an officer looks up in 「当事人」; DemoCases opens his cases by his number and his injury case (PeopleDemo's ids).
        var lutai = Employer.Register(CreditCode.Parse(PeopleDemo.EmployerCreditCode), "济南鲁泰建设工程有限公司", IndustryRiskClass.From(5), jinan, new DateOnly(2016, 4, 12));
        db.Employers.Add(lutai);
        var zhang = Worker.Register(IdNumber.Parse(PeopleDemo.WorkerIdNumber), "张三", "13805310618", lutai.Id);
        db.Workers.Add(zhang);
        // Employed Monday 2024-03-04; the 30 days end Wednesday 2024-04-03, a working day; filed on 2024-03-15.
        db.Employments.Add(Employment.File(zhang.Id, lutai.Id, new DateOnly(2024, 3, 4), new DateOnly(2024, 3, 15), new DateOnly(2024, 4, 3)));
        var zhangInjury = InjuryCase.Open(zhang.Id, lutai.Id, jinan, new DateOnly(2025, 5, 10), PeopleDemo.InjuryCaseId);
        zhangInjury.RecordRecognition(new DateOnly(2025, 6, 6));
        db.InjuryCases.Add(zhangInjury);

        // employers: the employer the demo deregistration case (DemoCases) is about; no case of it runs.
        db.Employers.Add(Employer.Register(DemoEmployers.DissolvingCode, "济南瑞丰商贸有限公司", IndustryRiskClass.From(1), jinan, today.AddDays(-2400), details: new EmployerDetails
        {
            UnitType = UnitType.Enterprise, EconomicType = EconomicType.Private, Affiliation = Affiliation.County, RegistrationAuthority = RegistrationAuthority.MarketRegulation,
            EstablishedOn = new DateOnly(2016, 9, 1), Industry = "批发业", Address = "济南市天桥区堤口路 55 号", Phone = "053185901122",
            LegalRepresentative = LegalRepresentative.Create("孙玉梅", "resident-id", "370105196811230028", "13705312233"),
        }));

        await db.SaveChangesAsync();
        log.LogInformation("Demo data seeded: {Employers} employers, {Workers} workers, 17 projects, {Injuries} injury cases", employers.Count + 3, workers.Count + 4, await db.InjuryCases.CountAsync());
    }

    // Projects: a demo project registered before work started (第九条), its premium 0.15% of the total cost
    // (第二十六条, the project-premium calculator) paid the day before registration (第二十七条: before work starts).
    private static ConstructionProject DemoProject(string code, string name, CreditCode contractor, City city, DateOnly starts, DateOnly ends, decimal totalCost,
        string contractNumber, string awardNotice)
    {
        var premium = Cases.Domain.Calculations.ProjectPremiumCalculator.Calculate(new(totalCost, 0.0015m)).Amount;
        var registeredOn = starts.AddDays(-7);
        return ConstructionProject.Register(code, name, contractor, city, starts, ends, totalCost,
            new ProjectRegistration(contractNumber, awardNotice, WorkStarted: false, Subcontracted: false, registeredOn, premium, registeredOn.AddDays(-1)));
    }


    private static CreditCode DemoCreditCode(Faker faker, string cityCode)
    {
        // 9 1 (enterprise) + the city's division code + a 9-character organisation identifier + the check character.
        var body = "91" + cityCode[..4] + faker.Random.ReplaceNumbers("##") + faker.Random.String2(9, "0123456789ABCDEFGHJKLMNPQRTUWXY");
        return CreditCode.Parse(body + CreditCode.ComputeCheckCharacter(body));
    }

    private static IdNumber DemoIdNumber(Faker faker, string cityCode, DateOnly today)
    {
        var birth = today.AddYears(-faker.Random.Int(20, 58)).AddDays(-faker.Random.Int(0, 364));
        var body = cityCode[..4] + faker.Random.ReplaceNumbers("0#") + birth.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + faker.Random.ReplaceNumbers("###");
        return IdNumber.Parse(body + IdNumber.ComputeCheckDigit(body));
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Seeding {what} failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}

/// <summary>People: the demo worker 张三, his employer and his injury case, named by DemoSeed and DemoCases alike.</summary>
public static class PeopleDemo
{
    public const string EmployerCreditCode = "91370100MA3P5L7T8D";

    public const string WorkerIdNumber = "370102198806150031";

    public static readonly Guid InjuryCaseId = new("5a3e1d2c-0510-4c2b-9d5e-202505100001");
}
