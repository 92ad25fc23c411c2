using Cases.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cases.Web.Infrastructure;

/// <summary>Readiness: the database answers and no migration is pending.</summary>
public sealed class DatabaseReadyCheck(CasesDb db, DatabaseOutage outage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                outage.Report();
                return HealthCheckResult.Unhealthy("The database cannot be reached.");
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy($"{db.Database.ProviderName} reachable, migrations applied.")
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) pending: {string.Join(", ", pending)}.");
        }
#pragma warning disable CA1031 // A health check reports every failure as unhealthy rather than failing the probe.
        catch (Exception e)
#pragma warning restore CA1031
        {
            // A load balancer's probe is often the first to find the database away: recovery starts from here too.
            if (DatabaseFaults.IsAway(e))
            {
                outage.Report();
            }

            return HealthCheckResult.Unhealthy("The database cannot be reached.", e);
        }
    }
}
