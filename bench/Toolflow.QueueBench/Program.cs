using System.Globalization;
using Toolflow.QueueBench;
using Toolflow.Testing.Postgres;

// dotnet run -c Release --project bench/Toolflow.QueueBench -- [--executions 2000] [--workers 1,2,4]
//   [--databases postgres,sqlite] [--systems toolflow,hangfire,wolverine] [--durable] [--commit-seconds 5]
//   [--concurrency 4] [--limit-seconds 300] [--statements]  (a peer still running at the limit is reported on what it finished)
//   [--warmup 100]  (executions of each shape each system runs untimed first, on a database of its own: JIT and pools warm for all alike)
var settings = Settings.Parse(args);
var root = Path.Combine(Path.GetTempPath(), $"toolflow-queuebench-{Guid.NewGuid():N}");
var results = new List<RunResult>();
var commitRates = new Dictionary<(string Database, int Connections), double>();
PostgresServer.PrivateCluster? cluster = null;
try
{
    foreach (var name in settings.Databases)
    {
        Target target;
        if (name == "postgres")
        {
            cluster = await PostgresServer.StartPrivateAsync(settings.Durable);
            if (settings.Statements)
            {
                await StatementProfile.EnableAsync(cluster);
            }

            target = new Target(settings.Durable ? "PostgreSQL (durable)" : "PostgreSQL (fsync off)", cluster.ConnectionString, root);
        }
        else
        {
            target = new Target("SQLite (WAL, synchronous=NORMAL)", null, Path.Combine(root, "sqlite"));
        }

        foreach (var connections in settings.Workers)
        {
            var rate = await CommitRate.MeasureAsync(target, connections, settings.CommitDuration);
            commitRates[(target.Label, connections)] = rate;
            Console.WriteLine($"{target.Label}: {connections} connection(s): {rate:F0} commits/s");
        }

        foreach (var system in settings.Warmup > 0 ? settings.Systems : [])
        {
            foreach (var shape in Shape.All.Where(_ => system != "wolverine" || target.IsPostgres))
            {
                await RunAsync(system, target, shape, 1, settings.Warmup, statements: false);
            }
        }

        foreach (var shape in Shape.All)
        {
            foreach (var workers in settings.Workers)
            {
                foreach (var system in settings.Systems)
                {
                    if (system == "wolverine" && !target.IsPostgres)
                    {
                        continue;
                    }

                    var result = await RunAsync(system, target, shape, workers);
                    if (result is not null)
                    {
                        results.Add(result);
                        Console.WriteLine(
                            $"{result.Database} | {shape.Name} | {result.System} | {workers} worker(s) | {result.ExecutionsPerSecond:F1} exec/s | " +
                            $"{result.StepsPerSecond:F0} steps/s | p50 {result.P50:F0} ms | p99 {result.P99:F0} ms" +
                            (result.TransactionsPerExecution is { } tx ? $" | {tx:F1} transactions/execution" : "") +
                            (result.Unfinished > 0 ? $" | {result.Unfinished} unfinished at the limit" : ""));
                    }
                }
            }
        }

        if (cluster is not null)
        {
            await cluster.DisposeAsync();
            cluster = null;
        }
    }

    Report.Print(results, commitRates, settings);
}
finally
{
    if (cluster is not null)
    {
        await cluster.DisposeAsync();
    }

    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    if (Directory.Exists(root))
    {
        Directory.Delete(root, recursive: true);
    }
}

async Task<RunResult?> RunAsync(string system, Target target, Shape shape, int workers, int? executions = null, bool? statements = null)
{
    var count = executions ?? settings.Executions;
    try
    {
        return system switch
        {
            "toolflow" => await ToolflowRun.RunAsync(target, shape, workers, count, settings.Concurrency, settings.Limit, statements ?? settings.Statements),
            "hangfire" => await HangfireRun.RunAsync(target, shape, workers, count, settings.Concurrency, settings.Limit),
            "wolverine" => await WolverineRun.RunAsync(target, shape, workers, count, settings.Concurrency, settings.Limit),
            _ => throw new ArgumentException($"unknown system {system}"),
        };
    }
    catch (Exception e) when (e is not ArgumentException)
    {
        // One peer failing must not lose the others' figures: say what happened and go on.
        Console.WriteLine($"{target.Label} | {shape.Name} | {system} | {workers} worker(s) | FAILED: {e.GetType().Name}: {e.Message}");
        return null;
    }
}

namespace Toolflow.QueueBench
{
    /// <summary>The command line.</summary>
    internal sealed record Settings(int Executions, int[] Workers, string[] Databases, string[] Systems, bool Durable, TimeSpan CommitDuration, int Concurrency, TimeSpan Limit, bool Statements, int Warmup)
    {
        public static Settings Parse(string[] args)
        {
            string? Value(string name)
            {
                var at = Array.IndexOf(args, name);
                return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
            }

            static string[] List(string? value, string fallback) => (value ?? fallback).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

            return new Settings(
                int.Parse(Value("--executions") ?? "2000", CultureInfo.InvariantCulture),
                [.. List(Value("--workers"), "1,2,4").Select(w => int.Parse(w, CultureInfo.InvariantCulture))],
                List(Value("--databases"), "postgres,sqlite"),
                List(Value("--systems"), "toolflow,hangfire,wolverine"),
                args.Contains("--durable"),
                TimeSpan.FromSeconds(double.Parse(Value("--commit-seconds") ?? "5", CultureInfo.InvariantCulture)),
                int.Parse(Value("--concurrency") ?? "4", CultureInfo.InvariantCulture),
                TimeSpan.FromSeconds(double.Parse(Value("--limit-seconds") ?? "300", CultureInfo.InvariantCulture)),
                args.Contains("--statements"),
                int.Parse(Value("--warmup") ?? "100", CultureInfo.InvariantCulture));
        }
    }
}
