using System.Globalization;
using Cases.Domain.Texts;

namespace Cases.Application.Benefits.Letters;

/// <summary>
/// The decision letter of a benefit procedure's case that has ended (规程 第九十四条: 将工伤保险待遇核定结果（支付对象、
/// 支付金额、支付账户等）……通知申请工伤保险待遇的用人单位或工伤职工、工亡职工供养亲属): who applied, what the fund pays
/// once and every month, what the employer pays, the bills as reviewed, or why nothing was decided; the recourse; who
/// approved it and when. Read from the case, its definition, its payment orders and its entitlements, never from
/// procedure-specific code, so a new benefit procedure has its letter without a change here.
/// </summary>
public sealed record GetDecisionLetter(Guid CaseId, Actor By) : IQuery<DecisionLetter>;

/// <summary>An amount as a letter states it: the figures (¥12,345.67) and the words (人民币壹万贰仟叁佰肆拾伍元陆角柒分).</summary>
/// <param name="Amount">Yuan, to the fen.</param>
/// <param name="Figures">¥12,345.67.</param>
/// <param name="Words">In Chinese capitals after 人民币, and in English words.</param>
public sealed record LetterAmount(decimal Amount, string Figures, LocalizedText Words)
{
    public static LetterAmount Of(decimal amount)
    {
        var fen = decimal.Round(amount, 2) + 0.00m;
        var figures = (fen < 0 ? "-¥" : "¥") + Math.Abs(fen).ToString("#,##0.00", CultureInfo.InvariantCulture);
        // A negative amount has no words (AmountInWords refuses it): a letter states what is paid, never a reversal.
        var words = fen >= 0 && fen <= AmountInWords.Max
            ? new LocalizedText("人民币" + AmountInWords.Chinese(fen), "RMB " + AmountInWords.English(fen))
            : new LocalizedText(figures, figures);
        return new(fen, figures, words);
    }
}

/// <summary>To whom the letter goes (第九十四条: the applicant) and whose benefits they are.</summary>
/// <param name="Applicant">The applicant as the case's form labels them (用人单位, 工伤职工本人 …); null when the procedure records none.</param>
/// <param name="WorkerName">The worker's name as the case holds it.</param>
/// <param name="WorkerIdNumber">The worker's identity number, always masked (规程 第一百四十条): a letter leaves the agency.</param>
/// <param name="EmployerName">The employer's name as the case holds it.</param>
public sealed record LetterAddressee(LocalizedText? Applicant, string? WorkerName, string? WorkerIdNumber, string? EmployerName);

/// <summary>A one-time payment the case ordered (第九十四条: 支付对象、支付金额、支付账户).</summary>
/// <param name="Benefit">The benefit kind's code (BenefitKind).</param>
/// <param name="BenefitLabel">一次性伤残补助金 …</param>
/// <param name="Payee">The payee's name.</param>
/// <param name="PayeeKind">职工, 近亲属 …</param>
/// <param name="Account">The account, masked (first 4 and last 4 digits).</param>
/// <param name="Bank">The bank.</param>
/// <param name="Amount">The amount in figures and words.</param>
/// <param name="Article">The article it is paid under.</param>
/// <param name="Period">The month it pays for, for a periodic payment; null for a one-time one.</param>
public sealed record LetterPayment(string Benefit, LocalizedText BenefitLabel, string Payee, LocalizedText PayeeKind, string Account, string Bank,
    LetterAmount Amount, string Article, string? Period);

/// <summary>A monthly benefit the case granted, changed or stopped (第七十五、七十八、八十二条).</summary>
/// <param name="Benefit">disability-allowance, nursing-care, dependants-pension.</param>
/// <param name="BenefitLabel">伤残津贴 …</param>
/// <param name="Change">granted, changed or stopped: what this case did to it.</param>
/// <param name="Recipient">The recipient's name.</param>
/// <param name="RecipientIdNumber">Masked.</param>
/// <param name="Relation">A dependant's relation to the worker (配偶, 子女 …); null for the worker's own benefits.</param>
/// <param name="MonthlyAmount">The monthly amount from <paramref name="FromMonth"/>; null when it stops.</param>
/// <param name="FromMonth">"yyyy-MM": the first month of the amount (or the first month not paid, when it stops).</param>
/// <param name="UntilMonth">"yyyy-MM": the last month as known now — the month of a child's 18th birthday (第六十二条（二）) — or null.</param>
/// <param name="AdulthoodOn">A child dependant's 18th birthday.</param>
/// <param name="Article">The article it is decided under.</param>
public sealed record LetterMonthly(string Benefit, LocalizedText BenefitLabel, string Change, string Recipient, string RecipientIdNumber, LocalizedText? Relation,
    LetterAmount? MonthlyAmount, string FromMonth, string? UntilMonth, DateOnly? AdulthoodOn, string Article);

