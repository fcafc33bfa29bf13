using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Engine.Tests.Support;

namespace Toolflow.Engine.Tests.Durability;

/// <summary>
/// Pause, then Resume before the running nodes finished: the pause is undone — the execution is running
/// again, starts what becomes ready, and never reaches <c>paused</c> (SPEC §2 allows pausing → running).
/// </summary>
public sealed class ResumeWhilePausingTests
{
    // long   gate ─► next
    private const string TwoBranches = """
        { "name": "branches", "nodes": [
          { "id": "long", "tool": "test.block", "config": { "value": 1 } },
          { "id": "gate", "tool": "test.block", "config": { "value": 2 } },
          { "id": "next", "tool": "test.echo", "config": { "value": "{{ nodes.gate.output + 1 }}" } } ],
          "edges": [ { "source": "gate", "target": "next" } ] }
        """;

    [Fact]
    public async Task Resume_while_pausing_withdraws_the_pause_and_the_run_goes_on()
    {
        var h = new Harness();
        var (id, run) = await PausingWhileBothBranchesRunAsync(h);

        await h.Engine.ResumeAsync(id);
        Assert.Equal(ExecutionStatus.Running, (await h.SnapshotAsync(id)).Status);

        // next starts while long still runs: the run no longer holds back new nodes.
        h.Block.Release("gate");
        await Harness.Until(() => h.Log.Of("next") == 1);
        h.Block.Release("long");

        var result = await run;
        Assert.Equal(ExecutionStatus.Completed, result.Status);
        Assert.Equal(["running", "pausing", "running", "completed"], Statuses(h, id));
    }

    [Fact]
    public async Task A_run_whose_pause_another_process_withdrew_does_not_pause_when_its_nodes_finish()
    {
        // The resume is written to the store only (as ExecutionControl does from an API process); the run
        // hears nothing and learns of it when its fenced `paused` commit finds the execution running.
        var h = new Harness();
        var (id, run) = await PausingWhileBothBranchesRunAsync(h);

        var snapshot = await h.SnapshotAsync(id);
        var withdrawal = PauseWithdrawal.For(id, snapshot.Status, snapshot.RequestedControl, Running(h));
        await h.Store.CommitAsync(withdrawal!, default);
        h.Block.Release("long");
        h.Block.Release("gate");

        var result = await run;
        Assert.Equal(ExecutionStatus.Completed, result.Status);
        Assert.Equal(1, h.Log.Of("next"));
        Assert.DoesNotContain("paused", Statuses(h, id));
    }

    [Fact]
    public async Task Resume_of_a_pause_request_not_acted_on_yet_clears_it()
    {
        // A queued execution with a pause recorded (a worker would pause it at once): resume withdraws the request.
        var h = new Harness();
        var id = await h.StartAsync(TwoBranches);
        await h.Store.RequestControlAsync(id, ControlRequest.Pause, default);

        await h.Engine.ResumeAsync(id);
        Assert.Equal(ControlRequest.None, (await h.SnapshotAsync(id)).RequestedControl);

        h.Block.Release("long");
        h.Block.Release("gate");
        Assert.Equal(ExecutionStatus.Completed, (await h.Engine.RunAsync(id)).Status);
        Assert.DoesNotContain("paused", Statuses(h, id));
    }

    [Fact]
    public async Task Resume_of_a_running_execution_nobody_paused_is_a_conflict_that_says_what_to_do()
    {
        var h = new Harness();
        var id = await h.StartAsync(TwoBranches);
        var run = h.Engine.RunAsync(id);
        await Harness.Until(() => h.Log.Of("long") == 1);

        var conflict = await Assert.ThrowsAsync<ExecutionStateConflictException>(() => h.Engine.ResumeAsync(id));
        Assert.Contains("pause it first", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(ExecutionStatus.Running, conflict.Actual);

        await h.Engine.CancelAsync(id);
        Assert.Equal(ExecutionStatus.Cancelled, (await run).Status);
    }

    /// <summary>Starts the two branches, waits until both nodes run, and asks for a pause: the run is then <c>pausing</c>.</summary>
    private static async Task<(string Id, Task<RunResult> Run)> PausingWhileBothBranchesRunAsync(Harness h)
    {
        var id = await h.StartAsync(TwoBranches);
        var run = h.Engine.RunAsync(id);
        await Harness.Until(() => h.Log.Of("long") == 1 && h.Log.Of("gate") == 1);
        await h.Engine.PauseAsync(id);
        await Harness.Until(() => h.SnapshotAsync(id).Result.Status == ExecutionStatus.Pausing);
        return (id, run);
    }

    private static PendingEvent Running(Harness h) =>
        new(ExecutionEventTypes.Status, h.Time.GetUtcNow(), new JsonEventData(new System.Text.Json.Nodes.JsonObject { ["status"] = "running" }));

    private static List<string> Statuses(Harness h, string id) =>
        [.. h.Memory.Events(id).Where(e => e.Type == ExecutionEventTypes.Status).Select(e => e.Data["status"]!.GetValue<string>())];
}
