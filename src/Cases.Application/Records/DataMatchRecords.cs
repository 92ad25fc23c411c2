namespace Cases.Application.Records;

/// <summary>
/// One data-match file imported (信息比对, 第六十四条): which department's data, the file's content hash (the same file
/// twice changes nothing), who imported it and when, and the summary it answered. Kept for good (第一百二十条 留痕可溯).
/// </summary>
public sealed class DataMatchImport
{
    public const int FileNameMaxLength = 200;

    public Guid Id { get; set; }

    public string CityCode { get; set; } = "";

    /// <summary>The department: civil-affairs, health, public-security, justice, social-insurance.</summary>
    public string Source { get; set; } = "";

    public string FileName { get; set; } = "";

    /// <summary>SHA-256 of the file's bytes, lower-case hex: one import per city and content.</summary>
    public string ContentHash { get; set; } = "";

    public DateTimeOffset ImportedAt { get; set; }

    public string ImportedBy { get; set; } = "";

    public int Rows { get; set; }

    public int Certified { get; set; }

    public int Flagged { get; set; }

    public int Unknown { get; set; }

    public int Mismatched { get; set; }

    public int Invalid { get; set; }

    /// <summary>The summary as answered (JSON of DataMatchSummary), identity numbers masked.</summary>
    public string Summary { get; set; } = "{}";
}

public enum DataMatchFlagStatus
{
    /// <summary>Being investigated (第六十四条 "应调查核实").</summary>
    Open = 1,

    /// <summary>The investigation confirmed the event: the benefits stopped or were suspended.</summary>
    Confirmed = 2,

    /// <summary>The investigation found the person still entitled.</summary>
    Cleared = 3,
}

/// <summary>
/// A suspicion a data match raised (疑似丧失待遇领取资格, 第六十四条): one recipient, one event, investigated in a
/// benefit-investigation case. While one is open for a person and event, a later match of the same opens none.
/// </summary>
public sealed class DataMatchFlag
{
    public Guid Id { get; set; }

    public string CityCode { get; set; } = "";

    public Guid ImportId { get; set; }

    public string RecipientIdNumber { get; set; } = "";

    public string RecipientName { get; set; } = "";

    public string Source { get; set; } = "";

    /// <summary>death, imprisonment, remarriage, employment, adoption, basic-pension.</summary>
    public string Event { get; set; } = "";

    public DateOnly EventOn { get; set; }

    /// <summary>"{id number}:{event}" while open, null once decided: the unique key that keeps one open flag per person and event.</summary>
    public string? OpenKey { get; set; }

    public DataMatchFlagStatus Status { get; set; }

    /// <summary>The benefit-investigation case that investigates it.</summary>
    public Guid? CaseId { get; set; }

    public DateTimeOffset RaisedAt { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecidedBy { get; set; }
}

/// <summary>
/// A stop the data matches made on their own (the 18th birthday, 第六十二条（二）): one per entitlement, ever. Its key is
/// what makes two nodes sweeping at once stop the benefit once: the second insert fails and its stop is not saved.
/// </summary>
public sealed class AutomaticStop
{
    public Guid EntitlementId { get; set; }

    /// <summary>Why: "adulthood".</summary>
    public string Reason { get; set; } = "";

    public DateOnly FromMonth { get; set; }

    public DateTimeOffset StoppedAt { get; set; }
}
