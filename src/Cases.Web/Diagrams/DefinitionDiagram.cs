using System.Net;
using System.Text;
using Cases.Workflows.Definitions;
using Cases.Workflows.Runtime;

namespace Cases.Web.Diagrams;

/// <summary>A transition of a definition as drawn: outcome, event, timer, branch, otherwise or next (an action's to).</summary>
public sealed record DiagramEdge(string From, string To, string Kind, string Name, string Label);

/// <summary>A state with what the diagram and its table say about it: title, kind, role, clocks (with basis) and transitions.</summary>
public sealed record DiagramState(string Name, StateSpec Spec, string Title, string KindText, IReadOnlyList<string> Clocks, IReadOnlyList<DiagramEdge> Out);

/// <summary>How a state is marked: added, removed or changed (diff), visited or current (dry run).</summary>
public enum DiagramMark
{
    None,
    Added,
    Removed,
    Changed,
    Visited,
    Current,
}

/// <summary>
/// Draws a definition as SVG on the server, from the definition itself: a layered layout (Sugiyama style — cycles
/// broken by reversing back edges, longest-path layers, virtual nodes on long edges, barycentre ordering to reduce
/// crossings, then x positions pulled toward neighbours). No script and no external service; the same content is
/// given as a table by <see cref="States"/> for screen readers and for people who prefer text.
/// </summary>
public sealed class DefinitionDiagram
{
    private const double NodeWidth = 216;
    private const double LineHeight = 16;
    private const double LayerGap = 64;
    private const double NodeGap = 36;
    private const double DummyWidth = 16;
    private const double Margin = 24;
    private const double FontSize = 12.5;

    private readonly WorkflowDefinition _definition;
    private readonly WorkflowText _text;

    public DefinitionDiagram(WorkflowDefinition definition, WorkflowText text)
    {
        _definition = definition;
        _text = text;
        States = [.. Ordered(definition).Select(Describe)];
    }

    /// <summary>Every state in the order a reader follows them (from the initial state, depth first), with its clocks and transitions.</summary>
    public IReadOnlyList<DiagramState> States { get; }

    /// <summary>The SVG, with the states marked as given (a diff's changes, a dry run's path).</summary>
    public string Svg(IReadOnlyDictionary<string, DiagramMark>? marks = null, string? id = null)
    {
        var layout = Layout(name => (marks?.GetValueOrDefault(name) ?? DiagramMark.None) switch
        {
            DiagramMark.Added => _text.L["（新增）"].Value,
            DiagramMark.Removed => _text.L["（删除）"].Value,
            DiagramMark.Changed => _text.L["（修改）"].Value,
            DiagramMark.Current => _text.L["（停在此处）"].Value,
            DiagramMark.Visited => _text.L["（已经过）"].Value,
            _ => "",
        });
        var svg = new StringBuilder();
        var title = WorkflowText.Of(_definition.Title, _definition.Key);
        var diagramId = id ?? "diagram-" + _definition.Key;
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"definition-diagram\" viewBox=\"0 0 {N(layout.Width)} {N(layout.Height)}\" role=\"img\" aria-labelledby=\"{diagramId}-title\" data-testid=\"diagram\" id=\"{diagramId}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{diagramId}-title\">{E(_text.L["{0} 第 {1} 版流程图：{2} 个环节，{3} 条流转（下表列出相同内容）", title, _definition.Version, States.Count, States.Sum(s => s.Out.Count)])}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<defs><marker id=\"{diagramId}-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" class=\"diagram-arrow\"/></marker></defs>");

