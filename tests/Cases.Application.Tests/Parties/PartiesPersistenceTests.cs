using Cases.Domain.Injuries;
using Cases.Domain.Parties;
using Cases.Domain.Projects;
using Cases.Testing;
using Microsoft.EntityFrameworkCore;

namespace Cases.Application.Tests.Parties;

public class PartiesPersistenceTests
{
    private static CreditCode NewCreditCode(string city = "370100")
    {
        var body = "91" + city + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant().Replace('I', '1').Replace('O', '0').Replace('S', '5').Replace('V', 'U').Replace('Z', '2');
        return CreditCode.Parse(body + CreditCode.ComputeCheckCharacter(body));
    }

    private static IdNumber NewIdNumber(string birth = "19850312")
    {
        var body = "370102" + birth + Random.Shared.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return IdNumber.Parse(body + IdNumber.ComputeCheckDigit(body));
    }

    [Theory]
    [MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task Parties_round_trip_with_their_codes_dates_and_amounts(TestProvider provider)
    {
        var test = await TestDb.CreateAsync(provider);
        var employer = Employer.Register(NewCreditCode(), "济南市测试建设有限公司", IndustryRiskClass.From(5), City.Jinan, new DateOnly(2024, 3, 1));
        var worker = Worker.Register(NewIdNumber(), "王小明", "13812345678", employer.Id);
        var project = ConstructionProject.Register("JS3701002025001", "安置房工程", employer.CreditCode, City.Jinan,
            new DateOnly(2025, 3, 1), new DateOnly(2026, 2, 28), 123_456_789.01m);
        var injury = InjuryCase.Open(worker.Id, employer.Id, City.Jinan, new DateOnly(2025, 6, 1));
        injury.RecordRecognition(new DateOnly(2025, 7, 1));
        injury.RecordAppraisal(DisabilityGrade.From(7), SelfCareLevel.None, new DateOnly(2025, 9, 1));
        var dependant = Dependant.Add(injury.Id, "王小红", DependantRelation.Child, orphanOrSolitaryElder: true);

        await using (var db = test.Open())
        {
            db.AddRange(employer, worker, project, injury, dependant);
            await db.SaveChangesAsync();
        }

        await using (var db = test.Open())
        {
            var e = await db.Employers.SingleAsync(x => x.CreditCode == employer.CreditCode);
            Assert.Equal((employer.Name, 5, "370100", new DateOnly(2024, 3, 1)), (e.Name, e.RiskClass.Value, e.CityCode, e.RegisteredOn!.Value));
            var w = await db.Workers.SingleAsync(x => x.IdNumber == worker.IdNumber);
            Assert.Equal((new DateOnly(1985, 3, 12), employer.Id, "13812345678"), (w.BirthDate, w.EmployerId!.Value, w.Phone!));
            var p = await db.ConstructionProjects.SingleAsync();
            Assert.Equal((123_456_789.01m, new DateOnly(2026, 2, 28)), (p.TotalCost, p.ContractEndsOn));
            var i = await db.InjuryCases.SingleAsync();
            Assert.Equal((7, SelfCareLevel.None, new DateOnly(2025, 7, 1)), (i.DisabilityGrade!.Value.Value, i.SelfCareLevel, i.RecognizedOn!.Value));
            var d = await db.Dependants.SingleAsync();
            Assert.Equal((DependantRelation.Child, true, (IdNumber?)null), (d.Relation, d.OrphanOrSolitaryElder, d.IdNumber));
        }
    }

    [Theory]
    [MemberData(nameof(TestDb.Providers), MemberType = typeof(TestDb))]
    public async Task The_database_refuses_a_second_employer_with_the_same_credit_code(TestProvider provider)
    {
        var test = await TestDb.CreateAsync(provider);
        var code = NewCreditCode();
        await using (var db = test.Open())
        {
            db.Employers.Add(Employer.Register(code, "甲公司", IndustryRiskClass.From(1), City.Jinan));
            await db.SaveChangesAsync();
        }

        await using (var db = test.Open())
        {
            db.Employers.Add(Employer.Register(code, "乙公司", IndustryRiskClass.From(2), City.Jinan));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using (var db = test.Open())
        {
            Assert.Equal("甲公司", (await db.Employers.SingleAsync()).Name);
        }
    }
}
