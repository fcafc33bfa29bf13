using Toolflow.Core.Execution;
using Toolflow.Core.Execution.Durable;
using Toolflow.Engine;

namespace Toolflow.Server.Workers;

/// <summary>
/// Hands a user's pause or cancel to this process's engine: it acts at once on an idle execution
/// (queued, waiting, paused) or one it runs, and records the request for one another process runs.
/// <see cref="ControlRequest.None"/>: a resume withdrew a pause; a run of this engine that is pausing goes on.
/// </summary>
internal static class ControlSettler
{
    public static async Task SettleAsync(WorkflowEngine engine, string executionId, ControlRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                switch (request)
                {
                    case ControlRequest.Pause:
                        await engine.PauseAsync(executionId, cancellationToken);
                        break;
                    case ControlRequest.Cancel:
                        await engine.CancelAsync(executionId, cancellationToken);
                        break;
                    default:
                        // A resume withdrew a pause (the row is running again): a run here that is pausing goes on.
                        engine.MayHaveResumed(executionId);
                        break;
                }

                return;
            }
            catch (ExecutionLeaseLostException) when (attempt == 1)
            {
                // A worker of this process was handing the execution back (it had just committed `waiting`) while
                // the engine acted under its lease: the hand-back cleared the lease first. Once more, now idle.
                // The likely cause of one 500 from POST …/pause in a CI run of LiveWalkTests on PostgreSQL (not reproduced).
            }
            catch (Exception e) when (e is InvalidOperationException or ExecutionLeaseLostException)
            {
                // A worker claimed it in between: the request is recorded, and that worker's heartbeat acts on it.
                return;
            }
        }
    }
}
