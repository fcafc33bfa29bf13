using System.Text.Json.Nodes;
using Toolflow.Core.Contracts.Executions;
using Toolflow.Core.Definitions;
using Toolflow.Server.Web.Client;
using Toolflow.Server.Web.Live;

namespace Toolflow.Web.Tests.Live;

/// <summary>The live view's state: a snapshot, then events folded in by sequence.</summary>
public sealed class LiveExecutionStateTests
{
    private static LiveEvent Event(long sequence, string type, string data) => new(type, sequence, JsonNode.Parse(data)!.AsObject());

    private static ExecutionResource Snapshot(ExecutionStatus status, params NodeExecutionResource[] nodes) => new()
    {
        Id = Guid.NewGuid(),
        WorkflowId = Guid.NewGuid(),
        WorkflowVersion = 1,
        Status = status,
        CreatedAt = DateTimeOffset.UnixEpoch,
        TotalSteps = 2,
        Nodes = nodes,
    };

    [Fact]
    public void EventsInOrder_ColourNodesAndMoveTheProgress()
    {
        var state = new LiveExecutionState();
        state.Apply(Snapshot(ExecutionStatus.Queued));

        state.Apply(Event(1, "execution.status", """{"status":"running"}"""));
        state.Apply(Event(2, "node.started", """{"nodeId":"a","tool":"data.set"}"""));
        Assert.Equal("running", state.Node("a").Status);
        Assert.Equal("pending", state.Node("b").Status);

        state.Apply(Event(3, "node.completed", """{"nodeId":"a","status":"completed","attempts":2}"""));
        state.Apply(Event(4, "progress", """{"totalSteps":2,"stepsCompleted":1,"stepsFailed":0,"stepsSkipped":0,"currentNodes":[]}"""));

        Assert.Equal("completed", state.Node("a").Status);
        Assert.Equal(2, state.Node("a").Attempts);
        Assert.Equal(50, state.Percent);
        Assert.Equal("running", state.Status);
        Assert.Equal(4, state.LastSequence);
    }

    [Fact]
    public void ACompletedStatus_ShowsEveryStepEnded_BeforeTheCountersAreReadBack()
    {
        var state = new LiveExecutionState();
        state.Apply(Snapshot(ExecutionStatus.Running));
        state.Apply(Event(4, "progress", """{"totalSteps":2,"stepsCompleted":1,"stepsFailed":0,"stepsSkipped":0,"currentNodes":["b"]}"""));
        Assert.Equal(50, state.Percent);

        state.Apply(Event(7, "execution.status", """{"status":"completed"}"""));

        Assert.Equal(100, state.Percent);
    }

    [Fact]
    public void AnOlderProgressEvent_ReplayedAfterAFinalSnapshot_DoesNotMoveTheCountersBack()
    {
        // The page read the execution after a replayed node event; the stream then replays the
        // progress of an earlier step.
        var state = new LiveExecutionState();
        state.Apply(Snapshot(ExecutionStatus.Failed) with { StepsCompleted = 1, StepsFailed = 1 });
        Assert.Equal(100, state.Percent);

        state.Apply(Event(4, "progress", """{"totalSteps":2,"stepsCompleted":1,"stepsFailed":0,"stepsSkipped":0,"currentNodes":["b"]}"""));

        Assert.Equal(100, state.Percent);
        Assert.Equal(1, state.StepsFailed);
    }

    [Fact]
    public void AReplayedEvent_ChangesNothing()
    {
        var state = new LiveExecutionState();
        Assert.True(state.Apply(Event(5, "node.failed", """{"nodeId":"a","status":"failed","attempts":3,"error":{"message":"boom"}}""")));

        Assert.False(state.Apply(Event(5, "node.started", """{"nodeId":"a"}""")));
        Assert.False(state.Apply(Event(3, "node.started", """{"nodeId":"a"}""")));

        Assert.Equal("failed", state.Node("a").Status);
        Assert.Equal("boom", state.Node("a").Error);
    }

    [Fact]
    public void AFinalStatus_IsNotUndoneByALateNodeStart()
    {
        var state = new LiveExecutionState();
        state.Apply(Event(1, "execution.status", """{"status":"cancelled"}"""));
        state.Apply(Event(2, "node.started", """{"nodeId":"a"}"""));

        Assert.Equal("cancelled", state.Status);
        Assert.Equal("pending", state.Node("a").Status);
        Assert.Equal(100, state.Percent);
    }