        foreach (var edge in layout.Edges)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"diagram-edge edge-{edge.Edge.Kind}\" data-from=\"{E(edge.Edge.From)}\" data-to=\"{E(edge.Edge.To)}\"><path d=\"{edge.Path}\" marker-end=\"url(#{diagramId}-arrow)\"/>");
            if (edge.Edge.Label.Length > 0)
            {
                var w = TextWidth(edge.Edge.Label, 11) + 8;
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"diagram-label-bg\" x=\"{N(edge.LabelX - (w / 2))}\" y=\"{N(edge.LabelY - 9)}\" width=\"{N(w)}\" height=\"15\" rx=\"3\"/>");
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"diagram-label\" x=\"{N(edge.LabelX)}\" y=\"{N(edge.LabelY + 2)}\" text-anchor=\"middle\">{E(edge.Edge.Label)}</text>");
            }

            svg.Append("</g>");
        }

        foreach (var node in layout.Nodes.Where(n => n.State is not null))
        {
            var state = node.State!;
            var mark = marks?.GetValueOrDefault(state.Name) ?? DiagramMark.None;
            var markClass = mark == DiagramMark.None ? "" : " mark-" + mark.ToString().ToLowerInvariant();
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"diagram-node kind-{E(state.Spec.Kind.ToName())}{markClass}\" data-state=\"{E(state.Name)}\" transform=\"translate({N(node.X)},{N(node.Y)})\">");
            svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{N(node.Width)}\" height=\"{N(node.Height)}\" rx=\"{(state.Spec.Kind is StateKind.End ? 18 : state.Spec.Kind is StateKind.Decision ? 2 : 8)}\"/>");
            var y = 18.0;
            foreach (var line in node.TitleLines)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"diagram-title\" x=\"10\" y=\"{N(y)}\">{E(line)}</text>");
                y += LineHeight;
            }

            foreach (var line in node.KindLines)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"diagram-kind\" x=\"10\" y=\"{N(y)}\">{E(line)}</text>");
                y += LineHeight;
            }

            foreach (var line in node.ClockLines)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"diagram-clock\" x=\"10\" y=\"{N(y)}\">{E(line)}</text>");
                y += LineHeight;
            }

            svg.Append("</g>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    // --- the model ---------------------------------------------------------------------------------------------

    private DiagramState Describe(string name)
    {
        var spec = _definition.States[name];
        var clocks = new List<string>();
        if (spec.Deadline is { } deadline)
        {
            clocks.Add(_text.L["办理时限：{0}", Clock(deadline)]);
        }

        if (spec.Timer is { } timer)
        {
            clocks.Add(_text.L["定时：{0}", Clock(timer)]);
        }

        foreach (var reminder in spec.Reminders ?? [])
        {
            clocks.Add(_text.L["提醒 {0}：{1}", reminder.Notify.To, Clock(reminder.At)]);
        }

        foreach (var (field, clock) in spec.Set ?? [])
        {
            clocks.Add(_text.L["设定「{0}」：{1}", WorkflowText.FieldLabel(_definition, field), Clock(clock)]);
        }

        var kind = spec.Kind switch
        {
            StateKind.Task => _text.L["任务（{0}）", spec.Role ?? ""].Value,
            StateKind.Wait => _text.L["等待"].Value,
            StateKind.Decision => _text.L["自动判断"].Value,
            StateKind.Action => _text.L["动作（{0}）", spec.Action ?? ""].Value,
            StateKind.End => _text.L["结束（{0}）", spec.Outcome ?? name].Value,
            _ => spec.Kind.ToString(),
        };
        return new DiagramState(name, spec, WorkflowText.Of(spec.Title, name), kind, clocks, Edges(name, spec));
    }

    /// <summary>A clock of a diff in words, with this version's labels (「「提交日期」后3个工作日 · 第二十二条」).</summary>
    public string Clock(ClockEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Clock(new ClockSpec
        {
            After = entry.After, Before = entry.Before, On = entry.On, WorkingDays = entry.WorkingDays, CalendarDays = entry.CalendarDays,
            Months = entry.Months, Basis = entry.Basis, To = entry.To,
        });
    }

    /// <summary>A clock in words: what it counts from, how much, its basis, and where its timer leads.</summary>
    public string Clock(ClockSpec clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var field = clock.After ?? clock.Before ?? clock.On ?? Clocks.Entered;
        var minus = clock.After is null && clock.On is null ? "-" : "";
        var rule = clock.On is not null ? $"on {field}"
            : clock.WorkingDays is int wd ? string.Create(CultureInfo.InvariantCulture, $"{minus}{wd} working days from {field}")
            : clock.CalendarDays is int cd ? string.Create(CultureInfo.InvariantCulture, $"{minus}{cd} calendar days from {field}")
            : clock.Months is int m ? string.Create(CultureInfo.InvariantCulture, $"{minus}{m} months from {field}")
            : "";
        var text = _text.Rule(rule, _definition) + " · " + (clock.Basis ?? _text.L["（无依据）"]);
        return clock.To is { } to ? $"{text} → {WorkflowText.StateTitle(_definition, to)}" : text;
    }

    private List<DiagramEdge> Edges(string name, StateSpec spec) =>
        spec.Transitions()
            .Where(t => t.To is not null && _definition.States.ContainsKey(t.To))
            .Select(t => new DiagramEdge(name, t.To!, t.ViaName, t.Name, t.Via switch
            {
                TransitionVia.Outcome => WorkflowText.Of(t.Label, t.Name),
                TransitionVia.Event => _text.L["事项：{0}", WorkflowText.Of(t.Label, t.Name)],
                TransitionVia.Timer => _text.L["时限届满"],
                TransitionVia.Branch => t.Name,
                TransitionVia.Otherwise => _text.L["否则"],
                _ => "",
            }))
            .ToList();

    /// <summary>States from the initial one, depth first along their transitions; unreachable ones after, in file order.</summary>
    private static List<string> Ordered(WorkflowDefinition definition)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<string>();
        void Visit(string name)
        {
            if (!definition.States.TryGetValue(name, out var spec) || !seen.Add(name))
            {
                return;
            }

            order.Add(name);
            foreach (var transition in spec.Transitions())
            {
                if (transition.To is { } next)
                {
                    Visit(next);
                }
            }
        }

        Visit(definition.Initial);
        foreach (var name in definition.States.Keys)
        {
            Visit(name);
        }

        return order;
    }

    // --- the layout ---------------------------------------------------------------------------------------------

    private sealed class Node
    {
        public DiagramState? State { get; init; }

        public int Layer { get; set; }

        public double Order { get; set; }

        public double X { get; set; }

        public double Y { get; set; }

        public double Width { get; init; }

        public double Height { get; init; }

        public List<string> TitleLines { get; init; } = [];

        public List<string> KindLines { get; init; } = [];

        public List<string> ClockLines { get; init; } = [];

        public List<Node> Up { get; } = [];

        public List<Node> Down { get; } = [];

        public double Center => X + (Width / 2);
    }

    private sealed record PlacedEdge(DiagramEdge Edge, string Path, double LabelX, double LabelY);

    private sealed record Placed(List<Node> Nodes, List<PlacedEdge> Edges, double Width, double Height);

    private Placed Layout(Func<string, string> markText)
    {
        var nodes = States.ToDictionary(s => s.Name, s =>
        {
            var titleLines = Wrap(s.Title, NodeWidth - 20, FontSize + 0.5);
            var kindLines = Wrap($"{s.KindText} · {s.Name}{markText(s.Name)}", NodeWidth - 20, 11);
            var clockLines = s.Clocks.SelectMany(c => Wrap(c, NodeWidth - 20, 11)).ToList();
            return new Node
            {
                State = s,
                Width = NodeWidth,
                Height = 12 + ((titleLines.Count + kindLines.Count + clockLines.Count) * LineHeight),
                TitleLines = titleLines,
                KindLines = kindLines,
                ClockLines = clockLines,
            };
        }, StringComparer.Ordinal);

        // Parallel transitions (two outcomes to the same state) are drawn once, with both labels.
        var edges = States.SelectMany(s => s.Out).Where(e => e.From != e.To)
            .GroupBy(e => (e.From, e.To))
            .Select(g => g.Count() == 1 ? g.First() : g.First() with { Label = string.Join(" / ", g.Select(e => e.Label).Where(l => l.Length > 0)) })
            .ToList();

        // 1. Break cycles: an edge back to a state on the current depth-first path is reversed for layering.
        var back = new HashSet<DiagramEdge>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        void Dfs(string name)
        {
            state[name] = 1;
            foreach (var edge in edges.Where(e => e.From == name))
            {
                if (state.GetValueOrDefault(edge.To) == 1)
                {
                    back.Add(edge);
                }
                else if (state.GetValueOrDefault(edge.To) == 0)
                {
                    Dfs(edge.To);
                }
            }

            state[name] = 2;
        }

        foreach (var s in States)
        {
            if (state.GetValueOrDefault(s.Name) == 0)
            {
                Dfs(s.Name);
            }
        }

        var forward = edges.Select(e => back.Contains(e) ? (From: e.To, To: e.From, Edge: e) : (e.From, e.To, Edge: e)).ToList();

        // 2. Longest-path layers over the acyclic edges, in topological order.
        var indegree = States.ToDictionary(s => s.Name, s => forward.Count(f => f.To == s.Name), StringComparer.Ordinal);
        var queue = new Queue<string>(States.Select(s => s.Name).Where(n => indegree[n] == 0));
        while (queue.Count > 0)
        {
            var name = queue.Dequeue();
            foreach (var f in forward.Where(f => f.From == name))
            {
                nodes[f.To].Layer = Math.Max(nodes[f.To].Layer, nodes[name].Layer + 1);
                if (--indegree[f.To] == 0)
                {
                    queue.Enqueue(f.To);
                }
            }
        }

        // 3. Virtual nodes on edges that span several layers, so they can bend around the states in between.
        var all = nodes.Values.ToList();
        var chains = new List<(DiagramEdge Edge, bool Reversed, List<Node> Chain)>();
        foreach (var (from, to, edge) in forward)
        {
            var chain = new List<Node> { nodes[from] };
            for (var layer = nodes[from].Layer + 1; layer < nodes[to].Layer; layer++)
            {
                var dummy = new Node { Layer = layer, Width = DummyWidth, Height = 0 };
                all.Add(dummy);
                chain.Add(dummy);
            }

            chain.Add(nodes[to]);
            for (var i = 0; i + 1 < chain.Count; i++)
            {
                chain[i].Down.Add(chain[i + 1]);
                chain[i + 1].Up.Add(chain[i]);
            }

            chains.Add((edge, back.Contains(edge), chain));
        }

        // 4. Order within layers: reading order first, then barycentre sweeps down and up; keep the fewest crossings.
        var layers = all.GroupBy(n => n.Layer).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();
        var reading = States.Select((s, i) => (s.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            for (var i = 0; i < layer.Count; i++)
            {
                layer[i].Order = layer[i].State is { } s ? reading[s.Name] : layer[i].Up.FirstOrDefault()?.Order ?? i;
            }

            Sort(layer);
        }

        var best = layers.Select(l => l.ToList()).ToList();
        var bestCrossings = Crossings(layers);
        for (var sweep = 0; sweep < 12 && bestCrossings > 0; sweep++)
        {
            var down = sweep % 2 == 0;
            var sequence = down ? Enumerable.Range(1, layers.Count - 1) : Enumerable.Range(0, layers.Count - 1).Reverse();
            foreach (var i in sequence)
            {
                foreach (var n in layers[i])
                {
                    var neighbours = down ? n.Up : n.Down;
                    if (neighbours.Count > 0)
                    {
                        n.Order = neighbours.Average(m => m.Order);
                    }
                }

                Sort(layers[i]);
            }

            var crossings = Crossings(layers);
            if (crossings < bestCrossings)
            {
                bestCrossings = crossings;
                best = layers.Select(l => l.ToList()).ToList();
            }
        }

        layers = best;
        foreach (var layer in layers)
        {
            Sort(layer, renumberOnly: true);
        }

        // 5. Coordinates: layers top to bottom; in each, nodes pulled toward their neighbours without overlapping.
        var y = Margin;
        foreach (var layer in layers)
        {
            var x = Margin;
            foreach (var n in layer)
            {
                n.X = x;
                n.Y = y;
                x += n.Width + NodeGap;
            }

            y += layer.Max(n => n.Height) + LayerGap;
        }

        for (var pass = 0; pass < 8; pass++)
        {
            var down = pass % 2 == 0;
            foreach (var layer in down ? layers.Skip(1) : Enumerable.Reverse(layers).Skip(1))
            {
                foreach (var n in layer)
                {
                    var neighbours = (down ? n.Up : n.Down).Concat(pass > 3 ? (down ? n.Down : n.Up) : []).ToList();
                    if (neighbours.Count > 0)
                    {
                        n.X = neighbours.Average(m => m.Center) - (n.Width / 2);
                    }
                }

                Separate(layer);
            }
        }

        var minX = all.Min(n => n.X);
        foreach (var n in all)
        {
            n.X += Margin - minX;
        }

        var width = all.Max(n => n.X + n.Width) + Margin;
        var height = y - LayerGap + Margin;
        var placedEdges = chains.Select(c => Route(c.Edge, c.Reversed, c.Chain)).ToList();
        return new Placed(all, placedEdges, Math.Max(width, NodeWidth + (2 * Margin)), height);
    }

    private static void Sort(List<Node> layer, bool renumberOnly = false)
    {
        if (!renumberOnly)
        {
            layer.Sort((a, b) => a.Order.CompareTo(b.Order));
        }

        for (var i = 0; i < layer.Count; i++)
        {
            layer[i].Order = i;
        }
    }

    private static int Crossings(List<List<Node>> layers)
    {
        var count = 0;
        foreach (var layer in layers)
        {
            var segments = layer.SelectMany(n => n.Down.Select(d => (A: n.Order, B: d.Order))).ToList();
            for (var i = 0; i < segments.Count; i++)
            {
                for (var j = i + 1; j < segments.Count; j++)
                {
                    if ((segments[i].A - segments[j].A) * (segments[i].B - segments[j].B) < 0)
                    {
                        count++;
                    }
                }
            }
        }

        return count;
    }

    // Pushes overlapping nodes apart, keeping their order: right from the left, then back from the right around the middle.
    private static void Separate(List<Node> layer)
    {
        var desired = layer.Select(n => n.X).ToList();
        for (var i = 1; i < layer.Count; i++)
        {
            var min = layer[i - 1].X + layer[i - 1].Width + Gap(layer[i - 1], layer[i]);
            if (layer[i].X < min)
            {
                layer[i].X = min;
            }
        }

        // Shift the whole layer so it sits, on average, where its nodes wanted to be.
        var shift = desired.Zip(layer, (d, n) => d - n.X).Average();
        foreach (var n in layer)
        {
            n.X += shift;
        }

        for (var i = layer.Count - 2; i >= 0; i--)
        {
            var max = layer[i + 1].X - layer[i].Width - Gap(layer[i], layer[i + 1]);
            if (layer[i].X > max)
            {
                layer[i].X = max;
            }
        }
    }

    private static double Gap(Node a, Node b) => a.State is null || b.State is null ? 12 : NodeGap;

    private static PlacedEdge Route(DiagramEdge edge, bool reversed, List<Node> chain)
    {
        // Points from the upper node's bottom through the virtual nodes to the lower node's top.
        var points = new List<(double X, double Y)> { (chain[0].Center, chain[0].Y + chain[0].Height) };
        points.AddRange(chain.Skip(1).SkipLast(1).Select(n => (n.Center, n.Y + (LayerGap / 2))));
        points.Add((chain[^1].Center, chain[^1].Y));
        if (reversed)
        {
            // A transition back up (a resubmission, a return): leaves the lower node's top, enters the upper one's bottom.
            points.Reverse();
        }

        var path = new StringBuilder();
        path.Append(CultureInfo.InvariantCulture, $"M{N(points[0].X)},{N(points[0].Y)}");
        for (var i = 1; i < points.Count; i++)
        {
            var (x0, y0) = points[i - 1];
            var (x1, y1) = points[i];
            var dy = (y1 - y0) / 2;
            path.Append(CultureInfo.InvariantCulture, $" C{N(x0)},{N(y0 + dy)} {N(x1)},{N(y1 - dy)} {N(x1)},{N(y1)}");
        }

        // The label sits on the first stretch, a little away from its state.
        var (lx0, ly0) = points[0];
        var (lx1, ly1) = points[1];
        var t = points.Count == 2 ? 0.5 : 0.6;
        return new PlacedEdge(edge, path.ToString(), lx0 + ((lx1 - lx0) * t), ly0 + ((ly1 - ly0) * t));
    }

    // --- text ------------------------------------------------------------------------------------------------------

    /// <summary>Breaks text into lines that fit <paramref name="width"/> pixels, estimating CJK characters at one em and others at 0.58 em.</summary>
    private static List<string> Wrap(string text, double width, double size)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        double used = 0;
        foreach (var ch in text)
        {
            var w = CharWidth(ch, size);
            if (used + w > width && line.Length > 0)
            {
                lines.Add(line.ToString().TrimEnd());
                line.Clear();
                used = 0;
                if (ch == ' ')
                {
                    continue;
                }
            }

            line.Append(ch);
            used += w;
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }

        return lines.Count == 0 ? [""] : lines;
    }

    private static double TextWidth(string text, double size) => text.Sum(c => CharWidth(c, size));

    private static double CharWidth(char c, double size) => c > 0x2E80 ? size : size * 0.58;

    private static string N(double value) => Math.Round(value, 1).ToString(CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
