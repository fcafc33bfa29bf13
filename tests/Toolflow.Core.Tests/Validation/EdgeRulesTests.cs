using System.Text.Json.Nodes;
using static Toolflow.Core.Tests.Validation.Validate;

namespace Toolflow.Core.Tests.Validation;

public sealed class EdgeRulesTests
{
    [Fact]
    public void EdgeToUnknownTarget_IsReportedAtTarget()
    {
        var definition = Base();
        Edges(definition).Add(new JsonObject { ["source"] = "notify", ["target"] = "archive" });
        AssertProblem(Node(definition), "/edges/2/target", "unknown node 'archive'");
    }

    [Fact]
    public void EdgeFromUnknownSource_IsReportedAtSource()
    {
        var definition = Base();
        Edges(definition).Add(new JsonObject { ["source"] = "ghost", ["target"] = "notify" });
        AssertProblem(Node(definition), "/edges/2/source", "unknown node 'ghost'");
    }

    [Fact]
    public void DuplicateEdge_IsReported()
    {
        var definition = Base();
        Edges(definition).Add(new JsonObject { ["source"] = "fetch", ["target"] = "check" });
        AssertProblem(Node(definition), "/edges/2", "duplicate edge fetch → check (same as /edges/0)");
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public void ConditionBranches_TrueAndFalse_AreAccepted(string branch)
    {
        var definition = Base();
        Edges(definition)[1]!["branch"] = branch;
        AssertValid(Node(definition));
    }

    [Fact]
    public void ConditionBranch_ThatDoesNotExist_IsReported_ListingTheRealOnes()
    {
        var definition = Base();
        Edges(definition)[1]!["branch"] = "yes";
        AssertProblem(Node(definition), "/edges/1/branch", "node 'check' has no branch 'yes': its branches are 'true', 'false'");
    }

    [Fact]
    public void Branch_OnANodeWithoutBranches_IsReported()
    {
        var definition = Base();
        Edges(definition)[0]!["branch"] = "true";
        AssertProblem(Node(definition), "/edges/0/branch", "it has no branches");
    }

    [Fact]
    public void ErrorBranch_IsAccepted_WhenSourceOnErrorIsBranch()
    {
        var definition = Base();
        NodeAt(definition, 0)["onError"] = "branch";
        Edges(definition)[0]!["branch"] = "error";
        AssertValid(Node(definition));
    }

    [Fact]
    public void ErrorBranch_IsRejected_WhenSourceOnErrorIsNotBranch()
    {
        var definition = Base();
        NodeAt(definition, 0)["onError"] = "continue";
        Edges(definition)[0]!["branch"] = "error";
        AssertProblem(Node(definition), "/edges/0/branch", "set \"onError\": \"branch\"");
    }

    [Theory]
    [InlineData("low", true)]
    [InlineData("high", true)]
    [InlineData("default", true)]
    [InlineData("medium", false)]
    public void SwitchBranches_AreItsCasesAndDefault(string branch, bool valid)
    {
        var result = FromJson($$$"""
            {
              "name": "switch",
              "nodes": [
                { "id": "route", "tool": "flow.switch", "config": { "value": "{{ input.priority }}", "cases": ["low", "high"] } },
                { "id": "next", "tool": "flow.merge", "config": {} }
              ],
              "edges": [ { "source": "route", "target": "next", "branch": "{{{branch}}}" } ]
            }
            """);
        if (valid)
        {
            AssertValid(result);
        }
        else
        {
            AssertProblem(result, "/edges/0/branch", "its branches are 'low', 'high', 'default'");
        }
    }
}
