using Bogus;
using Cases.Domain.Parties;

namespace Cases.Application.Seeding;

/// <summary>
/// Demo employers as a Shandong register reads them: 「济南鲁建建设集团有限公司」 — the city, a trade name, the line of
/// business and the legal form — with the items of 第七条 that fit the line (a building firm is in 房屋建筑业 and a higher
/// risk class than a software house, 第八条).
/// </summary>
internal static class DemoEmployers
{
    public static readonly string[] TradeNames =
    [
        "鲁建", "华信", "泉城", "恒泰", "瑞丰", "金桥", "齐鲁", "海晟", "宏远", "鑫源", "德润", "众诚", "安泰", "永盛", "嘉禾", "天衢",
        "润华", "通达", "中孚", "启明", "康宁", "博远", "新港", "昌盛",
    ];

    // The line of business: its words in the name, the industry (GB/T 4754) and the risk class it usually takes (第八条).
    private static readonly (string Line, string Industry, int RiskClass)[] Lines =
    [
        ("建设集团", "房屋建筑业", 4),
        ("建筑工程", "土木工程建筑业", 4),
        ("机械制造", "通用设备制造业", 3),
        ("建材", "非金属矿物制品业", 4),
        ("物流", "道路运输业", 3),
        ("电子科技", "计算机、通信和其他电子设备制造业", 2),
        ("食品", "食品制造业", 2),
        ("化工", "化学原料和化学制品制造业", 5),
        ("纺织", "纺织业", 2),
        ("商贸", "批发业", 1),
        ("软件", "软件和信息技术服务业", 1),
        ("矿业", "非金属矿采选业", 7),
    ];

    private static readonly string[] Streets = ["经十路", "解放路", "人民路", "建设路", "工业北路", "新华路", "泰山路", "黄河路", "长江路", "滨河大道"];

    /// <summary>The employer the demo's registration case applies for (not in the register yet).</summary>
    public static CreditCode ApplyingCode => Code("91370100MA3RLJ2K7");

    /// <summary>The employer the demo's deregistration case is about: registered, with no case running.</summary>
    public static CreditCode DissolvingCode => Code("91370100MA3PQ8WX4");

    private static CreditCode Code(string body) => CreditCode.Parse(body + CreditCode.ComputeCheckCharacter(body));

    public static (string Name, EmployerDetails Details, int RiskClass) Make(Randomizer random, City city, string trade, string representative, IdNumber representativeId)
    {
        var (line, industry, risk) = random.ArrayElement(Lines);
        var suffix = random.Bool(0.25f) ? "股份有限公司" : "有限公司";
        var cityShort = city.NameZh.TrimEnd('市');
        var details = new EmployerDetails
        {
            UnitType = UnitType.Enterprise,
            EconomicType = suffix == "股份有限公司" ? EconomicType.JointStock : random.Bool(0.7f) ? EconomicType.LimitedLiability : EconomicType.Private,
            Affiliation = random.Bool(0.6f) ? Affiliation.County : Affiliation.City,
            RegistrationAuthority = RegistrationAuthority.MarketRegulation,
            EstablishedOn = new DateOnly(random.Int(1998, 2020), random.Int(1, 12), random.Int(1, 28)),
            Industry = industry,
            Address = $"{city.NameZh}{random.ArrayElement(Streets)} {random.Int(1, 999)} 号",
            Phone = "0" + random.ReplaceNumbers("53#") + random.ReplaceNumbers("########"),
            LegalRepresentative = LegalRepresentative.Create(representative, "resident-id", representativeId.Value, "13" + random.ReplaceNumbers("#########")),
        };
        return ($"{cityShort}{trade}{line}{suffix}", details, risk);
    }
}
