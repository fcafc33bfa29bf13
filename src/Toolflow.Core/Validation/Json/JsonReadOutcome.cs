using System.Text.Json;

namespace Toolflow.Core.Validation.Json;

/// <summary>What reading a document gave: a parsed document, a problem with it as a whole, or text that is not JSON.</summary>
public sealed class JsonReadOutcome
{
    private JsonReadOutcome(JsonDocument? document, string? problem, string? malformed)
    {
        Document = document;
        DocumentProblem = problem;
        MalformedReason = malformed;
    }

    public JsonDocument? Document { get; }

    /// <summary>Too large or too deep: valid JSON that breaks a limit.</summary>
    public string? DocumentProblem { get; }

    /// <summary>The parser's reason when the text is not JSON.</summary>
    public string? MalformedReason { get; }

    public static JsonReadOutcome Parsed(JsonDocument document) => new(document, null, null);

    public static JsonReadOutcome Problem(string message) => new(null, message, null);

    public static JsonReadOutcome Malformed(string reason) => new(null, null, reason);
}
