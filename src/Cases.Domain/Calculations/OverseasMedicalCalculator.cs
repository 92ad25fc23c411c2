using static Cases.Domain.Calculations.CalculationRules;

namespace Cases.Domain.Calculations;

/// <summary>An exchange rate quoted on a day: 元 for one unit of the foreign currency (第四十一条).</summary>
public sealed record ExchangeRateQuote(DateOnly On, decimal Rate);

/// <summary>Input of the conversion of medical costs incurred abroad (第四十一条).</summary>
/// <param name="Amount">The settled medical cost in the foreign currency.</param>
/// <param name="Currency">ISO 4217 code of the currency, e.g. "USD".</param>
/// <param name="SettledOn">Day the medical cost was settled (实际结算医疗费用时).</param>
/// <param name="Rates">Quotes of that currency: 元 for one unit, by day.</param>
public sealed record OverseasMedicalRequest(decimal Amount, string Currency, DateOnly SettledOn, IReadOnlyList<ExchangeRateQuote> Rates);

/// <summary>The converted cost and how it was computed (第四十一条).</summary>
/// <param name="RateUsed">元 for one unit of the currency.</param>
/// <param name="RateOn">Day of the quote used: the settlement day, or the last quote before it.</param>
/// <param name="AmountCny">The cost in 元, rounded to the fen.</param>
/// <param name="Explanation">The steps of the calculation, in order.</param>
public sealed record OverseasMedicalResult(decimal RateUsed, DateOnly RateOn, decimal AmountCny, Explanation Explanation);

/// <summary>
/// Overseas medical costs: converted at the rate of the settlement day, or the last rate before it when that day has
/// none (第四十一条).
/// </summary>
public static class OverseasMedicalCalculator
{
    /// <summary>The calculator's name in <see cref="CalculatorCatalog"/>.</summary>
    public const string Name = "overseas-medical";

    /// <summary>The cost in 元, rounded once; refused naming <c>rates</c> when no quote is on or before the settlement day.</summary>
    public static OverseasMedicalResult Calculate(OverseasMedicalRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var amount = NonNegative(request.Amount, "amount", new LocalizedText("金额", "Amount"));
        var currency = request.Currency?.Trim().ToUpperInvariant();
        if (currency is null || currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            throw new DomainValidationException("currency", new LocalizedText(
                $"币种应为三个字母的 ISO 4217 代码，例如 USD；填写的是「{request.Currency}」。",
                $"Currency must be a 3-letter ISO 4217 code such as USD; got '{request.Currency}'."));
        }

        var rates = request.Rates ?? [];
        for (var i = 0; i < rates.Count; i++)
        {
            var quote = rates[i] ?? throw new DomainValidationException(Invariant($"rates[{i}]"), new LocalizedText("请填写汇率。", "Exchange rate is required."));
            Positive(quote.Rate, Invariant($"rates[{i}].rate"), new LocalizedText("汇率", "Exchange rate"));
            if (rates.Take(i).Any(r => r.On == quote.On && r.Rate != quote.Rate))
            {
                throw new DomainValidationException(
                    Invariant($"rates[{i}].on"), new LocalizedText(
                        $"{Iso(quote.On)} 填写了两个不同的汇率，请只保留一个。",
                        $"Two different rates are given for {Iso(quote.On)}."));
            }
        }

        var used = rates.Where(r => r.On <= request.SettledOn).OrderByDescending(r => r.On).FirstOrDefault()
            ?? throw new DomainValidationException(
                "rates",
                new LocalizedText(
                    $"没有结算日 {Iso(request.SettledOn)} 当日或之前的 {currency} 汇率，无法折算；请补充汇率。",
                    $"No {currency} exchange rate on or before the settlement day {Iso(request.SettledOn)}; the cost cannot be converted."));

        var x = new ExplanationBuilder();
        x.Add(
            new LocalizedText("汇率", "Exchange rate"),
            used.On == request.SettledOn
                ? new LocalizedText("实际结算医疗费用当日的汇率", "The rate of the settlement day (实际结算医疗费用时汇率)")
                : new LocalizedText("结算当日无汇率：取此前最近一次的汇率", "No rate on the settlement day: the last rate before it (之前最近一次汇率)"),
            "第四十一条",
            used.Rate,
            StepValueKind.Other,
            ("currency", currency),
            ("settledOn", Iso(request.SettledOn)),
            ("rateOn", Iso(used.On)));

        var amountCny = x.Add(
            new LocalizedText("折合人民币", "Amount in 元"),
            new LocalizedText("金额 × 汇率（每单位外币折合人民币元），四舍五入到分", "Amount × rate (元 per unit), rounded once to the fen"),
            "第四十一条",
            ToFen(amount * used.Rate),
            ("amount", amount),
            ("rate", used.Rate));

        return new OverseasMedicalResult(used.Rate, used.On, amountCny, x.Build());
    }
}
