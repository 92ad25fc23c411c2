using Cases.Workflows.Calendar;
using Cases.Workflows.Outbox;
using Cases.Workflows.Runtime;
using Cases.Workflows.Timers;
using Microsoft.Extensions.DependencyInjection;

namespace Cases.Workflows;

public static class RuntimeSetup
{
    /// <summary>
    /// The runtime's own services, the same for the web host and any other host of a node (tests of several nodes):
    /// stores, the engine with the built-in actions, the unit-of-work writer, timers and the outbox. The host adds
    /// the database, Hangfire's storage and client, and the node's identity.
    /// </summary>
    public static IServiceCollection AddWorkflowCore(this IServiceCollection services)
    {
        services.AddSingleton<CalendarStore>();
        services.AddSingleton<DefinitionStore>();
        foreach (var action in BuiltInActions.All())
        {
            services.AddSingleton(action);
        }

        services.AddSingleton<WorkflowEngine>();
        services.AddScoped<ProgressWriter>();
        services.AddScoped<TimerScheduler>();
        services.AddScoped<TimerFiring>();
        services.AddSingleton<InstanceGate>();
        services.AddScoped<TimerJobs>();
        services.AddScoped<OutboxDelivery>();
        services.AddSingleton<IOutboxSender, LoggingOutboxSender>();
        return services;
    }
}
