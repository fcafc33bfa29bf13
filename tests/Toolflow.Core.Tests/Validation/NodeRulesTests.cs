using System.Text.Json.Nodes;
using static Toolflow.Core.Tests.Validation.Validate;

namespace Toolflow.Core.Tests.Validation;

public sealed class NodeRulesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("_private")]
    [InlineData("fetch-user_2")]
    [InlineData("A234567890123456789012345678901234567890123456789012345678901234")]
    public void WellFormedId_IsAccepted(string id)
    {
        var definition = Base();
        NodeAt(definition, 2)["id"] = id;
        Edges(definition)[1]!["target"] = id;
        AssertValid(Node(definition));
    }

    [Theory]
    [InlineData("9lives")]
    [InlineData("-dash")]
    [InlineData("has space")]
    [InlineData("dotted.id")]
    [InlineData("A2345678901234567890123456789012345678901234567890123456789012345")]
    public void MalformedId_IsReportedAtTheId(string id)
    {
        var definition = Base();
        NodeAt(definition, 2)["id"] = id;
        Edges(definition)[1]!["target"] = id;
        AssertProblem(Node(definition), "/nodes/2/id", "is malformed");
    }

    [Fact]
    public void DuplicateId_IsReportedAtTheSecondUse_NamingTheFirst()
    {
        var definition = Base();
        NodeAt(definition, 2)["id"] = "fetch";
        Edges(definition)[1]!["target"] = "fetch";
        AssertProblem(Node(definition), "/nodes/2/id", "duplicate node id 'fetch' (already used by /nodes/0)");
    }

    [Fact]
    public void NodeWithNeitherToolNorInstance_IsReported()
    {
        var definition = Base();
        NodeAt(definition, 2).Remove("tool");
        AssertProblem(Node(definition), "/nodes/2", "needs either 'tool' or 'toolInstanceId'");
    }

    [Fact]
    public void NodeWithBothToolAndInstance_IsReported()
    {
        var definition = Base();
        NodeAt(definition, 2)["toolInstanceId"] = "0193a5d2-7c1e-7b3a-9f00-4e2d1c0b5a61";
        AssertProblem(Node(definition), "/nodes/2", "has both 'tool' and 'toolInstanceId'");
    }

    [Fact]
    public void NodeWithToolInstanceOnly_IsValid_AndItsConfigIsNotCheckedAgainstAnyTool()
    {
        var definition = Base();
        NodeAt(definition, 2).Remove("tool");
        NodeAt(definition, 2)["toolInstanceId"] = "0193a5d2-7c1e-7b3a-9f00-4e2d1c0b5a61";
        NodeAt(definition, 2)["config"] = new JsonObject { ["anything"] = 1 };
        AssertValid(Node(definition));
    }

    [Fact]
    public void ToolInstanceId_ThatIsNotAUuid_IsReported()
    {
        var definition = Base();
        NodeAt(definition, 2).Remove("tool");
        NodeAt(definition, 2)["toolInstanceId"] = "my-instance";
        AssertProblem(Node(definition), "/nodes/2/toolInstanceId", "is not a UUID");
    }

    [Fact]
    public void UnknownTool_IsReported_WithTheClosestName()
    {
        var definition = Base();
        NodeAt(definition, 0)["tool"] = "http.reqest";
        AssertProblem(Node(definition), "/nodes/0/tool", "unknown tool 'http.reqest' (did you mean 'http.request'?)");
    }

    [Fact]
    public void UnknownTool_FarFromAnyName_HasNoSuggestion()
    {
        var definition = Base();
        NodeAt(definition, 0)["tool"] = "kafka.produce";
        var problem = AssertProblem(Node(definition), "/nodes/0/tool", "unknown tool 'kafka.produce'");
        Assert.DoesNotContain("did you mean", problem.Message, StringComparison.Ordinal);
    }
}
