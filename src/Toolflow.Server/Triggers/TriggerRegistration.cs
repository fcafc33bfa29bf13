using Toolflow.Engine.Events;
using Toolflow.Storage.Database;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Triggers;

namespace Toolflow.Server.Triggers;

/// <summary>The services of webhooks and synchronous answers (schedules run in the workers' sweeper).</summary>
internal static class TriggerRegistration
{
    public static IServiceCollection AddToolflowTriggers(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TriggerOptions.Section).Get<TriggerOptions>() ?? new TriggerOptions();
        if (options.WebhookMaxBodyBytes < 0 || options.SynchronousTimeout <= TimeSpan.Zero)
        {
            throw new Storage.SettingsException("Triggers:WebhookMaxBodyBytes must not be negative and Triggers:SynchronousTimeout must be positive.");
        }

        services.AddSingleton(options);
        services.AddSingleton(sp => new HookIds(sp.GetRequiredService<ToolflowDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ExecutionWaiter(
            sp.GetRequiredService<ExecutionEventHub>(), sp.GetRequiredService<ToolflowRepositories>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
