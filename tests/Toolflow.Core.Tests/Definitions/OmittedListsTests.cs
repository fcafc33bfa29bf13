using System.Text.Json;
using Toolflow.Core.Definitions;

namespace Toolflow.Core.Tests.Definitions;

public class OmittedListsTests
{
    [Fact]
    public void OmittedTagsNodesAndEdges_ReadAsEmptyLists_NotNull()
    {
        var definition = JsonSerializer.Deserialize("""{ "name": "bare" }""", DefinitionJsonContext.Default.WorkflowDefinition)!;

        Assert.Empty(definition.Tags);
        Assert.Empty(definition.Nodes);
        Assert.Empty(definition.Edges);
    }

    [Fact]
    public void ExplicitNullLists_ReadAsEmptyLists()
    {
        var definition = JsonSerializer.Deserialize("""{ "name": "bare", "tags": null, "nodes": null, "edges": null }""", DefinitionJsonContext.Default.WorkflowDefinition)!;

        Assert.Empty(definition.Tags);
        Assert.Empty(definition.Nodes);
        Assert.Empty(definition.Edges);
    }
}
