using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Toolflow.Core.Definitions;

namespace Toolflow.Storage.Repositories.Workflows;

/// <summary>How definitions are stored: the Core serialiser's JSON, read back leniently so a row
/// written by a newer build (an extra field) still loads.</summary>
internal static class DefinitionJson
{
    private static readonly DefinitionJsonContext Lenient = new(
        new JsonSerializerOptions(DefinitionJsonContext.Default.Options)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        });

    public static string Write(WorkflowDefinition definition) =>
        JsonSerializer.Serialize(definition, DefinitionJsonContext.Default.WorkflowDefinition);

    public static WorkflowDefinition Parse(string json) =>
        JsonSerializer.Deserialize(json, Lenient.WorkflowDefinition)
        ?? throw new JsonException("A stored definition is JSON null.");

    /// <summary>Same definition, whatever the key order (PostgreSQL's jsonb re-orders keys).</summary>
    public static bool SameAs(WorkflowDefinition stored, WorkflowDefinition candidate) =>
        JsonNode.DeepEquals(
            JsonSerializer.SerializeToNode(stored, DefinitionJsonContext.Default.WorkflowDefinition),
            JsonSerializer.SerializeToNode(candidate, DefinitionJsonContext.Default.WorkflowDefinition));

    /// <summary>
    /// Webhook triggers get a server-generated hook id: the one the workflow already has, else a
    /// new random one. A client-supplied id is ignored, so nobody can claim another workflow's hook.
    /// </summary>
    public static WorkflowDefinition WithHookId(WorkflowDefinition definition, string? existingHookId)
    {
        if (definition.Trigger is not { Type: TriggerType.Webhook } trigger)
        {
            return definition.Trigger is { HookId: not null }
                ? definition with { Trigger = definition.Trigger with { HookId = null } }
                : definition;
        }

        var hookId = existingHookId ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return definition with { Trigger = trigger with { HookId = hookId } };
    }
}
