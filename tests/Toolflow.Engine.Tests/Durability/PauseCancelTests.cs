using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Engine.Tests.Support;

namespace Toolflow.Engine.Tests.Durability;

public sealed class PauseCancelTests
{
    private const string LongThenNext = """
        { "name": "long", "nodes": [
          { "id": "long", "tool": "test.block", "config": { "value": 1 } },
          { "id": "next", "tool": "test.echo", "config": { "value": "{{ nodes.long.output + 1 }}" } } ],
          "edges": [ { "source": "long", "target": "next" } ] }
        """;

    [Fact]
    public async Task Pause_during_a_long_node_lets_it_finish_then_starts_nothing_new()
    {
        // long ─► next      pause while long runs; resume later
        var h = new Harness();
        var id = await h.StartAsync(LongThenNext);
        var run = h.Engine.RunAsync(id);
        await Harness.Until(() => h.Log.Of("long") == 1);
        await h.Engine.PauseAsync(id);
        await Harness.Until(() => h.SnapshotAsync(id).Result.Status == ExecutionStatus.Pausing);
        h.Block.Release("long");

        Assert.Equal(ExecutionStatus.Paused, (await run).Status);
        Assert.Equal(NodeStatus.Completed, (await h.NodeAsync(id, "long")).Status);
        Assert.Equal(0, h.Log.Of("next"));

        await h.Engine.ResumeAsync(id);
        Assert.Equal(ExecutionStatus.Queued, (await h.SnapshotAsync(id)).Status);
        var resumed = await h.NewEngine().RunAsync(id);
        Assert.Equal(ExecutionStatus.Completed, resumed.Status);
        JsonAssert.Equal("""{"next":2}""", resumed.Output);
        Assert.Equal(1, h.Log.Of("long"));
        Assert.Equal(1, h.Log.Of("next"));
    }

    [Fact]
    public async Task Cancel_during_a_forEach_cancels_the_running_items()
    {
        // each(forEach 6 items, concurrency 2) ─► after
        var h = new Harness();
        var id = await h.StartAsync("""
            { "name": "cancel", "nodes": [
              { "id": "each", "tool": "test.block", "forEach": "{{ [1,2,3,4,5,6] }}", "concurrency": 2, "config": {} },
              { "id": "after", "tool": "test.echo", "config": {} } ],
              "edges": [ { "source": "each", "target": "after" } ] }
            """);
        var run = h.Engine.RunAsync(id);
        await Harness.Until(() => h.Log.Runs.Count == 2);
        h.Block.Release("each[0]");
        await Harness.Until(() => h.Log.Runs.Count == 3);
        await h.Engine.CancelAsync(id);

        var result = await run;
        Assert.Equal(ExecutionStatus.Cancelled, result.Status);
        Assert.Equal(NodeStatus.Cancelled, (await h.NodeAsync(id, "each")).Status);
        Assert.Equal(2, h.Block.Cancelled.Values.Sum());
        Assert.Equal(3, h.Log.Runs.Count);
        Assert.Equal(0, h.Log.Of("after"));
        Assert.Equal(ExecutionStatus.Cancelled, (await h.SnapshotAsync(id)).Status);
    }

    [Fact]
    public async Task Control_of_a_finished_execution_is_a_conflict()
    {
        var h = new Harness();
        var (id, _) = await h.RunAsync("""{ "name": "done", "nodes": [ { "id": "a", "tool": "test.echo", "config": {} } ] }""");
        await Assert.ThrowsAsync<ExecutionStateConflictException>(() => h.Engine.PauseAsync(id));
        await Assert.ThrowsAsync<ExecutionStateConflictException>(() => h.Engine.CancelAsync(id));
        await Assert.ThrowsAsync<ExecutionStateConflictException>(() => h.Engine.ResumeAsync(id));
    }

    [Fact]
    public async Task A_queued_execution_pauses_at_once()
    {
        var h = new Harness();
        var id = await h.StartAsync(LongThenNext);
        await h.Engine.PauseAsync(id);
        Assert.Equal(ExecutionStatus.Paused, (await h.SnapshotAsync(id)).Status);
        Assert.Equal(ExecutionStatus.Paused, (await h.Engine.RunAsync(id)).Status);
        Assert.Empty(h.Log.Runs);
    }
}
