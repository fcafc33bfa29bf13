using System.Text.Json;
using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Import;
using Toolflow.Core.Import.Report;
using Toolflow.Core.Validation;
using Toolflow.Tools.Catalog;

namespace Toolflow.Core.Tests.Import;

/// <summary>Every file of the corpus: no crash, a sound definition or specific reasons, and nothing lost silently.</summary>
public sealed class CorpusTests
{
    private static readonly WorkflowValidator Validator = new(ToolCatalog.BuiltIn);

    public static TheoryData<string> Valid => N8nCorpus.Valid();

    public static TheoryData<string> Problematic => N8nCorpus.Problematic();

    [Theory]
    [MemberData(nameof(Valid))]
    public void ValidExport_ConvertsSoundlyAndAccountsForEverything(string file)
    {
        var json = File.ReadAllText(Path.Combine(N8nCorpus.Directory, "valid", file));
        var export = JsonNode.Parse(json)!;
        var result = N8nImporter.Convert(json, new N8nImportOptions { Placeholders = true, Validator = Validator });
        var report = result.Report;
        var definition = result.Sound();

        // Every n8n node is accounted for, once, and an unconverted one says why.
        var names = export["nodes"]!.AsArray().Select(n => n!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(names, report.Nodes.Select(n => n.N8nName));
        Assert.All(report.Nodes.Where(n => n.Outcome == NodeOutcome.Unconverted), n => Assert.False(string.IsNullOrWhiteSpace(n.Reason)));
        Assert.All(report.Nodes.Where(n => n.Outcome == NodeOutcome.Mapped), n => Assert.Equal(n.Tool, definition.Node(n.NodeId!).Tool));
        Assert.All(report.Nodes.Where(n => n.Outcome == NodeOutcome.Folded), n => definition.Node(n.NodeId!));
        Assert.Equal(report.Nodes.Count(n => n.NodeId is not null && n.Outcome is NodeOutcome.Mapped or NodeOutcome.Unconverted), definition.Nodes.Count);

        // Every main connection is an edge, the trigger's, or reported.
        var main = export["connections"]?.AsObject().Sum(s => (s.Value?["main"] as JsonArray ?? []).Sum(o => (o as JsonArray)?.Count ?? 0)) ?? 0;
        Assert.Equal(main, report.Counts.MainConnections);
        Assert.Equal(main, report.Counts.Edges + report.Counts.TriggerConnections + report.Counts.DroppedConnections);

        // The definition survives the strict serialiser (unknown properties are errors there).
        var text = JsonSerializer.Serialize(definition, DefinitionJsonContext.Default.WorkflowDefinition);
        Assert.NotNull(JsonSerializer.Deserialize(text, DefinitionJsonContext.Default.WorkflowDefinition));

        // And it passes the same validator as `toolflow validate` and POST /workflows.
        var validation = Validator.Validate(text);
        Assert.True(validation.IsValid, string.Join("\n", validation.Problems));

        // Without placeholders the definition is returned exactly when nothing was lost.
        var strict = N8nImporter.Convert(json, new N8nImportOptions { Validator = Validator });
        Assert.Equal(report.FullyConverted, strict.Definition is not null);
    }

    [Theory]
    [MemberData(nameof(Problematic))]
    public void ProblematicExport_GivesTheTypedError(string file)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(N8nCorpus.Directory, "manifest.json")))!.AsArray();
        var kind = manifest.Single(m => m!["file"]!.GetValue<string>() == $"problematic/{file}")!["kind"]!.GetValue<string>();
        var error = Assert.Throws<N8nImportException>(() => N8nImporter.Convert(File.ReadAllText(Path.Combine(N8nCorpus.Directory, "problematic", file))));
        N8nImportErrorKind[] expected = kind switch
        {
            "no_nodes_array" => [N8nImportErrorKind.NotAnN8nExport, N8nImportErrorKind.NoNodes, N8nImportErrorKind.NotJson],
            "dangling_connection" => [N8nImportErrorKind.DanglingConnection],
            "duplicate_node_names" => [N8nImportErrorKind.DuplicateNodeName],
            _ => throw new InvalidOperationException($"unknown manifest kind {kind}"),
        };
        Assert.Contains(error.Kind, expected);
    }
}
