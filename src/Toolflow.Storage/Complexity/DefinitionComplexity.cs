using System.Text.Json;
using Toolflow.Core.Complexity;
using Toolflow.Core.Definitions;

namespace Toolflow.Storage.Complexity;

/// <summary>
/// The complexity score of a stored definition (JSON text), computed by
/// <see cref="WorkflowComplexity.Compute"/>. SQLite calls it as <c>workflow_complexity(text)</c>;
/// PostgreSQL has the same rules in PL/pgSQL, and the tests prove the three agree.
/// </summary>
public static class DefinitionComplexity
{
    // Stored rows may carry fields a newer definition format added: skip them rather than fail.
    private static readonly DefinitionJsonContext Lenient = new(
        new JsonSerializerOptions(DefinitionJsonContext.Default.Options)
        {
            UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip,
        });

    /// <summary>The score, or null when <paramref name="json"/> is not a workflow definition.</summary>
    public static int? FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            var definition = JsonSerializer.Deserialize(json, Lenient.WorkflowDefinition);
            return definition is null ? null : WorkflowComplexity.Compute(definition);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
