namespace Toolflow.Core.Validation;

/// <summary>
/// One problem found in a document: an RFC 6901 JSON pointer to the offending value
/// (empty for the whole document) and a message a person can act on.
/// </summary>
public sealed record ValidationProblem(string Pointer, string Message)
{
    /// <summary>The line format of <c>toolflow validate</c>: <c>&lt;pointer&gt;: &lt;message&gt;</c>.</summary>
    public override string ToString() => $"{Pointer}: {Message}";
}
