using System.Text.Json.Nodes;
using Toolflow.Core.Contracts.Common;
using Toolflow.Core.Validation;

namespace Toolflow.Core.Contracts.Executions;

/// <summary>
/// <c>POST /workflows/{id}/execute</c>: the input (an object; checked against the workflow's
/// inputSchema by the server) and an optional idempotency key that makes a retried request start one execution.
/// </summary>
public sealed record ExecuteWorkflowRequest(JsonNode? Input, string? IdempotencyKey) : IValidatedRequest
{
    public const int MaxIdempotencyKeyLength = 200;

    public IReadOnlyList<ValidationProblem> Validate(TimeProvider clock)
    {
        var checks = new RequestChecks().Text("/idempotencyKey", IdempotencyKey, MaxIdempotencyKeyLength, required: false);
        if (Input is not null and not JsonObject)
        {
            checks.Add("/input", "must be a JSON object");
        }

        if (IdempotencyKey is not null && IdempotencyKey.Any(char.IsControl))
        {
            checks.Add("/idempotencyKey", "must not contain control characters");
        }

        return checks.Problems;
    }
}

/// <summary><c>POST /executions/{id}/signal</c>: approves (or rejects) a waiting flow.approval and hands it a payload.</summary>
public sealed record SignalRequest(bool? Approved, JsonNode? Payload, string? NodeId) : IValidatedRequest
{
    public IReadOnlyList<ValidationProblem> Validate(TimeProvider clock)
    {
        var checks = new RequestChecks();
        if (NodeId is not null && !Validation.Formats.FormatChecks.IsNodeId(NodeId))
        {
            checks.Add("/nodeId", $"'{NodeId}' is not a node id");
        }

        return checks.Problems;
    }
}
