using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Toolflow.Core.Validation;

namespace Toolflow.Core.Contracts.Common;

/// <summary>
/// Reads a request body and validates it in one call: a body the serializer refuses (wrong
/// type, unknown property, bad enum) becomes a problem with its pointer instead of an exception.
/// </summary>
public static class RequestReader
{
    public static RequestReadResult<T> Read<T>(ReadOnlySpan<byte> utf8, JsonTypeInfo<T> type, TimeProvider clock)
        where T : class, IValidatedRequest
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(clock);
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(utf8, type);
        }
        catch (JsonException ex)
        {
            var pointer = JsonPointers.FromJsonPath(ex.Path);
            return new RequestReadResult<T>(null, [new ValidationProblem(pointer, SerializerErrorText.Explain(ex, pointer, utf8, type))]);
        }

        if (value is null)
        {
            return new RequestReadResult<T>(null, [new ValidationProblem(string.Empty, "a JSON object is required")]);
        }

        var problems = value.Validate(clock);
        return new RequestReadResult<T>(problems.Count == 0 ? value : null, problems);
    }

    public static RequestReadResult<T> Read<T>(string json, JsonTypeInfo<T> type, TimeProvider clock)
        where T : class, IValidatedRequest =>
        Read(System.Text.Encoding.UTF8.GetBytes(json), type, clock);
}

/// <summary>The request when it is valid; otherwise every problem found.</summary>
public sealed record RequestReadResult<T>(T? Value, IReadOnlyList<ValidationProblem> Problems)
    where T : class
{
    public bool IsValid => Value is not null && Problems.Count == 0;
}
