using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Storage.Repositories.Executions;
using Toolflow.Storage.Repositories.Workflows;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.Repositories.Executions;

/// <summary>The optimizer's history query and the generator's fields on an update, on both stores.</summary>
public abstract class NodeStatsSuite(StoreFixture store)
{
    private readonly RepositoryHarness _h = new(store.Database);

    [StoreFact]
    public async Task NodeStats_CountRunsFailuresAndDurations_OfFinishedNodesOnly_ForWhoMaySee()
    {
        var owner = await _h.MemberAsync();
        var stranger = await _h.MemberAsync();
        var workflow = await _h.WorkflowAsync(owner);
        var other = await _h.WorkflowAsync(owner);
        foreach (var (status, ms) in new[] { (NodeStatus.Completed, 100L), (NodeStatus.Failed, 300L), (NodeStatus.Running, 999L) })
        {
            var execution = (await _h.Executions.CreateAsync(owner, new NewExecution(workflow.Id) { Enqueue = false })).Execution;
            await _h.Executions.UpsertNodeAsync(execution.Id, new NodeExecutionWrite("fetch", status) { Attempts = 1, DurationMs = ms });
            await _h.Executions.UpsertNodeAsync(execution.Id, new NodeExecutionWrite("mail", NodeStatus.Completed) { Attempts = 1, DurationMs = 10 });
        }

        var elsewhere = (await _h.Executions.CreateAsync(owner, new NewExecution(other.Id) { Enqueue = false })).Execution;
        await _h.Executions.UpsertNodeAsync(elsewhere.Id, new NodeExecutionWrite("fetch", NodeStatus.Failed) { Attempts = 1, DurationMs = 5000 });

        var stats = await _h.Executions.NodeStatsAsync(owner, workflow.Id);

        Assert.NotNull(stats);
        var fetch = stats.Single(s => s.NodeId == "fetch");
        Assert.Equal((2, 1, 200.0, 300L), (fetch.Runs, fetch.Failures, fetch.AverageDurationMs, fetch.MaxDurationMs));
        Assert.Equal(3, stats.Single(s => s.NodeId == "mail").Runs);
        Assert.Null(await _h.Executions.NodeStatsAsync(stranger, workflow.Id));
    }

    [StoreFact]
    public async Task Update_WithGenerationFields_WritesThemWithTheNewVersion()
    {
        var owner = await _h.MemberAsync();
        var workflow = await _h.Workflows.CreateAsync(owner, new NewWorkflow(Definitions.Simple("v1"))
        {
            GenerationPrompt = "fetch it",
            GenerationModel = "offline-planner",
            GenerationAttempts = 1,
            GenerationConversation = [new JsonObject { ["role"] = "user", ["content"] = "fetch it" }],
        });

        var updated = await _h.Workflows.UpdateAsync(owner, workflow.Id, new WorkflowUpdate(1)
        {
            Definition = Definitions.Simple("v2"),
            Generation = new GenerationFields("offline-planner", [new JsonObject { ["role"] = "user", ["content"] = "fetch it" }, new JsonObject { ["role"] = "user", ["content"] = "hourly" }], 2),
        });

        Assert.Equal(2, updated.Version);
        Assert.Equal("fetch it", updated.GenerationPrompt);
        Assert.Equal(2, updated.GenerationAttempts);
        Assert.Equal("hourly", (string?)updated.GenerationConversation![1]!["content"]);
        await Assert.ThrowsAsync<Storage.Repositories.ValidationFailedException>(() => _h.Workflows.UpdateAsync(owner, workflow.Id, new WorkflowUpdate(2)
        {
            Definition = Definitions.Simple("v3"),
            Generation = new GenerationFields("m", [], -1),
        }));
        Assert.Equal(2, (await _h.Workflows.GetAsync(owner, workflow.Id))!.Version);
    }
}

public sealed class SqliteNodeStatsTests(SqliteStoreFixture store) : NodeStatsSuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresNodeStatsTests(PostgresStoreFixture store) : NodeStatsSuite(store), IClassFixture<PostgresStoreFixture>;
