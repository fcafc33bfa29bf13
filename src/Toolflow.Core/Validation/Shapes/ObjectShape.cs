using System.Text.Json;

namespace Toolflow.Core.Validation.Shapes;

/// <summary>The properties an object may have, which are required, and the rule of each. Anything else is an error.</summary>
public sealed class ObjectShape
{
    private readonly Dictionary<string, FieldRule> _fields = new(StringComparer.Ordinal);
    private readonly List<string> _required = [];
    private readonly HashSet<string> _nullable = new(StringComparer.Ordinal);

    public ObjectShape Required(string name, FieldRule rule)
    {
        _fields.Add(name, rule);
        _required.Add(name);
        return this;
    }

    /// <summary>An optional property; <paramref name="nullable"/> lets an explicit null stand for "absent".</summary>
    public ObjectShape Optional(string name, FieldRule rule, bool nullable = true)
    {
        _fields.Add(name, rule);
        if (nullable)
        {
            _nullable.Add(name);
        }

        return this;
    }

    public void Check(JsonElement value, string pointer, ProblemList problems, ISet<string>? alsoAllowed = null)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add(pointer, $"must be an object, not {FieldRule.Describe(value)}");
            return;
        }

        foreach (var property in value.EnumerateObject())
        {
            var at = JsonPointers.Append(pointer, property.Name);
            if (_fields.TryGetValue(property.Name, out var rule))
            {
                // null stands for "absent" only where the model's property is nullable.
                if (property.Value.ValueKind != JsonValueKind.Null || !_nullable.Contains(property.Name))
                {
                    rule.Check(property.Value, at, problems);
                }
            }
            else if (alsoAllowed is null || !alsoAllowed.Contains(property.Name))
            {
                problems.Add(at, $"unknown property '{property.Name}'{Suggest(property.Name)}");
            }
        }

        foreach (var name in _required)
        {
            if (!value.TryGetProperty(name, out _))
            {
                problems.Add(pointer, $"missing required property '{name}'");
            }
        }
    }

    /// <summary>Points at a likely intended name when the unknown one differs only by case.</summary>
    private string Suggest(string name)
    {
        var match = _fields.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
        return match is null ? string.Empty : $" (did you mean '{match}'?)";
    }
}
