using System.Text.Json;
using System.Text.Json.Nodes;
using Cases.Workflows.Definitions;

using Cases.Workflows.Tests.Definitions;

namespace Cases.Application.Tests.Definitions;

/// <summary>
/// The validator's comparison of a draft with the version it was edited from: removing or weakening a separation of
/// duties (规程 第一百一十九条) or changing who approves a payment is a sensitive change, which publishing sends to a
/// provincial supervisor; anything else is not.
/// </summary>
public sealed class SensitiveChangeTests
{
    private static JsonObject Shipped(string key) => JsonNode.Parse(File.ReadAllText(Path.Combine(DefinitionFixtures.WorkflowsFolder(), key + ".json")))!.AsObject();

    private static WorkflowDefinition Read(JsonObject json) => json.Deserialize<WorkflowDefinition>(DefinitionValidator.SerializerOptions)!;

    private static IReadOnlyList<SensitiveChange> Changes(string key, Action<JsonObject> edit)
    {
        var before = Shipped(key);
        var after = before.DeepClone().AsObject();
        edit(after);
        var (draft, errors) = new DefinitionValidator(ProductActions.All).Validate(after.ToJsonString(), key + " draft");
        Assert.Empty(errors);
        return SensitiveChanges.Between(Read(before), draft!, ProductActions.All);
    }

    [Theory]
    [InlineData("advance-payment")]
    [InlineData("third-party-reimbursement")]
    [InlineData("demo-filing")]
    [InlineData("fee-rate-objection")]
    public void A_version_compared_with_itself_has_no_sensitive_change(string key) =>
        Assert.Empty(Changes(key, _ => { }));

    [Fact]
    public void Removing_a_separation_of_duties_is_named_with_the_task_and_the_state_it_kept_it_from()
    {
        var change = Assert.Single(Changes("advance-payment", d => d.State("approve").Remove("notCompletedBySameAs")));

        Assert.Equal(SensitiveChangeKind.SeparationRemoved, change.Kind);
        Assert.Equal(("approve", "review", "$.states.approve.notCompletedBySameAs"), (change.State, change.Before, change.Path));
        Assert.Contains("第一百一十九条", change.Message, StringComparison.Ordinal);
        Assert.Contains("岗位不相容", change.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Weakening_a_separation_by_keeping_the_task_from_another_state_is_sensitive_adding_one_is_not()
    {
        var moved = Assert.Single(Changes("third-party-reimbursement", d => d.State("approve")["notCompletedBySameAs"] = new JsonArray("approve")));
        Assert.Equal((SensitiveChangeKind.SeparationRemoved, "check-materials"), (moved.Kind, moved.Before));

        Assert.Empty(Changes("demo-filing", d => d.State("check-materials")["notCompletedBySameAs"] = new JsonArray("approve")));
    }

    [Fact]
    public void Renaming_the_task_that_approves_a_payment_drops_its_separation_and_changes_its_approver()
    {
        var changes = Changes("third-party-reimbursement", d =>
        {
            var states = d["states"]!.AsObject();
            var approve = states["approve"]!.DeepClone();
            states.Remove("approve");
            states["approve-payment"] = approve;
            d.State("anything-to-pay")["branches"]![0]!["to"] = "approve-payment";
        });

        Assert.Contains(changes, c => c.Kind == SensitiveChangeKind.SeparationRemoved && c.State == "approve" && c.Path == "$.states.approve");
        Assert.Contains(changes, c => c.Kind == SensitiveChangeKind.PaymentApproverChanged && c.State == "approve" && c.Before == "reviewer" && c.After is null);
        Assert.Contains(changes, c => c.Kind == SensitiveChangeKind.PaymentApproverChanged && c.State == "approve-payment" && c.Before is null && c.After == "reviewer");
    }

    [Theory]
    [InlineData("advance-payment", "approve")]
    [InlineData("advance-payment", "approve-write-off")]
    [InlineData("third-party-reimbursement", "approve")]
    public void Changing_the_role_of_a_task_that_approves_a_payment_is_sensitive(string key, string task)
    {
        var role = Shipped(key).State(task)["role"]!.GetValue<string>();
        var other = role == "officer" ? "reviewer" : "officer";

        var change = Assert.Single(Changes(key, d => d.State(task)["role"] = other));

        Assert.Equal((SensitiveChangeKind.PaymentApproverChanged, task, role, other, $"$.states.{task}.role"), (change.Kind, change.State, change.Before, change.After, change.Path));
        Assert.Contains(other, change.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Letting_the_officer_who_reviews_post_the_payment_directly_is_sensitive()
    {
        var change = Assert.Single(Changes("advance-payment", d => d.State("review")["outcomes"]!["pay-now"] = new JsonObject { ["to"] = "post-advance" }));

        Assert.Equal((SensitiveChangeKind.PaymentApproverChanged, "review", "officer", (string?)null), (change.Kind, change.State, change.After, change.Before));
    }

    [Fact]
    public void Changing_the_role_of_a_task_that_only_checks_a_ledger_or_pays_nothing_is_not_sensitive()
    {
        // check-materials runs the check-only ledger action (第九十条's duplicate check): it looks, it posts nothing.
        Assert.Empty(Changes("third-party-reimbursement", d => d.State("check-materials")["role"] = "supervisor"));
        Assert.Empty(Changes("advance-payment", d => d.State("issue-recovery-demand")["role"] = "reviewer"));
    }

    [Fact]
    public void A_longer_deadline_or_a_new_title_is_not_sensitive() =>
        Assert.Empty(Changes("advance-payment", d =>
        {
            d.State("approve")["deadline"]!["workingDays"] = 8;
            d.State("approve")["title"]!["zh"] = "复核并核定先行支付金额（新）";
        }));

    [Fact]
    public void Events_that_post_a_payment_count_as_approvers_without_a_role()
    {
        var approvers = SensitiveChanges.PaymentApprovers(Read(Shipped("advance-payment")), ProductActions.ByName);

        Assert.Equal(
            [("approve", "reviewer"), ("approve-write-off", "supervisor"), ("recovery.repayment", (string?)null)],
            approvers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => (a.Key, a.Value)));
    }

    [Fact]
    public void A_new_procedure_that_posts_payments_names_every_way_to_them()
    {
        var changes = SensitiveChanges.Between(null, Read(Shipped("third-party-reimbursement")), ProductActions.All);

        var change = Assert.Single(changes);
        Assert.Equal((SensitiveChangeKind.PaymentApproverChanged, "approve", (string?)null, "reviewer"), (change.Kind, change.State, change.Before, change.After));
        Assert.Empty(SensitiveChanges.Between(null, Read(Shipped("demo-filing")), ProductActions.All));
    }
}
