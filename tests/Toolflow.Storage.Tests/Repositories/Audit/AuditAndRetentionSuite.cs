using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Audit;
using Toolflow.Storage.Repositories.Executions;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.Repositories.Audit;

public abstract class AuditAndRetentionSuite(StoreFixture store)
{
    private readonly RepositoryHarness _h = new(store.Database);

    [StoreFact]
    public async Task Audit_AppendsAndListsByObjectAndByActor_NewestFirst_WithACursor()
    {
        var actor = await _h.MemberAsync();
        var objectId = Guid.NewGuid().ToString();
        for (var i = 0; i < 5; i++)
        {
            await _h.Audit.AppendAsync(new AuditEntry
            {
                ActorUserId = actor.UserId,
                ActorLabel = "alice@example.org",
                Action = $"workflow.update.{i}",
                ObjectType = "workflow",
                ObjectId = objectId,
                IpAddress = "127.0.0.1",
                Details = new JsonObject { ["version"] = i },
            });
        }

        var first = await _h.Audit.ListByObjectAsync("workflow", objectId, limit: 3);
        var second = await _h.Audit.ListByObjectAsync("workflow", objectId, first.NextCursor, 3);
        Assert.Equal(Enumerable.Range(0, 5).Reverse().Select(i => $"workflow.update.{i}"), first.Items.Concat(second.Items).Select(e => e.Action));
        Assert.Null(second.NextCursor);
        Assert.Equal(4, first.Items[0].Details?["version"]?.GetValue<int>());
        Assert.Equal(5, (await _h.Audit.ListByActorAsync(actor.UserId)).Items.Count);
        Assert.Empty((await _h.Audit.ListByActorAsync(Guid.NewGuid())).Items);
        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.Audit.AppendAsync(new AuditEntry { Action = "", ObjectType = "workflow" }));
    }

    [StoreFact]
    public async Task Audit_KeepsTheActorLabelAfterTheUserIsDeleted()
    {
        var actor = await _h.MemberAsync();
        var entry = await _h.Audit.AppendAsync(new AuditEntry { ActorUserId = actor.UserId, ActorLabel = "gone@example.org", Action = "user.login", ObjectType = "user", ObjectId = "x" });

        await _h.Users.DeleteAsync(actor.UserId);

        var kept = Assert.Single((await _h.Audit.ListByObjectAsync("user", "x")).Items, e => e.Id == entry.Id);
        Assert.Null(kept.ActorUserId);
        Assert.Equal("gone@example.org", kept.ActorLabel);
    }

    [StoreFact]
    public async Task Retention_RemovesOnlyFinishedExecutionsOlderThanTheAge_WithTheirNodes_InBatches()
    {
        var (h, _) = await RepositoryHarness.FreshAsync(store);
        await using var __ = h;
        var owner = await h.MemberAsync();
        var workflow = await h.WorkflowAsync(owner);
        async Task<ExecutionRecord> RunAsync(ExecutionStatus final)
        {
            var execution = (await h.Executions.CreateAsync(owner, new NewExecution(workflow.Id) { Enqueue = false })).Execution;
            await h.Executions.UpsertNodeAsync(execution.Id, new NodeExecutionWrite("fetch", NodeStatus.Completed));
            if (final != ExecutionStatus.Queued)
            {
                await h.Executions.TransitionAsync(execution.Id, ExecutionStatus.Queued, final);
            }

            return execution;
        }

        var old = new List<ExecutionRecord>();
        for (var i = 0; i < 20; i++)
        {
            old.Add(await RunAsync(i % 2 == 0 ? ExecutionStatus.Cancelled : ExecutionStatus.Failed));
        }

        var stillQueued = await RunAsync(ExecutionStatus.Queued);
        h.Clock.Advance(TimeSpan.FromDays(31));
        var recent = await RunAsync(ExecutionStatus.Cancelled);

        var removed = await h.All.Retention.PruneAsync();

        Assert.Equal(20, removed);
        Assert.NotNull(await h.Executions.GetForEngineAsync(stillQueued.Id));
        Assert.NotNull(await h.Executions.GetForEngineAsync(recent.Id));
        Assert.Null(await h.Executions.GetForEngineAsync(old[0].Id));
        Assert.Equal(2, await h.CountAsync("executions"));
        Assert.Equal(0, await h.All.Retention.PruneAsync());
    }
}

public sealed class SqliteAuditAndRetentionTests(SqliteStoreFixture store) : AuditAndRetentionSuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresAuditAndRetentionTests(PostgresStoreFixture store) : AuditAndRetentionSuite(store), IClassFixture<PostgresStoreFixture>;
