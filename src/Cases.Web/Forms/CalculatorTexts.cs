using Cases.Domain.Injuries;

namespace Cases.Web.Forms;

/// <summary>
/// What the calculator pages call the calculators' fields, figures and values, once for all calculators (a field such as
/// provincialAverageMonthlyWage serves several). The Chinese text is the key; the English is in
/// Resources/SharedResource.en.resx. Which calculator has which fields is its request record's (CalculatorCatalog).
/// </summary>
public static class CalculatorTexts
{
    /// <summary>The labels of the request fields (top level), by JSON name.</summary>
    public static IReadOnlyDictionary<string, string> Fields { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["arrears"] = "欠缴金额",
        ["dueOn"] = "应缴日期",
        ["paidOn"] = "实缴日期",
        ["monthlyWage"] = "月缴费工资",
        ["year"] = "年度",
        ["provincialAverageMonthlyWage"] = "全省月平均工资",
        ["totalCost"] = "工程总造价",
        ["rate"] = "费率",
        ["grade"] = "伤残等级",
        ["injuryOn"] = "受伤日期",
        ["monthlyWages"] = "受伤前月缴费工资",
        ["injuryMonthBase"] = "受伤当月缴费基数",
        ["minimumWage"] = "最低工资",
        ["cityCode"] = "参保地市",
        ["appraisedOn"] = "鉴定结论日期",
        ["projectInsuredWageUnknown"] = "按建设项目参保且本人工资无法确定",
        ["level"] = "生活自理障碍等级",
        ["base"] = "计发基数",
        ["dependants"] = "供养亲属",
        ["deathOn"] = "死亡日期",
        ["nationalUrbanDisposableIncome"] = "全国城镇居民人均可支配收入",
        ["provincialAverageMonthlyWageAtDeath"] = "死亡时全省上年度月平均工资",
        ["provincialAverageMonthlyWageAtInjury"] = "受伤时全省上年度月平均工资",
        ["afterPaidLeaveGrade1To4"] = "一至四级伤残职工停工留薪期满后死亡",
        ["days"] = "住院天数",
        ["dailyStandard"] = "日补助标准",
        ["eligibleMedicalCost"] = "可报销医疗费",
        ["compensatedMedicalAmount"] = "已获赔医疗费",
        ["amount"] = "金额",
        ["currency"] = "币种",
        ["settledOn"] = "结算日期",
        ["rates"] = "汇率",
        ["previousRate"] = "原费率",
        ["finalRate"] = "核定费率",
        ["monthlyWageTotals"] = "月工资总额",
    };

    /// <summary>The labels of the fields of the records inside lists (dependants, exchange rates, monthly wage totals).</summary>
    public static IReadOnlyDictionary<string, string> ItemFields { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["name"] = "姓名",
        ["relation"] = "关系",
        ["orphanOrSolitaryElder"] = "孤儿或孤寡老人",
        ["on"] = "日期",
        ["rate"] = "汇率",
        ["month"] = "月份",
        ["total"] = "工资总额",
    };

    /// <summary>The labels of a choice's options, by enum type and JSON value; an enum not here shows its values.</summary>
    public static IReadOnlyDictionary<Type, IReadOnlyDictionary<string, string>> Choices { get; } = new Dictionary<Type, IReadOnlyDictionary<string, string>>
    {
        [typeof(SelfCareLevel)] = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["none"] = "无",
            ["partial"] = "部分",
            ["major"] = "大部分",
            ["complete"] = "完全",
        },
        [typeof(DependantRelation)] = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["spouse"] = "配偶",
            ["child"] = "子女",
            ["parent"] = "父母",
            ["grandparent"] = "祖父母/外祖父母",
            ["grandchild"] = "孙子女/外孙子女",
            ["sibling"] = "兄弟姐妹",
        },
    };

    /// <summary>The names of the result figures and explanation values that differ from a field's label or have none.</summary>
    public static IReadOnlyDictionary<string, string> Figures { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["days"] = "天数",
        ["base"] = "基数",
        ["clamped"] = "上下限调整",
        ["rate"] = "比例",
        ["monthlyAmount"] = "月护理费",
        ["topUp"] = "补足差额",
        ["rateUsed"] = "适用汇率",
        ["rateOn"] = "汇率日期",
        ["amountCny"] = "折合人民币",
        ["months"] = "各月明细",
        ["total"] = "合计",
        ["premiumAtPreviousRate"] = "按原费率保费",
        ["premiumAtFinalRate"] = "按核定费率保费",
        ["difference"] = "差额",
        ["rateSum"] = "比例合计",
        ["scaled"] = "按比例折算",
        ["wageBase"] = "本人工资（计发基数）",
        ["wageBeforeClamp"] = "调整前本人工资",
        ["lumpSumMonths"] = "一次性伤残补助金月数",
        ["lumpSum"] = "一次性伤残补助金",
        ["allowanceRate"] = "伤残津贴比例",
        ["allowanceBeforeTopUp"] = "补差前伤残津贴",
        ["minimumWageTopUp"] = "最低工资补差",
        ["monthlyAllowance"] = "月伤残津贴",
        ["allowancePayer"] = "伤残津贴支付方",
        ["deathLumpSum"] = "一次性工亡补助金",
        ["funeralGrant"] = "丧葬补助金",
        ["pensionBase"] = "抚恤金计发基数",
        ["pensionTotal"] = "抚恤金合计",
        ["pensionScaled"] = "抚恤金按比例折算",
        ["dailyRate"] = "日费率",
        ["source"] = "来源",
        ["averageYear"] = "平均工资年度",
        ["floor60Percent"] = "下限（60%）",
        ["cap300Percent"] = "上限（300%）",
        ["wageWithinBand"] = "上下限内工资",
        ["ownWage"] = "本人工资",
        ["sumOfRates"] = "比例合计",
        ["roundedTotal"] = "舍入后合计",
        ["excess"] = "超出",
        ["reduced"] = "减一分者",
        ["monthsGiven"] = "填写月数",
        ["monthsCounted"] = "计入月数",
        ["sumOfCountedMonths"] = "计入月份工资合计",
    };

    /// <summary>The words a result gives as text (which bound applied, who pays, where a figure came from).</summary>
    public static IReadOnlyDictionary<string, string> Words { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["floor"] = "按下限（60%）",
        ["cap"] = "按上限（300%）",
        ["none"] = "未调整",
        ["fund"] = "工伤保险基金",
        ["employer"] = "用人单位",
        ["request"] = "表单填写",
        ["parameter table"] = "参数表",
    };

    /// <summary>The label of a request field or a list item's field, else the name itself.</summary>
    public static string Field(string name) => Fields.GetValueOrDefault(name) ?? ItemFields.GetValueOrDefault(name) ?? name;

    /// <summary>The name of a figure, else the field label, else the name itself.</summary>
    public static string Figure(string name) => Figures.GetValueOrDefault(name) ?? Field(name);
}
