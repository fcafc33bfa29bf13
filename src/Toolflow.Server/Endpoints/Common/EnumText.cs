using System.Reflection;
using System.Text.Json.Serialization;

namespace Toolflow.Server.Endpoints.Common;

/// <summary>Parses an enum from its SPEC spelling (the <c>JsonStringEnumMemberName</c>), e.g. <c>active</c>.</summary>
internal static class EnumText
{
    public static bool TryParse<T>(string text, out T value)
        where T : struct, Enum
    {
        foreach (var field in typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (string.Equals(field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name, text, StringComparison.Ordinal))
            {
                value = (T)field.GetValue(null)!;
                return true;
            }
        }

        value = default;
        return false;
    }
}
