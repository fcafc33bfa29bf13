using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Executions;
using Toolflow.Storage.Repositories.Workflows;
using Toolflow.Storage.Subworkflows;
using Toolflow.Testing.Sql;
using Toolflow.Testing.Stores;

namespace Toolflow.Engine.Tests.Durable;

/// <summary>
/// flow.subworkflow on durable workers: the parent waits without a worker while its child runs as
/// an execution of its own, and goes on with the child's output (or fails with its error).
/// </summary>
public abstract class SubworkflowSuite(StoreFixture store) : IAsyncLifetime
{
    private readonly DurableHarness _h = new(store.Database);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static NodeDefinition Call(string id, Guid workflow, JsonNode? input = null) => new()
    {
        Id = id,
        Tool = "flow.subworkflow",
        Config = new JsonObject { ["workflowId"] = workflow.ToString("D"), ["input"] = input ?? new JsonObject() },
    };

    private static NodeDefinition Set(string id, JsonObject values) => new() { Id = id, Tool = "data.set", Config = new JsonObject { ["values"] = values } };

    private async Task<Guid> AnotherWorkflowAsync(Caller owner, params NodeDefinition[] chain)
    {
        var edges = chain.Zip(chain.Skip(1), (a, b) => new EdgeDefinition { Source = a.Id, Target = b.Id }).ToList();
        return (await _h.Repositories.Workflows.CreateAsync(owner, new NewWorkflow(new WorkflowDefinition
        {
            Name = "child",
            Nodes = chain,
            Edges = edges,
            Trigger = new TriggerDefinition { Type = TriggerType.Manual },
        }))).Id;
    }

    private async Task<Guid> RunAsync(Caller owner, Guid workflow, JsonObject input, string status)
    {
        var id = (await _h.Repositories.Executions.CreateAsync(owner, new NewExecution(workflow) { Input = input })).Execution.Id;
        await _h.UntilStatusAsync(id, status);
        return id;
    }

    private Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> ChildrenAsync(Guid parent) => store.Database.QueryAsync(
        "SELECT id, status, parent_node_id, trigger_type, output FROM workflow_executions WHERE parent_execution_id = @parent", new { parent });

    /// <summary>The parent's one child, once it is in <paramref name="status"/>.</summary>
    private async Task<Guid> TheChildAsync(Guid parent, string status)
    {
        await DurableHarness.UntilAsync(async () => (await ChildrenAsync(parent)) is [var c] && (string?)c["status"] == status, $"the child to be {status}");
        return Guid.Parse((await ChildrenAsync(parent))[0]["id"]!.ToString()!);
    }

    [StoreFact]
    public async Task The_parent_waits_without_a_worker_and_goes_on_with_the_child_output()
    {
        var (owner, _) = await _h.WorkflowAsync(Set("unused", []));
        var child = await AnotherWorkflowAsync(owner, Set("double", new JsonObject { ["doubled"] = "{{ input.n * 2 }}" }));
        var parent = await AnotherWorkflowAsync(owner,
            Call("sub", child, new JsonObject { ["n"] = "{{ input.n }}" }),
            Set("after", new JsonObject { ["v"] = "{{ nodes.sub.output.double.doubled }}" }));

        // One slot: were the waiting parent to hold it, its child could never run.
        using var stop = new CancellationTokenSource();
        _ = _h.Start(stop.Token, DurableHarness.Options(concurrency: 1));
        var id = await RunAsync(owner, parent, new JsonObject { ["n"] = 21 }, "completed");

        var execution = (await _h.Repositories.Executions.GetAsync(owner, id))!;
        Assert.Equal(42, (int?)execution.Output?["after"]?["v"]);
        var row = Assert.Single(await ChildrenAsync(id));
        Assert.Equal("completed", row["status"]);
        Assert.Equal("sub", row["parent_node_id"]);
        Assert.Equal("workflow", row["trigger_type"]);
        await stop.CancelAsync();
    }

