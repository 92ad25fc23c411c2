using Cases.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cases.Web.Tests;

/// <summary>The Development demo cases (README: "a living inbox on first run") open through the real commands, for every procedure.</summary>
public sealed class DemoCasesTests
{
    [Fact]
    public async Task First_run_opens_cases_of_every_procedure_in_several_states()
    {
        await using var factory = await CasesAppFactory.CreateAsync(TestProvider.Sqlite, settings: new Dictionary<string, string> { ["Seeding:DemoCases"] = "true" });
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Cases.Application.Persistence.CasesDb>();
        var states = await db.Instances.AsNoTracking().Select(i => new { i.DefinitionKey, i.State }).ToListAsync();

        string[] procedures = ["fee-rate-objection", "rehab-extension", "project-term-extension", "transfer-approval", "advance-payment", "third-party-reimbursement"];
        Assert.All(procedures, p => Assert.Contains(states, s => s.DefinitionKey == p));
        // Projects: the project registration waiting for its check; People: 张三's two cases; employers: one case of each register procedure.
        // Unlinked cases: five transfer cases left by the release before the injury-case register (version 2, docs/adr/0017).
        // Benefits: three reimbursements (to check, to approve, partly paid), two medical subsidies (to check, decided), a
        // death with three dependants at the approval and one decided (the widow's pension monthly, the grants ordered).
        // Paydesk: +1, a second decided disability case whose subsidy the bank returns.
        Assert.Equal(37, states.Count);
        Assert.Equal(["approve", "decided"], states.Where(s => s.DefinitionKey == "death-benefits").Select(s => s.State).Order(StringComparer.Ordinal));
        Assert.Equal(5, await db.Instances.AsNoTracking().CountAsync(i => i.DefinitionKey == "transfer-approval" && i.DefinitionVersion == 2));
        Assert.Contains(states, s => s.DefinitionKey == "project-registration" && s.State == "check-materials");
        // employers: one case of each register procedure, each at its first task.
        Assert.Contains(states, s => s.DefinitionKey == "employer-registration" && s.State == "determine-risk-class");
        Assert.Contains(states, s => s.DefinitionKey == "employer-change" && s.State == "review-change");
        Assert.Contains(states, s => s.DefinitionKey == "employer-deregistration" && s.State == "review-deregistration");
        Assert.DoesNotContain(await db.Employers.AsNoTracking().Select(e => e.Name).ToListAsync(), n => n.Contains("LLC", StringComparison.Ordinal) || n.Contains(' ', StringComparison.Ordinal));
        Assert.Contains(states, s => s.DefinitionKey == "advance-payment" && s.State == "recovery");
        Assert.Contains(states, s => s.DefinitionKey == "advance-payment" && s.State == "awaiting-materials");
        Assert.Contains(states, s => s.DefinitionKey == "advance-payment" && s.State == "urge-employer");
        Assert.Contains(states, s => s.DefinitionKey == "third-party-reimbursement" && s.State == "approve");

        // The overdue recovery's clock already passed: the start-up sweep hands it to a supervisor.
        // The host's own start-up sweep may hold that timer's lease while this call runs (then it skips it), so wait
        // for whichever of the two fires it to commit.
        var escalated = 0;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); escalated == 0 && DateTime.UtcNow < deadline;)
        {
            await scope.ServiceProvider.GetRequiredService<Cases.Workflows.Timers.TimerFiring>().RunDueAsync(1000, CancellationToken.None);
            escalated = await db.Tasks.AsNoTracking().CountAsync(t => t.State == "recovery-escalation" && t.Role == "supervisor");
            if (escalated == 0) await Task.Delay(200);
        }
        Assert.Equal(1, escalated);
        Assert.Equal(2, await db.LedgerEntries.AsNoTracking().CountAsync(e => e.Entry == "advanced"));
        // A paid top-up, so that the third-party medical ledger on 「台账」 is not empty on the first run.
        Assert.Equal(1, await db.LedgerEntries.AsNoTracking().CountAsync(e => e.Entry == "reimbursed"));
        // A decided disability case: a grade-4 allowance and nursing care running monthly, and its one-time subsidy ordered;
        // a decided death: the widow's pension (第八十二条).
        Assert.Equal(3, await db.Entitlements.AsNoTracking().CountAsync(e => e.Status == Cases.Domain.Benefits.EntitlementStatus.Active));
        Assert.Contains(await db.Entitlements.AsNoTracking().Select(e => e.Benefit).ToListAsync(), b => b == Cases.Domain.Benefits.MonthlyBenefit.DependantsPension);
        Assert.Contains(await db.PaymentOrders.AsNoTracking().Select(o => o.Benefit).ToListAsync(), b => b == "disability-lump-sum");
        Assert.Equal(
            ["approve", "check", "partly-paid"],
            states.Where(s => s.DefinitionKey == "medical-reimbursement").Select(s => s.State).Order(StringComparer.Ordinal));
        Assert.Equal(["check", "decided"], states.Where(s => s.DefinitionKey == "medical-subsidy").Select(s => s.State).Order(StringComparer.Ordinal));
        // The partly paid reimbursement ordered its medical, rehabilitation and meal parts; the decided subsidy its lump sum
        // and closed the injury case's fund-paid treatment from the next month (第六十条).
        var benefits = await db.PaymentOrders.AsNoTracking().Select(o => o.Benefit).ToListAsync();
        Assert.All(new[] { "medical-cost", "rehab-cost", "hospital-meal-subsidy", "medical-lump-sum" }, b => Assert.Contains(b, benefits));
        Assert.Single(await db.InjuryCases.AsNoTracking().Where(i => i.EmploymentEndedOn != null).ToListAsync());
        // Paydesk: one batch of 济南 through the whole cycle — approved by someone other than its assembler, the bank's result
        // imported: one order paid, one returned (wrong account) waiting for its correction.
        var batch = Assert.Single(await db.PaymentBatches.AsNoTracking().ToListAsync());
        Assert.Equal(("370100", Cases.Domain.Payments.BatchStatus.Reconciled, "officer.jinan", "reviewer.jinan"), (batch.CityCode, batch.Status, batch.AssembledBy, batch.ApprovedBy));
        var settled = await db.PaymentOrders.AsNoTracking().Where(o => o.BatchId == batch.Id).ToListAsync();
        Assert.Equal(2, settled.Count);
        Assert.Single(settled, o => o.Status == Cases.Domain.Payments.PaymentStatus.Paid);
        var returned = Assert.Single(settled, o => o.Status == Cases.Domain.Payments.PaymentStatus.Returned);
        Assert.Equal((Cases.Application.Seeding.DemoPayments.ReturnReason, (Guid?)null), (returned.Reason, returned.SupersededBy));
    }
}
