using System.Globalization;

namespace Cases.Domain.Catalogues;

/// <summary>
/// The three catalogues of 规程 第四十条 (三目录): 工伤保险药品目录, 诊疗项目目录 and 住院服务标准. Each is a national or
/// provincial list the agency loads; costs outside them are not paid (第四十条, 第六十九条（二）, 第七十条（二）).
/// </summary>
public enum CatalogueKind
{
    /// <summary>工伤保险药品目录.</summary>
    Drugs,

    /// <summary>工伤保险诊疗项目目录.</summary>
    TreatmentItems,

    /// <summary>工伤保险住院服务标准.</summary>
    InpatientServices,
}

/// <summary>
/// The payment class of a listed item. The regulation is silent on classes: 第四十条 only pays what is inside the
/// catalogues. The classes come with the catalogues themselves — the drug list of 人社部 marks 甲/乙, and the
/// provincial treatment-item list marks 甲/乙/丙 — and how much of a 乙 item the worker pays is the share the agency
/// loads with each item (<see cref="CatalogueItem.SelfPayPercent"/>): the agency's parameter, not the regulation's.
/// </summary>
public enum CatalogueClass
{
    /// <summary>甲类: paid in full.</summary>
    A,

    /// <summary>乙类: paid after the item's self-pay share.</summary>
    B,

    /// <summary>丙类: listed for reference, outside what the fund pays (第四十条 超出"三目录"范围).</summary>
    C,
}

/// <summary>Names of the catalogues and classes as the API, the CSV and the pages write them.</summary>
public static class CatalogueNames
{
    public static string Code(this CatalogueKind kind) => kind switch
    {
        CatalogueKind.Drugs => "drugs",
        CatalogueKind.TreatmentItems => "treatment-items",
        _ => "inpatient-services",
    };

    public static LocalizedText Title(this CatalogueKind kind) => kind switch
    {
        CatalogueKind.Drugs => new("工伤保险药品目录", "Drug catalogue"),
        CatalogueKind.TreatmentItems => new("工伤保险诊疗项目目录", "Treatment item catalogue"),
        _ => new("工伤保险住院服务标准", "Inpatient service standards"),
    };

    public static string Zh(this CatalogueClass c) => c switch { CatalogueClass.A => "甲", CatalogueClass.B => "乙", _ => "丙" };

    public static CatalogueKind? ParseKind(string? text) => text?.Trim() switch
    {
        "drugs" or "药品" or "药品目录" => CatalogueKind.Drugs,
        "treatment-items" or "诊疗项目" or "诊疗项目目录" => CatalogueKind.TreatmentItems,
        "inpatient-services" or "住院服务" or "住院服务标准" => CatalogueKind.InpatientServices,
        _ => null,
    };

    public static CatalogueClass? ParseClass(string? text) => text?.Trim() switch
    {
        "甲" or "甲类" or "A" or "a" => CatalogueClass.A,
        "乙" or "乙类" or "B" or "b" => CatalogueClass.B,
        "丙" or "丙类" or "C" or "c" => CatalogueClass.C,
        _ => null,
    };
}

/// <summary>
/// One item of a catalogue version, in force from <see cref="ValidFrom"/> until the next version of its catalogue
/// replaces it (<see cref="ValidTo"/>, the day before the next version starts). A cost is judged by the item in force on
/// the day of the service (第四十条: the catalogue the institution had to apply when it treated the worker).
/// </summary>
public sealed class CatalogueItem
{
    public const int CodeMaxLength = 50;
    public const int NameMaxLength = 200;
    public const int UnitMaxLength = 20;

    private CatalogueItem()
    {
        Code = string.Empty;
        Name = string.Empty;
    }

    public long Id { get; private set; }

    /// <summary>The catalogue version (an applied import) the item belongs to.</summary>
    public Guid VersionId { get; private set; }

    public CatalogueKind Catalogue { get; private set; }

    /// <summary>The catalogue's code of the item (national drug or treatment code), trimmed, as the bill quotes it.</summary>
    public string Code { get; private set; }

    public string Name { get; private set; }

    public CatalogueClass Class { get; private set; }

    /// <summary>The worker's share of a 乙 item in percent (0–100); 0 for 甲; 100 for 丙 (nothing is paid).</summary>
    public decimal SelfPayPercent { get; private set; }

    /// <summary>The highest price the fund pays per unit (住院服务标准 床位费 …), or null when the list sets none.</summary>
    public decimal? PriceCap { get; private set; }

    public string? Unit { get; private set; }

    public DateOnly ValidFrom { get; private set; }

    public DateOnly? ValidTo { get; private set; }

