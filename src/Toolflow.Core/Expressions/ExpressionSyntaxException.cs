namespace Toolflow.Core.Expressions;

/// <summary>A template or expression that does not parse.</summary>
public sealed class ExpressionSyntaxException : Exception
{
    public ExpressionSyntaxException(string source, int offset, string reason)
        : base($"expression does not parse at offset {offset}: {reason}")
    {
        Template = source;
        Offset = offset;
        Reason = reason;
    }

    public ExpressionSyntaxException()
    {
        Template = string.Empty;
        Reason = string.Empty;
    }

    public ExpressionSyntaxException(string message)
        : base(message)
    {
        Template = string.Empty;
        Reason = message;
    }

    public ExpressionSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
        Template = string.Empty;
        Reason = message;
    }

    /// <summary>The template text that failed.</summary>
    public string Template { get; }

    public int Offset { get; }

    public string Reason { get; }
}
