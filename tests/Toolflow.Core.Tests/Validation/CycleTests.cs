using System.Text.Json.Nodes;
using static Toolflow.Core.Tests.Validation.Validate;

namespace Toolflow.Core.Tests.Validation;

public sealed class CycleTests
{
    [Fact]
    public void BackEdge_IsReportedAtTheEdge_NamingEveryNodeOnTheCycle()
    {
        var definition = Base();
        Edges(definition).Add(new JsonObject { ["source"] = "notify", ["target"] = "fetch" });
        AssertProblem(Node(definition), "/edges/2", "closes a cycle: fetch → check → notify → fetch");
    }

    [Fact]
    public void SelfLoop_IsACycle()
    {
        var definition = Base();
        Edges(definition).Add(new JsonObject { ["source"] = "check", ["target"] = "check" });
        AssertProblem(Node(definition), "/edges/2", "closes a cycle: check → check");
    }

    [Fact]
    public void TwoSeparateCycles_AreBothReported()
    {
        var result = FromJson("""
            {
              "name": "two loops",
              "nodes": [
                { "id": "a", "tool": "flow.merge" }, { "id": "b", "tool": "flow.merge" },
                { "id": "c", "tool": "flow.merge" }, { "id": "d", "tool": "flow.merge" }
              ],
              "edges": [
                { "source": "a", "target": "b" }, { "source": "b", "target": "a" },
                { "source": "c", "target": "d" }, { "source": "d", "target": "c" }
              ]
            }
            """);
        AssertProblem(result, "/edges/1", "a → b → a");
        AssertProblem(result, "/edges/3", "c → d → c");
    }

    [Fact]
    public void DiamondShape_IsNotACycle()
    {
        AssertValid(FromJson("""
            {
              "name": "diamond",
              "nodes": [
                { "id": "a", "tool": "flow.merge" }, { "id": "b", "tool": "flow.merge" },
                { "id": "c", "tool": "flow.merge" }, { "id": "d", "tool": "flow.merge" }
              ],
              "edges": [
                { "source": "a", "target": "b" }, { "source": "a", "target": "c" },
                { "source": "b", "target": "d" }, { "source": "c", "target": "d" }
              ]
            }
            """));
    }

    [Fact]
    public void LongChain_OfAThousandNodes_DoesNotOverflow_AndItsBackEdgeIsFound()
    {
        var nodes = new JsonArray();
        var edges = new JsonArray();
        for (var i = 0; i < 1000; i++)
        {
            nodes.Add(new JsonObject { ["id"] = $"n{i}", ["tool"] = "flow.merge" });
            if (i > 0)
            {
                edges.Add(new JsonObject { ["source"] = $"n{i - 1}", ["target"] = $"n{i}" });
            }
        }

        edges.Add(new JsonObject { ["source"] = "n999", ["target"] = "n0" });
        var result = Node(new JsonObject { ["name"] = "chain", ["nodes"] = nodes, ["edges"] = edges });
        AssertProblem(result, "/edges/999", "n0 → n1 → n2");
    }
}
