namespace Toolflow.Core.Import.Mapping;

/// <summary>Maps one family of n8n node types to a Toolflow tool.</summary>
internal interface IN8nNodeMapper
{
    /// <summary>The full n8n type names this mapper handles.</summary>
    IReadOnlyList<string> Types { get; }

    NodeMapping Map(MappingContext context);
}
