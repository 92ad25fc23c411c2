using Cases.Domain.Injuries;
using static Cases.Domain.Calculations.CalculationRules;

namespace Cases.Domain.Calculations;

/// <summary>A dependant as the pension calculation needs it (第八十二～八十四条, 第八十六条).</summary>
/// <param name="Name">The dependant's name, to label the result.</param>
/// <param name="Relation">Relation to the deceased worker.</param>
/// <param name="OrphanOrSolitaryElder">An orphan or solitary elder (孤儿、孤寡老人): +10%.</param>
public sealed record PensionDependant(string Name, DependantRelation Relation, bool OrphanOrSolitaryElder = false);

/// <summary>Input of the dependants' pension (供养亲属抚恤金) (第八十二～八十四条).</summary>
/// <param name="Base">The pension base (计发基数), 元 a month: the deceased's own wage (or allowance / pension under 第八十三条).</param>
/// <param name="Dependants">The eligible dependants; at least one.</param>
public sealed record DependantsPensionRequest(decimal Base, IReadOnlyList<PensionDependant> Dependants);

/// <summary>One dependant's monthly pension (第八十二条, 第八十四条).</summary>
/// <param name="Name">The dependant's name.</param>
/// <param name="Rate">The statutory rate (40% spouse, 30% others, +10% orphan or solitary elder), before any scaling.</param>
/// <param name="Amount">The monthly pension, 元, rounded to the fen (scaled under 第八十四条 when the rates exceed 100%).</param>
public sealed record DependantShare(string Name, decimal Rate, decimal Amount);

/// <summary>The dependants' pensions and how they were computed (第八十二～八十四条).</summary>
/// <param name="Dependants">Each dependant's monthly pension, in the order given.</param>
/// <param name="RateSum">The sum of the statutory rates.</param>
/// <param name="Scaled">True when the rates exceeded 100% and each amount was scaled by 100% ÷ the sum (第八十四条).</param>
/// <param name="Total">The sum of the amounts; never more than the base.</param>
/// <param name="Explanation">The steps of the calculation, in order.</param>
public sealed record DependantsPensionResult(
    IReadOnlyList<DependantShare> Dependants, decimal RateSum, bool Scaled, decimal Total, Explanation Explanation);

/// <summary>
/// Dependants' pension: spouse 40%, other dependants 30%, +10% for an orphan or solitary elder; when the rates exceed
/// 100% each share is scaled by 100% ÷ the sum, and the total never exceeds the base (第八十二～八十四条; 《工伤保险条例》第三十九条).
/// </summary>
public static class DependantsPensionCalculator
{
    /// <summary>The calculator's name in <see cref="CalculatorCatalog"/>.</summary>
    public const string Name = "dependants-pension";

    /// <summary>The statutory rate of one dependant (《工伤保险条例》第三十九条).</summary>
    public static decimal Rate(DependantRelation relation, bool orphanOrSolitaryElder, string field = "relation")
    {
        var rate = relation switch
        {
            DependantRelation.Spouse => 0.4m,
            DependantRelation.Child or DependantRelation.Parent or DependantRelation.Grandparent
                or DependantRelation.Grandchild or DependantRelation.Sibling => 0.3m,
            _ => throw new DomainValidationException(
                field,
                new LocalizedText(
                    "关系应为配偶、子女、父母、祖父母/外祖父母、孙子女/外孙子女或兄弟姐妹。",
                    Invariant($"Relation must be one of spouse, child, parent, grandparent, grandchild, sibling; got {(int)relation}."))),
        };
        return orphanOrSolitaryElder ? rate + 0.1m : rate;
    }

    /// <summary>Each dependant's pension, each rounded once, and their total (≤ base).</summary>
    public static DependantsPensionResult Calculate(DependantsPensionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Dependants is null || request.Dependants.Count == 0)
        {
            throw new DomainValidationException("dependants", new LocalizedText("请至少填写一名供养亲属。", "At least one dependant is required."));
        }

