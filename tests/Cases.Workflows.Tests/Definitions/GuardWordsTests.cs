using Cases.Workflows.Definitions;
using Cases.Workflows.Runtime;

namespace Cases.Workflows.Tests.Definitions;

/// <summary>
/// Guards write &amp;&amp; || ! and never the English words and/or/not: the designer shows a guard as written, and a Chinese
/// page must not carry English operator words.
/// </summary>
public sealed class GuardWordsTests
{
    private readonly DefinitionValidator _validator = new(BuiltInActions.All());

    [Theory]
    [InlineData("amount > 1000 and amount < 5000", "“and”改为“&&”", "\"and\" as \"&&\"")]
    [InlineData("amount > 1000 OR amount < 10", "“OR”改为“||”", "\"OR\" as \"||\"")]
    [InlineData("not (amount > 1000)", "“not”改为“!”", "\"not\" as \"!\"")]
    public void A_guard_with_an_operator_word_is_refused_suggesting_the_symbol(string guard, string zh, string en)
    {
        var errors = _validator.Validate(DefinitionFixtures.Mini(r => r.State("route")["branches"]![0]!["when"] = guard), "mini.json").Errors;

        var error = Assert.Single(errors);
        Assert.Equal((DefinitionRules.GuardWords, "$.states.route.branches[0].when"), (error.Rule, error.Path));
        Assert.Contains(zh, error.MessageZh, StringComparison.Ordinal);
        Assert.Contains("英文运算词", error.MessageZh, StringComparison.Ordinal);
        Assert.Contains(en, error.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_word_of_a_guard_is_named_once_and_a_rule_condition_is_checked_too()
    {
        var errors = _validator.Validate(DefinitionFixtures.Mini(r => r.State("window")["events"]!["objection"]!["accept"] =
            "not (amount > 1) and amount < 5 and amount != 3 or amount == 2"), "mini.json").Errors;

        var error = Assert.Single(errors);
        Assert.Equal((DefinitionRules.GuardWords, "$.states.window.events.objection.accept"), (error.Rule, error.Path));
        Assert.Equal(["not", "and", "or"], GuardWordsCheckWords(error.MessageEn));
    }

    [Theory]
    [InlineData("amount > 1000 && amount < 5000 || !(amount == 3)")]
    [InlineData("note == 'and or not' && [note] != \"not\"")]
    [InlineData("android == 1 || notice == 2 || order == 3")]
    public void Symbols_words_in_quotes_and_names_that_merely_begin_with_a_word_pass(string guard) =>
        Assert.Empty(GuardWordsCheck.Words(guard));

    [Fact]
    public void No_shipped_definition_uses_an_operator_word()
    {
        foreach (var path in Directory.GetFiles(DefinitionFixtures.WorkflowsFolder(), "*.json"))
        {
            var errors = _validator.Validate(File.ReadAllText(path), Path.GetFileName(path)).Errors;
            Assert.DoesNotContain(errors, e => e.Rule == DefinitionRules.GuardWords);
        }
    }

    private static string[] GuardWordsCheckWords(string messageEn) =>
        System.Text.RegularExpressions.Regex.Matches(messageEn, "\"(\\w+)\" as").Select(m => m.Groups[1].Value).ToArray();
}
