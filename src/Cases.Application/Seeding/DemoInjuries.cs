using System.Globalization;
using Cases.Domain.Injuries;
using Cases.Domain.Parties;

namespace Cases.Application.Seeding;

/// <summary>
/// Development only: the injury cases the demo cases are opened on (DemoCases), registered by DemoSeed for the demo's
/// fixed workers, each as the recognition department decided it — so every demo case of an injury procedure names a
/// registered injury case, its worker and its employer.
/// </summary>
public static class DemoInjuries
{
    private static readonly Injury[] All =
    [
        new(1, "370102198503120011", -140, -110, "在仓库搬运板材时被倒落的货架砸伤右腿", -80, 8),
        new(2, "370102198503120011", -400, -370, "装卸车辆时从车厢跌落，腰椎骨折", -80, 5),
        new(3, "370102198503120011", -60, -35, "切割作业时左手被砂轮片割伤"),
        new(4, "370105197811020041", -90, -70, "在车间被叉车撞伤左足"),
        new(5, "370102198503120011", -200, -170, "上班途中发生非本人主要责任的交通事故，左腿骨折"),
        new(6, "370105197811020041", -75, -50, "下班途中被机动车撞伤，肇事车辆逃逸"),
        new(7, "370102198503120011", -320, -290, "安装货架时从梯子上跌落，右臂骨折"),
        new(8, "370102198503120011", -520, -490, "搬运水泥时被砸伤左脚"),
        new(9, "370102198503120011", -160, -130, "外出送货途中发生交通事故，头部受伤"),
        new(10, "370102198503120011", -110, -85, "在工作场所因履行职责遭受暴力伤害"),
        new(11, "370105197811020041", -240, -210, "外出采购途中发生交通事故，右腿骨折"),
        new(201, "37020319880420005X", -70, -45, "操作冲床时右手被压伤"),
    ];

    /// <summary>The registered id of the demo injury case <paramref name="number"/> (e.g. 1 for the first rehabilitation case).</summary>
    public static string Id(int number) => IdOf(number).ToString();

    /// <summary>Adds the demo injury cases for the registered demo workers (their current employers).</summary>
    internal static void Add(CasesDb db, IReadOnlyList<Worker> workers, IReadOnlyList<Employer> employers, DateOnly today)
    {
        foreach (var injury in All)
        {
            var worker = workers.Single(w => w.IdNumber.Value == injury.WorkerIdNumber);
            var employer = employers.Single(e => e.Id == worker.EmployerId);
            var registered = InjuryCase.Open(worker.Id, employer.Id, City.Parse(employer.CityCode), today.AddDays(injury.InjuredDaysAgo), IdOf(injury.Number));
            var recognizedOn = today.AddDays(injury.RecognizedDaysAgo);
            var city = employer.CityCode == "370200" ? "青" : "济";
            registered.RecordRecognition(recognizedOn, string.Create(CultureInfo.InvariantCulture, $"{city}人社工认字〔{recognizedOn.Year}〕第{injury.Number:D4}号"), injury.Description);
            if (injury.RehabFrom is { } from && injury.RehabTo is { } to)
            {
                registered.ConfirmRehabilitation(today.AddDays(from), today.AddDays(to));
            }

            db.InjuryCases.Add(registered);
        }
    }

    private static Guid IdOf(int number) => Guid.Parse(string.Create(CultureInfo.InvariantCulture, $"7f0e2a64-5c1b-4a8e-9d3f-{number:D12}"));

    private sealed record Injury(int Number, string WorkerIdNumber, int InjuredDaysAgo, int RecognizedDaysAgo, string Description, int? RehabFrom = null, int? RehabTo = null);
}
