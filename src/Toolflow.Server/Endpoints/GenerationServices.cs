using Toolflow.Core.Tools;
using Toolflow.Core.Validation;
using Toolflow.Generation;
using Toolflow.Generation.Models;
using Toolflow.Generation.Pipeline;
using Toolflow.Server.Auth;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Workflows;

namespace Toolflow.Server.Endpoints;

/// <summary>
/// Builds the generator of a request from configuration (<c>Generation:*</c>): the offline planner by
/// default, a chat model when a provider is configured. Built per request — it is cheap — so the
/// generation routes need no service registration beyond their one <c>MapGeneration</c> line.
/// </summary>
internal static class GenerationServices
{
    // One connection pool for every model call, whatever request makes it.
    private static readonly SocketsHttpHandler ModelHandler = new() { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

    public static GenerationModelOptions Options(IConfiguration configuration)
    {
        var options = new GenerationModelOptions();
        configuration.GetSection(GenerationModelOptions.Section).Bind(options);
        if (options.ApiKey is null && options.ApiKeyCredential is { Length: > 0 } name)
        {
            // A credential configured by the administrator (Credentials:<name>:apiKey), never one of a user's.
            options.ApiKey = configuration.GetSection(Hosting.ConfiguredCredentials.Section).GetChildren()
                .FirstOrDefault(c => string.Equals(c.Key, name, StringComparison.OrdinalIgnoreCase))?
                .GetChildren().FirstOrDefault(c => string.Equals(c.Key, "apiKey", StringComparison.OrdinalIgnoreCase))?.Value;
        }

        return options;
    }

    /// <summary>Stops start-up (<see cref="Storage.SettingsException"/>) when the generation settings cannot work, instead of failing the first generate request.</summary>
    public static void CheckSettings(IConfiguration configuration)
    {
        if (Options(configuration).Problems() is { Count: > 0 } problems)
        {
            throw new Storage.SettingsException(string.Join(" ", problems));
        }
    }

    public static WorkflowGenerator Generator(IConfiguration configuration, IToolCatalog catalog, WorkflowValidator validator, TimeProvider clock)
    {
        var options = Options(configuration);
        IWorkflowDrafter drafter = options.UsesModel
            ? new ChatModelDrafter(ChatClientFactory.Create(options, new HttpClient(ModelHandler, disposeHandler: false)), $"{options.Provider.ToLowerInvariant()}:{options.Model}")
            : new OfflineDrafter();
        return new WorkflowGenerator(catalog, validator, drafter, clock, new GeneratorOptions { MaxRepairRounds = Math.Clamp(options.MaxRepairRounds, 0, 10) });
    }

    /// <summary>What the generator may know of the caller: credential names and types (never secrets) and workflow names.</summary>
    public static async Task<GenerationContext> ContextAsync(HttpContext http, ToolflowRepositories repositories, System.Text.Json.Nodes.JsonNode? notes)
    {
        var caller = http.User.ToCaller();
        var credentials = await repositories.Credentials.ListAsync(caller, http.RequestAborted);
        var workflows = await repositories.Workflows.ListAsync(caller, new WorkflowListQuery { Limit = 100 }, http.RequestAborted);
        var text = notes?.ToJsonString();
        return new GenerationContext
        {
            Credentials = [.. credentials.Select(c => new KnownCredential(c.Name, c.Type))],
            Workflows = [.. workflows.Items.Select(w => new KnownWorkflow(w.Id, w.Definition.Name))],
            Notes = text is { Length: > 4000 } ? text[..4000] : text,
        };
    }
}
