using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;

namespace Toolflow.Generation.Pipeline;

/// <summary>
/// One prompt to the generator. With <see cref="Existing"/> it is a follow-up ("also e-mail it to …"):
/// the answer changes that definition, and <see cref="History"/> (the stored conversation) is continued.
/// </summary>
public sealed record GenerationRequest(string Prompt)
{
    public GenerationContext Context { get; init; } = GenerationContext.Empty;

    public WorkflowDefinition? Existing { get; init; }

    public JsonArray? History { get; init; }
}
