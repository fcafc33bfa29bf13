using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Toolflow.Core.Contracts.Common;
using Toolflow.Core.Validation;

namespace Toolflow.Core.Contracts.ToolInstances;

/// <summary>
/// <c>POST/PUT /tool-instances</c>: a configured tool (an LLM with its model, an HTTP API with its
/// base URL) that nodes refer to by id. The server checks that the tool exists in the registry.
/// </summary>
public sealed partial record ToolInstanceRequest(string? Tool, string? Name, JsonObject? Config, Guid? CredentialId, Guid? WorkflowId) : IValidatedRequest
{
    public IReadOnlyList<ValidationProblem> Validate(TimeProvider clock)
    {
        var checks = new RequestChecks()
            .Text("/tool", Tool, 100)
            .Text("/name", Name, WorkflowLimits.MaxNameLength)
            .Uuid("/credentialId", CredentialId, required: false)
            .Uuid("/workflowId", WorkflowId, required: false);
        if (Tool is { Length: > 0 and <= 100 } && !ToolName().IsMatch(Tool))
        {
            checks.Add("/tool", $"'{Tool}' is not a tool name such as 'http.request'");
        }

        return checks.Problems;
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(\\.[a-z][a-zA-Z0-9_-]*)+$", RegexOptions.CultureInvariant)]
    private static partial Regex ToolName();
}

public sealed record ToolInstanceResource(
    Guid Id, Guid OwnerId, string Tool, string Name, JsonObject Config, Guid? CredentialId, Guid? WorkflowId,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
