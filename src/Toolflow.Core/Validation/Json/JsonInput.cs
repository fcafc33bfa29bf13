using System.Text.Json;

namespace Toolflow.Core.Validation.Json;

/// <summary>
/// Reads a document under the limits: at most <see cref="WorkflowLimits.MaxBytes"/> bytes and
/// <see cref="WorkflowLimits.MaxDepth"/> levels. Text that is not JSON is "malformed" (exit 2);
/// JSON that is too large or too deep is a problem in the document (exit 1).
/// </summary>
public static class JsonInput
{
    private static readonly JsonDocumentOptions Options = new()
    {
        MaxDepth = WorkflowLimits.MaxDepth,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    public static JsonReadOutcome Read(ReadOnlyMemory<byte> utf8)
    {
        if (utf8.Length > WorkflowLimits.MaxBytes)
        {
            return JsonReadOutcome.Problem(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"the definition is {utf8.Length:N0} bytes; the limit is {WorkflowLimits.MaxBytes:N0} bytes (1 MiB)"));
        }

        try
        {
            return JsonReadOutcome.Parsed(JsonDocument.Parse(utf8, Options));
        }
        catch (JsonException ex)
        {
            return TooDeep(utf8.Span)
                ? JsonReadOutcome.Problem($"JSON nesting is deeper than {WorkflowLimits.MaxDepth} levels")
                : JsonReadOutcome.Malformed(ex.Message);
        }
    }

    public static JsonReadOutcome Read(string json) => Read(System.Text.Encoding.UTF8.GetBytes(json));

    /// <summary>
    /// Re-reads with a generous depth to tell "too deep" from "not JSON". The reader does not
    /// recurse or allocate a tree, so this is cheap and runs only when parsing already failed.
    /// </summary>
    private static bool TooDeep(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 1_000_000 });
        try
        {
            while (reader.Read())
            {
            }
        }
        catch (JsonException)
        {
            return false;
        }

        // Same strictness as the first parse, so depth was the only thing it refused.
        return true;
    }
}
