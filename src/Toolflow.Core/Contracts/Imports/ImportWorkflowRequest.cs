using System.Text.Json;
using System.Text.Json.Nodes;
using Toolflow.Core.Contracts.Common;
using Toolflow.Core.Validation;

namespace Toolflow.Core.Contracts.Imports;

/// <summary>
/// <c>POST /workflows/import</c>: another tool's workflow to convert and save as a draft.
/// <see cref="Content"/> is the export itself or its text; with <see cref="Placeholders"/> the
/// unconvertible nodes become flow.fail placeholders instead of refusing the import.
/// </summary>
public sealed record ImportWorkflowRequest(string? Format, JsonNode? Content, bool? Placeholders) : IValidatedRequest
{
    public IReadOnlyList<ValidationProblem> Validate(TimeProvider clock)
    {
        var checks = new RequestChecks();
        if (Format is null)
        {
            checks.Add("/format", "is required; the one supported format is 'n8n'");
        }
        else if (Format != "n8n")
        {
            checks.Add("/format", $"'{Format}' is not supported; the one supported format is 'n8n'");
        }

        if (Content is null || (Content is JsonValue v && v.GetValueKind() != JsonValueKind.String))
        {
            checks.Add("/content", "is required: the exported workflow, as an object or as its JSON text");
        }

        return checks.Problems;
    }

    /// <summary>The export as text, whichever way it was sent.</summary>
    public string ContentText => Content is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : Content?.ToJsonString() ?? string.Empty;
}
