using System.Text.Json;
using Toolflow.Core.Definitions;
using Toolflow.Generation.Optimization;
using Toolflow.Generation.Tests.Planning;
using Toolflow.Tools.Catalog;

namespace Toolflow.Generation.Tests.Optimization;

public sealed class WorkflowOptimizerTests
{
    private readonly WorkflowOptimizer optimizer = new(ToolCatalog.BuiltIn);

    private static WorkflowDefinition Parse(string json) => JsonSerializer.Deserialize(json, DefinitionJsonContext.Default.WorkflowDefinition)!;

    private static readonly WorkflowDefinition Sequential = Parse("""
        { "name": "w",
          "nodes": [
            { "id": "a", "tool": "http.request", "config": { "url": "https://example.org/a" }, "retry": { "maxAttempts": 3 }, "timeoutMs": 1000 },
            { "id": "b", "tool": "http.request", "config": { "url": "https://example.org/b" }, "retry": { "maxAttempts": 3 }, "timeoutMs": 1000 },
            { "id": "join", "tool": "code.javascript", "config": { "code": "return [nodes.a.output, nodes.b.output];" } } ],
          "edges": [ { "source": "a", "target": "b" }, { "source": "b", "target": "join" } ] }
        """);

    [Fact]
    public void IndependentSequentialNodes_AreParallelised_WithEvidence()
    {
        var result = optimizer.Optimize(Sequential, [], apply: true);

        var s = Assert.Single(result.Suggestions, s => s.Kind == "parallelize");
        Assert.Equal(["a", "b"], s.Nodes);
        Assert.Empty(s.Evidence["targetReads"]!.AsArray());
        var d = result.Optimized!;
        Assert.DoesNotContain(d.Edges, e => e.Source == "a" && e.Target == "b");
        Assert.True(Generate.Validator.Validate(d).IsValid);
        Assert.DoesNotContain(result.Suggestions, x => x.Kind == "parallelize" && x.Nodes.Contains("join"));
    }

    [Fact]
    public void DataDependency_IsNotParallelised()
    {
        var dependent = Parse("""
            { "name": "w",
              "nodes": [
                { "id": "a", "tool": "http.request", "config": { "url": "https://example.org/a" } },
                { "id": "s", "tool": "llm.chat", "config": { "prompt": "{{ nodes.a.output.body }}" } } ],
              "edges": [ { "source": "a", "target": "s" } ] }
            """);

        Assert.DoesNotContain(optimizer.Optimize(dependent, [], false).Suggestions, s => s.Kind == "parallelize");
    }

    [Fact]
    public void UnusedPureNodes_DuplicatesAndMissingResilience_AreFoundAndApplied()
    {
        var wasteful = Parse("""
            { "name": "w", "output": "{{ nodes.mail.output }}",
              "nodes": [
                { "id": "a", "tool": "http.request", "config": { "url": "https://example.org/a" } },
                { "id": "a2", "tool": "http.request", "config": { "url": "https://example.org/a" } },
                { "id": "shape", "tool": "data.set", "config": { "values": { "x": 1 } } },
                { "id": "mail", "tool": "email.send", "config": { "to": "a@example.org", "subject": "s", "body": "{{ nodes.a2.output.body }}" } } ],
              "edges": [ { "source": "a", "target": "shape" }, { "source": "a2", "target": "shape" }, { "source": "shape", "target": "mail" } ] }
            """);

        var result = optimizer.Optimize(wasteful, [], apply: true);

        Assert.Contains(result.Suggestions, s => s.Kind == "duplicate_call" && s.Nodes.SequenceEqual(["a", "a2"]));
        Assert.Contains(result.Suggestions, s => s.Kind == "unused_node" && s.Nodes[0] == "shape");
        Assert.Contains(result.Suggestions, s => s.Kind == "missing_retry" && s.Nodes[0] == "a");
        Assert.Contains(result.Suggestions, s => s.Kind == "missing_timeout" && s.Nodes[0] == "mail");
        var d = result.Optimized!;
        Assert.Equal(["a", "mail"], d.Nodes.Select(n => n.Id));
        Assert.Equal("{{ nodes.a.output.body }}", (string?)d.Nodes[1].Config!["body"]);
        Assert.All(d.Nodes, n => Assert.NotNull(n.Retry));
        Assert.All(d.Nodes, n => Assert.NotNull(n.TimeoutMs));
        Assert.True(Generate.Validator.Validate(d).IsValid, string.Join("; ", Generate.Validator.Validate(d).Problems));
    }

    [Fact]
    public void LeafWithoutOutputExpression_IsUsed()
    {
        var leaf = Parse("""{ "name": "w", "nodes": [ { "id": "t", "tool": "data.template", "config": { "template": "hi" } } ] }""");

        Assert.DoesNotContain(optimizer.Optimize(leaf, [], false).Suggestions, s => s.Kind == "unused_node");
    }

    [Fact]
    public void History_NamesTheSlowestAndMostFailingNodes()
    {
        var history = new[]
        {
            new NodeHistory("a", 10, 0, 120, 300),
            new NodeHistory("b", 10, 4, 2500, 9000),
            new NodeHistory("join", 10, 1, 5, 9),
            new NodeHistory("gone", 10, 10, 99999, 99999),
        };

        var result = optimizer.Optimize(Sequential, history, apply: false);

        var slow = result.Suggestions.Where(s => s.Kind == "slow_node").ToList();
        Assert.Equal("b", slow[0].Nodes[0]);
        Assert.Equal(2500, (double)slow[0].Evidence["averageDurationMs"]!);
        var failing = result.Suggestions.Where(s => s.Kind == "failing_node").ToList();
        Assert.Equal(["b", "join"], failing.Select(f => f.Nodes[0]));
        Assert.Equal(0.4, (double)failing[0].Evidence["failureRate"]!);
        Assert.DoesNotContain(result.Suggestions, s => s.Nodes.Contains("gone"));
        Assert.Null(result.Optimized);
    }
}