    [Fact]
    public void ARetry_IsCounted_FromTheEvents_AndTheFailedNodeKeepsItsEarlierFailure_EvenWhenReplayed()
    {
        var log = new[]
        {
            Event(1, "execution.status", """{"status":"running"}"""),
            Event(2, "node.started", """{"nodeId":"a"}"""),
            Event(3, "node.failed", """{"nodeId":"a","status":"failed","attempts":2,"error":{"message":"boom"}}"""),
            Event(4, "execution.status", """{"status":"failed","error":{"message":"node a failed"}}"""),
            Event(5, "execution.status", """{"status":"queued"}"""), // the retry
            Event(6, "execution.status", """{"status":"running"}"""),
            Event(7, "node.started", """{"nodeId":"a"}"""),
        };
        var state = new LiveExecutionState();
        foreach (var item in log.Take(4))
        {
            state.Apply(item);
        }

        Assert.Equal(0, state.Retries);
        foreach (var item in log)
        {
            state.Apply(item); // the first four again, as after a reconnect: ignored
        }

        Assert.Equal(1, state.Retries);
        Assert.Equal(1, state.EarlierFailures("a"));
        Assert.Equal(0, state.EarlierFailures("b"));
        Assert.Equal(("running", "running"), (state.Status, state.Node("a").Status));

        state.Apply(Event(8, "node.completed", """{"nodeId":"a","status":"completed","attempts":1}"""));
        state.Apply(Event(9, "execution.status", """{"status":"completed"}"""));
        Assert.Equal((1, 1), (state.Retries, state.Node("a").Attempts));
    }

    [Fact]
    public void AFailedStatus_CarriesItsMessage()
    {
        var state = new LiveExecutionState();
        state.Apply(Event(1, "execution.status", """{"status":"failed","error":{"message":"node b failed"}}"""));

        Assert.Equal("node b failed", state.Error);
        Assert.True(state.CanRetry);
    }

    [Theory]
    [InlineData("queued", true, false, true, false, false)]
    [InlineData("running", true, false, true, false, false)]
    [InlineData("waiting", true, false, true, false, false)] // waiting on what? only a waiting approval node offers Approve
    [InlineData("pausing", false, false, true, false, false)]
    [InlineData("paused", false, true, true, false, false)]
    [InlineData("failed", false, false, false, true, false)]
    [InlineData("completed", false, false, false, false, false)]
    [InlineData("cancelled", false, false, false, false, false)]
    public void TheButtons_FollowTheStatus(string status, bool pause, bool resume, bool cancel, bool retry, bool approve)
    {
        var state = new LiveExecutionState();
        state.Apply(Event(1, "execution.status", $$"""{"status":"{{status}}"}"""));

        Assert.Equal((pause, resume, cancel, retry, approve), (state.CanPause, state.CanResume, state.CanCancel, state.CanRetry, state.CanApprove));
    }

    [Fact]
    public void WaitingOnADelay_OffersNoApproval_AndShowsTheNodeWaiting()
    {
        var state = new LiveExecutionState();
        state.UseApprovals(new Dictionary<string, string?> { ["ask"] = "Go ahead?" });
        state.Apply(Snapshot(ExecutionStatus.Waiting, new NodeExecutionResource { NodeId = "wait", Status = NodeStatus.Running, Attempts = 1 }) with { CurrentNodes = ["wait"] });

        Assert.False(state.CanApprove);
        Assert.Empty(state.WaitingApprovals);
        Assert.Equal("waiting", state.Node("wait").Status);
    }

    [Fact]
    public void WaitingOnAnApproval_OffersIt_WithItsMessage()
    {
        var state = new LiveExecutionState();
        state.UseApprovals(new Dictionary<string, string?> { ["ask"] = "Go ahead?", ["later"] = "Sure?" });
        state.Apply(Snapshot(
            ExecutionStatus.Waiting,
            new NodeExecutionResource { NodeId = "wait", Status = NodeStatus.Running, Attempts = 1 },
            new NodeExecutionResource { NodeId = "ask", Status = NodeStatus.Running, Attempts = 1 }) with
        { CurrentNodes = ["wait", "ask"] });

        Assert.True(state.CanApprove);
        var approval = Assert.Single(state.WaitingApprovals);
        Assert.Equal(("ask", "Go ahead?"), (approval.NodeId, approval.Message));
        Assert.Equal("waiting", state.Node("ask").Status);

        // Once approved, the next snapshot has it running on: nothing left to approve, the node is no longer waiting.
        state.Apply(Snapshot(ExecutionStatus.Running, new NodeExecutionResource { NodeId = "ask", Status = NodeStatus.Completed, Attempts = 1 }) with { CurrentNodes = [] });
        Assert.False(state.CanApprove);
        Assert.Equal("completed", state.Node("ask").Status);
    }

    [Fact]
    public void ASnapshot_BringsOutputsAndReplacesStaleNodeStates()
    {
        var state = new LiveExecutionState();
        state.Apply(Event(1, "node.started", """{"nodeId":"a"}"""));

        state.Apply(Snapshot(
            ExecutionStatus.Completed,
            new NodeExecutionResource { NodeId = "a", Status = NodeStatus.Completed, Attempts = 1, Output = JsonNode.Parse("""{"text":"hi"}""") }));

        Assert.Equal("completed", state.Status);
        Assert.Equal("completed", state.Node("a").Status);
        Assert.Equal("""{"text":"hi"}""", state.Node("a").Output!.ToJsonString());
        Assert.Equal(1, state.LastSequence); // a snapshot does not reset the stream position
    }

    [Fact]
    public void UnknownEvents_AreIgnored()
    {
        var state = new LiveExecutionState();

        Assert.False(state.Apply(Event(1, "something.new", "{}")));
        Assert.False(state.Apply(Event(2, "node.started", "{}")));
        Assert.Equal("queued", state.Status);
    }
}