    [StoreFact]
    public async Task A_failing_child_fails_the_parent_node_with_its_message()
    {
        var (owner, _) = await _h.WorkflowAsync(Set("unused", []));
        var child = await AnotherWorkflowAsync(owner, new NodeDefinition { Id = "boom", Tool = "flow.fail", Config = new JsonObject { ["message"] = "the child broke" } });
        var parent = await AnotherWorkflowAsync(owner, Call("sub", child));

        using var stop = new CancellationTokenSource();
        _ = _h.Start(stop.Token);
        var id = await RunAsync(owner, parent, [], "failed");

        var execution = (await _h.Repositories.Executions.GetAsync(owner, id))!;
        Assert.Equal(ToolFailureCodes.SubworkflowFailed, (string?)execution.Error!["code"]);
        Assert.Contains("the child broke", (string?)execution.Error["message"], StringComparison.Ordinal);
        Assert.Equal("failed", Assert.Single(await ChildrenAsync(id))["status"]);
        await stop.CancelAsync();
    }

    [StoreFact]
    public async Task A_workflow_the_owner_may_not_run_is_refused_and_no_child_starts()
    {
        var (_, strangers) = await _h.WorkflowAsync(Set("secret", new JsonObject { ["k"] = 1 }));
        var (owner, _) = await _h.WorkflowAsync(Set("unused", []));
        var parent = await AnotherWorkflowAsync(owner, Call("sub", strangers));

        using var stop = new CancellationTokenSource();
        _ = _h.Start(stop.Token);
        var id = await RunAsync(owner, parent, [], "failed");

        var execution = (await _h.Repositories.Executions.GetAsync(owner, id))!;
        Assert.Equal(ToolFailureCodes.SubworkflowFailed, (string?)execution.Error!["code"]);
        Assert.Contains("may not run it", (string?)execution.Error["message"], StringComparison.Ordinal);
        Assert.Empty(await ChildrenAsync(id));
        Assert.Equal(0, await store.Database.CountAsync("SELECT count(*) FROM workflow_executions WHERE workflow_id = @strangers", new { strangers }));
        await stop.CancelAsync();
    }

    [StoreFact]
    public async Task A_workflow_calling_itself_stops_at_the_nesting_limit()
    {
        var (owner, self) = await _h.WorkflowAsync(Set("placeholder", []));
        var current = (await _h.Repositories.Workflows.GetAsync(owner, self))!;
        await _h.Repositories.Workflows.UpdateAsync(owner, self, new WorkflowUpdate(current.Version)
        {
            Definition = current.Definition with { Nodes = [Call("again", self)], Edges = [] },
        });

        using var stop = new CancellationTokenSource();
        _ = _h.Start(stop.Token);
        var id = await RunAsync(owner, self, [], "failed");

        Assert.Equal(SubworkflowRunner.MaxDepth + 1, await store.Database.CountAsync("SELECT count(*) FROM workflow_executions WHERE workflow_id = @self", new { self }));
        Assert.Equal(0, await store.Database.CountAsync(
            "SELECT count(*) FROM workflow_executions WHERE workflow_id = @self AND status <> 'failed'", new { self }));
        var deepest = await store.Database.ScalarAsync(
            "SELECT error FROM workflow_executions WHERE workflow_id = @self ORDER BY created_at DESC, id DESC LIMIT 1", new { self });
        Assert.Contains($"at most {SubworkflowRunner.MaxDepth} levels", deepest?.ToString(), StringComparison.Ordinal);
        Assert.Equal(ToolFailureCodes.SubworkflowFailed, (string?)(await _h.Repositories.Executions.GetAsync(owner, id))!.Error!["code"]);
        await stop.CancelAsync();
    }

    [StoreFact]
    public async Task Cancelling_a_waiting_parent_cancels_its_running_child()
    {
        var (owner, _) = await _h.WorkflowAsync(Set("unused", []));
        var child = await AnotherWorkflowAsync(owner, new NodeDefinition { Id = "hold", Tool = "test.block", Config = [] });
        var parent = await AnotherWorkflowAsync(owner, Call("sub", child));

        using var stop = new CancellationTokenSource();
        _ = _h.Start(stop.Token);
        var id = await RunAsync(owner, parent, [], "waiting");
        var childRun = await TheChildAsync(id, "running");

        await _h.Control().CancelAsync(owner, id);

        await _h.UntilStatusAsync(id, "cancelled");
        await _h.UntilStatusAsync(childRun, "cancelled");
        Assert.Equal(1, _h.Block.Cancelled.GetValueOrDefault("hold"));
        await stop.CancelAsync();
    }

