namespace Toolflow.Generation.Optimization;

/// <summary>What past executions say about one node: runs, failed runs, average and slowest duration.</summary>
public sealed record NodeHistory(string NodeId, int Runs, int Failures, double AverageDurationMs, long MaxDurationMs)
{
    public double FailureRate => Runs == 0 ? 0 : (double)Failures / Runs;
}
