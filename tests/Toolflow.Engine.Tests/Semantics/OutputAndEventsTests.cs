using Toolflow.Core.Execution;
using Toolflow.Engine.Tests.Support;

namespace Toolflow.Engine.Tests.Semantics;

public sealed class OutputAndEventsTests
{
    private const string Diamond = """
        { "name": "diamond", OUTPUT "nodes": [
          { "id": "a", "tool": "test.echo", "config": { "value": 1 } },
          { "id": "b", "tool": "test.echo", "config": { "value": "{{ nodes.a.output + 1 }}" } },
          { "id": "c", "tool": "test.echo", "config": { "value": "{{ nodes.a.output + 2 }}" } },
          { "id": "cond", "tool": "flow.condition", "config": { "expression": "false" } },
          { "id": "skipped", "tool": "test.echo", "config": {} } ],
          "edges": [ { "source": "a", "target": "b" }, { "source": "a", "target": "c" }, { "source": "cond", "target": "skipped", "branch": "true" } ] }
        """;

    [Fact]
    public async Task Without_an_output_expression_the_output_holds_the_completed_sinks()
    {
        // a ─► b, a ─► c, cond ─true─► skipped     sinks: b, c (skipped is not completed)
        var h = new Harness();
        var (_, result) = await h.RunAsync(Diamond.Replace("OUTPUT", "", StringComparison.Ordinal));
        JsonAssert.Equal("""{"b":2,"c":3}""", result.Output);
    }

    [Fact]
    public async Task The_output_expression_decides_the_output()
    {
        var h = new Harness();
        var (id, result) = await h.RunAsync(Diamond.Replace("OUTPUT", "\"output\": \"{{ nodes.b.output * nodes.c.output }}\",", StringComparison.Ordinal));
        JsonAssert.Equal("6", result.Output);
        JsonAssert.Equal("6", (await h.SnapshotAsync(id)).Output);
    }

    [Fact]
    public async Task Events_have_gap_free_sequence_numbers_and_progress_adds_up()
    {
        var h = new Harness();
        var (id, _) = await h.RunAsync(Diamond.Replace("OUTPUT", "", StringComparison.Ordinal));
        var events = h.Memory.Events(id);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(ExecutionEventTypes.Status, events[0].Type);
        Assert.Equal("running", events[0].Data["status"]!.GetValue<string>());
        Assert.Equal("completed", events[^1].Data["status"]!.GetValue<string>());
        Assert.Equal(4, events.Count(e => e.Type == ExecutionEventTypes.NodeStarted));
        Assert.Equal(5, events.Count(e => e.Type == ExecutionEventTypes.NodeCompleted));
        Assert.Contains(events, e => e.Type == ExecutionEventTypes.Progress);

        var snapshot = await h.SnapshotAsync(id);
        Assert.Equal(5, snapshot.Progress.TotalSteps);
        Assert.Equal(4, snapshot.Progress.StepsCompleted);
        Assert.Equal(1, snapshot.Progress.StepsSkipped);
        Assert.Equal(0, snapshot.Progress.StepsFailed);
        Assert.Empty(snapshot.Progress.CurrentNodes);
        Assert.NotNull(snapshot.Progress.CompletedAt);
        Assert.NotNull(snapshot.Progress.DurationMs);
    }

    [Fact]
    public async Task Side_effect_tools_get_a_stable_idempotency_key()
    {
        // one ─► each(forEach [x, y])
        var h = new Harness();
        var (id, _) = await h.RunAsync("""
            { "name": "keys", "nodes": [
              { "id": "one", "tool": "test.echo", "config": {} },
              { "id": "each", "tool": "test.echo", "forEach": "{{ ['x', 'y'] }}", "config": {} } ],
              "edges": [ { "source": "one", "target": "each" } ] }
            """);
        Assert.Equal(new[] { $"{id}:each:0", $"{id}:each:1", $"{id}:one:0" }, h.Log.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_node_result_is_committed_before_a_dependent_starts()
    {
        // a ─► b ─► c     the store records commits into the same log the tools write to
        var h = new Harness();
        var recording = new RecordingStore(h.Memory, h.Log);
        var engine = h.NewEngine(recording);
        var id = await engine.StartAsync(Harness.Definition("""
            { "name": "order", "nodes": [
              { "id": "a", "tool": "test.echo", "config": {} }, { "id": "b", "tool": "test.echo", "config": {} }, { "id": "c", "tool": "test.echo", "config": {} } ],
              "edges": [ { "source": "a", "target": "b" }, { "source": "b", "target": "c" } ] }
            """), null);
        await engine.RunAsync(id);
        var order = h.Log.Order.ToList();
        Assert.True(order.IndexOf("commit:a") < order.IndexOf("b"));
        Assert.True(order.IndexOf("commit:b") < order.IndexOf("c"));
    }
}
