using System.Text.Json.Nodes;

namespace Toolflow.Core.Execution;

/// <summary>
/// A typed node failure. The engine retries only when <see cref="Retryable"/> is set, and waits at
/// least <see cref="RetryAfter"/>; it never looks at the message text.
/// </summary>
public sealed record ToolFailure(string Code, string Message, bool Retryable = false, TimeSpan? RetryAfter = null)
{
    public JsonNode? Details { get; init; }

    /// <summary>The JSON form used in outputs (<c>{"error": …}</c>), node records and the execution error.</summary>
    public JsonObject ToJson(string? nodeId = null)
    {
        var json = new JsonObject { ["code"] = Code, ["message"] = Message };
        if (nodeId is not null)
        {
            json["nodeId"] = nodeId;
        }

        json["retryable"] = Retryable;
        if (Details is not null)
        {
            json["details"] = Details.DeepClone();
        }

        return json;
    }
}

/// <summary>Codes of the failures the engine and the built-in tools raise.</summary>
public static class ToolFailureCodes
{
    public const string UnknownTool = "tool.unknown";
    public const string ToolInstanceUnavailable = "tool.instance_unavailable";
    public const string InvalidConfig = "tool.invalid_config";
    public const string Expression = "expression.failed";
    public const string ForEachNotArray = "foreach.not_array";
    public const string Timeout = "node.timeout";
    public const string Cancelled = "node.cancelled";
    public const string Crashed = "tool.crashed";
    public const string Script = "code.script_error";
    public const string ScriptLimit = "code.limit_exceeded";
    public const string Fail = "flow.fail";
    public const string ApprovalTimeout = "approval.timeout";
    public const string ApprovalUnavailable = "approval.unavailable";
    public const string SubworkflowUnavailable = "subworkflow.unavailable";
    public const string SubworkflowFailed = "subworkflow.failed";
    public const string WaitInForEach = "wait.in_foreach";
}

/// <summary>Thrown by a tool (or the engine) to fail a node with a typed failure.</summary>
public sealed class ToolFailureException : Exception
{
    public ToolFailureException(ToolFailure failure)
        : base(failure?.Message)
    {
        ArgumentNullException.ThrowIfNull(failure);
        Failure = failure;
    }

    /// <summary>A failure with a stable code; <paramref name="status"/> is the protocol status behind it (HTTP, SMTP), kept in the details.</summary>
    public ToolFailureException(string code, string message, bool retryable, TimeSpan? retryAfter = null, int? status = null)
        : this(new ToolFailure(code, message, retryable, retryAfter)
        {
            Details = status is null ? null : new JsonObject { ["status"] = status.Value },
        })
    {
        Status = status;
    }

    public ToolFailureException()
        : this(new ToolFailure(ToolFailureCodes.Crashed, "tool failed"))
    {
    }

    public ToolFailureException(string message)
        : this(new ToolFailure(ToolFailureCodes.Crashed, message))
    {
    }

    public ToolFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
        Failure = new ToolFailure(ToolFailureCodes.Crashed, message);
    }

    public ToolFailure Failure { get; }

    public string Code => Failure.Code;

    public bool Retryable => Failure.Retryable;

    public TimeSpan? RetryAfter => Failure.RetryAfter;

    public int? Status { get; }
}
