using System.Text.Json;
using System.Text.Json.Nodes;

namespace Toolflow.Core.Expressions;

/// <summary>How a value reads when interpolated into text.</summary>
public static class TemplateText
{
    /// <summary>Strings as they are, null as nothing, everything else as compact JSON.</summary>
    public static string Of(JsonNode? value) => value switch
    {
        null => string.Empty,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => value.ToJsonString(),
    };
}
