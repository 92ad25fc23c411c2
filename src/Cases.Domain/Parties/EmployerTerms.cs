using System.Text;

namespace Cases.Domain.Parties;

/// <summary>单位类型 (第七条（一）): the kinds of employer 第六条 lists (企业、机关事业单位、社会团体 …).</summary>
public enum UnitType
{
    Enterprise = 1,
    PublicInstitution,
    Government,
    SocialOrganization,
    Foundation,
    LawFirm,
    AccountingFirm,
    PrivateNonEnterprise,
    IndividualBusiness,
}

/// <summary>经济类型 (第七条（一）).</summary>
public enum EconomicType
{
    StateOwned = 1,
    Collective,
    LimitedLiability,
    JointStock,
    Private,
    HongKongMacaoTaiwan,
    Foreign,
    Individual,
    Other,
}

/// <summary>隶属关系 (第七条（一）): the level of government the employer reports to.</summary>
public enum Affiliation
{
    Central = 1,
    Provincial,
    City,
    County,
    Township,
    Other,
}

/// <summary>登记机关 (第六条、第七条（一）): the department whose shared registration information the agency works from.</summary>
public enum RegistrationAuthority
{
    MarketRegulation = 1,
    CivilAffairs,
    Establishment,
    JusticeAdministration,
    Other,
}

/// <summary>证件类型 of the legal representative's identity document (第七条（二）).</summary>
public enum IdDocumentType
{
    ResidentId = 1,
    Passport,
    HongKongMacaoPass,
    TaiwanPass,
    ForeignPermanentResidence,
}

/// <summary>The state of an employer's registration: 正常, 预注销 (第十八条) or 已注销 (第十八条).</summary>
public enum EmployerStatus
{
    Active = 1,
    PreDeregistered,
    Deregistered,
}

/// <summary>
/// The closed vocabularies of the employer register with their labels in both languages and the codes the API, the
/// definitions' enum fields and the database use (kebab-case of the member: <c>limited-liability</c>).
/// </summary>
public static class EmployerTerms
{
    private static readonly Dictionary<Enum, LocalizedText> Labels = new()
    {
        [UnitType.Enterprise] = new("企业", "Enterprise"),
        [UnitType.PublicInstitution] = new("事业单位", "Public institution"),
        [UnitType.Government] = new("机关", "Government body"),
        [UnitType.SocialOrganization] = new("社会团体", "Social organisation"),
        [UnitType.Foundation] = new("基金会", "Foundation"),
        [UnitType.LawFirm] = new("律师事务所", "Law firm"),
        [UnitType.AccountingFirm] = new("会计师事务所", "Accounting firm"),
        [UnitType.PrivateNonEnterprise] = new("民办非企业单位", "Private non-enterprise unit"),
        [UnitType.IndividualBusiness] = new("有雇工的个体工商户", "Individual business with employees"),
        [EconomicType.StateOwned] = new("国有经济", "State-owned"),
        [EconomicType.Collective] = new("集体经济", "Collective"),
        [EconomicType.LimitedLiability] = new("有限责任公司", "Limited liability company"),
        [EconomicType.JointStock] = new("股份有限公司", "Joint-stock company"),
        [EconomicType.Private] = new("私营经济", "Private"),
        [EconomicType.HongKongMacaoTaiwan] = new("港澳台商投资经济", "Hong Kong, Macao or Taiwan investment"),
        [EconomicType.Foreign] = new("外商投资经济", "Foreign investment"),
        [EconomicType.Individual] = new("个体经济", "Individual"),
        [EconomicType.Other] = new("其他经济", "Other"),
        [Affiliation.Central] = new("中央", "Central"),
        [Affiliation.Provincial] = new("省", "Provincial"),
        [Affiliation.City] = new("市、地区", "City"),
        [Affiliation.County] = new("县、区", "County or district"),
        [Affiliation.Township] = new("街道、镇、乡", "Street, town or township"),
        [Affiliation.Other] = new("其他", "Other"),
        [RegistrationAuthority.MarketRegulation] = new("市场监督管理部门", "Market regulation"),
        [RegistrationAuthority.CivilAffairs] = new("民政部门", "Civil affairs"),
        [RegistrationAuthority.Establishment] = new("机构编制部门", "Institutional establishment"),
        [RegistrationAuthority.JusticeAdministration] = new("司法行政部门", "Justice administration"),
        [RegistrationAuthority.Other] = new("其他登记机关", "Other registration authority"),
        [IdDocumentType.ResidentId] = new("居民身份证", "Resident identity card"),
        [IdDocumentType.Passport] = new("护照", "Passport"),
        [IdDocumentType.HongKongMacaoPass] = new("港澳居民来往内地通行证", "Hong Kong/Macao travel permit"),
        [IdDocumentType.TaiwanPass] = new("台湾居民来往大陆通行证", "Taiwan travel permit"),
        [IdDocumentType.ForeignPermanentResidence] = new("外国人永久居留身份证", "Foreign permanent residence card"),
        [EmployerStatus.Active] = new("正常", "Active"),
        [EmployerStatus.PreDeregistered] = new("预注销", "Pre-deregistered"),
        [EmployerStatus.Deregistered] = new("已注销", "Deregistered"),
    };

    /// <summary>The label of <paramref name="value"/> in both languages.</summary>
    public static LocalizedText Label<T>(T value) where T : struct, Enum =>
        Labels.TryGetValue(value, out var label) ? label : new LocalizedText(Code(value), Code(value));

    /// <summary>The code of <paramref name="value"/>: its member name in kebab-case (<c>LimitedLiability</c> → <c>limited-liability</c>).</summary>
    public static string Code<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        var code = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                code.Append('-');
            }

            code.Append(char.ToLowerInvariant(name[i]));
        }

        return code.ToString();
    }

    /// <summary>Every member of the vocabulary, in declaration order.</summary>
    public static IReadOnlyList<T> All<T>() where T : struct, Enum => Enum.GetValues<T>();

    /// <summary>
    /// The member whose code is <paramref name="code"/>, null when nothing is given, or a <see cref="DomainValidationException"/>
    /// naming <paramref name="field"/> and listing the codes (with their Chinese labels) it accepts.
    /// </summary>
    public static T? Optional<T>(string? code, string field, LocalizedText label) where T : struct, Enum
    {
        var text = code?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        foreach (var value in All<T>())
        {
            if (string.Equals(Code(value), text, StringComparison.Ordinal))
            {
                return value;
            }
        }

        var known = string.Join("、", All<T>().Select(v => $"{Code(v)}（{Label(v).Zh}）"));
        var knownEn = string.Join(", ", All<T>().Select(Code));
        var shown = new string([.. text.Where(c => !char.IsControl(c)).Take(40)]);
        throw new DomainValidationException(field, new LocalizedText(
            $"{label.Zh}“{shown}”不在可选范围内，可选：{known}。",
            $"{label.En} '{shown}' is not one of: {knownEn}."));
    }
}
