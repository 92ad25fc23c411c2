using System.Globalization;

namespace Cases.Domain.Parties;

/// <summary>
/// Insured person (参保人员) registered under 第十一条 with name, identity number and contact details;
/// birth date and sex always come from the identity number.
/// </summary>
public sealed class Worker
{
    /// <summary>Longest name accepted (room for minority and foreign names).</summary>
    public const int NameMaxLength = 100;

    private const int PhoneMinDigits = 7;
    private const int PhoneMaxDigits = 15;

    private Worker() => Name = string.Empty;

    public Guid Id { get; private set; }

    public IdNumber IdNumber { get; private set; }

    public string Name { get; private set; }

    /// <summary>Derived from <see cref="IdNumber"/>; not stored separately.</summary>
    public DateOnly BirthDate => IdNumber.BirthDate;

    /// <summary>Derived from <see cref="IdNumber"/>; not stored separately.</summary>
    public Sex Sex => IdNumber.Sex;

    /// <summary>Digits only (spaces and hyphens are removed on entry); null when not given.</summary>
    public string? Phone { get; private set; }

    /// <summary>For display: 13812341234 → 138****1234; null when no phone.</summary>
    public string? MaskedPhone => Phone is null ? null : MaskPhone(Phone);

    /// <summary>The current employer; null after employment ends (中断登记, 第十一条).</summary>
    public Guid? EmployerId { get; private set; }

    /// <summary>Registers an insured person (第十一条); each argument is checked and a failure names its field.</summary>
    public static Worker Register(IdNumber idNumber, string name, string? phone = null, Guid? employerId = null, Guid? id = null)
    {
        if (idNumber.IsEmpty)
        {
            throw new DomainValidationException("idNumber", new LocalizedText("公民身份号码必须填写。", "Resident identity number is required."));
        }

        return new Worker
        {
            Id = Guard.NewIdOr(id, "id"),
            IdNumber = idNumber,
            Name = Guard.RequiredText(name, "name", new LocalizedText("职工姓名", "Worker name"), NameMaxLength),
            Phone = NormalizePhone(phone),
            EmployerId = employerId is null ? null : Guard.RequiredId(employerId.Value, "employerId", new LocalizedText("用人单位", "Employer")),
        };
    }

    /// <summary>
    /// The worker is now employed by <paramref name="employerId"/> (a new 参保登记 after the previous period ended,
    /// 第十一条); the worker stays under the last employer after an end, so the city that insured them still finds them.
    /// </summary>
    public void EmployedBy(Guid employerId) =>
        EmployerId = Guard.RequiredId(employerId, "employerId", new LocalizedText("用人单位", "Employer"));

    internal static string? NormalizePhone(string? phone, string field = "phone")
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var digits = string.Concat(phone.Where(c => c is not (' ' or '-')));
        // An index, not FirstOrDefault: default(char) is U+0000, which would let a NUL through as "no bad character".
        var bad = digits.AsSpan().IndexOfAnyExceptInRange('0', '9');
        if (bad >= 0)
        {
            var shown = char.IsControl(digits[bad]) ? string.Create(CultureInfo.InvariantCulture, $"U+{(int)digits[bad]:X4}") : $"'{digits[bad]}'";
            throw new DomainValidationException(field, new LocalizedText($"联系电话只能包含数字，现有 {shown}。", $"Phone must contain digits only; got {shown}."));
        }

        if (digits.Length is < PhoneMinDigits or > PhoneMaxDigits)
        {
            throw new DomainValidationException(
                field,
                new LocalizedText(
                    string.Create(CultureInfo.InvariantCulture, $"联系电话应为 {PhoneMinDigits} 至 {PhoneMaxDigits} 位数字，现为 {digits.Length} 位。"),
                    string.Create(CultureInfo.InvariantCulture, $"Phone must have {PhoneMinDigits} to {PhoneMaxDigits} digits; got {digits.Length}.")));
        }

        return digits;
    }

    private static string MaskPhone(string phone) =>
        phone.Length >= 8
            ? string.Concat(phone.AsSpan(0, 3), "****", phone.AsSpan(phone.Length - 4))
            : string.Concat(new string('*', phone.Length - 4), phone.AsSpan(phone.Length - 4));
}
