using Toolflow.Core.Definitions;
using Toolflow.Storage.Repositories.Workflows;
using Toolflow.Storage.Tests.Repositories;
using Toolflow.Storage.Triggers;
using Toolflow.Testing.Sql;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.Triggers;

/// <summary>Loops of workflow triggers are refused by the save's own transaction, even when two saves race.</summary>
public abstract class TriggerLoopGuardSuite(StoreFixture store)
{
    private readonly RepositoryHarness _h = new(store.Database);

    private static WorkflowDefinition TriggeredBy(string name, Guid source) =>
        Definitions.Simple(name) with { Trigger = new TriggerDefinition { Type = TriggerType.Workflow, WorkflowId = source.ToString("D") } };

    private static async Task<Exception?> TryAsync(Func<Task> save)
    {
        try
        {
            await save();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    [StoreFact]
    public async Task Two_concurrent_saves_that_each_close_half_a_loop_let_exactly_one_through()
    {
        var owner = await _h.MemberAsync();
        for (var round = 0; round < 10; round++)
        {
            var a = await _h.WorkflowAsync(owner, $"A{round}");
            var b = await _h.WorkflowAsync(owner, $"B{round}");

            var outcomes = await Task.WhenAll(
                Task.Run(() => TryAsync(() => _h.Workflows.UpdateAsync(owner, a.Id, new WorkflowUpdate(a.Version) { Definition = TriggeredBy($"A{round}", b.Id) }))),
                Task.Run(() => TryAsync(() => _h.Workflows.UpdateAsync(owner, b.Id, new WorkflowUpdate(b.Version) { Definition = TriggeredBy($"B{round}", a.Id) }))));

            Assert.Single(outcomes, o => o is null);
            Assert.Single(outcomes, o => o is TriggerLoopException);
            var versions = await store.Database.ScalarAsync(
                "SELECT count(*) FROM workflow_versions WHERE workflow_id = @a OR workflow_id = @b", new { a = a.Id, b = b.Id });
            Assert.Equal(3L, SqlValues.AsLong(versions));
        }
    }

    [StoreFact]
    public async Task A_loop_through_three_and_a_self_trigger_are_refused_a_chain_is_not()
    {
        var owner = await _h.MemberAsync();
        var a = await _h.WorkflowAsync(owner, "A");
        var b = await _h.Workflows.CreateAsync(owner, new NewWorkflow(TriggeredBy("B", a.Id)));
        var c = await _h.Workflows.CreateAsync(owner, new NewWorkflow(TriggeredBy("C", b.Id)));

        var loop = await Assert.ThrowsAsync<TriggerLoopException>(
            () => _h.Workflows.UpdateAsync(owner, a.Id, new WorkflowUpdate(a.Version) { Definition = TriggeredBy("A", c.Id) }));
        await Assert.ThrowsAsync<TriggerLoopException>(
            () => _h.Workflows.UpdateAsync(owner, a.Id, new WorkflowUpdate(a.Version) { Definition = TriggeredBy("A", a.Id) }));
        var chain = await _h.Workflows.UpdateAsync(owner, c.Id, new WorkflowUpdate(c.Version) { Definition = TriggeredBy("C2", a.Id) });

        Assert.Contains("'A' starts after 'C' (through 1 more), which starts after 'A'", loop.Message, StringComparison.Ordinal);
        Assert.Equal(2, chain.Version);
        Assert.Equal(1, (await _h.Workflows.GetAsync(owner, a.Id))!.Version);
    }
}

public sealed class SqliteTriggerLoopGuardTests(SqliteStoreFixture store) : TriggerLoopGuardSuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresTriggerLoopGuardTests(PostgresStoreFixture store) : TriggerLoopGuardSuite(store), IClassFixture<PostgresStoreFixture>;
