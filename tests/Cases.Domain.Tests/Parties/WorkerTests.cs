using Cases.Domain.Parties;

namespace Cases.Domain.Tests.Parties;

public sealed class WorkerTests
{
    private static readonly IdNumber Id = IdNumber.Parse("370102199003071238");

    [Fact]
    public void Register_derives_birth_date_and_sex_from_identity_number()
    {
        var worker = Worker.Register(Id, " 张三 ");

        Assert.Equal("张三", worker.Name);
        Assert.Equal(new DateOnly(1990, 3, 7), worker.BirthDate);
        Assert.Equal(Sex.Male, worker.Sex);
        Assert.Null(worker.Phone);
        Assert.Null(worker.MaskedPhone);
        Assert.Null(worker.EmployerId);
    }

    [Theory]
    [InlineData("13812341234", "13812341234", "138****1234")]
    [InlineData("138 1234 1234", "13812341234", "138****1234")]
    [InlineData("0531-88881234", "053188881234", "053****1234")]
    [InlineData("8881234", "8881234", "***1234")]
    public void Register_keeps_phone_digits_and_masks_them(string input, string stored, string masked)
    {
        var worker = Worker.Register(Id, "张三", input);

        Assert.Equal(stored, worker.Phone);
        Assert.Equal(masked, worker.MaskedPhone);
    }

    [Fact]
    public void Register_refuses_phone_with_letters()
    {
        var ex = Assert.Throws<DomainValidationException>(() => Worker.Register(Id, "张三", "138abcd1234"));

        Assert.Equal("phone", ex.Field);
        Assert.Equal("Phone must contain digits only; got 'a'.", ex.Text.En);
        Assert.Equal("联系电话只能包含数字，现有 'a'。", ex.Message);
    }

    [Theory]
    [InlineData("123456", 6)]
    [InlineData("1234567890123456", 16)]
    public void Register_refuses_phone_of_wrong_length(string phone, int digits)
    {
        var ex = Assert.Throws<DomainValidationException>(() => Worker.Register(Id, "张三", phone));

        Assert.Equal("phone", ex.Field);
        Assert.Equal($"Phone must have 7 to 15 digits; got {digits}.", ex.Text.En);
    }

    [Fact]
    public void Register_refuses_unset_identity_number()
    {
        var ex = Assert.Throws<DomainValidationException>(() => Worker.Register(default, "张三"));

        Assert.Equal("idNumber", ex.Field);
    }

    [Fact]
    public void Register_refuses_blank_name()
    {
        var ex = Assert.Throws<DomainValidationException>(() => Worker.Register(Id, ""));

        Assert.Equal("name", ex.Field);
        Assert.Equal("Worker name is required.", ex.Text.En);
    }

    [Fact]
    public void Register_refuses_empty_employer_id()
    {
        var ex = Assert.Throws<DomainValidationException>(() => Worker.Register(Id, "张三", employerId: Guid.Empty));

        Assert.Equal("employerId", ex.Field);
        Assert.Equal("Employer is required.", ex.Text.En);
    }
}
