using Microsoft.Extensions.DependencyInjection.Extensions;
using Toolflow.Core.Tools;
using Toolflow.Core.Validation;
using Toolflow.Engine.Events;
using Toolflow.Server.Endpoints;
using Toolflow.Server.Endpoints.Common;
using Toolflow.Server.RealTime;
using Toolflow.Server.Triggers;
using Toolflow.Storage.Repositories;
using Toolflow.Tools.Catalog;

namespace Toolflow.Server.Hosting;

/// <summary>The services and routes of <c>/api/v1</c>.</summary>
internal static class ApiRegistration
{
    public static IServiceCollection AddToolflowApi(this IServiceCollection services, IConfiguration configuration)
    {
        var realTime = new RealTimeOptions();
        configuration.GetSection(RealTimeOptions.Section).Bind(realTime);

        services.AddToolflowRepositories(configuration);
        Endpoints.GenerationServices.CheckSettings(configuration);
        services.TryAddSingleton<IToolCatalog>(ToolCatalog.BuiltIn);
        services.TryAddSingleton(sp => new WorkflowValidator(sp.GetRequiredService<IToolCatalog>()));
        services.TryAddSingleton<ExecutionEventHub>();
        services.TryAddSingleton<IExecutionEventLog, PersistedExecutionEventLog>();
        services.AddSingleton(realTime);
        services.TryAddSingleton<Endpoints.Common.SharedRunTokens>(); // needs Data Protection (the key ring AddToolflowBrowserParts registers, with or without the UI)
        services.AddHostedService<Templates.StarterTemplateSeeder>();
        services.AddToolflowTriggers(configuration);

        // Same convention as the contracts' source-generated context: nulls are left out (a list's nextCursor is always written).
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, Core.Contracts.ContractsJsonContext.Default);
            options.SerializerOptions.TypeInfoResolverChain.Insert(1, ApiJsonContext.Default);
        });
        return services;
    }

    public static IEndpointRouteBuilder MapToolflowApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapImports();
        api.MapGeneration();
        api.MapWorkflows();
        api.MapExecutions();
        api.MapExecutionEvents();
        api.MapEventSocket();
        api.MapTools();
        api.MapToolInstances();
        api.MapCredentials();
        api.MapUsers();
        api.MapAuditLog();
        api.MapApiKeys();
        api.MapTemplates();
        api.MapShares();
        api.MapSharedLinks();
        app.MapHooks();
        app.MapUnknownApiAddresses();
        return app;
    }
}
