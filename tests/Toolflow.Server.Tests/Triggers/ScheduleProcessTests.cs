using System.Security.Cryptography;
using Toolflow.Core.Definitions;
using Toolflow.Server.Tests.Processes;
using Toolflow.Storage.Database;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Executions;
using Toolflow.Storage.Repositories.Workflows;
using Toolflow.Storage.Secrets;
using Toolflow.Testing.Postgres;
using Toolflow.Testing.Sql;

namespace Toolflow.Server.Tests.Triggers;

/// <summary>
/// Three real <c>toolflow worker</c> processes on one PostgreSQL database, each sweeping schedules,
/// with a cron that fires every second: every fire time gets exactly one execution. (Under load a
/// sweep may come late and then runs only the latest due fire, so the test counts duplicates, not gaps;
/// the fake-clock suite in Toolflow.Storage.Tests proves "every occurrence once".)
/// </summary>
public sealed class ScheduleProcessTests
{
    [PostgresFact]
    public async Task ThreeWorkerProcesses_FireEachSecondOnce()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("schedules");
        var folder = Directory.CreateTempSubdirectory("toolflow-schedules-").FullName;
        var environment = new Dictionary<string, string>
        {
            ["TOOLFLOW__Database__Provider"] = "postgres",
            ["TOOLFLOW__Database__ConnectionString"] = connectionString,
            ["TOOLFLOW__Secrets__MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["TOOLFLOW__Workers__SweepInterval"] = "00:00:00.100",
            ["TOOLFLOW__Workers__PollInterval"] = "00:00:00.200",
        };
        var workers = Enumerable.Range(0, 3).Select(_ => ToolflowProcess.Start(folder, ["worker"], environment)).ToList();
        var database = ToolflowDatabase.Create(new DatabaseOptions { Provider = "postgres", ConnectionString = connectionString });
        try
        {
            var repositories = new ToolflowRepositories(database, TimeProvider.System, new MasterKeyRing(MasterKey.Generate(1)));
            await WaitAsync(async () => await TableExistsAsync(database), workers);
            var owner = (await repositories.Users.CreateAsync("owner@example.org", "Owner", UserRole.Member)).AsCaller();
            var workflow = await repositories.Workflows.CreateAsync(owner, new NewWorkflow(new WorkflowDefinition
            {
                Name = "every second",
                Trigger = new TriggerDefinition { Type = TriggerType.Schedule, Cron = "* * * * * *" },
                Nodes = [new NodeDefinition { Id = "tick", Tool = "data.set", Config = new() { ["values"] = new System.Text.Json.Nodes.JsonObject { ["at"] = "{{ input.scheduledAt }}" } } }],
            })
            { Status = WorkflowStatus.Active });

            // Let the three sweep side by side until there have been a good number of fires, then stop the schedule.
            await WaitAsync(async () => await database.CountAsync("SELECT count(*) FROM workflow_executions") >= 8, workers);
            await repositories.Workflows.SetStatusAsync(owner, workflow.Id, WorkflowStatus.Paused);
            await WaitAsync(async () => await database.CountAsync("SELECT count(*) FROM schedule_triggers") == 0, workers);

            var page = await repositories.Executions.ListAsync(owner, workflow.Id, new ExecutionListQuery { Limit = 100 });
            var fires = page!.Items.Select(e => (string)e.Input!["scheduledAt"]!).ToList();
            Assert.True(fires.Count >= 8, $"only {fires.Count} fires");
            Assert.Equal(fires.Count, fires.Distinct(StringComparer.Ordinal).Count());
            Assert.All(workers, w => Assert.DoesNotContain("Unhandled", w.Output, StringComparison.Ordinal));
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }

            await database.DisposeAsync();
            await server.DropDatabaseAsync(connectionString);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<bool> TableExistsAsync(ToolflowDatabase database)
    {
        try
        {
            return await database.CountAsync("SELECT count(*) FROM schema_migrations WHERE version = 4") == 1;
        }
        catch (Exception e) when (e is Npgsql.PostgresException || e.InnerException is Npgsql.PostgresException)
        {
            // Not migrated yet.
            return false;
        }
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, List<ToolflowProcess> workers)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (!await condition())
        {
            Assert.False(deadline.IsCancellationRequested, "timed out; worker output:\n" + string.Join("\n---\n", workers.Select(w => w.Output)));
            await Task.Delay(100, CancellationToken.None);
        }
    }
}
