using System.Text.Json;
using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Validation;

namespace Toolflow.Core.Contracts.Workflows;

/// <summary>
/// The body of <c>POST /workflows</c> and <c>PUT /workflows/{id}</c>: a definition at the top
/// level plus an optional <c>status</c> (SPEC §4). Read with <see cref="Read"/>, which runs the full
/// <see cref="WorkflowValidator"/> so the answer lists every problem with its pointer.
/// </summary>
public sealed record WorkflowWriteRequest(WorkflowDefinition Definition, WorkflowStatus? Status)
{
    private static readonly Dictionary<string, WorkflowStatus> Statuses = new(StringComparer.Ordinal)
    {
        ["draft"] = WorkflowStatus.Draft,
        ["active"] = WorkflowStatus.Active,
        ["paused"] = WorkflowStatus.Paused,
        ["archived"] = WorkflowStatus.Archived,
    };

    public static WorkflowWriteResult Read(ReadOnlyMemory<byte> utf8, WorkflowValidator validator)
    {
        ArgumentNullException.ThrowIfNull(validator);
        if (utf8.Length > WorkflowLimits.MaxBytes)
        {
            // Judge the size as sent: re-serialising without "status" would also drop its whitespace.
            return new WorkflowWriteResult(null, validator.Validate(utf8));
        }

        JsonNode? body;
        try
        {
            body = JsonNode.Parse(utf8.Span, documentOptions: new JsonDocumentOptions { MaxDepth = WorkflowLimits.MaxDepth });
        }
        catch (JsonException)
        {
            // Let the validator classify it (too deep vs. not JSON) with the same words as the CLI.
            return new WorkflowWriteResult(null, validator.Validate(utf8));
        }

        if (body is not JsonObject obj || !obj.TryGetPropertyValue("status", out var statusNode))
        {
            return new WorkflowWriteResult(null, validator.Validate(utf8));
        }

        obj.Remove("status");
        var result = validator.Validate(JsonSerializer.SerializeToUtf8Bytes(obj, ContractsJsonContext.Default.JsonObject));
        WorkflowStatus? status = null;
        string? statusProblem = null;
        if (statusNode is JsonValue value && value.TryGetValue<string>(out var text) && Statuses.TryGetValue(text, out var parsed))
        {
            status = parsed;
        }
        else if (statusNode is not null)
        {
            statusProblem = "must be one of 'draft', 'active', 'paused', 'archived'";
        }

        return new WorkflowWriteResult(status, result, statusProblem);
    }
}

/// <summary>What reading a workflow body gave: the request when valid, else the problems (or the malformed reason).</summary>
public sealed class WorkflowWriteResult
{
    internal WorkflowWriteResult(WorkflowStatus? status, WorkflowValidationResult validation, string? statusProblem = null)
    {
        Validation = validation;
        var problems = new List<ValidationProblem>(validation.Problems);
        if (statusProblem is not null)
        {
            problems.Add(new ValidationProblem("/status", statusProblem));
        }

        Problems = [.. problems.OrderBy(p => p.Pointer, PointerComparer.Instance)];
        Request = validation.IsValid && statusProblem is null ? new WorkflowWriteRequest(validation.Definition!, status) : null;
    }

    public WorkflowWriteRequest? Request { get; }

    public WorkflowValidationResult Validation { get; }

    public IReadOnlyList<ValidationProblem> Problems { get; }

    public bool IsMalformed => Validation.Outcome == ValidationOutcome.Malformed;
}
