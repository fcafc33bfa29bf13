namespace Toolflow.Core.Expressions;

/// <summary>
/// An expression of a node's config that failed: names the node, the JSON pointer of the
/// string in the config that holds it, and the expression itself.
/// </summary>
public sealed class ExpressionEvaluationException : SandboxException
{
    public ExpressionEvaluationException(string? nodeId, string path, string expression, ExpressionErrorKind kind, string reason, Exception? inner = null)
        : base(kind, Describe(nodeId, path, expression, reason), inner)
    {
        NodeId = nodeId;
        Path = path;
        Expression = expression;
        Reason = reason;
    }

    public ExpressionEvaluationException()
    {
    }

    public ExpressionEvaluationException(string message)
        : base(message)
    {
    }

    public ExpressionEvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string? NodeId { get; }

    /// <summary>JSON pointer into the node (e.g. <c>/config/url</c>).</summary>
    public string Path { get; } = string.Empty;

    public string Expression { get; } = string.Empty;

    public string Reason { get; } = string.Empty;

    private static string Describe(string? nodeId, string path, string expression, string reason)
    {
        var where = nodeId is null ? path : $"node '{nodeId}' at {path}";
        return $"{where}: expression '{Shorten(expression)}' failed: {reason}";
    }

    private static string Shorten(string code) => code.Length <= 80 ? code : string.Concat(code.AsSpan(0, 77), "...");
}
