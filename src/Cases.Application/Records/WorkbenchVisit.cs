namespace Cases.Application.Records;

/// <summary>
/// When a user last looked at 工作台, and when they last looked at it before the current sitting: 「自上次访问以来的变化」
/// counts from <see cref="PreviousAt"/>. Looking again within <see cref="SameVisit"/> of the last look is the same sitting,
/// so reloading the page does not empty the list the officer is reading.
/// </summary>
public sealed class WorkbenchVisit
{
    public static readonly TimeSpan SameVisit = TimeSpan.FromMinutes(30);

    public string UserName { get; init; } = "";

    /// <summary>The latest look at the workbench.</summary>
    public DateTimeOffset LastAt { get; private set; }

    /// <summary>The last look of the sitting before this one; null until the user comes back a second time.</summary>
    public DateTimeOffset? PreviousAt { get; private set; }

    public static WorkbenchVisit First(string userName, DateTimeOffset at) => new() { UserName = userName, LastAt = at };

    /// <summary>Another look: a new sitting when the last look is <see cref="SameVisit"/> or more ago (a clock set back changes nothing).</summary>
    public void Seen(DateTimeOffset at)
    {
        if (at - LastAt >= SameVisit)
        {
            PreviousAt = LastAt;
        }

        if (at > LastAt)
        {
            LastAt = at;
        }
    }
}
