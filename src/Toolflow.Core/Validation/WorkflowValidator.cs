using System.Text.Json;
using Toolflow.Core.Definitions;
using Toolflow.Core.Tools;
using Toolflow.Core.Validation.Json;
using Toolflow.Core.Validation.Rules;
using Toolflow.Core.Validation.Schemas;
using Toolflow.Core.Validation.Shapes;

namespace Toolflow.Core.Validation;

/// <summary>
/// Validates a workflow definition (SPEC §2) and reports every problem at once, each with an
/// RFC 6901 pointer into the definition's JSON. The rules run on the raw JSON, so type errors
/// do not hide graph errors; only a clean document is deserialised. Thread-safe; keep one per catalog.
/// </summary>
public sealed class WorkflowValidator(IToolCatalog catalog)
{
    private readonly IToolCatalog _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
    private readonly ToolSchemaCache _schemas = new();

    public WorkflowValidationResult Validate(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Validate(System.Text.Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Validates UTF-8 text under the size and depth limits.</summary>
    public WorkflowValidationResult Validate(ReadOnlyMemory<byte> utf8)
    {
        var read = JsonInput.Read(utf8);
        if (read.MalformedReason is { } reason)
        {
            return WorkflowValidationResult.Malformed(reason);
        }

        if (read.DocumentProblem is { } problem)
        {
            return WorkflowValidationResult.Invalid([new ValidationProblem(string.Empty, problem)]);
        }

        using var document = read.Document!;
        return Validate(document.RootElement);
    }

    /// <summary>Validates a definition built in code, exactly as if it had arrived as JSON.</summary>
    public WorkflowValidationResult Validate(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Validate(JsonSerializer.SerializeToUtf8Bytes(definition, DefinitionJsonContext.Default.WorkflowDefinition));
    }

    /// <summary>Validates an already parsed document (the caller owns its size and depth limits).</summary>
    public WorkflowValidationResult Validate(JsonElement root)
    {
        var problems = new ProblemList();
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add(string.Empty, $"a workflow definition must be a JSON object, not {FieldRule.Describe(root)}");
            return WorkflowValidationResult.Invalid(problems.Items);
        }

        DefinitionShapes.Workflow.Check(root, string.Empty, problems);
        DuplicatePropertyRule.Check(root, string.Empty, problems);
        var workflow = RawWorkflow.From(root);
        NodeIdRules.Check(workflow, problems);
        ToolReferenceRules.Check(workflow, _catalog, problems);
        EdgeRules.Check(workflow, _catalog, problems);
        CycleRule.Check(workflow, problems);
        ConfigSchemaRule.Check(workflow, _catalog, _schemas, problems);
        ExpressionRules.Check(workflow, problems);
        NodeReferenceRule.Check(workflow, problems);
        RetryRules.Check(workflow, problems);
        TriggerRules.Check(workflow, problems);
        InputSchemaRule.Check(workflow, problems);
        return problems.Count > 0 ? WorkflowValidationResult.Invalid(problems.Items) : Deserialize(root);
    }

    private static WorkflowValidationResult Deserialize(JsonElement root)
    {
        try
        {
            var definition = root.Deserialize(DefinitionJsonContext.Default.WorkflowDefinition);
            return definition is null
                ? WorkflowValidationResult.Invalid([new ValidationProblem(string.Empty, "the definition is null")])
                : WorkflowValidationResult.Valid(definition);
        }
        catch (JsonException ex)
        {
            // The shapes mirror the records; this only fires if they drift apart, and still answers cleanly.
            return WorkflowValidationResult.Invalid([new ValidationProblem(JsonPointers.FromJsonPath(ex.Path), ex.Message)]);
        }
    }
}
