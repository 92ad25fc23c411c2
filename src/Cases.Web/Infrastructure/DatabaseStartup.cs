using Cases.Application.Persistence;
using Cases.Application.Seeding;
using Cases.Workflows;
using Cases.Workflows.Calendar;
using Cases.Workflows.Persistence;
using Cases.Workflows.Publishing;
using Cases.Workflows.Runtime;
using Cases.Workflows.Timers;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Cases.Web.Infrastructure;

public static class DatabaseStartup
{
    /// <summary>
    /// Applies migrations (unless operators run them by hand), loads the shipped calendar years, and in
    /// Development seeds the demo users and demo data. Runs before the app accepts requests.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<CasesDb>();
        var options = services.GetRequiredService<DatabaseOptions>();
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("Cases.Startup");
        var clock = services.GetRequiredService<TimeProvider>();

        if (options.ApplyMigrationsAtStartup)
        {
            await db.Database.MigrateAsync();
            if (db.Database.IsSqlite())
            {
                // WAL lets readers work while the one writer commits; the setting is stored in the file.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }
        }
        else
        {
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            if (pending.Count > 0)
            {
                throw new InvalidOperationException(
                    $"Database:ApplyMigrationsAtStartup is false and {pending.Count} migration(s) are pending ({string.Join(", ", pending)}). Apply them first (see README, 'Migrations by hand').");
            }
        }

        var years = await LoadShippedCalendar.RunAsync(db, clock);
        if (years.Count > 0)
        {
            log.LogInformation("Loaded the official working-day calendar for {Years}", string.Join(", ", years));
        }

        await Cases.Application.Parameters.SeedParameters.RunAsync(db, clock);

        var folder = app.Configuration["Workflows:Path"] ?? Path.Combine(AppContext.BaseDirectory, "workflows");
        var seeded = await SeedDefinitions.RunAsync(db, folder, services.GetRequiredService<WorkflowEngine>().Actions, clock, log);
        if (seeded.Count > 0)
        {
            log.LogInformation("Published version 1 of {Definitions} from {Folder}", string.Join(", ", seeded), folder);
        }

        if (app.Environment.IsDevelopment() && app.Configuration.GetValue<bool>("Seeding:DemoData"))
        {
            await DemoSeed.RunAsync(services, log);
            if (app.Configuration.GetValue("Seeding:DemoCases", true))
            {
                await DemoCases.RunAsync(app.Services, log);
            }
        }

        // The sweep is the safety net under the per-timer jobs: every minute, and once now for whatever came due
        // while no node was running.
        var recurring = services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<TimerJobs>(TimerJobs.SweepJobId, j => j.SweepAsync(CancellationToken.None), services.GetRequiredService<HangfireSettings>().SweepCron);
        services.GetRequiredService<IBackgroundJobClient>().Enqueue<TimerJobs>(j => j.SweepAsync(CancellationToken.None));
        recurring.AddOrUpdate<Cases.Workflows.Outbox.OutboxDelivery>(Cases.Workflows.Outbox.OutboxDelivery.JobId, d => d.DeliverAsync(CancellationToken.None), "* * * * *");
        // certify: the overdue sweep of the recipients' certifications (第六十三条), daily at 01:00 China time (17:00 UTC).
        recurring.AddOrUpdate<Cases.Application.Benefits.Certifications.CertificationSweep>(
            Cases.Application.Benefits.Certifications.CertificationSweep.JobId, s => s.RunAsync(CancellationToken.None), "0 17 * * *");
        // datamatch: the daily stop of children's pensions at 18 (第六十二条（二）).
        recurring.AddOrUpdate<Cases.Application.Benefits.DataMatches.AdulthoodStopJob>(Cases.Application.Benefits.DataMatches.AdulthoodStopJob.JobId, j => j.RunAsync(CancellationToken.None), Cases.Application.Benefits.DataMatches.AdulthoodStopJob.Cron);
    }
}