/// <summary>An amount the letter states but the fund does not pay: the employer pays it (a grade 5–6 allowance, 《工伤保险条例》第三十六条).</summary>
public sealed record LetterStatedAmount(LocalizedText Label, LocalizedText Payer, LetterAmount MonthlyAmount, string Article);

/// <summary>One reviewed bill item (第六十九、七十条; 第四十条 三目录).</summary>
public sealed record LetterBillItem(int Row, string? Code, string? Name, string? Class, LetterAmount Claimed, decimal Paid, decimal SelfPay, decimal Refused,
    string ReasonCode, LocalizedText Reason)
{
    /// <summary>Not paid in full by the fund: refused in whole or in part, or a self-paid share.</summary>
    public bool NotFullyPaid => Refused > 0 || SelfPay > 0;
}

/// <summary>
/// The bill review: every item, and the totals in figures and words — with, of the refused, what the employer bears
/// because the recognition application came late (第六十九条（一）, 《工伤保险条例》第十七条; null when nothing).
/// </summary>
public sealed record LetterBillReview(IReadOnlyList<LetterBillItem> Items, LetterAmount Claimed, LetterAmount Payable, LetterAmount? SelfPay, LetterAmount Refused,
    LetterAmount? EmployerBorne = null)
{
    /// <summary>Every item refused in whole or in part, or with a share the worker pays: the letter lists each with its reason.</summary>
    public IReadOnlyList<LetterBillItem> NotFullyPaid => [.. Items.Where(i => i.NotFullyPaid)];
}

/// <summary>What the officer wrote when the case ended without benefits (the note the refusing outcome required).</summary>
public sealed record LetterNote(string Field, LocalizedText Label, string Text);

/// <summary>One step of a calculation's explanation, as the journal kept it.</summary>
public sealed record LetterCalculationStep(LocalizedText Name, LocalizedText Formula, string? Value, string? Kind, string? Basis);

/// <summary>A calculation the case ran (the "calculate" step), its last run.</summary>
public sealed record LetterCalculation(string State, LocalizedText Title, string Calculator, IReadOnlyList<LetterCalculationStep> Steps);

/// <summary>Who approved (or, for a refusal, decided) the case, by display name, and when.</summary>
public sealed record LetterSigner(string Role, string Name, LocalizedText Task, DateTimeOffset At);

/// <param name="CaseId">The case.</param>
/// <param name="Number">The letter's number: the case number the case page shows.</param>
/// <param name="Procedure">The procedure's key.</param>
/// <param name="ProcedureTitle">Its title.</param>
/// <param name="City">The city's code.</param>
/// <param name="CityName">The city's name (济南市 / Jinan): the heading is its 社会保险经办机构.</param>
/// <param name="Kind">"decision" (核定通知书) or "refusal" (不予核定通知书: the case ended without a decision of benefits).</param>
/// <param name="Title">「伤残待遇核定通知书」 / 「伤残待遇不予核定通知书」.</param>
/// <param name="DecidedOn">The China date the case ended.</param>
/// <param name="Outcome">The end state's outcome (decided, refused, lapsed …).</param>
/// <param name="Conclusion">The end state's title (已核定伤残待遇, 不予核定, 逾期未补正，申请失效).</param>
/// <param name="To">The applicant and the worker.</param>
/// <param name="Payments">The one-time payments, in the order of 第九十五条 (BenefitKind.All).</param>
/// <param name="PaymentsTotal">Their total; null when there are none.</param>
/// <param name="Monthly">The monthly benefits.</param>
/// <param name="EmployerPays">Amounts stated as the employer's to pay.</param>
/// <param name="Bills">The bill review, when the procedure reviews bills.</param>
/// <param name="Notes">For a refusal: the officer's note(s).</param>
/// <param name="Articles">The articles the letter's conclusion rests on.</param>
/// <param name="Calculations">The calculations' explanations (an appendix).</param>
/// <param name="Recourse">What the applicant may do against the decision, with its basis.</param>
/// <param name="Signer">Who approved or decided it; null when no person did (a lapse by timer with no task).</param>
public sealed record DecisionLetter(
    Guid CaseId, string Number, string Procedure, LocalizedText ProcedureTitle, string City, LocalizedText CityName, string Kind, LocalizedText Title,
    DateOnly DecidedOn, string? Outcome, LocalizedText Conclusion, LetterAddressee To, IReadOnlyList<LetterPayment> Payments, LetterAmount? PaymentsTotal,
    IReadOnlyList<LetterMonthly> Monthly, IReadOnlyList<LetterStatedAmount> EmployerPays, LetterBillReview? Bills, IReadOnlyList<LetterNote> Notes,
    IReadOnlyList<string> Articles, IReadOnlyList<LetterCalculation> Calculations, LocalizedText Recourse, LetterSigner? Signer)
{
    public const string Decision = "decision";
    public const string Refusal = "refusal";
}
