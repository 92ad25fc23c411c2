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
        foreach (var cityCode in DemoCities)
        {
            var city = City.Parse(cityCode);
            for (var i = 0; i < 8; i++)
            {
                var code = DemoCreditCode(faker, cityCode);
                employers.Add(Employer.Register(code, faker.Company.CompanyName() + DemoSuffix(faker), IndustryRiskClass.From(faker.Random.Int(1, 8)), city,
                    today.AddDays(-faker.Random.Int(200, 3000))));
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
            db.ConstructionProjects.Add(ConstructionProject.Register(
                $"JS{contractor.CityCode}{today.Year}{i + 1:D4}",
                faker.Address.StreetName() + faker.PickRandom("安置房", "综合楼", "道路改造", "污水处理厂", "学校教学楼") + "工程",
                contractor.CreditCode,
                City.Parse(contractor.CityCode),
                starts,
                starts.AddDays(faker.Random.Int(180, 720)),
                Math.Round(faker.Random.Decimal(2_000_000m, 300_000_000m), 2, MidpointRounding.AwayFromZero)));
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
        var hengda = Employer.Register(CreditCode.Parse("91370100MA3C4E5F61"), "济南恒达建材有限公司", IndustryRiskClass.From(4), jinan, today.AddDays(-900));
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
        db.ConstructionProjects.Add(ConstructionProject.Register("JS3701002026-D01", "经十路东延综合管廊工程", hengda.CreditCode, jinan,
            today.AddDays(-200), today.AddDays(30), 86_000_000m));

        await db.SaveChangesAsync();
        log.LogInformation("Demo data seeded: {Employers} employers, {Workers} workers, 16 projects, {Injuries} injury cases", employers.Count + 2, workers.Count + 3, await db.InjuryCases.CountAsync());
    }

    private static string DemoSuffix(Faker faker) => faker.PickRandom("有限公司", "股份有限公司", "建设集团有限公司", "制造有限公司");

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
