using System.Text.Json;
using Toolflow.Core.Validation.Schemas;

namespace Toolflow.Core.Validation.Rules;

/// <summary>The definition's <c>inputSchema</c> is itself a valid JSON Schema (draft 2020-12).</summary>
public static class InputSchemaRule
{
    public static void Check(RawWorkflow workflow, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        if (RawWorkflow.Property(workflow.Root, "inputSchema") is { ValueKind: JsonValueKind.Object } schema)
        {
            SchemaDocumentCheck.Check(schema, "/inputSchema", problems);
        }
    }
}
