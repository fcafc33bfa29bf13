using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Engine.Tests.Support;

namespace Toolflow.Engine.Tests.Durability;

/// <summary>flow.delay and flow.approval hand control back with a wake-up time or a pending signal.</summary>
public sealed class WaitingTests
{
    private const string Approval = """
        { "name": "approval", "nodes": [
          { "id": "ask", "tool": "flow.approval", "config": { "message": "ok?", "timeoutMs": 60000 } },
          { "id": "after", "tool": "test.echo", "config": { "value": "{{ nodes.ask.output.by }}" } } ],
          "edges": [ { "source": "ask", "target": "after" } ] }
        """;

    private const string Delay = """
        { "name": "delay", "nodes": [
          { "id": "wait", "tool": "flow.delay", "config": { "durationMs": 10000 } },
          { "id": "after", "tool": "test.echo", "config": { "value": "{{ nodes.wait.output.waitedMs }}" } } ],
          "edges": [ { "source": "wait", "target": "after" } ] }
        """;

    [Fact]
    public async Task A_delay_returns_its_wake_up_time_and_completes_when_run_again_after_it()
    {
        // wait(10 s) ─► after
        var h = new Harness();
        var (id, first) = await h.RunAsync(Delay);
        Assert.Equal(ExecutionStatus.Waiting, first.Status);
        Assert.Equal(h.Time.GetUtcNow().AddSeconds(10), first.WakeAt);

        h.Time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(ExecutionStatus.Waiting, (await h.Engine.RunAsync(id)).Status);

        h.Time.Advance(TimeSpan.FromSeconds(6));
        var done = await h.NewEngine().RunAsync(id);
        Assert.Equal(ExecutionStatus.Completed, done.Status);
        JsonAssert.Equal("""{"after":10000}""", done.Output);
    }

    [Fact]
    public async Task A_paused_delay_waits_out_only_what_remained()
    {
        var h = new Harness();
        var (id, _) = await h.RunAsync(Delay);
        h.Time.Advance(TimeSpan.FromSeconds(4));
        await h.Engine.PauseAsync(id);
        Assert.Equal(ExecutionStatus.Paused, (await h.SnapshotAsync(id)).Status);

        h.Time.Advance(TimeSpan.FromMinutes(30));
        await h.Engine.ResumeAsync(id);
        var resumed = await h.Engine.RunAsync(id);
        Assert.Equal(ExecutionStatus.Waiting, resumed.Status);
        Assert.Equal(h.Time.GetUtcNow().AddSeconds(6), resumed.WakeAt);
    }

    [Fact]
    public async Task An_approval_waits_for_its_signal_and_outputs_the_payload()
    {
        // ask(approval) ─► after
        var h = new Harness();
        var (id, first) = await h.RunAsync(Approval);
        Assert.Equal(ExecutionStatus.Waiting, first.Status);
        Assert.Equal(["ask"], first.AwaitingSignal);

        await h.Engine.SignalAsync(id, "ask", JsonNode.Parse("""{"by":"ann"}"""));
        var done = await h.Engine.RunAsync(id);
        Assert.Equal(ExecutionStatus.Completed, done.Status);
        JsonAssert.Equal("""{"by":"ann"}""", (await h.NodeAsync(id, "ask")).Output);
        JsonAssert.Equal("""{"after":"ann"}""", done.Output);
    }

    [Fact]
    public async Task A_signal_reaches_an_approval_while_the_run_is_active()
    {
        // ask(approval)     slow(block)      the run stays active because slow runs
        var h = new Harness();
        var id = await h.StartAsync("""
            { "name": "live", "nodes": [
              { "id": "ask", "tool": "flow.approval", "config": {} },
              { "id": "slow", "tool": "test.block", "config": { "value": 1 } } ] }
            """);
        var run = h.Engine.RunAsync(id);
        await Harness.Until(() => h.Log.Of("slow") == 1 && h.SnapshotAsync(id).Result.Nodes.GetValueOrDefault("ask")?.Waiting is not null);
        await h.Engine.SignalAsync(id, "ask", JsonValue.Create("yes"));
        await Harness.Until(() => h.SnapshotAsync(id).Result.Nodes["ask"].Status == NodeStatus.Completed);
        h.Block.Release("slow");
        JsonAssert.Equal("""{"ask":"yes","slow":1}""", (await run).Output);
    }

    /// <summary>The message names the approval's timeout, not how late the wake-up came.</summary>
    [Fact]
    public async Task An_approval_woken_late_names_its_own_timeout()
    {
        var h = new Harness();
        var (id, _) = await h.RunAsync(Approval);
        h.Time.Advance(TimeSpan.FromMinutes(1.5));
        await h.Engine.RunAsync(id);
        var error = (await h.NodeAsync(id, "ask")).Error!;
        Assert.Equal(ToolFailureCodes.ApprovalTimeout, error.Code);
        Assert.Equal("node 'ask': no approval within 60000 ms", error.Message);
    }

    [Fact]
    public async Task An_approval_without_a_signal_fails_at_its_timeout()
    {
        var h = new Harness();
        var (id, first) = await h.RunAsync(Approval);
        Assert.Equal(h.Time.GetUtcNow().AddMinutes(1), first.WakeAt);
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var result = await h.Engine.RunAsync(id);
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal(ToolFailureCodes.ApprovalTimeout, (await h.NodeAsync(id, "ask")).Error!.Code);
        Assert.Equal(0, h.Log.Of("after"));
    }

    [Fact]
    public async Task Cancelling_a_waiting_execution_cancels_the_waiting_node()
    {
        var h = new Harness();
        var (id, _) = await h.RunAsync(Approval);
        await h.Engine.CancelAsync(id);
        Assert.Equal(ExecutionStatus.Cancelled, (await h.SnapshotAsync(id)).Status);
        Assert.Equal(NodeStatus.Cancelled, (await h.NodeAsync(id, "ask")).Status);
    }
}
