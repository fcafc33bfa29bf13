namespace Toolflow.QueueBench;

/// <summary>One measured run: executions of one shape by one system with some workers on one database.</summary>
internal sealed record RunResult(string System, string Database, Shape Shape, int Workers, int Executions, TimeSpan Elapsed, double[] LatenciesMs)
{
    /// <summary>PostgreSQL only: transactions the database counted (pg_stat_database.xact_commit, reads included) per execution.</summary>
    public double? TransactionsPerExecution { get; init; }

    /// <summary>A peer stopped at the time limit: executions not finished (the rates count the finished ones).</summary>
    public int Unfinished { get; init; }

    public double ExecutionsPerSecond => Executions / Elapsed.TotalSeconds;

    public double StepsPerSecond => Executions * Shape.Nodes / Elapsed.TotalSeconds;

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    private double Percentile(double p)
    {
        if (LatenciesMs.Length == 0)
        {
            return double.NaN;
        }

        var sorted = LatenciesMs.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * p))];
    }
}
