using System.Globalization;

namespace Toolflow.QueueBench;

/// <summary>The markdown tables for docs/PERFORMANCE.md: one per database and shape, then the ratios.</summary>
internal static class Report
{
    /// <summary>
    /// Commits one Toolflow execution needs at least (docs/engine.md, docs/durable.md): create with its
    /// job 1, claim 1 (shared by a batch, so at most 1), and one engine commit per loop turn — a node's
    /// completion carries the next nodes' starts and the last one the final status, which also clears
    /// the lease and completes the job (no finishing commit since 2026-11-27 10:00; 3 + … before).
    /// Chain: the start (running + first node) and one per node = 11.
    /// 1 → 8 → 1: start, first node done (+ 8 starts), the 8 branches done (+ last start) when they
    /// report in one turn, last node done (+ completed) = 4. The fewer the commits counted, the higher
    /// the limit the measured rate is held against.
    /// </summary>
    public static int CommitsPerExecution(Shape shape) => 2 + (shape.FanOut == 0 ? 1 + shape.Nodes : 4);

    public static void Print(List<RunResult> results, Dictionary<(string Database, int Connections), double> commitRates, Settings settings)
    {
        Console.WriteLine();
        Console.WriteLine($"{settings.Executions:N0} executions per run; {settings.Concurrency} executions (jobs, messages) at once per worker; " +
            string.Join(", ", Shape.All.Select(s => $"{CommitsPerExecution(s)} commits per Toolflow execution of the {s.Name}")) + ".");
        foreach (var database in results.Select(r => r.Database).Distinct())
        {
            Console.WriteLine();
            Console.WriteLine($"Commit rate ({database}): " + string.Join(", ",
                settings.Workers.Select(w => $"{w} conn {Rate(commitRates, database, w):F0}/s")));
            foreach (var shape in Shape.All)
            {
                var rows = results.Where(r => r.Database == database && r.Shape == shape).ToList();
                if (rows.Count == 0)
                {
                    continue;
                }

                Console.WriteLine();
                Console.WriteLine($"#### {database}, {shape.Name}");
                Console.WriteLine();
                Console.WriteLine("| system | workers | executions/s | node steps/s | p50 ms | p99 ms | Toolflow ÷ best peer | % of commit-rate limit |");
                Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
                foreach (var row in rows.OrderBy(r => r.Workers).ThenBy(r => r.System, StringComparer.Ordinal))
                {
                    var peers = rows.Where(r => r.Workers == row.Workers && r.System != "Toolflow").ToList();
                    var ratio = row.System == "Toolflow" && peers.Count > 0 ? $"{row.ExecutionsPerSecond / peers.Max(p => p.ExecutionsPerSecond):F2}×" : "";
                    var limit = row.System == "Toolflow" ? $"{100 * row.ExecutionsPerSecond * CommitsPerExecution(shape) / Rate(commitRates, database, row.Workers):F0}%" : "";
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {row.System}{(row.Unfinished > 0 ? $" ({row.Unfinished} unfinished at the limit)" : "")} | {row.Workers} | {row.ExecutionsPerSecond:F1} | {row.StepsPerSecond:F0} | {row.P50:F0} | {row.P99:F0} | {ratio} | {limit} |"));
                }
            }
        }
    }

    private static double Rate(Dictionary<(string, int), double> rates, string database, int connections) =>
        rates.TryGetValue((database, connections), out var rate) ? rate : double.NaN;
}
