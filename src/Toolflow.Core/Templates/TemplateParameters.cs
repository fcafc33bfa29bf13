using System.Text.Json;
using System.Text.Json.Nodes;
using Toolflow.Core.Validation;
using Toolflow.Core.Validation.Schemas;

namespace Toolflow.Core.Templates;

/// <summary>
/// A template's parameters: a JSON Schema object whose properties are the parameters (type,
/// description, default, enum) and whose <c>required</c> lists the mandatory ones.
/// </summary>
public static class TemplateParameters
{
    /// <summary>Fills defaults, then checks the values against the schema; every problem at once, pointers under <paramref name="pointer"/>.</summary>
    public static JsonObject? Resolve(JsonObject schema, JsonObject? supplied, string pointer, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(problems);
        var values = (JsonObject?)supplied?.DeepClone() ?? [];
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, definition) in properties)
            {
                if (!values.ContainsKey(name) && definition is JsonObject d && d.TryGetPropertyValue("default", out var fallback))
                {
                    values[name] = fallback?.DeepClone();
                }
            }
        }

        var before = problems.Count;
        var compiled = CompiledSchema.Build(schema.ToJsonString());
        using var document = JsonDocument.Parse(values.ToJsonString());
        SchemaEvaluator.Evaluate(compiled, document.RootElement, pointer, allowExpressions: false, problems);
        return problems.Count == before ? values : null;
    }

    /// <summary>Checks a parameter schema when a template is saved: a valid JSON Schema of type object, and every placeholder declared.</summary>
    public static void CheckDefinition(JsonObject schema, JsonNode definition, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(problems);
        using (var document = JsonDocument.Parse(schema.ToJsonString()))
        {
            SchemaDocumentCheck.Check(document.RootElement, "/parameters", problems);
        }

        if (schema["type"] is JsonValue type && type.GetValueKind() == JsonValueKind.String && type.GetValue<string>() != "object")
        {
            problems.Add("/parameters/type", "the parameter schema must describe an object (type 'object')");
        }

        var declared = (schema["properties"] as JsonObject)?.Select(p => p.Key).ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var (name, usedAt) in TemplateInstantiator.FindUsedParameters(definition, problems))
        {
            if (!declared.Contains(name))
            {
                problems.Add("/definition" + usedAt, $"placeholder uses parameter '{name}', which the parameter schema does not declare");
            }
        }
    }
}
