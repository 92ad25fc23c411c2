namespace Cases.Application.Injuries.Linking;

/// <summary>
/// 待关联案件: a case opened before cases were tied to the injury-case register (its procedure's version took
/// <c>injuryCaseId</c> as free text) tied to the registered injury case it is about — matched by the decision's number or
/// id, or chosen by an officer. The case's own data is never rewritten (规程 第一百二十条: 留痕可溯): the text stays as typed,
/// this row says which injury case it means, and the case's journal says who tied it, how and why. An undone link keeps
/// its row (<see cref="UndoneAt"/>): a person decided the match was wrong, so the automatic matching does not make it again.
/// </summary>
public sealed class InjuryCaseLink
{
    /// <summary>Longest reason accepted for a link or an undo.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>The longest text kept of what the case holds (the runtime's projection keeps 200 characters).</summary>
    public const int MaxTypedLength = 200;

    public Guid CaseId { get; set; }

    public Guid InjuryCaseId { get; set; }

    /// <summary>The case's city, which is the injury case's (第一百四十条: a link never crosses cities).</summary>
    public string CityCode { get; set; } = "";

    /// <summary>The case's free text when it was linked, as typed.</summary>
    public string Typed { get; set; } = "";

    /// <summary><see cref="LinkMatch.Number"/>, <see cref="LinkMatch.Id"/> or <see cref="LinkMatch.Officer"/>.</summary>
    public string How { get; set; } = "";

    public string? Reason { get; set; }

    public string LinkedBy { get; set; } = "";

    public DateTimeOffset LinkedAt { get; set; }

    public DateTimeOffset? UndoneAt { get; set; }

    public string? UndoneBy { get; set; }

    public string? UndoReason { get; set; }
}

/// <summary>How a link was made: the words of the journal and of the list.</summary>
public static class LinkMatch
{
    /// <summary>The text is the registered recognition decision's number (brackets, width and case aside).</summary>
    public const string Number = "number";

    /// <summary>The text is the registered injury case's id.</summary>
    public const string Id = "id";

    /// <summary>An officer or supervisor chose the injury case, with a reason.</summary>
    public const string Officer = "officer";
}
