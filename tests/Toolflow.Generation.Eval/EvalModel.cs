using Toolflow.Generation.Models;
using Toolflow.Generation.Pipeline;

namespace Toolflow.Generation.Eval;

/// <summary>
/// The model drafter the harness also scores, configured like the server's <c>Generation</c> section
/// through the environment: <c>Generation__Provider</c> (openai|ollama), <c>Generation__Model</c>,
/// <c>Generation__BaseUrl</c>, <c>Generation__ApiKey</c>. Absent a provider, only the offline planner is scored.
/// </summary>
public static class EvalModel
{
    public static IWorkflowDrafter? FromEnvironment()
    {
        var options = new GenerationModelOptions
        {
            Provider = Environment.GetEnvironmentVariable("Generation__Provider") ?? "offline",
            Model = Environment.GetEnvironmentVariable("Generation__Model"),
            ApiKey = Environment.GetEnvironmentVariable("Generation__ApiKey"),
        };
        if (Environment.GetEnvironmentVariable("Generation__BaseUrl") is { Length: > 0 } baseUrl)
        {
            options.BaseUrl = new Uri(baseUrl);
        }

        return options.UsesModel
            ? new ChatModelDrafter(ChatClientFactory.Create(options, new HttpClient()), $"{options.Provider}:{options.Model}")
            : null;
    }
}
