namespace Cases.Workflows.Definitions;

/// <summary>
/// The graph of states (<see cref="StateSpec.Transitions"/>): every transition names an existing state, every state is
/// reachable from the initial one, and from every state an end can be reached — an instance never waits forever.
/// </summary>
internal static class ReachabilityCheck
{
    public static void Targets(CheckContext c, string path, StateSpec state)
    {
        foreach (var transition in state.Transitions())
        {
            if (string.IsNullOrEmpty(transition.To))
            {
                c.Add(path + transition.Path, DefinitionRules.UnknownTarget, "此流转没有写明转入哪个环节。", "The transition names no state to go to.");
            }
            else if (!c.States.ContainsKey(transition.To))
            {
                c.Add(path + transition.Path, DefinitionRules.UnknownTarget, $"环节“{transition.To}”不存在。", $"The state \"{transition.To}\" does not exist.");
            }
        }
    }

    public static void Graph(CheckContext c)
    {
        var states = c.States;
        var initial = c.Definition.Initial ?? "";
        var edges = states.ToDictionary(
            s => s.Key,
            s => s.Value.Transitions().Select(t => t.To).OfType<string>().Where(states.ContainsKey).Distinct().ToList(),
            StringComparer.Ordinal);

        var reachable = new HashSet<string>(StringComparer.Ordinal);
        if (states.ContainsKey(initial))
        {
            Walk(initial, s => edges[s], reachable);
        }

        var reverse = states.Keys.ToDictionary(k => k, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var (from, targets) in edges)
        {
            foreach (var to in targets)
            {
                reverse[to].Add(from);
            }
        }

        var reachesEnd = new HashSet<string>(StringComparer.Ordinal);
        foreach (var end in states.Where(s => s.Value.Kind == StateKind.End).Select(s => s.Key))
        {
            Walk(end, s => reverse[s], reachesEnd);
        }

        foreach (var name in states.Keys)
        {
            // With an unknown initial state nothing is reachable; unknown-initial-state already says so.
            if (!reachable.Contains(name) && states.ContainsKey(initial))
            {
                c.Add(CheckContext.StatePath(name), DefinitionRules.UnreachableState, $"从初始环节“{c.Definition.Initial}”无法到达环节“{name}”。", $"The state \"{name}\" cannot be reached from the initial state \"{c.Definition.Initial}\".");
            }

            if (!reachesEnd.Contains(name))
            {
                c.Add(CheckContext.StatePath(name), DefinitionRules.NoWayToEnd, $"从环节“{name}”无法到达任何办结环节：案件到此将永远无法办结。", $"No end state can be reached from the state \"{name}\": an instance there would never finish.");
            }
        }
    }

    private static void Walk(string start, Func<string, List<string>> next, HashSet<string> seen)
    {
        var queue = new Queue<string>([start]);
        seen.Add(start);
        while (queue.TryDequeue(out var current))
        {
            foreach (var n in next(current))
            {
                if (seen.Add(n))
                {
                    queue.Enqueue(n);
                }
            }
        }
    }
}
