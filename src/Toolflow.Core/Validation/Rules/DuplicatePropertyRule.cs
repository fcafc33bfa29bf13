using System.Text.Json;

namespace Toolflow.Core.Validation.Rules;

/// <summary>
/// JSON allows an object to name a property twice, and readers keep one of the values silently;
/// in a definition that is always a mistake, so it is reported wherever it occurs.
/// </summary>
public static class DuplicatePropertyRule
{
    public static void Check(JsonElement value, string pointer, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                HashSet<string>? names = null;
                foreach (var property in value.EnumerateObject())
                {
                    var at = JsonPointers.Append(pointer, property.Name);
                    names ??= new HashSet<string>(StringComparer.Ordinal);
                    if (!names.Add(property.Name))
                    {
                        problems.Add(at, $"property '{property.Name}' appears more than once");
                    }

                    Check(property.Value, at, problems);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Check(item, JsonPointers.Append(pointer, index++), problems);
                }

                break;
        }
    }
}
