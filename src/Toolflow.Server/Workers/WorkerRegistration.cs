using Microsoft.Extensions.DependencyInjection.Extensions;
using Toolflow.Core.Execution;
using Toolflow.Core.Expressions;
using Toolflow.Core.Expressions.Sandbox;
using Toolflow.Engine;
using Toolflow.Engine.Durable;
using Toolflow.Engine.Events;
using Toolflow.Server.Hosting;
using Toolflow.Storage.Database;
using Toolflow.Storage.ExecutionStore;
using Toolflow.Storage.Queue;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Subworkflows;
using Toolflow.Storage.Triggers;
using Toolflow.Tools.BuiltIn;
using Toolflow.Tools.Integration;

namespace Toolflow.Server.Workers;

/// <summary>
/// Registers durable execution: the database execution store, the queue, the engine, the event hub,
/// <see cref="ExecutionControl"/> (for the API) and — unless <c>Workers:Enabled</c> is false — the
/// worker and sweeper hosted service. Needs <c>AddToolflowDatabase</c> first.
/// </summary>
public static class WorkerRegistration
{
    public static IServiceCollection AddToolflowWorkers(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(DurableWorkerOptions.SectionName).Get<DurableWorkerOptions>() ?? new DurableWorkerOptions();
        if (options.Concurrency < 1)
        {
            throw new Storage.SettingsException("Workers:Concurrency must be at least 1.");
        }

        var engineOptions = EngineConfiguration.Read(configuration);

        services.AddToolflowRepositories(configuration);
        services.TryAddSingleton<ExecutionEventHub>();
        services.TryAddSingleton<IEventPublisher>(sp => sp.GetRequiredService<ExecutionEventHub>());
        services.AddSingleton(options);
        services.AddSingleton(sp => new DatabaseExecutionStore(sp.GetRequiredService<ToolflowDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new JobNotifications(sp.GetRequiredService<ToolflowDatabase>()));
        services.AddSingleton(sp => new ExecutionLeases(sp.GetRequiredService<ToolflowDatabase>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<JobNotifications>()));
        services.AddSingleton(sp => new ExecutionSweeper(sp.GetRequiredService<ToolflowDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ScheduleSweeper(sp.GetRequiredService<ToolflowDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ExecutionControl(
            sp.GetRequiredService<ToolflowDatabase>(), sp.GetRequiredService<DatabaseExecutionStore>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IEventPublisher>(),
            (id, request, ct) => ControlSettler.SettleAsync(sp.GetRequiredService<WorkflowEngine>(), id, request, ct)));
        services.AddSingleton(sp => new IntegrationTools(
            configuration.GetSection(IntegrationToolOptions.Section).Get<IntegrationToolOptions>() ?? new IntegrationToolOptions(),
            new OwnerCredentials(sp.GetRequiredService<ToolflowRepositories>())));
        services.AddSingleton(sp =>
        {
            var expressions = new ExpressionEvaluator(new JavaScriptSandbox(SandboxLimits.Expressions));
            return new WorkflowEngine(
                sp.GetRequiredService<DatabaseExecutionStore>(), sp.GetRequiredService<IntegrationTools>().AddTo(BuiltInTools.Create(
                    expressions, subworkflows: new SubworkflowRunner(sp.GetRequiredService<ToolflowDatabase>(), sp.GetRequiredService<TimeProvider>()))),
                expressions,
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IEventPublisher>(),
                options: engineOptions,
                toolInstances: new OwnerToolInstances(sp.GetRequiredService<ToolflowRepositories>()));
        });
        services.AddSingleton(sp => new ExecutionEventLog(sp.GetRequiredService<ToolflowDatabase>()));
        services.AddSingleton<WorkerLog>();
        services.AddHostedService<EventRelayService>();
        if (options.Enabled)
        {
            services.AddHostedService<WorkerService>();
        }

        return services;
    }
}
