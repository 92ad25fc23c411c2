using Cases.Domain.Benefits;

namespace Cases.Application.Benefits.Keeping;

/// <summary>A reason a monthly benefit stops, with the article that says so.</summary>
/// <param name="Code">How the API and the form name it.</param>
/// <param name="Text">The words the history keeps (zh: the history is the fund's record, in Chinese like its articles).</param>
/// <param name="En">The English label of the form.</param>
/// <param name="ForDependants">A dependant's pension (第六十二条) rather than a worker's own benefits (第一百〇六条).</param>
/// <param name="SpouseOnly">Only a spouse's pension stops for it.</param>
public sealed record StopCause(string Code, string Text, string En, bool ForDependants, bool SpouseOnly = false);

/// <summary>
/// Why a benefit stops: for a dependant's pension the list of 第六十二条 (一)–(六); for a worker's own benefits
/// 第一百〇六条 (lost the conditions, refuses appraisal or treatment); "other" with the officer's own words.
/// </summary>
public static class StopCauses
{
    public const string Other = "other";

    public static IReadOnlyList<StopCause> All { get; } =
    [
        new("death", "死亡（第六十二条（一））", "Died (第六十二条（一）)", true),
        new("adult-able-to-work", "年满18周岁且未完全丧失劳动能力（第六十二条（二））", "18 and able to work (第六十二条（二）)", true),
        new("spouse-remarried", "工亡职工配偶再婚（第六十二条（三））", "The spouse remarried (第六十二条（三）)", true, SpouseOnly: true),
        new("employed-or-enlisted", "就业或参军（第六十二条（四））", "Employed or enlisted (第六十二条（四）)", true),
        new("adopted", "被他人或组织收养（第六十二条（五））", "Adopted (第六十二条（五）)", true),
        new("basic-pension", "享受职工基本养老保险定期待遇（第六十二条（六））", "Draws the basic old-age pension (第六十二条（六）)", true),
        new("lost-conditions", "丧失享受待遇条件（第一百〇六条）", "Lost the conditions (第一百〇六条)", false),
        new("refuses-appraisal", "拒不接受劳动能力鉴定（第一百〇六条）", "Refuses the appraisal (第一百〇六条)", false),
        new("refuses-treatment", "拒绝治疗（第一百〇六条）", "Refuses treatment (第一百〇六条)", false),
    ];

    /// <summary>The causes that fit <paramref name="benefit"/>, for the form.</summary>
    public static IEnumerable<StopCause> For(MonthlyBenefit benefit, Domain.Injuries.DependantRelation? relation) =>
        All.Where(c => c.ForDependants == (benefit == MonthlyBenefit.DependantsPension) && (!c.SpouseOnly || relation == Domain.Injuries.DependantRelation.Spouse));

    /// <summary>
    /// The reason the history keeps for stopping <paramref name="entitlement"/> for <paramref name="code"/> with the
    /// officer's <paramref name="note"/>; a cause that does not fit the benefit is refused naming "cause".
    /// </summary>
    public static string Reason(Entitlement entitlement, string? code, string? note)
    {
        ArgumentNullException.ThrowIfNull(entitlement);
        var text = TextInput.Optional(note, "reason", new LocalizedText("停发说明", "Reason"), 200);
        var trimmed = code?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainValidationException("cause", new LocalizedText("请选择停发原因。", "cause is required."));
        }

        if (trimmed == Other)
        {
            return text ?? throw new DomainValidationException("reason", new LocalizedText("停发原因为「其他」时须写明原因。", "reason is required when the cause is other."));
        }

        var fits = For(entitlement.Benefit, entitlement.Relation).ToList();
        var cause = fits.FirstOrDefault(c => c.Code == trimmed) ?? throw new DomainValidationException("cause", new LocalizedText(
            $"该项待遇的停发原因须为：{string.Join("、", fits.Select(c => c.Code).Append(Other))}"
            + (entitlement.Benefit == MonthlyBenefit.DependantsPension ? "（供养亲属抚恤金，第六十二条）。" : "（工伤职工本人待遇，第一百〇六条）。"),
            $"cause for this benefit is one of: {string.Join(", ", fits.Select(c => c.Code).Append(Other))}."));
        return text is null ? cause.Text : $"{cause.Text}：{text}";
    }
}
