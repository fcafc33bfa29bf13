using System.Text.Json;

namespace Toolflow.Core.Validation.Rules;

/// <summary>
/// JSON allows an object to name a property twice, and readers keep one of the values silently;
/// in a definition that is always a mistake, so it is reported wherever it occurs. This walks
/// the whole document, so it keeps the path as a stack and builds a pointer only for a hit.
/// </summary>
public static class DuplicatePropertyRule
{
    public static void Check(JsonElement value, string pointer, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        Walk(value, [pointer], problems);
    }

    private static void Walk(JsonElement value, List<string> path, ProblemList problems)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new List<string>();
                foreach (var property in value.EnumerateObject())
                {
                    // Objects are small; a linear scan beats a hash set per object.
                    if (names.Contains(property.Name))
                    {
                        problems.Add(Pointer(path, property.Name), $"property '{property.Name}' appears more than once");
                    }
                    else
                    {
                        names.Add(property.Name);
                    }

                    if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    {
                        path.Add(JsonPointers.Escape(property.Name));
                        Walk(property.Value, path, problems);
                        path.RemoveAt(path.Count - 1);
                    }
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    {
                        path.Add(index.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        Walk(item, path, problems);
                        path.RemoveAt(path.Count - 1);
                    }

                    index++;
                }

                break;
        }
    }

    private static string Pointer(List<string> path, string name) =>
        string.Join('/', path) + "/" + JsonPointers.Escape(name);
}
