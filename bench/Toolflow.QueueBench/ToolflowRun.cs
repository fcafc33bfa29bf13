using System.Data.Common;
using System.Globalization;
using Toolflow.Core.Definitions;
using Toolflow.Core.Expressions;
using Toolflow.Core.Expressions.Sandbox;
using Toolflow.Engine;
using Toolflow.Engine.Durable;
using Toolflow.Storage.Database;
using Toolflow.Storage.ExecutionStore;
using Toolflow.Storage.Migrations;
using Toolflow.Storage.Queue;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Executions;
using Toolflow.Storage.Repositories.Workflows;
using Toolflow.Storage.Secrets;
using Toolflow.Tools.BuiltIn;

namespace Toolflow.QueueBench;

/// <summary>
/// Toolflow durable: <c>workers</c> in-process <see cref="DurableWorker"/>s, each with its own engine,
/// store and lease client as a separate process would have (as tests/…/DurableHarness does), plus one
/// sweeper. Executions are created through the repositories while the workers run (so the enqueue
/// is the real one); latency is completed_at − created_at read back from the database.
/// </summary>
internal static class ToolflowRun
{
    public static async Task<RunResult> RunAsync(Target target, Shape shape, int workers, int executions, int concurrency, TimeSpan limit, bool statements = false)
    {
        var connectionString = await target.NewAsync("tf");
        await using var database = ToolflowDatabase.Create(target.Toolflow(connectionString));
        await new Migrator(database).MigrateAsync(CancellationToken.None);
        var repositories = new ToolflowRepositories(database, TimeProvider.System, new MasterKeyRing(MasterKey.Generate(1)));
        var user = await repositories.Users.CreateAsync("bench@example.org", "Bench", UserRole.Member);
        var workflow = await repositories.Workflows.CreateAsync(user.AsCaller(), new NewWorkflow(shape.Definition()));

        var profiled = statements && database.Dialect == SqlDialect.Postgres;
        if (profiled)
        {
            await StatementProfile.ResetAsync(connectionString);
        }

        var before = await TransactionsAsync(database);
        using var stop = new CancellationTokenSource();
        var running = Enumerable.Range(0, workers).Select(w => Worker(database, concurrency, w).RunAsync(stop.Token)).ToList();
        running.Add(new SweeperLoop(new ExecutionSweeper(database, TimeProvider.System), Options(concurrency, -1)).RunAsync(stop.Token));
        try
        {
            await Creators.RunAsync(executions, _ => repositories.Executions.CreateAsync(user.AsCaller(), new NewExecution(workflow.Id)));
            if (!await Creators.WaitAsync(UntilDoneAsync(database, executions), limit))
            {
                throw new TimeoutException($"Toolflow did not finish {executions} executions within {limit}.");
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(running);
        }

        // Other sessions report their counts to the statistics at most once a second.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var after = await TransactionsAsync(database);
        if (profiled)
        {
            await StatementProfile.PrintAsync(connectionString, executions, $"{shape.Name}, {workers} worker(s)");
        }

        var (elapsed, latencies) = await MeasureAsync(database, executions);
        return new RunResult("Toolflow", target.Label, shape, workers, executions, elapsed, latencies)
        {
            TransactionsPerExecution = after is { } end && before is { } start ? (double)(end - start) / executions : null,
        };
    }

    private static DurableWorkerOptions Options(int concurrency, int index) => new()
    {
        Concurrency = concurrency,
        // The same idle poll as the peers are given; PostgreSQL wakes earlier on NOTIFY.
        PollInterval = TimeSpan.FromMilliseconds(100),
        WorkerId = $"bench-{index}-{Guid.NewGuid():N}",
    };

    private static DurableWorker Worker(ToolflowDatabase database, int concurrency, int index)
    {
        var store = new DatabaseExecutionStore(database, TimeProvider.System);
        var expressions = new ExpressionEvaluator(new JavaScriptSandbox(SandboxLimits.Expressions));
        var engine = new WorkflowEngine(store, BuiltInTools.Create(expressions), expressions, TimeProvider.System);
        var leases = new ExecutionLeases(database, TimeProvider.System, new JobNotifications(database));
        return new DurableWorker(engine, leases, store, Options(concurrency, index));
    }

    private static async Task<long?> TransactionsAsync(ToolflowDatabase database)
    {
        if (database.Dialect != SqlDialect.Postgres)
        {
            return null;
        }

        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task UntilDoneAsync(ToolflowDatabase database, int executions)
    {
        while (true)
        {
            await using var connection = await database.OpenAsync(CancellationToken.None);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM workflow_executions WHERE status IN ('completed', 'failed', 'cancelled')";
            if (Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) >= executions)
            {
                return;
            }

            await Task.Delay(100);
        }
    }

    private static async Task<(TimeSpan, double[])> MeasureAsync(ToolflowDatabase database, int executions)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT status, created_at, completed_at FROM workflow_executions";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(DateTimeOffset Created, DateTimeOffset Completed)>();
        while (await reader.ReadAsync())
        {
            if (reader.GetString(0) != "completed")
            {
                throw new InvalidOperationException($"An execution ended {reader.GetString(0)}, not completed.");
            }

            rows.Add((Time(reader, 1), Time(reader, 2)));
        }

        if (rows.Count != executions)
        {
            throw new InvalidOperationException($"{rows.Count} executions, expected {executions}.");
        }

        var elapsed = rows.Max(r => r.Completed) - rows.Min(r => r.Created);
        return (elapsed, [.. rows.Select(r => (r.Completed - r.Created).TotalMilliseconds)]);
    }

    private static DateTimeOffset Time(DbDataReader reader, int column) => reader.GetValue(column) switch
    {
        DateTimeOffset value => value,
        DateTime value => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)),
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        var other => throw new InvalidOperationException($"Unexpected time value {other}."),
    };
}
