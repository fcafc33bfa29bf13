namespace Toolflow.Core.Expressions;

/// <summary>A script that failed inside the sandbox, with the typed reason.</summary>
public class SandboxException : Exception
{
    public SandboxException(ExpressionErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
    }

    public SandboxException()
    {
    }

    public SandboxException(string message)
        : base(message)
    {
    }

    public SandboxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ExpressionErrorKind Kind { get; } = ExpressionErrorKind.Script;
}
