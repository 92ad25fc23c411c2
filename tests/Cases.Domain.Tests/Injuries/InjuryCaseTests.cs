using Cases.Domain.Injuries;
using Cases.Domain.Parties;

namespace Cases.Domain.Tests.Injuries;

public sealed class InjuryCaseTests
{
    private static readonly DateOnly InjuryOn = new(2024, 4, 8);

    private static InjuryCase NewCase() => InjuryCase.Open(Guid.NewGuid(), Guid.NewGuid(), City.Parse("370800"), InjuryOn);

    [Fact]
    public void Open_records_checked_values()
    {
        var workerId = Guid.NewGuid();
        var employerId = Guid.NewGuid();

        var injuryCase = InjuryCase.Open(workerId, employerId, City.Parse("370800"), InjuryOn);

        Assert.Equal((workerId, employerId, "370800", InjuryOn), (injuryCase.WorkerId, injuryCase.EmployerId, injuryCase.CityCode, injuryCase.InjuryOn));
        Assert.Null(injuryCase.RecognizedOn);
        Assert.Null(injuryCase.DisabilityGrade);
        Assert.Equal(SelfCareLevel.None, injuryCase.SelfCareLevel);
    }

    [Fact]
    public void Open_refuses_missing_worker()
    {
        var ex = Assert.Throws<DomainValidationException>(() => InjuryCase.Open(Guid.Empty, Guid.NewGuid(), City.Jinan, InjuryOn));

        Assert.Equal("workerId", ex.Field);
        Assert.Equal("Worker is required.", ex.Text.En);
    }

    [Fact]
    public void Open_refuses_missing_employer()
    {
        var ex = Assert.Throws<DomainValidationException>(() => InjuryCase.Open(Guid.NewGuid(), Guid.Empty, City.Jinan, InjuryOn));

        Assert.Equal("employerId", ex.Field);
    }

    [Fact]
    public void RecordRecognition_refuses_date_before_injury()
    {
        var injuryCase = NewCase();

        var ex = Assert.Throws<DomainValidationException>(() => injuryCase.RecordRecognition(new DateOnly(2024, 4, 7)));

        Assert.Equal("recognizedOn", ex.Field);
        Assert.Equal("Recognition date 2024-04-07 is before the injury date 2024-04-08.", ex.Text.En);
        Assert.Equal("工伤认定日期 2024-04-07 早于受伤日期 2024-04-08。", ex.Message);
    }

    [Theory]
    [InlineData("<script>alert('x')</script>")]
    [InlineData("济人社工认字〔2025〕第0123号\"")]
    public void A_recognition_number_with_markup_is_refused_for_no_decision_prints_one(string number)
    {
        var injuryCase = NewCase();

        var ex = Assert.Throws<DomainValidationException>(() => injuryCase.RecordRecognition(InjuryOn, number, null));

        Assert.Equal("recognitionNumber", ex.Field);
        Assert.Null(injuryCase.RecognitionNumber);
    }

    [Fact]
    public void RecordRecognition_accepts_the_injury_day()
    {
        var injuryCase = NewCase();

        injuryCase.RecordRecognition(InjuryOn);

        Assert.Equal(InjuryOn, injuryCase.RecognizedOn);
    }

    [Fact]
    public void RecordAppraisal_refuses_before_recognition() =>
        Assert.Throws<DomainRuleException>(
            () => NewCase().RecordAppraisal(DisabilityGrade.From(7), SelfCareLevel.None, new DateOnly(2024, 9, 1)));

