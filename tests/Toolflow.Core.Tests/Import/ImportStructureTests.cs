using Toolflow.Core.Definitions;
using Toolflow.Core.Import;
using Toolflow.Core.Import.Report;

namespace Toolflow.Core.Tests.Import;

public sealed class ImportStructureTests
{
    [Fact]
    public void Convert_TooDeepExport_IsRefusedAsNotJson()
    {
        var deep = string.Concat(Enumerable.Repeat("[", 100)) + string.Concat(Enumerable.Repeat("]", 100));
        var json = """{"nodes": [{"name": "A", "type": "n8n-nodes-base.set", "parameters": {"x": """ + deep + "}}]}";
        Assert.Equal(N8nImportErrorKind.NotJson, Assert.Throws<N8nImportException>(() => N8nImporter.Convert(json)).Kind);
    }

    [Theory]
    [InlineData("not json", N8nImportErrorKind.NotJson)]
    [InlineData("[1, 2]", N8nImportErrorKind.NotAnN8nExport)]
    [InlineData("{}", N8nImportErrorKind.NotAnN8nExport)]
    [InlineData("""{"nodes": []}""", N8nImportErrorKind.NoNodes)]
    [InlineData("""{"nodes": [{"name": "A"}]}""", N8nImportErrorKind.NotAnN8nExport)]
    [InlineData("""{"nodes": [{"name": "A", "type": "x"}, {"name": "A", "type": "y"}]}""", N8nImportErrorKind.DuplicateNodeName)]
    [InlineData("""{"nodes": [{"name": "A", "type": "x"}], "connections": {"A": {"main": [[{"node": "B"}]]}}}""", N8nImportErrorKind.DanglingConnection)]
    [InlineData("""{"nodes": [{"name": "A", "type": "x"}], "connections": {"Z": {"main": [[{"node": "A"}]]}}}""", N8nImportErrorKind.DanglingConnection)]
    public void Convert_BrokenExport_ThrowsTypedError(string json, N8nImportErrorKind kind)
    {
        var error = Assert.Throws<N8nImportException>(() => N8nImporter.Convert(json));
        Assert.Equal(kind, error.Kind);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Convert_ManualTrigger_BecomesTheTriggerAndNoNode()
    {
        var result = new N8nDoc().Trigger().Node("Do", "noOp").Connect("Start", "Do").Convert();
        var definition = result.Sound();
        Assert.Equal(TriggerType.Manual, definition.Trigger!.Type);
        Assert.Equal(NodeOutcome.Trigger, result.Entry("Start").Outcome);
        Assert.Equal("Do", Assert.Single(definition.Nodes).Id);
        Assert.Empty(definition.Edges);
        Assert.Equal(1, result.Report.Counts.TriggerConnections);
        Assert.True(result.Report.FullyConverted);
    }

    [Fact]
    public void Convert_NodeNames_BecomeSanitisedUniqueIdsAndPositionsAreKept()
    {
        var definition = new N8nDoc().Node("Get data!", "noOp").Node("Get data?", "noOp").Node("1 ✨ step", "noOp").Convert().Sound();
        Assert.Equal(["Get_data", "Get_data_2", "_1_step"], definition.Nodes.Select(n => n.Id));
        Assert.Equal(new NodePosition(100, 200), definition.Nodes[1].Position);
        Assert.Equal("Get data?", definition.Nodes[1].Name);
    }

    [Fact]
    public void Convert_SettingsWithoutAField_AreWarned()
    {
        var result = new N8nDoc().Node("Do", "noOp", "{}", 1, """{"executeOnce": true, "notes": "why"}""").Convert();
        Assert.Contains("n8n node settings not kept: notes, executeOnce", result.Entry("Do").Warnings);
    }

    [Fact]
    public void Convert_StickyNotes_BecomeTheDescription()
    {
        var result = new N8nDoc().Node("Note", "stickyNote", """{"content": "## Read me"}""").Node("Do", "noOp").Convert();
        Assert.Equal("## Read me", result.Sound().Description);
        Assert.Equal(NodeOutcome.StickyNote, result.Entry("Note").Outcome);
    }

    [Fact]
    public void Convert_Credentials_BecomeNodeCredentialsAndTodos()
    {
        var result = new N8nDoc().Node("Call", "httpRequest", """{"url": "https://example.org"}""", 4.2,
            """{"credentials": {"httpHeaderAuth": {"id": "7", "name": "My API key"}}}""").Convert();
        Assert.Equal("My API key", result.Sound().Node("Call").Credential);
        var todo = Assert.Single(result.Report.Credentials);
        Assert.Equal(("Call", "My API key", "httpHeaderAuth"), (todo.NodeId, todo.CredentialName, todo.N8nCredentialType));
    }

    [Fact]
    public void Convert_UnknownType_IsRefusedOrPlaceholderedWithTheReason()
    {
        var doc = new N8nDoc().Trigger().Node("Sheet", "googleSheets").Node("After", "noOp").Connect("Start", "Sheet").Connect("Sheet", "After");
        var refused = doc.Convert();
        Assert.Null(refused.Definition);
        Assert.Equal(UnconvertedKind.UnknownNodeType, refused.Entry("Sheet").Kind);
        Assert.Contains("unknown node type `n8n-nodes-base.googleSheets`", refused.Entry("Sheet").Reason, StringComparison.Ordinal);

        var placeholder = doc.Convert(placeholders: true).Sound();
        Assert.Equal("flow.fail", placeholder.Node("Sheet").Tool);
        Assert.Contains("googleSheets", placeholder.Config("Sheet", "message"), StringComparison.Ordinal);
        Assert.Single(placeholder.Edges, e => e.Source == "Sheet" && e.Target == "After");
    }

    [Fact]
    public void Convert_SplitInBatchesLoop_IsReportedAsCycleAndBrokenInPlaceholderMode()
    {
        var doc = new N8nDoc().Trigger().Node("Loop", "splitInBatches", "{}", 3).Node("Work", "noOp").Node("Done", "noOp")
            .Connect("Start", "Loop").Connect("Loop", "Done", 0).Connect("Loop", "Work", 1).Connect("Work", "Loop");
        var refused = doc.Convert();
        Assert.Null(refused.Definition);
        Assert.Equal(UnconvertedKind.Cycle, refused.Entry("Work").Kind);
        Assert.Contains("SplitInBatches", refused.Entry("Loop").Reason, StringComparison.Ordinal);

        var result = doc.Convert(placeholders: true);
        var definition = result.Sound();
        Assert.Equal(NodeOutcome.Mapped, result.Entry("Done").Outcome);
        Assert.Equal(2, result.Report.DroppedConnections.Count);
        Assert.All(result.Report.DroppedConnections, d => Assert.Equal("it closes a loop", d.Reason));
        Assert.Single(definition.Edges);
    }

    [Fact]
    public void Convert_ErrorOutput_BecomesErrorBranch()
    {
        var definition = new N8nDoc()
            .Node("Call", "httpRequest", """{"url": "https://example.org"}""", 4.2, """{"onError": "continueErrorOutput"}""")
            .Node("Ok", "noOp").Node("Failed", "noOp").Connect("Call", "Ok", 0).Connect("Call", "Failed", 1).Convert().Sound();
        Assert.Equal(OnErrorMode.Branch, definition.Node("Call").OnError);
        Assert.Contains(definition.Edges, e => e.Target == "Failed" && e.Branch == "error");
        Assert.Contains(definition.Edges, e => e.Target == "Ok" && e.Branch is null);
    }
}
