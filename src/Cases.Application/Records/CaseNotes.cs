namespace Cases.Application.Records;

/// <summary>A comment an officer left on a case; comments are never edited, so the record stays what was said.</summary>
public sealed class CaseComment
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public DateTimeOffset At { get; set; }

    public string Author { get; set; } = "";

    public string Text { get; set; } = "";
}

/// <summary>
/// A file attached to a case (an application, a judgment, an invoice scan). The bytes live outside the database
/// (<see cref="StorageKey"/> under the configured attachment store); the row keeps the name, type, size and hash.
/// </summary>
public sealed class CaseAttachment
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "";

    public long Size { get; set; }

    public string Sha256 { get; set; } = "";

    public string StorageKey { get; set; } = "";

    /// <summary>The material of the checklist this file supports, when it supports one.</summary>
    public string? Material { get; set; }

    public DateTimeOffset UploadedAt { get; set; }

    public string UploadedBy { get; set; } = "";
}
