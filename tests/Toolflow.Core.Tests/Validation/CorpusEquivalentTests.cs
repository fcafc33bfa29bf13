using static Toolflow.Core.Tests.Validation.Validate;

namespace Toolflow.Core.Tests.Validation;

/// <summary>
/// The kinds of error in the Kestra and Serverless Workflow invalid corpora
/// (shared/corpus/kestra/invalids, shared/corpus/serverless-workflow/invalid), rewritten as
/// Toolflow definitions: each must be refused with a pointer to the offending value.
/// </summary>
public sealed class CorpusEquivalentTests
{
    /// <summary>kestra dag-cyclicdependency: task1 depends on task2 and task2 on task1, with more tasks hanging off them.</summary>
    [Fact]
    public void DagWithCyclicDependency_IsRefused_NamingBothTasks()
    {
        var result = FromJson("""
            {
              "name": "dag-cyclicdependency",
              "nodes": [
                { "id": "task1", "tool": "data.template", "config": { "template": "1 !" } },
                { "id": "task2", "tool": "data.template", "config": { "template": "2 !" } },
                { "id": "task3", "tool": "data.template", "config": { "template": "1 !" } },
                { "id": "task4", "tool": "data.template", "config": { "template": "1 !" } },
                { "id": "task5", "tool": "data.template", "config": { "template": "1 !" } }
              ],
              "edges": [
                { "source": "task2", "target": "task1" },
                { "source": "task1", "target": "task2" },
                { "source": "task2", "target": "task3" },
                { "source": "task2", "target": "task4" },
                { "source": "task4", "target": "task5" },
                { "source": "task3", "target": "task5" }
              ]
            }
            """);
        var problem = AssertProblem(result, "/edges/0", "closes a cycle");
        Assert.Contains("task1", problem.Message, StringComparison.Ordinal);
        Assert.Contains("task2", problem.Message, StringComparison.Ordinal);
        Assert.Single(result.Problems);
    }

    /// <summary>kestra dag-notexist-task: task2 depends on taskX, which does not exist.</summary>
    [Fact]
    public void DependencyOnMissingTask_IsRefused_AtTheEdge()
    {
        var result = FromJson("""
            {
              "name": "dag-notexist-task",
              "nodes": [
                { "id": "task1", "tool": "data.template", "config": { "template": "1 !" } },
                { "id": "task2", "tool": "data.template", "config": { "template": "2 !" } }
              ],
              "edges": [ { "source": "taskX", "target": "task2" }, { "source": "task2", "target": "task1" } ]
            }
            """);
        AssertProblem(result, "/edges/0/source", "unknown node 'taskX'");
        Assert.Single(result.Problems);
    }

    /// <summary>kestra duplicate: the id "date" used by several tasks.</summary>
    [Fact]
    public void DuplicateTaskIds_AreEachRefused()
    {
        var result = FromJson("""
            {
              "name": "duplicate",
              "nodes": [
                { "id": "date", "tool": "data.template", "config": { "template": "{{ execution.startedAt }}" } },
                { "id": "listen", "tool": "data.template", "config": { "template": "{{ execution.startedAt }}" } },
                { "id": "date", "tool": "data.template", "config": { "template": "{{ execution.startedAt }}" } },
                { "id": "date", "tool": "data.template", "config": { "template": "{{ execution.startedAt }}" } }
              ]
            }
            """);
        AssertProblem(result, "/nodes/2/id", "duplicate node id 'date'");
        AssertProblem(result, "/nodes/3/id", "duplicate node id 'date'");
    }

    /// <summary>kestra duplicate-key: the same property written twice in one object.</summary>
    [Fact]
    public void DuplicateKey_IsRefused() =>
        AssertProblem(FromJson("""{ "name": "duplicate-key", "nodes": [ { "id": "bad-task", "tool": "data.set", "config": { "values": { "tf": "a", "tf": "b" } } } ] }"""),
            "/nodes/0/config/values/tf", "appears more than once");

