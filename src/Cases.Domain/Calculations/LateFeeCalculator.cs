using static Cases.Domain.Calculations.CalculationRules;

namespace Cases.Domain.Calculations;

/// <summary>Input of the late fee (滞纳金) on unpaid premiums (第二十八条).</summary>
/// <param name="Arrears">Unpaid premium (欠缴数额), 元.</param>
/// <param name="DueOn">Last day the premium could be paid on time.</param>
/// <param name="PaidOn">Day the arrears were (or will be) paid.</param>
public sealed record LateFeeRequest(decimal Arrears, DateOnly DueOn, DateOnly PaidOn);

/// <summary>The late fee on unpaid premiums and how it was computed (第二十八条).</summary>
/// <param name="Days">Days charged: from the day after <c>dueOn</c> through <c>paidOn</c>, both counted; 0 when paid on time.</param>
/// <param name="Amount">Late fee, 元, rounded to the fen.</param>
/// <param name="Explanation">The steps of the calculation, in order.</param>
public sealed record LateFeeResult(int Days, decimal Amount, Explanation Explanation);

/// <summary>Late fee (滞纳金): 0.05% (万分之五) of the arrears for each day overdue, paid into the fund (第二十八条).</summary>
public static class LateFeeCalculator
{
    /// <summary>The calculator's name in <see cref="CalculatorCatalog"/>.</summary>
    public const string Name = "late-fee";

    /// <summary>万分之五 a day.</summary>
    public const decimal DailyRate = 0.0005m;

    /// <summary>Days overdue and the fee; the amount is rounded once, after multiplying.</summary>
    public static LateFeeResult Calculate(LateFeeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var arrears = NonNegative(request.Arrears, "arrears", new LocalizedText("欠缴金额", "Arrears"));
        var x = new ExplanationBuilder();

        var days = x.Add(
            new LocalizedText("逾期天数", "Days overdue"),
            new LocalizedText("自应缴日期次日起至实缴日期止的自然日天数，首尾两日均计入；按期缴纳的为 0", "Calendar days from the day after the due date (自欠缴之日起) through the payment date, both counted; 0 when paid on or before the due date"),
            "第二十八条",
            Math.Max(0, request.PaidOn.DayNumber - request.DueOn.DayNumber),
            ("dueOn", Iso(request.DueOn)),
            ("paidOn", Iso(request.PaidOn)));

        var amount = x.Add(
            new LocalizedText("滞纳金", "Late fee"),
            new LocalizedText("欠缴金额 × 万分之五 × 逾期天数，最后一次四舍五入到分", "Arrears × 0.05% (万分之五) × days overdue, rounded once to the fen (half away from zero)"),
            "第二十八条",
            ToFen(arrears * DailyRate * days),
            ("arrears", arrears),
            ("dailyRate", DailyRate),
            ("days", days));

        return new LateFeeResult(days, amount, x.Build());
    }
}
