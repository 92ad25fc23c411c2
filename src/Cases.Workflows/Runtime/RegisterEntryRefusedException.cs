namespace Cases.Workflows.Runtime;

/// <summary>
/// The register holds the entry, and it may not be named by a new case (a deregistered employer): thrown by
/// <see cref="ICaseRegisters.FindAsync"/>, told by <see cref="RegisterRefs"/> at the start field that named it (400).
/// </summary>
public sealed class RegisterEntryRefusedException(LocalizedText reason) : Exception(reason?.Zh)
{
    public LocalizedText Reason { get; } = reason ?? throw new ArgumentNullException(nameof(reason));
}
