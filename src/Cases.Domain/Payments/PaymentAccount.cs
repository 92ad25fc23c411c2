using Cases.Domain.Privacy;

namespace Cases.Domain.Payments;

/// <summary>The kind of account a payment goes to (第九十四条 支付账户; 第九十七条 社会保障卡金融账户).</summary>
public enum AccountKind
{
    /// <summary>The financial account of the person's social-security card (第九十七条: the rule for benefits).</summary>
    SocialSecurityCard,

    /// <summary>A personal bank card.</summary>
    BankCard,

    /// <summary>An organisation's bank account (an employer's, a hospital's): not a card, no Luhn digit.</summary>
    BankAccount,
}

/// <summary>
/// Where a payment goes: the account's kind, its number (digits only) and the bank. A card number — a social-security
/// card's financial account or a bank card — has 16 to 19 digits and a right Luhn check digit (ISO/IEC 7812, which UnionPay
/// cards follow); an organisation's account has 6 to 32 digits and no check digit. Shown masked as every bank number is
/// (<see cref="PersonalDataMask.BankCard"/>).
/// </summary>
public sealed record PaymentAccount
{
    public const int BankMaxLength = 60;

    private PaymentAccount(AccountKind kind, string number, string bank) => (Kind, Number, Bank) = (kind, number, bank);

    public AccountKind Kind { get; }

    /// <summary>The whole number: only the bank file and the views journaled as personal-data views show it.</summary>
    public string Number { get; }

    public string Bank { get; }

    /// <summary>The number as lists and pages show it: first 4 and last 4 digits.</summary>
    public string Masked => PersonalDataMask.BankCard(Number);

    public static string Code(AccountKind kind) => kind switch
    {
        AccountKind.SocialSecurityCard => "social-security-card",
        AccountKind.BankCard => "bank-card",
        _ => "bank-account",
    };

    public static AccountKind? KindOf(string? code) => code switch
    {
        "social-security-card" => AccountKind.SocialSecurityCard,
        "bank-card" => AccountKind.BankCard,
        "bank-account" => AccountKind.BankAccount,
        _ => null,
    };

    /// <summary>
    /// The account typed as <paramref name="number"/> (spaces and dashes between digit groups allowed) at <paramref name="bank"/>;
    /// a wrong one is refused naming <paramref name="numberField"/> or <paramref name="bankField"/>.
    /// </summary>
    public static PaymentAccount Parse(AccountKind kind, string? number, string? bank, string numberField = "account", string bankField = "bank")
    {
        var digits = string.Concat((number ?? "").Where(c => c is not (' ' or '-')));
        if (digits.Length == 0)
        {
            throw new DomainValidationException(numberField, Guard.Required(new LocalizedText("支付账号", "Account number")));
        }

        if (!digits.All(char.IsAsciiDigit))
        {
            throw new DomainValidationException(numberField, new LocalizedText("支付账号只能由数字组成。", "An account number has digits only."));
        }

        if (kind != AccountKind.BankAccount)
        {
            if (digits.Length is < 16 or > 19)
            {
                throw new DomainValidationException(numberField, new LocalizedText(
                    $"银行卡号应为16至19位数字，现为{digits.Length}位。", $"A card number has 16 to 19 digits, not {digits.Length}."));
            }

            if (!PersonalDataMask.Luhn(digits))
            {
                throw new DomainValidationException(numberField, new LocalizedText(
                    $"银行卡号 {PersonalDataMask.BankCard(digits)} 的校验位不正确，请核对卡号。", $"The check digit of card {PersonalDataMask.BankCard(digits)} is wrong; check the number."));
            }
        }
        else if (digits.Length is < 6 or > 32)
        {
            throw new DomainValidationException(numberField, new LocalizedText(
                $"银行账号应为6至32位数字，现为{digits.Length}位。", $"A bank account number has 6 to 32 digits, not {digits.Length}."));
        }

        var bankName = Guard.RequiredText(bank, bankField, new LocalizedText("开户银行", "Bank"), BankMaxLength);
        return new PaymentAccount(kind, digits, bankName);
    }
}
