using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Toolflow.Core.Validation;
using Toolflow.Core.Validation.Shapes;

namespace Toolflow.Core.Contracts.Common;

/// <summary>
/// Turns the serializer's refusal of a request body into a message about the field: what it must be
/// and what was sent ("must be a string, not the number 5"), or "unknown property 'x'". The serializer's
/// own text names the server's .NET types ("could not be converted to Toolflow.Core.Contracts…"),
/// which tells a caller nothing and shows internals.
/// </summary>
internal static partial class SerializerErrorText
{
    public static string Explain(JsonException ex, string pointer, ReadOnlySpan<byte> utf8, JsonTypeInfo root)
    {
        if (UnknownProperty().Match(ex.Message) is { Success: true } unknown)
        {
            return $"unknown property '{unknown.Groups["name"].Value}'";
        }

        if (!ex.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            return Trimmed(ex.Message);
        }

        var expected = TargetType(root, JsonPointers.Segments(pointer)) is { } type ? Describe(type) : null;
        // What was sent is echoed only where it cannot be a secret: a credential's data, or a field named like a
        // password or token, is described without its value (an error body is logged and shown, never secret).
        var sent = IsSecret(root, pointer) ? null : Sent(utf8, pointer);
        return (expected, sent) switch
        {
            (not null, not null) => $"must be {expected}, not {sent}",
            (not null, null) => $"must be {expected}",
            (null, not null) => $"{sent} is not valid here",
            _ => "is not valid here",
        };
    }

    /// <summary>The serializer's message without its trailing "Path: … | LineNumber: …" (the pointer says where).</summary>
    private static string Trimmed(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    /// <summary>The .NET type the serializer wanted at <paramref name="segments"/>, walking the contract's metadata.</summary>
    private static Type? TargetType(JsonTypeInfo root, IReadOnlyList<string> segments)
    {
        var info = root;
        Type? current = root.Type;
        for (var i = 0; i < segments.Count; i++)
        {
            current = info.Kind switch
            {
                JsonTypeInfoKind.Object => info.Properties.FirstOrDefault(p => p.Name == segments[i])?.PropertyType,
                JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary => info.ElementType,
                _ => null,
            };
            if (current is null)
            {
                return null;
            }

            if (i < segments.Count - 1)
            {
                try
                {
                    info = root.Options.GetTypeInfo(current);
                }
                catch (NotSupportedException)
                {
                    return null;
                }
            }
        }

        return current;
    }

    private static string? Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            return "one of " + string.Join(", ", EnumNames(type).Select(n => $"'{n}'"));
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.String or TypeCode.Char => "a string",
            TypeCode.Boolean => "true or false",
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64 => "a whole number",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "a number",
            TypeCode.DateTime => "an ISO-8601 date and time",
            _ when type == typeof(DateTimeOffset) => "an ISO-8601 date and time",
            _ when type == typeof(Guid) => "a UUID",
            _ when type == typeof(JsonArray) || typeof(System.Collections.IEnumerable).IsAssignableFrom(type) && !typeof(JsonObject).IsAssignableFrom(type) && !IsDictionary(type) => "an array",
            _ when type == typeof(JsonNode) || type == typeof(JsonElement) || type == typeof(object) => null,
            _ => "an object",
        };
    }

    // Reflection over the contract types: the ahead-of-time compiler keeps a constructed type's interfaces and
    // an enum's fields; were it not to, the cost is a vaguer word in an error message, never a wrong answer.
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "See the comment above: error wording only.")]
    private static bool IsDictionary(Type type) =>
        type.GetInterfaces().Append(type).Any(i => i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(IDictionary<,>) || i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)));

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "See IsDictionary: error wording only.")]
    private static IEnumerable<string> EnumNames(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(f.Name));

    /// <summary>What the caller sent at the pointer ("the number 5"), when the body is a JSON document.</summary>
    private static string? Sent(ReadOnlySpan<byte> utf8, string pointer)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 64 });
            using var document = JsonDocument.ParseValue(ref reader);
            return JsonPointers.TryResolve(document.RootElement, pointer, out var value) ? FieldRule.Describe(value) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsSecret(JsonTypeInfo root, string pointer)
    {
        var segments = JsonPointers.Segments(pointer);
        return segments.Any(s => SecretName().IsMatch(s))
            || (segments is ["data", ..] && (root.Type == typeof(Credentials.CreateCredentialRequest) || root.Type == typeof(Credentials.UpdateCredentialRequest)));
    }

    [GeneratedRegex("^The JSON property '(?<name>.*)' could not be mapped to any .NET member", RegexOptions.CultureInvariant)]
    private static partial Regex UnknownProperty();

    [GeneratedRegex("pass(word)?|secret|token|api[-_]?key|authori[sz]ation|credential|cookie|private[-_]?key|connection[-_]?string", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();
}
