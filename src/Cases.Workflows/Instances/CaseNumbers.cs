namespace Cases.Workflows.Instances;

/// <summary>A case's number as every page, list, export and message shows it: the last eight hex digits of its id, in capitals.</summary>
public static class CaseNumbers
{
    public const int Length = 8;

    public static string Of(Guid caseId) => caseId.ToString("N")[^Length..].ToUpperInvariant();
}
