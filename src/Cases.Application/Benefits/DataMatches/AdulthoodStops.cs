using Cases.Domain.Benefits;
using Cases.Domain.Calendar;
using Microsoft.Extensions.Logging;

namespace Cases.Application.Benefits.DataMatches;

/// <summary>
/// The daily sweep of 第六十二条（二）"年满18周岁且未完全丧失劳动能力的" stops a child's pension: every running or
/// suspended dependants' pension whose 18th birthday (<see cref="Entitlement.AdulthoodOn"/>) is today or before stops from
/// the first month after the birthday month, once. A child who has completely lost the ability to work carries no such
/// day and is never swept. Chunked; each stop claims the entitlement in <c>automatic_stops</c> in the same
/// transaction, so two nodes sweeping at once stop it once. Answers how many it stopped.
/// </summary>
public sealed record StopAdultDependants : ICommand<int>;

public sealed class StopAdultDependantsHandler(CasesDb db, TimeProvider clock, ILogger<StopAdultDependantsHandler> log) : ICommandHandler<StopAdultDependants, int>
{
    public const string SweepUser = "system:adulthood";

    private const int Chunk = 200;

    public async ValueTask<int> Handle(StopAdultDependants command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var stopped = 0;
        var after = Guid.Empty;
        while (true)
        {
            var chunk = await Due(today).Where(e => e.Id.CompareTo(after) > 0).OrderBy(e => e.Id).Select(e => e.Id).Take(Chunk).ToListAsync(cancellationToken);
            if (chunk.Count == 0)
            {
                return stopped;
            }

            after = chunk[^1];
            db.ChangeTracker.Clear();
            var loaded = await Due(today).Where(e => chunk.Contains(e.Id)).ToListAsync(cancellationToken);
            foreach (var e in loaded)
            {
                Stop(e, now);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                stopped += loaded.Count;
            }
            catch (DbUpdateException)
            {
                // Another node stopped some of these meanwhile: one by one, and each that lost its claim is left as that node stopped it.
                db.ChangeTracker.Clear();
                foreach (var id in chunk)
                {
                    stopped += await StopOneAsync(id, today, now, cancellationToken) ? 1 : 0;
                }
            }
        }
    }

    private IQueryable<Entitlement> Due(DateOnly today) =>
        db.Entitlements.Where(e => e.Benefit == MonthlyBenefit.DependantsPension && e.AdulthoodOn != null && e.AdulthoodOn <= today
            && e.Status != EntitlementStatus.Stopped && !db.AutomaticStops.Any(s => s.EntitlementId == e.Id));

    private async Task<bool> StopOneAsync(Guid id, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        if (await Due(today).SingleOrDefaultAsync(e => e.Id == id, ct) is not { } e)
        {
            return false;
        }

        Stop(e, now);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException ex)
        {
            log.LogInformation(ex, "The 18th-birthday stop of entitlement {Entitlement} was made by another node", id);
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private void Stop(Entitlement e, DateTimeOffset now)
    {
        var birthday = e.AdulthoodOn!.Value;
        var month = new DateOnly(birthday.Year, birthday.Month, 1).AddMonths(1);
        var from = month < e.FromMonth ? e.FromMonth : month;
        e.Stop(from, $"年满18周岁（{DataMatchCsv.Iso(birthday)}）且未完全丧失劳动能力，自 {from:yyyy-MM} 起停发抚恤金（第六十二条（二））", null, SweepUser, now);
        db.AutomaticStops.Add(new AutomaticStop { EntitlementId = e.Id, Reason = "adulthood", FromMonth = from, StoppedAt = now });
    }
}

/// <summary>The recurring job (daily) that runs the sweep of 第六十二条（二）.</summary>
public sealed class AdulthoodStopJob(IMediator mediator)
{
    public const string JobId = "benefits-adulthood-stops";

    /// <summary>Every day at 00:30 China time (16:30 UTC): a birthday yesterday is stopped before the day's work.</summary>
    public const string Cron = "30 16 * * *";

    public async Task RunAsync(CancellationToken cancellationToken) => await mediator.Send(new StopAdultDependants(), cancellationToken);
}
