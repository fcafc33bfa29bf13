using System.Text.Json.Nodes;
using Toolflow.Core.Validation;
using static Toolflow.Core.Tests.Validation.Validate;

namespace Toolflow.Core.Tests.Validation;

public sealed class StructureTests
{
    [Fact]
    public void SpecExample_IsValid_AndDeserialises()
    {
        var result = FromJson(SpecExample.Json);
        AssertValid(result);
        Assert.Equal("Morning digest", result.Definition!.Name);
        Assert.Equal(4, result.Definition.Nodes.Count);
    }

    [Fact]
    public void BaseDefinition_IsValid() => AssertValid(Node(Base()));

    [Fact]
    public void DefinitionBuiltInCode_IsValidatedLikeItsJson()
    {
        var definition = new Toolflow.Core.Definitions.WorkflowDefinition
        {
            Name = "in code",
            Nodes = [new() { Id = "a", Tool = "flow.delay", Config = new JsonObject() }],
        };
        AssertProblem(Validator.Validate(definition), "/nodes/0/config", "needs either 'durationMs' or 'until'");
    }

    [Fact]
    public void UnknownProperty_AtTopLevel_IsReportedAtItsPointer()
    {
        var definition = Base();
        definition["colour"] = "blue";
        AssertProblem(Node(definition), "/colour", "unknown property 'colour'");
    }

    [Fact]
    public void UnknownProperty_DifferingByCase_SuggestsTheRealName()
    {
        var definition = Base();
        NodeAt(definition, 0)["TimeoutMs"] = 10;
        AssertProblem(Node(definition), "/nodes/0/TimeoutMs", "did you mean 'timeoutMs'?");
    }

    [Fact]
    public void MissingName_IsReported() => AssertProblem(FromJson("""{ "nodes": [] }"""), "", "missing required property 'name'");

    [Fact]
    public void EmptyName_IsReported() => AssertProblem(FromJson("""{ "name": "  " }"""), "/name", "must not be empty");

    [Fact]
    public void MinimalDefinition_WithNameOnly_IsValid() => AssertValid(FromJson("""{ "name": "empty" }"""));

    [Fact]
    public void RootThatIsNotAnObject_IsInvalid_NotMalformed()
    {
        var result = FromJson("[1, 2]");
        AssertProblem(result, "", "must be a JSON object");
    }

    [Fact]
    public void SeveralTypeErrors_AreAllReported_InOneResult()
    {
        var result = FromJson("""
            {
              "name": 42,
              "tags": "news",
              "nodes": [
                { "id": "a", "tool": "data.set", "config": { "values": {} }, "timeoutMs": "10s", "onError": "ignore", "extra": true },
                { "id": "b", "tool": "data.set", "config": [], "retry": { "maxAttempts": "3", "backoff": "linear" }, "position": { "x": "1" } }
              ],
              "edges": [ { "source": 1, "target": "b", "weight": 2 } ],
              "trigger": { "type": "cron" }
            }
            """);
        AssertProblem(result, "/name", "must be a string");
        AssertProblem(result, "/tags", "must be an array");
        AssertProblem(result, "/nodes/0/timeoutMs", "must be an integer");
        AssertProblem(result, "/nodes/0/onError", "must be one of 'fail', 'continue', 'branch'");
        AssertProblem(result, "/nodes/0/extra", "unknown property");
        AssertProblem(result, "/nodes/1/config", "must be an object");
        AssertProblem(result, "/nodes/1/retry/maxAttempts", "must be an integer");
        AssertProblem(result, "/nodes/1/retry/backoff", "'fixed', 'exponential'");
        AssertProblem(result, "/nodes/1/position", "missing required property 'y'");
        AssertProblem(result, "/nodes/1/position/x", "must be a number");
        AssertProblem(result, "/edges/0/source", "must be a string");
        AssertProblem(result, "/edges/0/weight", "unknown property");
        AssertProblem(result, "/trigger/type", "'manual', 'schedule', 'webhook', 'workflow'");
        Assert.True(result.Problems.Count >= 13);
    }

    [Fact]
    public void TypeErrors_DoNotHideGraphErrors()
    {
        var definition = Base();
        NodeAt(definition, 0)["timeoutMs"] = "soon";
        Edges(definition).Add(new JsonObject { ["source"] = "notify", ["target"] = "fetch" });
        var result = Node(definition);
        AssertProblem(result, "/nodes/0/timeoutMs", "must be an integer");
        AssertProblem(result, "/edges/2", "closes a cycle");
    }

    [Fact]
    public void ExplicitNull_ForOptionalScalar_MeansAbsent()
    {
        var definition = Base();
        NodeAt(definition, 0)["timeoutMs"] = null;
        definition["description"] = null;
        AssertValid(Node(definition));
    }

    [Fact]
    public void ExplicitNull_ForNodesList_IsAnError()
    {
        var definition = Base();
        definition["nodes"] = null;
        definition.Remove("edges");
        AssertProblem(Node(definition), "/nodes", "must be an array, not null");
    }

    [Fact]
    public void DuplicateJsonProperty_IsReported_EvenInsideConfig()
    {
        var result = FromJson("""
            { "name": "dup", "nodes": [ { "id": "a", "tool": "data.template", "config": { "template": "x", "template": "y" } } ] }
            """);
        AssertProblem(result, "/nodes/0/config/template", "appears more than once");
    }

    [Fact]
    public void Problems_AreOrderedByPointer_WithIndicesNumerically()
    {
        var definition = Base();
        for (var i = 0; i < 12; i++)
        {
            Nodes(definition).Add(new JsonObject { ["id"] = $"n{i}", ["tool"] = "nope" });
        }

        var pointers = Node(definition).Problems.Select(p => p.Pointer).ToList();
        Assert.Equal([.. pointers.Order(PointerComparer.Instance)], pointers);
        Assert.True(pointers.IndexOf("/nodes/3/tool") < pointers.IndexOf("/nodes/10/tool"));
    }
}
