using Cases.Domain.Parties;

namespace Cases.Domain.Tests.Parties;

/// <summary>The employer register's rules: the items of 第七条, the change of 第十四条, 预注销 and 注销 of 第十七、十八条.</summary>
public sealed class EmployerRegistrationTests
{
    private static readonly CreditCode Code = CreditCode.Parse("91370200163562681G");

    private static EmployerInput Input(string idNumber = "370102198001010015") => new()
    {
        UnitType = "enterprise",
        EconomicType = "limited-liability",
        Affiliation = "city",
        RegistrationAuthority = "market-regulation",
        EstablishedOn = new DateOnly(2012, 6, 18),
        Industry = "房屋建筑业",
        Address = "青岛市市南区香港中路 10 号",
        Phone = "0532-8888 6666",
        LegalRepresentativeName = "王建国",
        LegalRepresentativeDocumentType = "resident-id",
        LegalRepresentativeDocumentNumber = idNumber,
        LegalRepresentativePhone = "138 0531 0001",
    };

    private static Employer Registered() =>
        Employer.Register(Code, "青岛海湾建设集团有限公司", IndustryRiskClass.From(4), City.Parse("370200"), new DateOnly(2024, 5, 6), details: EmployerDetails.Parse(Input()));

    [Fact]
    public void Registration_keeps_the_items_of_article_7_and_the_representatives_document()
    {
        var employer = Registered();

        Assert.Equal((UnitType.Enterprise, EconomicType.LimitedLiability, Affiliation.City, RegistrationAuthority.MarketRegulation),
            (employer.UnitType, employer.EconomicType, employer.Affiliation, employer.RegistrationAuthority));
        Assert.Equal(("053288886666", "房屋建筑业"), (employer.Phone, employer.Industry));
        var rep = employer.LegalRepresentative!;
        Assert.Equal(("王建国", IdDocumentType.ResidentId, "370102198001010015"), (rep.Name, rep.DocumentType, rep.DocumentNumber));
        Assert.Equal("13805310001", rep.Phone);
        Assert.Equal("370102********0015", Cases.Domain.Privacy.PersonalDataMask.IdNumber(rep.DocumentNumber));
        Assert.Equal((EmployerStatus.Active, (DateOnly?)null), (employer.Status, employer.StatusOn));
    }

    [Fact]
    public void A_resident_id_with_a_wrong_check_digit_is_refused_naming_the_representatives_number()
    {
        var ex = Assert.Throws<DomainValidationException>(() => EmployerDetails.Parse(Input("370102198001010011")));

        Assert.Equal("legalRepresentative.documentNumber", ex.Field);
    }

