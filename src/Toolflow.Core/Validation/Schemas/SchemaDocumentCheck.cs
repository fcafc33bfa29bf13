using System.Text.Json;
using Json.Schema;

namespace Toolflow.Core.Validation.Schemas;

/// <summary>
/// Is a user-supplied document (a workflow's <c>inputSchema</c>, a template's parameters) a JSON
/// Schema? It must pass the draft 2020-12 meta-schema and then build.
/// </summary>
public static class SchemaDocumentCheck
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List };

    public static void Check(JsonElement schema, string pointer, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var results = MetaSchemas.Draft202012.Evaluate(schema, Options);
        if (!results.IsValid)
        {
            // The meta-schema's alternatives (anyOf for "type") each report, even when another
            // alternative matched: keep only errors whose every enclosing anyOf/oneOf failed too.
            var all = Flatten(results).ToList();
            var validity = new Dictionary<(string, string), bool>();
            foreach (var result in all)
            {
                validity.TryAdd((result.EvaluationPath.ToString(), result.InstanceLocation.ToString()), result.IsValid);
            }

            var byLocation = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var result in all)
            {
                var path = JsonPointers.Segments(result.EvaluationPath.ToString());
                if (result.Errors is not { Count: > 0 } errors || path.Contains("not") || path.Contains("if") ||
                    InsideSatisfiedAlternative(path, result.InstanceLocation.ToString(), validity))
                {
                    continue;
                }

                var location = result.InstanceLocation.ToString();
                if (!byLocation.TryGetValue(location, out var messages))
                {
                    byLocation[location] = messages = [];
                }

                messages.AddRange(errors.Values.Where(m => !messages.Contains(m)));
            }

            foreach (var (location, messages) in byLocation)
            {
                problems.Add(pointer + location, $"not a valid JSON Schema: {string.Join(" or ", messages)}");
            }

            if (byLocation.Count > 0)
            {
                return;
            }
        }

        try
        {
            CompiledSchema.Build(schema);
        }
        catch (Exception ex) when (ex is JsonSchemaException or JsonException or ArgumentException or InvalidOperationException)
        {
            problems.Add(pointer, $"not a valid JSON Schema: {ex.Message}");
        }
    }

    private static bool InsideSatisfiedAlternative(IReadOnlyList<string> path, string location, Dictionary<(string, string), bool> validity)
    {
        for (var i = 0; i < path.Count; i++)
        {
            if (path[i] is "anyOf" or "oneOf")
            {
                var owner = i == 0 ? string.Empty : "/" + string.Join('/', path.Take(i).Select(JsonPointers.Escape));
                if (validity.TryGetValue((owner, location), out var valid) && valid)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static IEnumerable<EvaluationResults> Flatten(EvaluationResults results)
    {
        yield return results;
        foreach (var detail in results.Details ?? [])
        {
            foreach (var nested in Flatten(detail))
            {
                yield return nested;
            }
        }
    }
}
