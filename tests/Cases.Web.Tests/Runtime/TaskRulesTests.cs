using Cases.Application.Records;
using System.Net;
using Cases.Domain.Staff;
using Cases.Testing;
using Cases.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Cases.Web.Tests.Runtime;

/// <summary>Who may claim, release, assign and complete a human task, and what the loser of a race is told.</summary>
public sealed class TaskRulesTests(SqliteRuntimeApp app) : IClassFixture<SqliteRuntimeApp>
{
    [Fact]
    public async Task A_task_claimed_by_one_officer_is_409_for_another_showing_the_assignee()
    {
        var officer = await app.As("officer.jinan");
        var officer2 = await app.As("officer2.jinan");
        var (caseId, task) = await DemoFiling.AtCheckMaterialsAsync(officer);

        var claimed = await (await officer.PostAsync($"/api/tasks/{task.Id()}/claim", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("claimed", claimed.Str("status"));
        Assert.Equal("officer.jinan", claimed.Str("assignee"));

        var problem = await (await officer2.PostAsync($"/api/tasks/{task.Id()}/claim", null)).ProblemAsync(HttpStatusCode.Conflict);
        var current = problem.GetProperty("current");
        Assert.Equal(task.Id(), current.GetProperty("id").GetGuid());
        Assert.Equal("claimed", current.Str("status"));
        Assert.Equal("officer.jinan", current.Str("assignee"));
        Assert.Contains("officer.jinan", problem.Str("detail"), StringComparison.Ordinal);

        // Completing someone else's claimed task is refused the same way; nothing moved.
        var completion = await (await DemoFiling.CompleteAsync(officer2, task.Id(), "complete", new { materialsComplete = true })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("officer.jinan", completion.GetProperty("current").Str("assignee"));
        Assert.Equal("check-materials", (await DemoFiling.GetAsync(officer, caseId)).Str("state"));
        Assert.Equal(["task-claimed"], (await app.JournalAsync(caseId)).Where(j => j.Action.StartsWith("task-", StringComparison.Ordinal)).Select(j => j.Action));
    }

    [Fact]
    public Task Two_simultaneous_completions_by_one_officer_give_one_200_and_one_409() => DemoFilingScenarios.SimultaneousCompletionsAsync(app);

    [Fact]
    public async Task Release_and_supervisor_assignment_move_the_task_and_are_journaled()
    {
        var officer = await app.As("officer.jinan");
        var officer2 = await app.As("officer2.jinan");
        var supervisor = await app.As("supervisor.jinan");
        var (caseId, task) = await DemoFiling.AtCheckMaterialsAsync(officer);
        await (await officer.PostAsync($"/api/tasks/{task.Id()}/claim", null)).JsonAsync(HttpStatusCode.OK);

        // Only the assignee (or a supervisor) releases.
        await (await officer2.PostAsync($"/api/tasks/{task.Id()}/release", null)).ProblemAsync(HttpStatusCode.Conflict);
        var released = await (await officer.PostAsync($"/api/tasks/{task.Id()}/release", null)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("open", released.Str("status"));
        Assert.Null(released.Str("assignee"));

        // Officers do not assign; supervisors assign to a user of the task's role and city.
        await (await officer.PostJsonAsync($"/api/tasks/{task.Id()}/assign", new { userName = "officer2.jinan" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await supervisor.PostJsonAsync($"/api/tasks/{task.Id()}/assign", new { userName = "officer.qingdao" })).FieldErrorAsync("userName");
        await (await supervisor.PostJsonAsync($"/api/tasks/{task.Id()}/assign", new { userName = "reviewer.jinan" })).FieldErrorAsync("userName");
        var assigned = await (await supervisor.PostJsonAsync($"/api/tasks/{task.Id()}/assign", new { userName = "officer2.jinan" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("claimed", assigned.Str("status"));
        Assert.Equal("officer2.jinan", assigned.Str("assignee"));

        // The assignee completes it; the original officer no longer can.
        await (await DemoFiling.CompleteAsync(officer, task.Id(), "complete", new { materialsComplete = true })).ProblemAsync(HttpStatusCode.Conflict);
        var done = await (await DemoFiling.CompleteAsync(officer2, task.Id(), "complete", new { materialsComplete = true })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("approve", done.Str("state"));

        var journal = await app.JournalAsync(caseId);
        Assert.Equal(["task-claimed", "task-released", "task-assigned", "task-completed"],
            journal.Where(j => j.Action.StartsWith("task-", StringComparison.Ordinal)).Select(j => j.Action));
        var assignment = journal.Single(j => j.Action == "task-assigned");
        Assert.Equal("supervisor.jinan", assignment.Actor);
        Assert.Contains("\"to\":\"officer2.jinan\"", assignment.DataJson, StringComparison.Ordinal);
        Assert.Equal("officer2.jinan", journal.Single(j => j.Action == "task-completed").Actor);
    }

    [Fact]
    public async Task Roles_decide_who_may_act_on_a_task()
    {
        var officer = await app.As("officer.jinan");
        var designer = await app.As("designer");
        var reviewer = await app.As("reviewer.jinan");
        var (caseId, task) = await DemoFiling.AtCheckMaterialsAsync(officer);

        await (await DemoFiling.CompleteAsync(designer, task.Id(), "complete", new { materialsComplete = true })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await reviewer.PostAsync($"/api/tasks/{task.Id()}/claim", null)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await designer.PostJsonAsync("/api/cases", DemoFiling.StartBody("2026-03-29"))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await designer.PostJsonAsync($"/api/cases/{caseId}/events/filed", new { filedOn = "2025-10-20", newContractEndsOn = "2026-06-30" })).ProblemAsync(HttpStatusCode.Forbidden);
        // An unknown outcome names the ones there are, by their labels.
        var message = await (await DemoFiling.CompleteAsync(officer, task.Id(), "approved")).FieldErrorAsync("outcome");
        Assert.Equal("请选择办理结果：「材料齐全」、「一次性告知补正」。", message);

        var approve = DemoFiling.SingleTask(await (await DemoFiling.CompleteAsync(officer, task.Id(), "complete", new { materialsComplete = true })).JsonAsync(HttpStatusCode.OK));
        // The approval is for reviewers: the officer who checked it cannot take it.
        await (await officer.PostAsync($"/api/tasks/{approve.Id()}/claim", null)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await DemoFiling.CompleteAsync(officer, approve.Id(), "approved")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("approve", (await DemoFiling.GetAsync(officer, caseId)).Str("state"));
    }

    /// <summary>
    /// 第一百一十九条: approve declares notCompletedBySameAs check-materials. The demo users each hold one role, so
    /// role checks alone keep the officer off the approval; the rule itself shows with a user who holds both roles.
    /// </summary>
    [Fact]
    public async Task Who_checked_the_materials_may_not_approve_them_even_holding_both_roles()
    {
        await CreateUserAsync("dual.jinan", "370100", Roles.Officer, Roles.Reviewer);
        var dual = await app.Factory.LoginAsync("dual.jinan");
        var supervisor = await app.As("supervisor.jinan");
        var reviewer = await app.As("reviewer.jinan");
        var (caseId, task) = await DemoFiling.AtCheckMaterialsAsync(dual);
        var approve = DemoFiling.SingleTask(await (await DemoFiling.CompleteAsync(dual, task.Id(), "complete", new { materialsComplete = true })).JsonAsync(HttpStatusCode.OK));

        var claim = await (await dual.PostAsync($"/api/tasks/{approve.Id()}/claim", null)).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("第一百一十九条", claim.Str("detail"), StringComparison.Ordinal);
        var complete = await (await DemoFiling.CompleteAsync(dual, approve.Id(), "approved")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("已办理本案的「审核顺延申请材料」", complete.Str("detail"), StringComparison.Ordinal);
        await (await supervisor.PostJsonAsync($"/api/tasks/{approve.Id()}/assign", new { userName = "dual.jinan" })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("approve", (await DemoFiling.GetAsync(dual, caseId)).Str("state"));

        // The same dual user may approve a case someone else checked.
        var officer = await app.As("officer.jinan");
        var (otherCase, otherTask) = await DemoFiling.AtCheckMaterialsAsync(officer);
        var otherApprove = DemoFiling.SingleTask(await (await DemoFiling.CompleteAsync(officer, otherTask.Id(), "complete", new { materialsComplete = true })).JsonAsync(HttpStatusCode.OK));
        Assert.Equal("extended", (await (await DemoFiling.CompleteAsync(dual, otherApprove.Id(), "approved")).JsonAsync(HttpStatusCode.OK)).Str("state"));
        Assert.Equal("extended", (await (await DemoFiling.CompleteAsync(reviewer, approve.Id(), "approved")).JsonAsync(HttpStatusCode.OK)).Str("state"));
        Assert.NotEqual(caseId, otherCase);
    }

    private async Task CreateUserAsync(string userName, string city, params string[] roles)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CasesUser>>();
        var user = new CasesUser { UserName = userName, DisplayName = userName, CityCode = city, LockoutEnabled = true };
        Assert.True((await users.CreateAsync(user, CasesAppFactory.DemoPassword)).Succeeded);
        Assert.True((await users.AddToRolesAsync(user, roles)).Succeeded);
    }
}
