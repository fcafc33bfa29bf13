using System.Text.Json;
using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Import;
using Toolflow.Core.Validation;
using Toolflow.Tools.Catalog;

namespace Toolflow.Server.Tests.Processes;

/// <summary>An n8n export, imported, then run by <c>toolflow run</c> as a real process.</summary>
public sealed class ImportRoundTripTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("toolflow-import-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private const string Export = """
        {
          "name": "Double big numbers",
          "nodes": [
            { "name": "Start", "type": "n8n-nodes-base.manualTrigger", "typeVersion": 1, "position": [0, 0], "parameters": {} },
            { "name": "Set Number", "type": "n8n-nodes-base.set", "typeVersion": 3.4, "position": [200, 0],
              "parameters": { "assignments": { "assignments": [ { "id": "1", "name": "x", "value": 21, "type": "number" } ] }, "options": {} } },
            { "name": "Is Big", "type": "n8n-nodes-base.if", "typeVersion": 2, "position": [400, 0],
              "parameters": { "conditions": { "options": { "caseSensitive": true, "leftValue": "", "typeValidation": "strict" },
                "conditions": [ { "id": "c", "leftValue": "={{ $json.x }}", "rightValue": 10, "operator": { "type": "number", "operation": "gt" } } ],
                "combinator": "and" }, "options": {} } },
            { "name": "Double", "type": "n8n-nodes-base.code", "typeVersion": 2, "position": [600, 0],
              "parameters": { "jsCode": "return [{ json: { doubled: $input.first().json.x * 2 } }];" } }
          ],
          "connections": {
            "Start": { "main": [ [ { "node": "Set Number", "type": "main", "index": 0 } ] ] },
            "Set Number": { "main": [ [ { "node": "Is Big", "type": "main", "index": 0 } ] ] },
            "Is Big": { "main": [ [ { "node": "Double", "type": "main", "index": 0 } ], [] ] }
          }
        }
        """;

    [Fact]
    public async Task ImportedExport_ValidatesAndRuns()
    {
        var result = N8nImporter.Convert(Export, new N8nImportOptions { Validator = new WorkflowValidator(ToolCatalog.BuiltIn) });
        Assert.True(result.Report.FullyConverted, string.Join("\n", result.Report.Nodes.Select(n => $"{n.N8nName}: {n.Outcome} {n.Reason}")));
        var file = Path.Combine(folder, "imported.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(result.Definition!, DefinitionJsonContext.Default.WorkflowDefinition));

        await using var run = ToolflowProcess.Start(folder, ["run", file]);
        var exit = await run.WaitForExitAsync(TimeSpan.FromSeconds(120));
        var report = JsonNode.Parse(run.StandardOutput)!;

        Assert.True(exit == 0, run.Output);
        Assert.Equal("completed", (string)report["status"]!);
        var doubled = report["nodes"]!.AsObject().Select(n => n.Value!["output"]).OfType<JsonNode>()
            .SelectMany(o => o is JsonArray a ? a.Select(i => i) : [o])
            .Select(o => o?["doubled"]).OfType<JsonNode>().Select(v => (int)v).ToList();
        Assert.Equal([42], doubled);
    }
}
