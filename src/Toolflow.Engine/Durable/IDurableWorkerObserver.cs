using Toolflow.Core.Execution.Durable;

namespace Toolflow.Engine.Durable;

/// <summary>
/// What the worker loop reports; the host turns it into logs and metrics (the engine takes no
/// logging dependency). Every member has a do-nothing default.
/// </summary>
public interface IDurableWorkerObserver
{
    void Finished(ExecutionLease lease, RunResult result)
    {
    }

    void LeaseLost(ExecutionLease lease)
    {
    }

    void Released(ExecutionLease lease)
    {
    }

    void Crashed(ExecutionLease lease, Exception error)
    {
    }

    void LoopFailed(Exception error)
    {
    }
}

internal sealed class SilentObserver : IDurableWorkerObserver
{
    public static readonly SilentObserver Instance = new();
}
