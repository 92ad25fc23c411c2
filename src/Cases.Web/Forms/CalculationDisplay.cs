using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cases.Web.Forms;

/// <summary>Names and number formats of a calculation's figures on the page (amounts: 2 decimals, thousands separators, 元).</summary>
public static class CalculationDisplay
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["days"] = "天数",
        ["amount"] = "金额",
        ["base"] = "基数",
        ["clamped"] = "上下限调整",
        ["rate"] = "比例",
        ["monthlyAmount"] = "月护理费",
        ["dailyStandard"] = "日补助标准",
        ["topUp"] = "补足差额",
        ["rateUsed"] = "适用汇率",
        ["rateOn"] = "汇率日期",
        ["amountCny"] = "折合人民币",
        ["months"] = "各月明细",
        ["month"] = "月份",
        ["total"] = "合计",
        ["premiumAtPreviousRate"] = "按原费率保费",
        ["premiumAtFinalRate"] = "按核定费率保费",
        ["difference"] = "差额",
        ["dependants"] = "供养亲属",
        ["name"] = "姓名",
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

    /// <summary>Amounts in 元: two decimals, thousands separators, "元".</summary>
    private static readonly HashSet<string> Money = new(StringComparer.Ordinal)
    {
        "amount", "base", "monthlyAmount", "dailyStandard", "topUp", "amountCny", "total", "premiumAtPreviousRate",
        "premiumAtFinalRate", "difference", "wageBase", "wageBeforeClamp", "lumpSum", "allowanceBeforeTopUp", "minimumWageTopUp",
        "monthlyAllowance", "deathLumpSum", "funeralGrant", "pensionBase", "pensionTotal", "arrears", "monthlyWage",
        "provincialAverageMonthlyWage", "totalCost", "injuryMonthBase", "minimumWage", "eligibleMedicalCost",
        "compensatedMedicalAmount", "floor60Percent", "cap300Percent", "wageWithinBand", "ownWage", "roundedTotal", "excess",
        "sumOfCountedMonths", "nationalUrbanDisposableIncome",
    };

    /// <summary>Fractions shown with their percentage too (0.4 → 0.4（40%）).</summary>
    private static readonly HashSet<string> Fractions = new(StringComparer.Ordinal)
    {
        "rateSum", "sumOfRates", "allowanceRate", "previousRate", "finalRate", "dailyRate",
    };

    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["floor"] = "按下限（60%）",
        ["cap"] = "按上限（300%）",
        ["none"] = "未调整",
        ["fund"] = "工伤保险基金",
        ["employer"] = "用人单位",
        ["request"] = "表单填写",
        ["parameter table"] = "参数表",
    };

    /// <summary>The Chinese name of a figure, else the form label, else the name.</summary>
    public static string NameOf(string key) => Names.GetValueOrDefault(key) ?? CalculatorForm.LabelOf(key);

    /// <summary>A figure of the result (JSON) formatted for its name.</summary>
    public static string Format(string key, JsonNode? node) => node switch
    {
        null => "—",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => FormatNumber(key, v.GetValue<decimal>()),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>() ? "是" : "否",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Word(v.GetValue<string>()),
        _ => node.ToJsonString(),
    };

    /// <summary>A value of an explanation step (a CLR value) formatted for its name.</summary>
    public static string FormatValue(string key, object? value) => value switch
    {
        null => "—",
        decimal d => FormatNumber(key, d),
        int or long => FormatNumber(key, Convert.ToDecimal(value, Invariant)),
        double f => FormatNumber(key, (decimal)f),
        bool b => b ? "是" : "否",
        string s => Word(s),
        DateOnly date => date.ToString("yyyy-MM-dd", Invariant),
        JsonElement e => Format(key, JsonNode.Parse(e.GetRawText())),
        _ => Convert.ToString(value, Invariant) ?? "",
    };

    /// <summary>A step's result: integers as they are, decimals with at least two places and their full precision.</summary>
    public static string FormatStepValue(object? value) => value switch
    {
        null => "—",
        decimal d => d.ToString("#,0.00##########", Invariant),
        int or long => Convert.ToString(value, Invariant)!,
        _ => FormatValue("", value),
    };

    private static string FormatNumber(string key, decimal value)
    {
        if (Money.Contains(key))
        {
            return value.ToString("#,0.00", Invariant) + " 元";
        }

        if (Fractions.Contains(key))
        {
            return $"{value.ToString("0.##########", Invariant)}（{(value * 100).ToString("0.##########", Invariant)}%）";
        }

        return value == decimal.Truncate(value) && value.Scale == 0
            ? value.ToString("0", Invariant)
            : value.ToString("#,0.##########", Invariant);
    }

    private static string Word(string text) => Words.GetValueOrDefault(text, text);
}
