using Toolflow.Core.Execution.Durable;
using Toolflow.Engine;
using Toolflow.Engine.Durable;

namespace Toolflow.Server.Workers;

/// <summary>The worker loop's reports as structured logs.</summary>
internal sealed partial class WorkerLog(ILogger<WorkerLog> logger) : IDurableWorkerObserver
{
    public void Started(string workerId, int concurrency) => LogStarted(logger, workerId, concurrency);

    public void Stopped(string workerId) => LogStopped(logger, workerId);

    public void Finished(ExecutionLease lease, RunResult result) => LogFinished(logger, lease.ExecutionId, result.Status.ToString());

    public void LeaseLost(ExecutionLease lease) => LogLeaseLost(logger, lease.ExecutionId);

    public void Released(ExecutionLease lease) => LogReleased(logger, lease.ExecutionId);

    public void Crashed(ExecutionLease lease, Exception error) => LogCrashed(logger, error, lease.ExecutionId, lease.Attempt);

    public void LoopFailed(Exception error) => LogLoopFailed(logger, error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} started with concurrency {Concurrency}")]
    private static partial void LogStarted(ILogger logger, string workerId, int concurrency);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} stopped")]
    private static partial void LogStopped(ILogger logger, string workerId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Execution {ExecutionId} handed back as {Status}")]
    private static partial void LogFinished(ILogger logger, string executionId, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the lease of execution {ExecutionId}; another worker owns it now")]
    private static partial void LogLeaseLost(ILogger logger, string executionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Released execution {ExecutionId} at shutdown")]
    private static partial void LogReleased(ILogger logger, string executionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run of execution {ExecutionId} crashed (attempt {Attempt}); its job will be retried")]
    private static partial void LogCrashed(ILogger logger, Exception error, string executionId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker loop error; retrying")]
    private static partial void LogLoopFailed(ILogger logger, Exception error);
}
