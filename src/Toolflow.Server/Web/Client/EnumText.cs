using System.Text.Json;

namespace Toolflow.Server.Web.Client;

/// <summary>An enum as SPEC writes it (its JSON string: <c>running</c>, <c>draft</c> …).</summary>
public static class EnumText
{
    public static string Of<T>(T value)
        where T : struct, Enum => JsonSerializer.Serialize(value, ToolflowClient.Json).Trim('"');
}