    [Fact]
    public void RecordAppraisal_stores_grade_and_self_care_level_and_a_later_one_replaces_it()
    {
        var injuryCase = NewCase();
        injuryCase.RecordRecognition(new DateOnly(2024, 6, 1));

        injuryCase.RecordAppraisal(DisabilityGrade.From(4), SelfCareLevel.Partial, new DateOnly(2024, 9, 1));
        Assert.Equal(4, injuryCase.DisabilityGrade?.Value);
        Assert.Equal(SelfCareLevel.Partial, injuryCase.SelfCareLevel);

        injuryCase.RecordAppraisal(DisabilityGrade.From(2), SelfCareLevel.Major, new DateOnly(2025, 9, 1));
        Assert.Equal("二级", injuryCase.DisabilityGrade?.NameZh);
        Assert.Equal(SelfCareLevel.Major, injuryCase.SelfCareLevel);
        Assert.Equal(new DateOnly(2025, 9, 1), injuryCase.AppraisedOn);
    }

    [Fact]
    public void RecordAppraisal_accepts_no_grade_reached()
    {
        var injuryCase = NewCase();
        injuryCase.RecordRecognition(new DateOnly(2024, 6, 1));

        injuryCase.RecordAppraisal(null, SelfCareLevel.None, new DateOnly(2024, 9, 1));

        Assert.Null(injuryCase.DisabilityGrade);
        Assert.Equal(new DateOnly(2024, 9, 1), injuryCase.AppraisedOn);
    }

    [Fact]
    public void RecordAppraisal_refuses_date_before_recognition()
    {
        var injuryCase = NewCase();
        injuryCase.RecordRecognition(new DateOnly(2024, 6, 1));

        var ex = Assert.Throws<DomainValidationException>(
            () => injuryCase.RecordAppraisal(DisabilityGrade.From(9), SelfCareLevel.None, new DateOnly(2024, 5, 31)));

        Assert.Equal("appraisedOn", ex.Field);
    }

    [Fact]
    public void RecordAppraisal_refuses_unset_grade_and_unknown_self_care_level()
    {
        var injuryCase = NewCase();
        injuryCase.RecordRecognition(new DateOnly(2024, 6, 1));

        var grade = Assert.Throws<DomainValidationException>(
            () => injuryCase.RecordAppraisal(default(DisabilityGrade), SelfCareLevel.None, new DateOnly(2024, 9, 1)));
        var level = Assert.Throws<DomainValidationException>(
            () => injuryCase.RecordAppraisal(DisabilityGrade.From(1), (SelfCareLevel)9, new DateOnly(2024, 9, 1)));

        Assert.Equal("disabilityGrade", grade.Field);
        Assert.Equal("selfCareLevel", level.Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void DisabilityGrade_refuses_values_outside_one_to_ten(int value)
    {
        var ex = Assert.Throws<DomainValidationException>(() => DisabilityGrade.From(value));

        Assert.Equal("disabilityGrade", ex.Field);
        Assert.Equal($"Disability grade must be 1 to 10 (一级 to 十级); got {value}.", ex.Text.En);
    }

    [Theory]
    [InlineData(1, "一级")]
    [InlineData(10, "十级")]
    public void DisabilityGrade_has_chinese_name(int value, string nameZh) =>
        Assert.Equal(nameZh, DisabilityGrade.From(value).NameZh);

    [Fact]
    public void The_end_of_employment_closes_fund_paid_treatment_from_the_next_month_unless_a_medical_dependency_keeps_it_and_is_recorded_once()
    {
        var ended = NewCase();
        ended.RecordEmploymentEnd(new DateOnly(2026, 5, 15), keepsMedicalTreatment: false);
        Assert.Equal(new DateOnly(2026, 6, 1), ended.FundTreatmentEndsFrom);
        Assert.Throws<DomainRuleException>(() => ended.RecordEmploymentEnd(new DateOnly(2026, 5, 20), keepsMedicalTreatment: false));

        var kept = NewCase();
        kept.RecordEmploymentEnd(new DateOnly(2026, 12, 31), keepsMedicalTreatment: true);
        Assert.Null(kept.FundTreatmentEndsFrom);

        Assert.Equal("employmentEndedOn", Assert.Throws<DomainValidationException>(() => NewCase().RecordEmploymentEnd(InjuryOn.AddDays(-1), false)).Field);
    }
}
