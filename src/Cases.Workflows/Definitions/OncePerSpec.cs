namespace Cases.Workflows.Definitions;

/// <summary>
/// A procedure a party may go through only once for a given value of a start field: 规程 第四十九条 allows the extension
/// of a rehabilitation period "在首次康复期治疗时" — once per injury case. Starting a second case of the procedure (any
/// version) with the same value is refused (409) with <see cref="Message"/>, whose <c>{caseNumber}</c> names the case
/// already there; every existing case counts, running or ended with any outcome.
/// </summary>
public sealed class OncePerSpec
{
    /// <summary>The placeholder of <see cref="Message"/> that names the existing case (its 8-character case number).</summary>
    public const string CaseNumberPlaceholder = "caseNumber";

    /// <summary>A string field the case is started with (declared in data and listed in startWith), e.g. "injuryCaseId".</summary>
    public string Field { get; init; } = "";

    /// <summary>The article that allows the procedure once, e.g. "第四十九条".</summary>
    public string Basis { get; init; } = "";

    /// <summary>What the refusal says, in both languages; {caseNumber} and the case's data fields are filled in.</summary>
    public LocalizedText Message { get; init; } = new("", "");
}
