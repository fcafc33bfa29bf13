using Toolflow.Core.Execution;
using Toolflow.Engine.Events;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Executions;

namespace Toolflow.Server.Triggers;

/// <summary>
/// Waits for an execution to end, for synchronous webhooks: it listens on the process's event hub
/// (which hears this process's engine, and on PostgreSQL every other process through the relay), and
/// reads the row when a status event for the execution arrives — and at least once a second in case
/// an event was missed (a subscriber that overflowed, a relay reconnecting). No busy polling.
/// </summary>
internal sealed class ExecutionWaiter(ExecutionEventHub hub, ToolflowRepositories repositories, TimeProvider clock)
{
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(1);

    /// <summary>Subscribe before the execution is created, so no status event can slip by.</summary>
    public Watch Start() => new(hub, repositories, clock);

    internal sealed class Watch : IDisposable
    {
        private readonly ToolflowRepositories repositories;
        private readonly TimeProvider clock;
        private readonly EventSubscription subscription;
        private string? executionId;

        public Watch(ExecutionEventHub hub, ToolflowRepositories repositories, TimeProvider clock)
        {
            this.repositories = repositories;
            this.clock = clock;
            subscription = hub.Subscribe(e => e.Type == ExecutionEventTypes.Status && e.ExecutionId == Volatile.Read(ref executionId), capacity: 16);
        }

        /// <summary>The execution when it ended within <paramref name="timeout"/>, else null.</summary>
        public async Task<ExecutionRecord?> EndedWithinAsync(Guid id, TimeSpan timeout, CancellationToken cancellationToken)
        {
            Volatile.Write(ref executionId, id.ToString());
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                while (true)
                {
                    // Read first: the run may have ended before the id above was set.
                    var current = await repositories.Executions.GetForEngineAsync(id, deadline.Token);
                    if (current is null || ExecutionStatusRules.IsFinal(current.Status))
                    {
                        return current;
                    }

                    await NextStatusEventAsync(deadline.Token);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null;
            }
        }

        private async Task NextStatusEventAsync(CancellationToken cancellationToken)
        {
            using var recheck = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            recheck.CancelAfter(Recheck);
            try
            {
                if (!await subscription.Reader.WaitToReadAsync(recheck.Token))
                {
                    // Closed (overflowed): fall back to rechecking every second until the deadline.
                    await Task.Delay(Recheck, clock, cancellationToken);
                }

                while (subscription.Reader.TryRead(out _))
                {
                    // Any status event means "read the row again".
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A second passed without an event: read the row again.
            }
        }

        public void Dispose() => subscription.Dispose();
    }
}
