using Toolflow.Core.Validation;
using Toolflow.Generation.Pipeline;
using Toolflow.Tools.Catalog;

namespace Toolflow.Generation.Tests.Planning;

/// <summary>The offline generator with the real catalog and validator.</summary>
internal static class Generate
{
    public static readonly WorkflowValidator Validator = new(ToolCatalog.BuiltIn);

    public static Task<GenerationOutcome> OfflineAsync(string prompt, GenerationContext? context = null, Core.Definitions.WorkflowDefinition? existing = null, System.Text.Json.Nodes.JsonArray? history = null) =>
        new WorkflowGenerator(ToolCatalog.BuiltIn, Validator, new OfflineDrafter(), TimeProvider.System)
            .GenerateAsync(new GenerationRequest(prompt) { Context = context ?? GenerationContext.Empty, Existing = existing, History = history });
}
