using System.Text.Json;
using System.Text.Json.Nodes;
using Toolflow.Core.Contracts;
using Toolflow.Core.Definitions;
using Toolflow.Core.Templates;
using Toolflow.Core.Validation;
using Toolflow.Storage.Repositories.Templates;

namespace Toolflow.Server.Templates;

/// <summary>
/// Turns a template and parameter values into a validated workflow definition, or the problems
/// that stop it. Two kinds of problem: the caller's values (<see cref="InstantiationResult.InvalidParameters"/>, keyed
/// <c>/parameters/&lt;name&gt;</c>) and a template that yields an invalid workflow with those values
/// (<see cref="InstantiationResult.InvalidResult"/>, keyed <c>/definition/…</c>). Nothing here touches storage.
/// </summary>
internal static class TemplateInstantiation
{
    private const string MissingRequired = "missing required propert";

    public static InstantiationResult Build(TemplateRecord template, JsonObject? supplied, string? name, WorkflowValidator validator)
    {
        var problems = new ProblemList();
        var values = TemplateParameters.Resolve(template.Parameters, supplied, "/parameters", problems);
        if (values is null)
        {
            return new InstantiationResult(null, NameEachMissingParameter(template.Parameters, supplied, problems), []);
        }

        // A declared parameter left out, with no default, is null in the workflow (as an absent optional
        // field is in n8n); "unknown parameter" would wrongly say the template never declared it.
        foreach (var declared in (template.Parameters["properties"] as JsonObject)?.Select(p => p.Key) ?? [])
        {
            values.TryAdd(declared, null);
        }

        var substitution = TemplateInstantiator.Substitute(template.Definition, values);
        if (!substitution.Succeeded || substitution.Definition is not JsonObject definition)
        {
            return new InstantiationResult(null, [], Under("/definition", substitution.Problems));
        }

        if (name is not null)
        {
            definition["name"] = name;
        }

        var validation = validator.Validate(JsonSerializer.SerializeToUtf8Bytes(definition, ContractsJsonContext.Default.JsonObject));
        return validation.IsValid
            ? new InstantiationResult(validation.Definition, [], [])
            : new InstantiationResult(null, [], Under("/definition", validation.Problems));
    }

    /// <summary>The schema reports missing required values at the object; the API names each parameter.</summary>
    private static List<ValidationProblem> NameEachMissingParameter(JsonObject schema, JsonObject? supplied, ProblemList problems)
    {
        var result = new List<ValidationProblem>();
        foreach (var problem in problems.Items)
        {
            if (problem.Pointer == "/parameters" && problem.Message.StartsWith(MissingRequired, StringComparison.Ordinal)
                && schema["required"] is JsonArray required)
            {
                foreach (var missing in required.Select(r => r?.GetValue<string>()).OfType<string>().Where(n => supplied?.ContainsKey(n) != true))
                {
                    result.Add(new ValidationProblem("/parameters/" + missing.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal), "is required"));
                }
            }
            else
            {
                result.Add(problem);
            }
        }

        return result;
    }

    private static List<ValidationProblem> Under(string prefix, IEnumerable<ValidationProblem> problems) =>
        [.. problems.Select(p => new ValidationProblem(prefix + p.Pointer, p.Message))];
}

/// <summary>The definition to save, or why not (the caller's values, or what the template makes of them).</summary>
internal sealed record InstantiationResult(
    WorkflowDefinition? Definition, IReadOnlyList<ValidationProblem> InvalidParameters, IReadOnlyList<ValidationProblem> InvalidResult);