    /// <summary>kestra invalid-property and serverless-workflow extra-property-in-call: an unknown property on a task / call.</summary>
    [Fact]
    public void UnknownPropertyOnATaskAndInItsCall_AreRefused()
    {
        var result = FromJson("""
            {
              "name": "invalid-property",
              "nodes": [
                { "id": "taskInvalid", "tool": "data.template", "config": { "template": "x" }, "invalid": "{{ execution.startedAt }}" },
                { "id": "getPet", "tool": "http.request", "config": { "method": "GET", "url": "https://petstore.swagger.io/v2/pet/1", "foo": "bar" } }
              ]
            }
            """);
        AssertProblem(result, "/nodes/0/invalid", "unknown property 'invalid'");
        AssertProblem(result, "/nodes/1/config/foo", "unknown property 'foo'");
    }

    /// <summary>kestra invalid-task: task types that do not exist (MissingOne, MissingTwo, MissingThree).</summary>
    [Fact]
    public void UnknownTaskTypes_AreEachRefused()
    {
        var result = FromJson("""
            {
              "name": "invalid-task",
              "nodes": [
                { "id": "date1", "tool": "debug.missingOne" },
                { "id": "date2", "tool": "debug.missingTwo" },
                { "id": "date3", "tool": "debug.missingThree" }
              ]
            }
            """);
        Assert.Equal(3, result.Problems.Count(p => p.Message.StartsWith("unknown tool", StringComparison.Ordinal)));
    }

    /// <summary>kestra invalid: an id with '#' and a task with no id at all.</summary>
    [Fact]
    public void MalformedAndMissingIds_AreRefused()
    {
        var result = FromJson("""{ "name": "my#flow", "nodes": [ { "id": "my#task", "tool": "flow.merge" }, { "tool": "flow.merge" } ] }""");
        AssertProblem(result, "/nodes/0/id", "is malformed");
        AssertProblem(result, "/nodes/1", "missing required property 'id'");
    }

    /// <summary>kestra inputs-bad-type: an input declared with a type that does not exist.</summary>
    [Fact]
    public void InputWithUnknownType_IsRefused() =>
        AssertProblem(FromJson("""{ "name": "inputs-bad-type", "inputSchema": { "type": "object", "properties": { "wrong one": { "type": "FOO" } } } }"""),
            "/inputSchema/properties/wrong one/type", "not a valid JSON Schema");

    /// <summary>kestra switch-invalid: a switch with no cases.</summary>
    [Fact]
    public void SwitchWithoutCases_IsRefused() =>
        AssertProblem(FromJson("""{ "name": "switch-impossible", "nodes": [ { "id": "impossible", "tool": "flow.switch", "config": { "value": "{{ input.string }}", "cases": [] } } ] }"""),
            "/nodes/0/config/cases", "");

    /// <summary>serverless-workflow two-tasks-in-one-item: two tasks squeezed into one list item (a node with two tools).</summary>
    [Fact]
    public void TwoToolsInOneNode_IsRefused() =>
        AssertProblem(FromJson("""{ "name": "two-tasks-in-one-item", "nodes": [ { "id": "getPet", "tool": "http.request", "toolInstanceId": "0193a5d2-7c1e-7b3a-9f00-4e2d1c0b5a61", "config": { "url": "https://petstore.swagger.io/v2/pet/1" } } ] }"""),
            "/nodes/0", "has both 'tool' and 'toolInstanceId'");

    /// <summary>serverless-workflow listen-any-until-any-until: a key written twice at the top (do: do:).</summary>
    [Fact]
    public void TopLevelKeyWrittenTwice_IsRefused() =>
        AssertProblem(FromJson("""{ "name": "listen-to-any", "nodes": [], "nodes": [] }"""), "/nodes", "appears more than once");

    /// <summary>kestra empty: a flow with no tasks is still a valid (if idle) Toolflow draft — only the name is required.</summary>
    [Fact]
    public void EmptyWorkflow_WithAName_IsAcceptedAsADraft() => AssertValid(FromJson("""{ "name": "empty" }"""));
}