        var x = new ExplanationBuilder();
        var pensionBase = NonNegative(request.Base, "base", new LocalizedText("抚恤金计发基数", "Pension base"));
        return Apportion(x, pensionBase, request.Dependants, "dependants", "base");
    }

    /// <summary>The apportionment, recorded as steps on <paramref name="x"/>; shared with the death benefit calculator.</summary>
    internal static DependantsPensionResult Apportion(
        ExplanationBuilder x, decimal pensionBase, IReadOnlyList<PensionDependant> dependants, string field, string baseName)
    {
        var rates = new decimal[dependants.Count];
        for (var i = 0; i < dependants.Count; i++)
        {
            var d = dependants[i] ?? throw new DomainValidationException(Invariant($"{field}[{i}]"), new LocalizedText("请填写供养亲属。", "Dependant is required."));
            Guard.RequiredText(d.Name, Invariant($"{field}[{i}].name"), new LocalizedText("供养亲属姓名", "Dependant name").Current, Dependant.NameMaxLength);
            rates[i] = x.Add(
                new LocalizedText(Invariant($"{d.Name.Trim()}的计发比例"), Invariant($"Rate of {d.Name.Trim()}")),
                new LocalizedText("配偶 40%，其他亲属 30%；孤寡老人或孤儿在此基础上增加 10%", "Spouse 40% (配偶), any other dependant 30% (其他亲属), +10% for an orphan or solitary elder (孤儿、孤寡老人)"),
                "第八十二条; 《工伤保险条例》第三十九条",
                Rate(d.Relation, d.OrphanOrSolitaryElder, Invariant($"{field}[{i}].relation")),
                StepValueKind.Rate,
                ("relation", d.Relation.ToString().ToLowerInvariant()),
                ("orphanOrSolitaryElder", d.OrphanOrSolitaryElder));
        }

        var rateSum = x.Add(
            new LocalizedText("比例合计", "Sum of rates"),
            new LocalizedText("各供养亲属计发比例之和；超过 100% 的按比例折算（第八十四条）", "Sum of the dependants' rates (计发比例合计); above 100% the shares are scaled (第八十四条)"),
            "第八十四条",
            rates.Sum(),
            StepValueKind.Rate,
            [.. dependants.Select((d, i) => (d.Name.Trim(), (object)rates[i]))]);
        var scaled = rateSum > 1m;

        var exact = new decimal[dependants.Count];
        var amounts = new decimal[dependants.Count];
        for (var i = 0; i < dependants.Count; i++)
        {
            exact[i] = scaled ? pensionBase * rates[i] / rateSum : pensionBase * rates[i];
            amounts[i] = x.Add(
                new LocalizedText(Invariant($"{dependants[i].Name.Trim()}的抚恤金"), Invariant($"Pension of {dependants[i].Name.Trim()}")),
                scaled
                    ? new LocalizedText("计发基数 × 本人比例 × 100% ÷ 比例合计（X × a × [100% ÷ (a + b + c …)]），四舍五入到分", "Base × rate × 100% ÷ sum of rates (X × a × [100% ÷ (a + b + c …)]), rounded once to the fen")
                    : new LocalizedText("计发基数 × 本人比例，四舍五入到分", "Base × rate, rounded once to the fen"),
                scaled ? "第八十四条" : "第八十二条; 《工伤保险条例》第三十九条",
                ToFen(exact[i]),
                (baseName, pensionBase),
                ("rate", rates[i]),
                ("sumOfRates", rateSum));
        }

        TrimExcessFen(x, pensionBase, dependants, exact, amounts);

        var total = x.Add(
            new LocalizedText("抚恤金合计", "Total pension"),
            new LocalizedText("各供养亲属抚恤金之和，不高于计发基数", "Sum of the dependants' pensions (供养亲属抚恤金之和); never more than the base"),
            "第八十二条",
            amounts.Sum(),
            [.. dependants.Select((d, i) => (d.Name.Trim(), (object)amounts[i]))]);

        var shares = dependants.Select((d, i) => new DependantShare(d.Name.Trim(), rates[i], amounts[i])).ToArray();
        return new DependantsPensionResult(shares, rateSum, scaled, total, x.Build());
    }

    /// <summary>
    /// Rounding each share half away from zero can make the total exceed the base by a fen or more; take one fen
    /// from each of the shares that were rounded up the most (ties: the larger share, then the earlier one) until the total is within the base.
    /// Every share stays within 1 fen of its exact value.
    /// </summary>
    private static void TrimExcessFen(
        ExplanationBuilder x, decimal pensionBase, IReadOnlyList<PensionDependant> dependants, decimal[] exact, decimal[] amounts)
    {
        var excess = amounts.Sum() - pensionBase;
        if (excess <= 0)
        {
            return;
        }

        var fen = (int)Math.Ceiling(excess / 0.01m);
        var order = Enumerable.Range(0, amounts.Length)
            .OrderByDescending(i => amounts[i] - exact[i])
            .ThenByDescending(i => amounts[i])
            .ThenBy(i => i)
            .Take(fen)
            .ToArray();
        var before = amounts.Sum();
        foreach (var i in order)
        {
            amounts[i] -= 0.01m;
        }

        x.Add(
            new LocalizedText("尾差调整", "Fen adjustment"),
            new LocalizedText("舍入后各份之和高于计发基数（抚恤金之和不应高于计发基数）：从向上舍入最多的几份中各减一分", "The rounded shares summed to more than the base (抚恤金之和不应高于计发基数): one fen is taken off each of the shares rounded up the most"),
            "第八十二条, 第八十四条",
            amounts.Sum(),
            ("base", pensionBase),
            ("roundedTotal", before),
            ("excess", excess),
            ("reduced", string.Join(", ", order.Select(i => dependants[i].Name.Trim()))));
    }
}
