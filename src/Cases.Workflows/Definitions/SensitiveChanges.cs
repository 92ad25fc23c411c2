namespace Cases.Workflows.Definitions;

/// <summary>What kind of change to a procedure needs a second person before it is used (four-eyes publication).</summary>
public enum SensitiveChangeKind
{
    /// <summary>A task no longer keeps out whoever completed another state (规程 第一百一十九条, 岗位不相容).</summary>
    SeparationRemoved,

    /// <summary>Who approves a payment changed: a way into a ledger posting was added or removed, or its task's role changed.</summary>
    PaymentApproverChanged,
}

/// <summary>
/// One sensitive change of a draft against the version it is compared with: where (<see cref="Path"/> in the draft, or
/// in the earlier version when the draft no longer has it), the state it concerns, what it was and what it becomes,
/// and the same sentence in both languages of the product.
/// </summary>
/// <param name="Kind">What kind of change it is.</param>
/// <param name="Path">The JSON path in the draft (or in the earlier version when the draft no longer has it).</param>
/// <param name="State">The task (or the event "wait.event", the timer "wait.timer", the start "$start") it concerns.</param>
/// <param name="Before">
/// For <see cref="SensitiveChangeKind.SeparationRemoved"/>: the state the task was kept from. For
/// <see cref="SensitiveChangeKind.PaymentApproverChanged"/>: the role that approved the payment (null: it did not).
/// </param>
/// <param name="After">For <see cref="SensitiveChangeKind.PaymentApproverChanged"/>: the role that approves it now (null: it no longer does).</param>
public sealed record SensitiveChange(SensitiveChangeKind Kind, string Path, string State, string? Before, string? After)
{
    /// <summary>What changed, in English.</summary>
    public string Message => Kind switch
    {
        SensitiveChangeKind.SeparationRemoved =>
            $"\"{State}\" may now be completed by whoever completed \"{Before}\": the separation of duties (第一百一十九条) is removed.",
        _ when Before is null => After == SensitiveChanges.Unassigned
            ? $"\"{State}\" now leads to a payment posted to a ledger, with no task to approve it."
            : $"\"{State}\" now leads to a payment posted to a ledger, approved by the {After} role.",
        _ when After is null => $"\"{State}\" no longer leads to a payment posted to a ledger; it was approved there by the {Before} role.",
        _ => $"The payment after \"{State}\" is now approved by the {After} role instead of the {Before} role.",
    };

    /// <summary>What changed, in Chinese.</summary>
    public string MessageZh => Kind switch
    {
        SensitiveChangeKind.SeparationRemoved =>
            $"完成「{Before}」的人现在也可以办理「{State}」：取消了岗位不相容（第一百一十九条）。",
        _ when Before is null => After == SensitiveChanges.Unassigned
            ? $"「{State}」现在引起记入台账的支付，且没有审批环节。"
            : $"「{State}」现在引起记入台账的支付，由 {After} 角色审批。",
        _ when After is null => $"「{State}」不再引起记入台账的支付（原由 {Before} 角色审批）。",
        _ => $"「{State}」之后的支付改由 {After} 角色审批（原为 {Before}）。",
    };
}

/// <summary>
/// Finds the sensitive changes between two versions of a procedure (the static validator's comparison of a draft with
/// the version it replaces): every pair of <c>notCompletedBySameAs</c> that is gone, and every change of who approves a
/// payment. A payment is an action that says it posts one (<see cref="IActionContract.PostsPayment"/>: the <c>ledger</c> action, not a <c>checkOnly</c> check); whoever completes a
/// task, records an event or lets a timer run out that leads there through actions and decisions alone approves it.
/// </summary>
public static class SensitiveChanges
{
    /// <summary>The pseudo-state of a case's start, when it leads straight to a posting.</summary>
    public const string StartSource = "$start";