    [StoreFact]
    public async Task A_parent_failing_elsewhere_cancels_its_waiting_child()
    {
        var (owner, _) = await _h.WorkflowAsync(Set("unused", []));
        var child = await AnotherWorkflowAsync(owner, new NodeDefinition { Id = "wait", Tool = "flow.delay", Config = new JsonObject { ["durationMs"] = 600_000 } });
        // The call and a gated failure side by side: the failure ends the parent while its child waits.
        var parent = (await _h.Repositories.Workflows.CreateAsync(owner, new NewWorkflow(new WorkflowDefinition
        {
            Name = "parent",
            Nodes =
            [
                Call("sub", child),
                new NodeDefinition { Id = "gate", Tool = "test.block", Config = [] },
                new NodeDefinition { Id = "boom", Tool = "flow.fail", Config = new JsonObject { ["message"] = "sibling failed" } },
            ],
            Edges = [new EdgeDefinition { Source = "gate", Target = "boom" }],
            Trigger = new TriggerDefinition { Type = TriggerType.Manual },
        }))).Id;

        using var stop = new CancellationTokenSource();
        _ = _h.Start(stop.Token);
        var id = (await _h.Repositories.Executions.CreateAsync(owner, new NewExecution(parent))).Execution.Id;
        var childRun = await TheChildAsync(id, "waiting");

        _h.Block.Release("gate");

        await _h.UntilStatusAsync(id, "failed");
        await _h.UntilStatusAsync(childRun, "cancelled");
        await stop.CancelAsync();
    }

    [StoreFact]
    public async Task A_paused_child_of_a_cancelled_parent_ends_cancelled()
    {
        var (owner, _) = await _h.WorkflowAsync(Set("unused", []));
        var child = await AnotherWorkflowAsync(owner, new NodeDefinition { Id = "wait", Tool = "flow.delay", Config = new JsonObject { ["durationMs"] = 600_000 } });
        var parent = await AnotherWorkflowAsync(owner, Call("sub", child));

        using var stop = new CancellationTokenSource();
        _ = _h.Start(stop.Token);
        var id = await RunAsync(owner, parent, [], "waiting");
        var childRun = await TheChildAsync(id, "waiting");
        await _h.Control().PauseAsync(owner, childRun);
        await _h.UntilStatusAsync(childRun, "paused");

        await _h.Control().CancelAsync(owner, id);

        await _h.UntilStatusAsync(id, "cancelled");
        await _h.UntilStatusAsync(childRun, "cancelled");
        Assert.Equal(0, await store.Database.CountAsync(
            "SELECT count(*) FROM jobs WHERE status IN ('queued', 'running') AND unique_key IN (@parent, @child)",
            new { parent = $"execution:{id:D}", child = $"execution:{childRun:D}" }));
        await stop.CancelAsync();
    }

    [StoreFact]
    public async Task Starting_twice_with_one_key_starts_one_child()
    {
        var (owner, _) = await _h.WorkflowAsync(Set("unused", []));
        var child = await AnotherWorkflowAsync(owner, Set("x", new JsonObject { ["k"] = 1 }));
        var parent = await AnotherWorkflowAsync(owner, Call("sub", child));
        var parentRun = (await _h.Repositories.Executions.CreateAsync(owner, new NewExecution(parent) { Enqueue = false })).Execution.Id;
        var runner = new SubworkflowRunner(store.Database, TimeProvider.System);
        var request = new SubworkflowRequest(parentRun.ToString("D"), "sub", child.ToString("D"), new JsonObject { ["n"] = 1 }, $"subworkflow:{parentRun:D}:sub:0:1");

        var first = await runner.StartAsync(request, CancellationToken.None);
        var again = await runner.StartAsync(request, CancellationToken.None);

        Assert.NotNull(first.ExecutionId);
        Assert.Null(first.Result);
        Assert.Equal(first.ExecutionId, again.ExecutionId);
        Assert.Single(await ChildrenAsync(parentRun));
        Assert.Null(await runner.ResultAsync(first.ExecutionId!, CancellationToken.None));
    }
}

public sealed class SqliteSubworkflowTests(SqliteStoreFixture store) : SubworkflowSuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresSubworkflowTests(PostgresStoreFixture store) : SubworkflowSuite(store), IClassFixture<PostgresStoreFixture>;
