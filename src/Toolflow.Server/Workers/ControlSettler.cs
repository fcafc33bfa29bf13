using Toolflow.Core.Execution;
using Toolflow.Engine;

namespace Toolflow.Server.Workers;

/// <summary>
/// Hands a user's pause or cancel to this process's engine: it acts at once on an idle execution
/// (queued, waiting, paused) or one it runs, and records the request for one another process runs.
/// </summary>
internal static class ControlSettler
{
    public static async Task SettleAsync(WorkflowEngine engine, string executionId, ControlRequest request, CancellationToken cancellationToken)
    {
        try
        {
            if (request == ControlRequest.Pause)
            {
                await engine.PauseAsync(executionId, cancellationToken);
            }
            else
            {
                await engine.CancelAsync(executionId, cancellationToken);
            }
        }
        catch (InvalidOperationException)
        {
            // A worker of this process claimed it in between: the request is recorded, its heartbeat acts on it.
        }
    }
}
