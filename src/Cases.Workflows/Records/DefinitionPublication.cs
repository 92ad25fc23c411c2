namespace Cases.Workflows.Records;

/// <summary>
/// Whether a published version may be used. A version with a sensitive change waits for a provincial supervisor
/// (four-eyes publication); only approved versions start cases or are migrated to.
/// </summary>
public enum PublicationStatus
{
    /// <summary>In use: new cases start on the latest approved version.</summary>
    Approved,

    /// <summary>Published with a sensitive change; not used until a provincial supervisor approves it.</summary>
    Pending,

    /// <summary>Refused by a provincial supervisor; kept (versions never change or disappear) and never used.</summary>
    Rejected,
}

/// <summary>A step of a version's publication, as the journal records it.</summary>
public enum PublicationAction
{
    /// <summary>Published without a sensitive change: in use at once.</summary>
    Published,

    /// <summary>Published with sensitive changes: waiting for a second person.</summary>
    Proposed,

    Approved,

    Rejected,
}

/// <summary>
/// One step of a version's publication (规程 第一百二十条, 留痕可溯): who published, proposed, approved or rejected it, when,
/// the note given, and for a proposal the sensitive changes found. Append-only: rows are added, never changed.
/// </summary>
public sealed class DefinitionPublication
{
    /// <summary>The longest note a decision keeps (and a rejection\'s reason).</summary>
    public const int MaxNoteLength = 500;

    public long Id { get; set; }

    public string Key { get; set; } = "";

    public int Version { get; set; }

    public PublicationAction Action { get; set; }

    public string By { get; set; } = "";

    public DateTimeOffset At { get; set; }

    /// <summary>The approver's note or the reason of a rejection.</summary>
    public string? Note { get; set; }

    /// <summary>For <see cref="PublicationAction.Proposed"/>: the sensitive changes as JSON (a list of <see cref="Definitions.SensitiveChange"/>).</summary>
    public string? SensitiveChanges { get; set; }
}
