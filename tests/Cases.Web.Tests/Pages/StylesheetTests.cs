namespace Cases.Web.Tests.Pages;

/// <summary>
/// The product's own stylesheets are well formed: every block closes, and no rule sits inside another rule. A block
/// left open once (a merge) nested every later rule under it; browsers then dropped or misapplied them silently and
/// the designer's diagram drew black. Only at-rules (@media, @supports, @layer, @keyframes …) may hold rules.
/// </summary>
public class StylesheetTests
{
    public static TheoryData<string> Stylesheets()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(WebRoot(), "css"), "*.css", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(WebRoot(), file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Stylesheets))]
    public void Every_block_closes_and_no_rule_is_nested_in_another(string stylesheet)
    {
        var problems = CheckBlocks(File.ReadAllText(Path.Combine(WebRoot(), stylesheet)));
        Assert.True(problems.Count == 0, stylesheet + ": " + string.Join("; ", problems));
    }

    [Fact]
    public void The_check_finds_an_unclosed_block_and_a_nested_rule()
    {
        Assert.Empty(CheckBlocks("a { color: red; } @media print { .x { display: none } } /* { */ b::after { content: \"}\"; }"));
        Assert.Contains(CheckBlocks(".key { color: red;\n.diagram rect { fill: none; }\n"), p => p.Contains("line 2", StringComparison.Ordinal));
        Assert.Contains(CheckBlocks(".key { color: red; }\n}\n"), p => p.Contains("closes nothing", StringComparison.Ordinal));
    }

    /// <summary>Walks the text outside comments and strings; each problem names its line.</summary>
    private static List<string> CheckBlocks(string css)
    {
        var problems = new List<string>();
        var open = new Stack<(bool AtRule, int Line)>();
        var line = 1;
        var prelude = new System.Text.StringBuilder();
        for (var i = 0; i < css.Length; i++)
        {
            var c = css[i];
            if (c == '\n')
            {
                line++;
            }

            if (c == '/' && i + 1 < css.Length && css[i + 1] == '*')
            {
                var end = css.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? css.Length : end + 2;
                line += css.AsSpan(i, end - i).Count('\n');
                i = end - 1;
                continue;
            }

            if (c is '"' or '\'')
            {
                var j = i + 1;
                while (j < css.Length && css[j] != c)
                {
                    j += css[j] == '\\' ? 2 : 1;
                }

                i = Math.Min(j, css.Length - 1);
                continue;
            }

            switch (c)
            {
                case '{':
                    if (open.Count > 0 && !open.Peek().AtRule)
                    {
                        problems.Add($"a rule at line {line} sits inside the rule opened at line {open.Peek().Line}");
                    }

                    open.Push((prelude.ToString().TrimStart().StartsWith('@'), line));
                    prelude.Clear();
                    break;
                case '}':
                    if (open.Count == 0)
                    {
                        problems.Add($"the brace at line {line} closes nothing");
                    }
                    else
                    {
                        open.Pop();
                    }

                    prelude.Clear();
                    break;
                case ';':
                    prelude.Clear();
                    break;
                default:
                    prelude.Append(c);
                    break;
            }
        }

        problems.AddRange(open.Select(b => $"the block opened at line {b.Line} never closes"));
        return problems;
    }

    private static string WebRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WorkInjuryCases.sln")))
            {
                return Path.Combine(dir.FullName, "src", "Cases.Web", "wwwroot");
            }
        }

        throw new InvalidOperationException("WorkInjuryCases.sln not found above " + AppContext.BaseDirectory);
    }
}