    [Theory]
    [InlineData("unitType")]
    [InlineData("economicType")]
    [InlineData("affiliation")]
    [InlineData("registrationAuthority")]
    public void A_code_outside_a_vocabulary_is_refused_naming_its_field_and_listing_the_choices(string field)
    {
        var input = field switch
        {
            "unitType" => Input() with { UnitType = "LLC" },
            "economicType" => Input() with { EconomicType = "LLC" },
            "affiliation" => Input() with { Affiliation = "LLC" },
            _ => Input() with { RegistrationAuthority = "LLC" },
        };

        var ex = Assert.Throws<DomainValidationException>(() => EmployerDetails.Parse(input));

        Assert.Equal(field, ex.Field);
        Assert.Contains("不在可选范围内", ex.Text.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_vocabulary_member_has_a_code_and_labels_in_both_languages()
    {
        Assert.Equal("hong-kong-macao-taiwan", EmployerTerms.Code(EconomicType.HongKongMacaoTaiwan));
        Assert.Equal("有雇工的个体工商户", EmployerTerms.Label(UnitType.IndividualBusiness).Zh);
        Assert.Equal("预注销", EmployerTerms.Label(EmployerStatus.PreDeregistered).Zh);
        foreach (var label in EmployerTerms.All<UnitType>().Select(v => EmployerTerms.Label(v))
            .Concat(EmployerTerms.All<EconomicType>().Select(v => EmployerTerms.Label(v)))
            .Concat(EmployerTerms.All<Affiliation>().Select(v => EmployerTerms.Label(v)))
            .Concat(EmployerTerms.All<RegistrationAuthority>().Select(v => EmployerTerms.Label(v)))
            .Concat(EmployerTerms.All<IdDocumentType>().Select(v => EmployerTerms.Label(v)))
            .Concat(EmployerTerms.All<EmployerStatus>().Select(v => EmployerTerms.Label(v))))
        {
            Assert.True(label.Zh.Length > 0 && label.En.Length > 0 && label.Zh != label.En, label.Both);
        }
    }

    [Fact]
    public void Only_a_labour_dispatch_firm_records_the_basis_of_its_risk_class()
    {
        var dispatch = EmployerDetails.Parse(Input() with { LaborDispatch = true, DispatchRiskBasis = "多数被派遣劳动者的实际用工单位属制造业" });
        Assert.Equal("多数被派遣劳动者的实际用工单位属制造业", Employer.Register(Code, "派遣公司", IndustryRiskClass.From(2), City.Jinan, details: dispatch).DispatchRiskBasis);

        var ex = Assert.Throws<DomainValidationException>(() => Employer.Register(Code, "普通公司", IndustryRiskClass.From(2), City.Jinan,
            details: EmployerDetails.None with { DispatchRiskBasis = "不应记录" }));
        Assert.Equal("dispatchRiskBasis", ex.Field);
    }

    [Fact]
    public void A_change_replaces_the_items_given_and_says_which_changed()
    {
        var employer = Registered();

        var changed = employer.Change(new EmployerChange
        {
            Name = "青岛海湾智能建造集团有限公司",
            Details = EmployerDetails.Parse(new EmployerInput { Address = "青岛市崂山区海尔路 1 号" }),
        });

        Assert.Equal(["name", "address"], changed);
        Assert.Equal(("青岛海湾智能建造集团有限公司", "青岛市崂山区海尔路 1 号", UnitType.Enterprise), (employer.Name, employer.Address, employer.UnitType));
        Assert.Equal("王建国", employer.LegalRepresentative!.Name);
    }

    [Fact]
    public void The_credit_code_never_changes()
    {
        var employer = Registered();

        var ex = Assert.Throws<DomainValidationException>(() => employer.Change(new EmployerChange { CreditCode = CreditCode.Parse("91370100MA3C4E5F61"), Name = "新名称" }));

        Assert.Equal("creditCode", ex.Field);
        Assert.Contains("第十四条", ex.Text.Zh, StringComparison.Ordinal);
        Assert.Equal(("青岛海湾建设集团有限公司", Code), (employer.Name, employer.CreditCode));
        Assert.Empty(employer.Change(new EmployerChange { CreditCode = Code }));
    }

    [Fact]
    public void An_employer_that_owes_is_flagged_and_may_still_be_deregistered_later()
    {
        var employer = Registered();

        employer.MarkPreDeregistered(new DateOnly(2025, 11, 5));
        Assert.Equal((EmployerStatus.PreDeregistered, (DateOnly?)new DateOnly(2025, 11, 5)), (employer.Status, employer.StatusOn));

        employer.Deregister(new DateOnly(2025, 12, 1));
        Assert.Equal((EmployerStatus.Deregistered, (DateOnly?)new DateOnly(2025, 12, 1)), (employer.Status, employer.StatusOn));
    }

    [Fact]
    public void A_deregistered_employer_changes_no_more()
    {
        var employer = Registered();
        employer.Deregister(new DateOnly(2025, 11, 5));

        Assert.Throws<DomainRuleException>(() => employer.Change(new EmployerChange { Name = "注销后改名" }));
        Assert.Throws<DomainRuleException>(() => employer.MarkPreDeregistered(new DateOnly(2025, 11, 6)));
        var again = Assert.Throws<DomainRuleException>(() => employer.Deregister(new DateOnly(2025, 11, 6)));
        Assert.Contains("已于 2025-11-05 注销登记", again.Text.Zh, StringComparison.Ordinal);
        Assert.Equal("青岛海湾建设集团有限公司", employer.Name);
    }

    [Fact]
    public void A_deregistration_before_the_registration_is_refused()
    {
        var ex = Assert.Throws<DomainValidationException>(() => Registered().Deregister(new DateOnly(2024, 5, 5)));

        Assert.Equal("deregisteredOn", ex.Field);
    }
}
