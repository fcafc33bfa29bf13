using System.Text.RegularExpressions;

namespace Toolflow.Core.Import;

/// <summary>
/// Names the workflow format a file handed to the n8n import most likely is, so the refusal says what the file
/// is instead of only what it is not (a Serverless Workflow YAML is "not JSON", which does not tell a user why).
/// A guess from a few marker keys; it never changes the outcome, only the message.
/// </summary>
public static partial class ForeignFormat
{
    /// <summary>A short name such as "a Serverless Workflow (CNCF) document", or null when nothing is recognised.</summary>
    public static string? Guess(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (ServerlessWorkflow().IsMatch(text))
        {
            return "a Serverless Workflow (CNCF) document";
        }

        if (Kestra().IsMatch(text) && KestraTasks().IsMatch(text))
        {
            return "a Kestra flow";
        }

        return text.TrimStart().StartsWith('[') && text.Contains("\"wires\"", StringComparison.Ordinal) ? "a Node-RED flow" : null;
    }

    // Serverless Workflow 1.x: document.dsl; 0.x: a top-level specVersion.
    [GeneratedRegex(@"^\s*(""?dsl""?\s*:|""?specVersion""?\s*:)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ServerlessWorkflow();

    [GeneratedRegex(@"^namespace\s*:", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Kestra();

    [GeneratedRegex(@"^tasks\s*:", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex KestraTasks();
}
