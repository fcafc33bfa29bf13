using System.Text.Json.Nodes;
using Toolflow.Core.Contracts.Executions;
using Toolflow.Server.Web.Client;

namespace Toolflow.Server.Web.Live;

/// <summary>
/// What the live execution view shows, folded from a snapshot (<c>GET /executions/{id}</c>) and the events
/// that follow it. Events carry a sequence: one already applied is ignored, so a replay after reconnecting
/// changes nothing. A final status is never undone by a late node event; a newer snapshot (after retry) may.
/// </summary>
public sealed class LiveExecutionState
{
    private readonly Dictionary<string, LiveNode> nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> approvals = new(StringComparer.Ordinal);
    private readonly HashSet<string> failedThisRun = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> earlierFailures = new(StringComparer.Ordinal);
    private IReadOnlyList<string> currentNodes = [];

    /// <summary>Whether the last status event read was a final one: a non-final one after it is a retry.</summary>
    private bool endedInLog;

    public string Status { get; private set; } = "queued";

    public long LastSequence { get; private set; }

    public int TotalSteps { get; private set; }

    public int StepsCompleted { get; private set; }

    public int StepsFailed { get; private set; }

    public int StepsSkipped { get; private set; }

    public string? Error { get; private set; }

    public JsonNode? Output { get; private set; }

    public IReadOnlyDictionary<string, LiveNode> Nodes => nodes;

    /// <summary>
    /// How many times the execution was retried, from its events (a status that is not final after a final one,
    /// as the event stream counts a restart): the same after a reload, which replays the log.
    /// </summary>
    public int Retries { get; private set; }

    /// <summary>In how many earlier runs (before a retry) the node failed; its attempts count the current run only.</summary>
    public int EarlierFailures(string nodeId) => earlierFailures.GetValueOrDefault(nodeId);

    public bool IsFinal => Status is "completed" or "failed" or "cancelled";

    /// <summary>
    /// Percent of steps that ended (completed, failed or skipped), 0–100. A completed execution has
    /// ended every step: 100 at once, even when its status event is shown before the counters that
    /// came with it are read back.
    /// </summary>
    public int Percent => Status == "completed" || (TotalSteps <= 0 && IsFinal)
        ? 100
        : TotalSteps <= 0 ? 0 : Math.Clamp((StepsCompleted + StepsFailed + StepsSkipped) * 100 / TotalSteps, 0, 100);

    public bool CanPause => Status is "queued" or "running" or "waiting";

    public bool CanResume => Status is "paused";

    public bool CanCancel => !IsFinal;

    public bool CanRetry => Status is "failed";

    /// <summary>
    /// The approvals the execution waits on now: its current nodes (from the last snapshot) that are
    /// <c>flow.approval</c> nodes, with what each asks. A delay waits too, but nobody can approve it.
    /// </summary>
    public IReadOnlyList<WaitingApproval> WaitingApprovals => Status is "waiting"
        ? [.. currentNodes.Where(approvals.ContainsKey).Select(id => new WaitingApproval(id, approvals[id]))]
        : [];

    public bool CanApprove => WaitingApprovals.Count > 0;

    /// <summary>Which nodes of the definition are approvals (<c>flow.approval</c>), with their message as written.</summary>
    public void UseApprovals(IReadOnlyDictionary<string, string?> approvalNodes)
    {
        ArgumentNullException.ThrowIfNull(approvalNodes);
        approvals.Clear();
        foreach (var (id, message) in approvalNodes)
        {
            approvals[id] = message;
        }
    }

    public LiveNode Node(string id) => nodes.TryGetValue(id, out var node) ? node : new LiveNode(id);

    /// <summary>Replaces the state with the server's view (first load, after each node result, after retry).</summary>
    public void Apply(ExecutionResource snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Status = Client.EnumText.Of(snapshot.Status);
        TotalSteps = snapshot.TotalSteps;
        StepsCompleted = snapshot.StepsCompleted;
        StepsFailed = snapshot.StepsFailed;
        StepsSkipped = snapshot.StepsSkipped;
        Error = snapshot.Error?.Message;
        Output = snapshot.Output;
        currentNodes = snapshot.CurrentNodes;
        foreach (var node in snapshot.Nodes)
        {
            var status = Client.EnumText.Of(node.Status);
            nodes[node.NodeId] = new LiveNode(node.NodeId)
            {
                // A node of a waiting execution that is still current is waiting (a delay or an approval), not running.
                Status = Status == "waiting" && status == "running" && currentNodes.Contains(node.NodeId) ? "waiting" : status,
                Attempts = node.Attempts,
                Output = node.Output,
                Error = node.Error?.Message,
            };
        }
    }

    /// <summary>Folds one event in; false when it was already seen (sequence not newer) or not understood.</summary>
    public bool Apply(LiveEvent item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Sequence <= LastSequence)
        {
            return false;
        }

        LastSequence = item.Sequence;
        switch (item.Type)
        {
            case "execution.status":
                if (Text(item.Data, "status") is { } status)
                {
                    Status = status;
                    CountRestart(status);
                }

                Error = (item.Data["error"] as JsonObject)?["message"]?.GetValue<string>() ?? Error;
                return true;
            case "node.started" when !IsFinal && Text(item.Data, "nodeId") is { } started:
                nodes[started] = Node(started) with { Status = "running" };
                return true;
            case "node.completed" or "node.failed" when Text(item.Data, "nodeId") is { } ended:
                if (item.Type == "node.failed")
                {
                    failedThisRun.Add(ended);
                }

                nodes[ended] = Node(ended) with
                {
                    Status = Text(item.Data, "status") ?? (item.Type == "node.failed" ? "failed" : "completed"),
                    Attempts = item.Data["attempts"] is JsonValue a && a.TryGetValue<int>(out var attempts) ? attempts : Node(ended).Attempts,
                    Error = (item.Data["error"] as JsonObject)?["message"]?.GetValue<string>() ?? Node(ended).Error,
                };
                return true;
            case "progress" when !IsFinal:
                // A final state (from a snapshot or its status event) has its final counters: an older
                // progress event replayed after it must not move them back.
                TotalSteps = Int(item.Data, "totalSteps") ?? TotalSteps;
                StepsCompleted = Int(item.Data, "stepsCompleted") ?? StepsCompleted;
                StepsFailed = Int(item.Data, "stepsFailed") ?? StepsFailed;
                StepsSkipped = Int(item.Data, "stepsSkipped") ?? StepsSkipped;
                return true;
            default:
                return false;
        }
    }

    /// <summary>A retry re-runs the nodes that failed: what failed before it is kept as an earlier failure.</summary>
    private void CountRestart(string status)
    {
        var final = status is "completed" or "failed" or "cancelled";
        if (!final && endedInLog)
        {
            Retries++;
            foreach (var id in failedThisRun)
            {
                earlierFailures[id] = EarlierFailures(id) + 1;
            }

            failedThisRun.Clear();
        }

        endedInLog = final;
    }

    private static string? Text(JsonObject data, string name) =>
        data[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static int? Int(JsonObject data, string name) =>
        data[name] is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;
}

/// <summary>One node as the live view shows it.</summary>
public sealed record LiveNode(string Id)
{
    public string Status { get; init; } = "pending";

    public int Attempts { get; init; }

    public JsonNode? Output { get; init; }

    public string? Error { get; init; }
}

/// <summary>A <c>flow.approval</c> node the execution waits on, and what it asks (its config's message, as written).</summary>
public sealed record WaitingApproval(string NodeId, string? Message);
