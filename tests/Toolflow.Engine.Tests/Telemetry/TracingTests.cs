using System.Collections.Concurrent;
using System.Diagnostics;
using Toolflow.Core.Definitions;
using Toolflow.Engine.Telemetry;
using Toolflow.Engine.Tests.Support;

namespace Toolflow.Engine.Tests.Telemetry;

/// <summary>A span per execution run and one per node beneath it, tagged so a trace viewer can tell them apart.</summary>
public sealed class TracingTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> finished = new();
    private readonly ActivityListener listener;

    public TracingTests()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == EngineTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = finished.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
    }

    public void Dispose() => listener.Dispose();

    [Fact]
    public async Task Each_node_span_is_a_child_of_its_execution_span()
    {
        var h = new Harness();
        var (id, result) = await h.RunAsync("""
            { "name": "traced", "nodes": [
              { "id": "a", "tool": "test.echo", "config": { "value": 1 } },
              { "id": "b", "tool": "test.flaky", "config": { "failTimes": 5, "fatal": true } } ],
              "edges": [ { "source": "a", "target": "b" } ] }
            """);
        Assert.Equal(ExecutionStatus.Failed, result.Status);

        var mine = finished.Where(a => (string?)a.GetTagItem("toolflow.execution.id") == id).ToList();
        var execution = Assert.Single(mine, a => a.OperationName == "toolflow.execution");
        var nodes = mine.Where(a => a.OperationName == "toolflow.node").OrderBy(a => a.StartTimeUtc).ToList();

        Assert.Equal(["a", "b"], nodes.Select(n => (string?)n.GetTagItem("toolflow.node.id")));
        Assert.All(nodes, n => Assert.Equal(execution.SpanId, n.ParentSpanId));
        Assert.All(nodes, n => Assert.Equal(execution.TraceId, n.TraceId));
        Assert.Equal("completed", nodes[0].GetTagItem("toolflow.node.status"));
        Assert.Equal("failed", nodes[1].GetTagItem("toolflow.node.status"));
        Assert.Equal(ActivityStatusCode.Error, nodes[1].Status);
        Assert.Equal("failed", execution.GetTagItem("toolflow.execution.status"));
        Assert.Equal(ActivityStatusCode.Error, execution.Status);
    }
}
