using Cases.Domain.Calculations;
using Cases.Domain.Injuries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Cases.Domain.Tests.Calculations;

public sealed class CalculationProperties
{
    /// <summary>An amount in 元 with up to 3 decimals (so a base can sit between two fen), 0 to about 1,000,000.</summary>
    private static readonly Gen<decimal> Amount =
        from yuan in Gen.Choose(0, 1_000_000)
        from thousandths in Gen.Choose(0, 999)
        select yuan + (thousandths / 1000m);

    private static readonly Gen<PensionDependant> Dependant =
        from relation in Gen.Elements(Enum.GetValues<DependantRelation>())
        from orphan in Gen.Elements(true, false)
        select new PensionDependant("x", relation, orphan);

    private static readonly Gen<(decimal Base, PensionDependant[] Dependants)> PensionCase =
        from pensionBase in Amount
        from count in Gen.Choose(1, 9)
        from dependants in Gen.ArrayOf(Dependant, count)
        select (pensionBase, dependants);

    [Property(MaxTest = 2000)]
    public Property Pension_total_never_exceeds_the_base() =>
        Prop.ForAll(
            PensionCase.ToArbitrary(),
            c =>
            {
                var result = DependantsPensionCalculator.Calculate(new DependantsPensionRequest(c.Base, c.Dependants));
                return result.Total <= c.Base && result.Total == result.Dependants.Sum(d => d.Amount) && result.Dependants.All(d => d.Amount >= 0);
            });

    [Property(MaxTest = 2000)]
    public Property Pension_shares_keep_the_rates_ratios_within_one_fen() =>
        Prop.ForAll(
            PensionCase.ToArbitrary(),
            c =>
            {
                var result = DependantsPensionCalculator.Calculate(new DependantsPensionRequest(c.Base, c.Dependants));
                var scale = result.Scaled ? 1m / result.RateSum : 1m;
                return result.Dependants.All(d => Math.Abs(d.Amount - (c.Base * d.Rate * scale)) <= 0.01m);
            });

    [Property(MaxTest = 1000)]
    public Property Late_fee_never_falls_as_days_grow() =>
        Prop.ForAll(
            (from arrears in Amount
             from days in Gen.Choose(-30, 3650)
             from more in Gen.Choose(0, 3650)
             select (arrears, days, more)).ToArbitrary(),
            c =>
            {
                var due = new DateOnly(2024, 1, 31);
                var fewer = LateFeeCalculator.Calculate(new LateFeeRequest(c.arrears, due, due.AddDays(c.days)));
                var moreDays = LateFeeCalculator.Calculate(new LateFeeRequest(c.arrears, due, due.AddDays(c.days + c.more)));
                return fewer.Amount <= moreDays.Amount && fewer.Days <= moreDays.Days;
            });

    [Property(MaxTest = 1000)]
    public Property Clamped_wage_lies_within_60_to_300_percent_of_the_average() =>
        Prop.ForAll(
            (from wage in Amount
             from average in Amount
             where average > 0
             select (wage, average)).ToArbitrary(),
            c =>
            {
                var contribution = ContributionBaseCalculator.Calculate(new ContributionBaseRequest(c.wage, ProvincialAverageMonthlyWage: c.average));
                var disability = DisabilityBenefitCalculator.Calculate(
                    new DisabilityBenefitRequest(10, new DateOnly(2025, 1, 1), [c.wage], ProvincialAverageMonthlyWage: c.average));
                return contribution.Base >= Math.Round(c.average * 0.6m, 2, MidpointRounding.AwayFromZero)
                    && contribution.Base <= Math.Round(c.average * 3m, 2, MidpointRounding.AwayFromZero)
                    && disability.WageBase >= c.average * 0.6m
                    && disability.WageBase <= c.average * 3m;
            });
}
