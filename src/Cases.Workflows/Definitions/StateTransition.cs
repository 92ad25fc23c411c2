using System.Text.Json;

namespace Cases.Workflows.Definitions;

/// <summary>What leads from a state to the next: a task's outcome, an event, a timer, a decision's branch or otherwise, an action's next.</summary>
public enum TransitionVia
{
    Outcome,
    Event,
    Timer,
    Branch,
    Otherwise,
    Next,
}

/// <summary>
/// One way out of a state (see <see cref="StateSpec.Transitions"/>), read the same way by the validator, the diagram,
/// the diff and the sensitive-change comparison.
/// </summary>
/// <param name="Via">What leads there.</param>
/// <param name="Name">The outcome's or event's name, the branch's guard; for a timer, otherwise and next the word of <see cref="Via"/>.</param>
/// <param name="To">The state it leads to, as written; null when the definition names none.</param>
/// <param name="Path">Where the target is written, as a JSON path relative to the state (e.g. <c>.outcomes.approve.to</c>).</param>
/// <param name="Label">The outcome's or event's label, when it has one.</param>
public sealed record StateTransition(TransitionVia Via, string Name, string? To, string Path, LocalizedText? Label)
{
    /// <summary>The word of <see cref="Via"/>: outcome, event, timer, branch, otherwise or next.</summary>
    public string ViaName => JsonNamingPolicy.CamelCase.ConvertName(Via.ToString());

    /// <summary>As the diff writes it: "outcome:approve", "event:objection", "timer", "branch:amount &gt; 0", "otherwise", "next".</summary>
    public string Describe() => Via is TransitionVia.Outcome or TransitionVia.Event or TransitionVia.Branch ? $"{ViaName}:{Name}" : ViaName;

    internal static StateTransition Fixed(TransitionVia via, string? to, string path) =>
        new(via, JsonNamingPolicy.CamelCase.ConvertName(via.ToString()), to, path, null);
}