    /// <summary>
    /// An item as a catalogue file lists it. Refuses what cannot be an item: empty code or name, a share outside 0–100, a
    /// 甲 item with a share (甲 is paid in full), a price cap that is not positive.
    /// </summary>
    public static CatalogueItem Create(CatalogueKind catalogue, string? code, string? name, CatalogueClass @class, decimal? selfPayPercent, decimal? priceCap, string? unit, DateOnly validFrom)
    {
        var trimmedCode = code?.Trim() ?? "";
        if (trimmedCode.Length is 0 or > CodeMaxLength || trimmedCode.Any(char.IsControl))
        {
            throw new DomainValidationException("code", new LocalizedText($"编码不能为空，且不超过 {CodeMaxLength} 个字符。", $"code is required, at most {CodeMaxLength} characters."));
        }

        var trimmedName = name?.Trim() ?? "";
        if (trimmedName.Length is 0 or > NameMaxLength || trimmedName.Any(char.IsControl))
        {
            throw new DomainValidationException("name", new LocalizedText($"名称不能为空，且不超过 {NameMaxLength} 个字符。", $"name is required, at most {NameMaxLength} characters."));
        }

        var share = @class switch
        {
            CatalogueClass.A when selfPayPercent is not (null or 0m) => throw new DomainValidationException("selfPayPercent", new LocalizedText("甲类项目全额支付，自付比例须为空或 0。", "A class 甲 item is paid in full: selfPayPercent must be empty or 0.")),
            CatalogueClass.A => 0m,
            CatalogueClass.B when selfPayPercent is null => throw new DomainValidationException("selfPayPercent", new LocalizedText("乙类项目须填写自付比例（0～100）。", "A class 乙 item needs its selfPayPercent (0–100).")),
            CatalogueClass.B when selfPayPercent is < 0m or > 100m || decimal.Round(selfPayPercent.Value, 2) != selfPayPercent => throw new DomainValidationException("selfPayPercent", new LocalizedText("自付比例须在 0 至 100 之间，最多两位小数。", "selfPayPercent must be between 0 and 100, with at most two decimals.")),
            CatalogueClass.B => selfPayPercent!.Value,
            _ => 100m,
        };

        if (priceCap is <= 0m || (priceCap is { } cap && decimal.Round(cap, 2) != cap))
        {
            throw new DomainValidationException("priceCap", new LocalizedText("限价须为大于零的金额，最多两位小数。", "priceCap must be a positive amount with at most two decimals."));
        }

        var trimmedUnit = string.IsNullOrWhiteSpace(unit) ? null : unit.Trim();
        if (trimmedUnit is { Length: > UnitMaxLength } || (trimmedUnit?.Any(char.IsControl) ?? false))
        {
            throw new DomainValidationException("unit", new LocalizedText($"单位不超过 {UnitMaxLength} 个字符。", $"unit is at most {UnitMaxLength} characters."));
        }

        return new CatalogueItem
        {
            Catalogue = catalogue,
            Code = trimmedCode,
            Name = trimmedName,
            Class = @class,
            SelfPayPercent = share,
            PriceCap = priceCap,
            Unit = trimmedUnit,
            ValidFrom = validFrom,
        };
    }

    /// <summary>Whether this item is in force on <paramref name="day"/>.</summary>
    public bool InForceOn(DateOnly day) => ValidFrom <= day && (ValidTo is null || day <= ValidTo);

    /// <summary>Puts the item into a version (the import that applies it).</summary>
    public void BelongTo(Guid versionId) => VersionId = versionId;

    /// <summary>
    /// Ends the item the day before <paramref name="nextVersionFrom"/>: the next version of its catalogue replaces it
    /// from that day; an item already ended earlier keeps its end.
    /// </summary>
    public void ReplacedFrom(DateOnly nextVersionFrom)
    {
        if (nextVersionFrom <= ValidFrom)
        {
            throw new DomainRuleException(new LocalizedText(
                $"新版本的启用日期须晚于 {ValidFrom:yyyy-MM-dd}（现行版本的启用日期）。",
                $"The new version must start after {ValidFrom:yyyy-MM-dd}, the day the version in force started."));
        }

        var end = nextVersionFrom.AddDays(-1);
        if (ValidTo is null || ValidTo > end)
        {
            ValidTo = end;
        }
    }

    /// <summary>Whether a file's row says the same as this item (what an import counts as unchanged).</summary>
    public bool SameAs(CatalogueItem other) =>
        other is not null && Catalogue == other.Catalogue && Code == other.Code && Name == other.Name && Class == other.Class
        && SelfPayPercent == other.SelfPayPercent && PriceCap == other.PriceCap && Unit == other.Unit;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Catalogue.Code()} {Code} {Name} {Class.Zh()} {SelfPayPercent}%");
}