    /// <summary>
    /// The sensitive changes of <paramref name="after"/> against <paramref name="before"/>; a new procedure (no earlier
    /// version) is compared with an empty one, so every way it has to a payment is named.
    /// </summary>
    public static IReadOnlyList<SensitiveChange> Between(WorkflowDefinition? before, WorkflowDefinition after, IEnumerable<IActionContract> actions)
    {
        ArgumentNullException.ThrowIfNull(after);
        var registered = actions.ToDictionary(a => a.Name, StringComparer.Ordinal);
        var changes = new List<SensitiveChange>();
        var oldPairs = before is null ? [] : SeparationPairs(before);
        var newPairs = SeparationPairs(after);
        foreach (var (task, other) in oldPairs.Where(p => !newPairs.Contains(p)).OrderBy(p => p.Task, StringComparer.Ordinal).ThenBy(p => p.Other, StringComparer.Ordinal))
        {
            var path = after.States.ContainsKey(task) ? $"$.states{Segment(task)}.notCompletedBySameAs" : $"$.states{Segment(task)}";
            changes.Add(new SensitiveChange(SensitiveChangeKind.SeparationRemoved, path, task, other, null));
        }

        var oldApprovers = before is null ? new Dictionary<string, string?>(StringComparer.Ordinal) : PaymentApprovers(before, registered);
        var newApprovers = PaymentApprovers(after, registered);
        foreach (var source in oldApprovers.Keys.Union(newApprovers.Keys).Order(StringComparer.Ordinal))
        {
            var had = oldApprovers.TryGetValue(source, out var oldRole);
            var has = newApprovers.TryGetValue(source, out var newRole);
            if (had && has && oldRole == newRole)
            {
                continue;
            }

            var state = source.Split('.')[0];
            var path = source == StartSource ? "$.initial"
                : has && after.States.TryGetValue(state, out var spec) && spec.Kind == StateKind.Task ? $"$.states{Segment(state)}.role"
                : $"$.states{Segment(state)}";
            changes.Add(new SensitiveChange(SensitiveChangeKind.PaymentApproverChanged, path, source, had ? oldRole ?? Unassigned : null, has ? newRole ?? Unassigned : null));
        }

        return changes;
    }

    /// <summary>The role named for approvals that no person makes (an event recorded by the case's staff, a timer, the start).</summary>
    public const string Unassigned = "-";

    /// <summary>Every (task, state it is kept from) of the definition's <c>notCompletedBySameAs</c>.</summary>
    public static HashSet<(string Task, string Other)> SeparationPairs(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var pairs = new HashSet<(string, string)>();
        foreach (var (name, state) in definition.States)
        {
            foreach (var other in state.NotCompletedBySameAs ?? [])
            {
                pairs.Add((name, other));
            }
        }

        return pairs;
    }

    /// <summary>
    /// Who approves a payment: each task (by name, with its role) one of whose outcomes leads to a ledger posting through
    /// actions and decisions alone; each event ("wait.event") and timer ("wait.timer") that does; and <see cref="StartSource"/>
    /// when the start itself does (these three with no role).
    /// </summary>
    public static Dictionary<string, string?> PaymentApprovers(WorkflowDefinition definition, IReadOnlyDictionary<string, IActionContract> actions)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var approvers = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (LeadsToPosting(definition, definition.Initial, [], actions))
        {
            approvers[StartSource] = null;
        }

        foreach (var (name, state) in definition.States)
        {
            var transitions = state.Transitions().ToList();
            if (state.Kind == StateKind.Task && transitions.Any(t => t.Via == TransitionVia.Outcome && LeadsToPosting(definition, t.To, [], actions)))
            {
                approvers[name] = state.Role;
            }

            if (state.Kind != StateKind.Wait)
            {
                continue;
            }

            // An event by its name ("wait.event"), the timer as "wait.timer".
            foreach (var transition in transitions.Where(t => t.Via is TransitionVia.Event or TransitionVia.Timer))
            {
                if (LeadsToPosting(definition, transition.To, [], actions))
                {
                    approvers[$"{name}.{transition.Name}"] = null;
                }
            }
        }

        return approvers;
    }

    /// <summary>An action state whose action posts a payment with these parameters (a ledger posting; a <c>checkOnly</c> check only looks).</summary>
    public static bool IsPosting(StateSpec state, IReadOnlyDictionary<string, IActionContract> actions) =>
        state.Kind == StateKind.Action && state.Action is { } name && actions.TryGetValue(name, out var action) && action.PostsPayment(state.Parameters ?? []);

    // Follows actions and decisions (which nobody decides) until a posting, or a task, a wait or an end.
    private static bool LeadsToPosting(WorkflowDefinition definition, string? name, HashSet<string> seen, IReadOnlyDictionary<string, IActionContract> actions)
    {
        if (name is null || !seen.Add(name) || !definition.States.TryGetValue(name, out var state))
        {
            return false;
        }

        return state.Kind switch
        {
            StateKind.Action => IsPosting(state, actions) || state.Transitions().Any(t => t.Via == TransitionVia.Next && LeadsToPosting(definition, t.To, seen, actions)),
            StateKind.Decision => state.Transitions().Any(t => (t.Via is TransitionVia.Branch or TransitionVia.Otherwise) && LeadsToPosting(definition, t.To, seen, actions)),
            _ => false,
        };
    }

    private static string Segment(string name) => DefinitionValidator.PathSegment(name);
}
