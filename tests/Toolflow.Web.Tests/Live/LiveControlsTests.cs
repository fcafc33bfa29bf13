using System.Text.Json.Nodes;
using Bunit;
using Toolflow.Core.Contracts.Executions;
using Toolflow.Server.Web.Client;
using Toolflow.Server.Web.Components.Shared;
using Toolflow.Server.Web.Live;

namespace Toolflow.Web.Tests.Live;

/// <summary>The live view's buttons, driven by the state machine.</summary>
public sealed class LiveControlsTests : BunitContext
{
    private static LiveExecutionState StateWith(string status)
    {
        var state = new LiveExecutionState();
        state.Apply(new LiveEvent("execution.status", 1, new JsonObject { ["status"] = status }));
        return state;
    }

    /// <summary>Waiting, with <paramref name="current"/> the nodes the execution waits on; "ask" and "confirm" are approvals.</summary>
    private static LiveExecutionState WaitingOn(params string[] current)
    {
        var state = new LiveExecutionState();
        state.UseApprovals(new Dictionary<string, string?> { ["ask"] = "Ship version <b>2</b>?", ["confirm"] = null });
        state.Apply(new ExecutionResource
        {
            Id = Guid.NewGuid(),
            WorkflowId = Guid.NewGuid(),
            WorkflowVersion = 1,
            Status = Toolflow.Core.Definitions.ExecutionStatus.Waiting,
            CreatedAt = DateTimeOffset.UnixEpoch,
            CurrentNodes = current,
        });
        return state;
    }

    [Fact]
    public void WaitingOnADelay_OffersNoApproveOrReject()
    {
        var controls = Render<LiveControls>(p => p.Add(c => c.State, WaitingOn("wait")));

        Assert.Empty(controls.FindAll("[data-testid=approve]"));
        Assert.Empty(controls.FindAll("[data-testid=reject]"));
        Assert.False(controls.Find("[data-testid=pause]").HasAttribute("disabled"));
    }

    [Fact]
    public void WaitingOnAnApproval_ShowsWhatItAsks_AndSignalsThatNode()
    {
        (string? NodeId, bool Approved, JsonNode? Payload)? sent = null;
        var controls = Render<LiveControls>(p => p
            .Add(c => c.State, WaitingOn("wait", "ask"))
            .Add(c => c.OnSignal, ((string? NodeId, bool Approved, JsonNode? Payload) s) => sent = s));

        // The approver sees the question (escaped), and only waiting approvals to choose from.
        Assert.Contains("Ship version &lt;b&gt;2&lt;/b&gt;?", controls.Find("[data-testid=approval-message]").InnerHtml, StringComparison.Ordinal);
        Assert.Empty(controls.FindAll("#approve-node option[value=wait]"));

        controls.Find("[data-testid=reject]").Click();
        Assert.NotNull(sent);
        Assert.Equal("ask", sent.Value.NodeId);
        Assert.False(sent.Value.Approved);
    }

    [Fact]
    public void WhileRunning_OnlyPauseAndCancelAreEnabled()
    {
        var controls = Render<LiveControls>(p => p.Add(c => c.State, StateWith("running")));

        Assert.False(controls.Find("[data-testid=pause]").HasAttribute("disabled"));
        Assert.False(controls.Find("[data-testid=cancel]").HasAttribute("disabled"));
        Assert.True(controls.Find("[data-testid=resume]").HasAttribute("disabled"));
        Assert.True(controls.Find("[data-testid=retry]").HasAttribute("disabled"));
        Assert.Empty(controls.FindAll("[data-testid=approve]"));
    }

    [Fact]
    public void Pressing_ABUtton_ReportsItsAction()
    {
        string? pressed = null;
        var controls = Render<LiveControls>(p => p
            .Add(c => c.State, StateWith("paused"))
            .Add(c => c.OnAction, (string action) => pressed = action));

        controls.Find("[data-testid=resume]").Click();

        Assert.Equal("resume", pressed);
    }

    [Fact]
    public void WhileActing_EveryButtonIsDisabled()
    {
        var controls = Render<LiveControls>(p => p.Add(c => c.State, StateWith("running")).Add(c => c.Acting, true));

        Assert.All(controls.FindAll("button"), b => Assert.True(b.HasAttribute("disabled")));
    }

    [Fact]
    public void Approve_SendsThePayload_AndRefusesBadJson()
    {
        (string? NodeId, bool Approved, JsonNode? Payload)? sent = null;
        var controls = Render<LiveControls>(p => p
            .Add(c => c.State, WaitingOn("ask"))
            .Add(c => c.OnSignal, ((string? NodeId, bool Approved, JsonNode? Payload) s) => sent = s));

        controls.Find("#approve-payload").Change("{oops");
        controls.Find("[data-testid=approve]").Click();
        Assert.Null(sent);
        Assert.Contains("not valid JSON", controls.Markup, StringComparison.Ordinal);

        controls.Find("#approve-payload").Change("""{"ok": true}""");
        controls.Find("[data-testid=approve]").Click();
        Assert.NotNull(sent);
        Assert.True(sent.Value.Approved);
        Assert.Equal("""{"ok":true}""", sent.Value.Payload!.ToJsonString());
    }
}
