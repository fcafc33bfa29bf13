using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Expressions;
using Toolflow.Core.Expressions.Sandbox;
using Toolflow.Engine.Durable;
using Toolflow.Engine.Tests.Support;
using Toolflow.Storage.Database;
using Toolflow.Storage.ExecutionStore;
using Toolflow.Storage.Queue;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Executions;
using Toolflow.Storage.Repositories.Workflows;
using Toolflow.Storage.Secrets;
using Toolflow.Testing.Sql;
using Toolflow.Tools.BuiltIn;

namespace Toolflow.Engine.Tests.Durable;

/// <summary>
/// Workers on one database, each with its own engine and store as if in its own process, over the
/// built-in tools plus <c>test.echo</c> (logs idempotency keys) and <c>test.block</c> (held by a gate).
/// Real clock with short intervals: the tests wait on conditions, never on times.
/// </summary>
public sealed class DurableHarness(ToolflowDatabase database) : IAsyncDisposable
{
    private readonly CancellationTokenSource _all = new();
    private readonly List<Task> _running = [];

    /// <summary>Starts a worker that stops with <paramref name="stop"/> or, at the latest, when the test ends (even a failed one).</summary>
    public Task Start(CancellationToken stop, DurableWorkerOptions? options = null, Toolflow.Tools.Integration.IntegrationTools? integration = null)
    {
        var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, _all.Token);
        var run = Worker(options, integration).Worker.RunAsync(linked.Token).ContinueWith(_ => linked.Dispose(), TaskScheduler.Default);
        lock (_running)
        {
            _running.Add(run);
        }

        return run;
    }

    public async ValueTask DisposeAsync()
    {
        await _all.CancelAsync();
        Task[] running;
        lock (_running)
        {
            running = [.. _running];
        }

        await Task.WhenAll(running);
        _all.Dispose();
    }

    public ToolflowDatabase Database => database;

    public ToolflowRepositories Repositories { get; } = new(database, TimeProvider.System, new MasterKeyRing(MasterKey.Generate(1)));

    public InvocationLog Log { get; } = new();

    public BlockTool Block => _block ??= new BlockTool(Log);

    private BlockTool? _block;

    public FailOnceTool FailOnce => _failOnce ??= new FailOnceTool(Log);

    private FailOnceTool? _failOnce;

    public static DurableWorkerOptions Options(int concurrency = 4) => new()
    {
        Concurrency = concurrency,
        PollInterval = TimeSpan.FromMilliseconds(20),
        LeaseDuration = TimeSpan.FromSeconds(5),
        HeartbeatInterval = TimeSpan.FromMilliseconds(50),
        ShutdownDeadline = TimeSpan.FromSeconds(5),
        RetryDelay = TimeSpan.FromMilliseconds(50),
        SweepInterval = TimeSpan.FromMilliseconds(20),
        WorkerId = $"w-{Guid.NewGuid():N}",
    };

    /// <summary>A worker with its own engine and store (as another process would have).</summary>
    public (DurableWorker Worker, DatabaseExecutionStore Store) Worker(DurableWorkerOptions? options = null, Toolflow.Tools.Integration.IntegrationTools? integration = null)
    {
        var store = new DatabaseExecutionStore(database, TimeProvider.System);
        var expressions = new ExpressionEvaluator(new JavaScriptSandbox(SandboxLimits.Expressions));
        var tools = BuiltInTools.Create(expressions, subworkflows: new Toolflow.Storage.Subworkflows.SubworkflowRunner(database, TimeProvider.System))
            .With(new EchoTool(Log)).With(Block).With(FailOnce);
        tools = integration?.AddTo(tools) ?? tools;
        var engine = new WorkflowEngine(store, tools, expressions, TimeProvider.System);
        return (new DurableWorker(engine, new ExecutionLeases(database, TimeProvider.System, new JobNotifications(database)), store, options ?? Options()), store);
    }

    public SweeperLoop Sweeper() => new(new ExecutionSweeper(database, TimeProvider.System), Options());

    public ExecutionControl Control() => Control(new DatabaseExecutionStore(database, TimeProvider.System));

    /// <summary>Control through <paramref name="store"/>: the store of a process whose worker may hold executions.</summary>
    public ExecutionControl Control(DatabaseExecutionStore store) => new(database, store, TimeProvider.System);

    public async Task<(Caller Owner, Guid WorkflowId)> WorkflowAsync(params NodeDefinition[] chain)
    {
        var user = await Repositories.Users.CreateAsync($"u-{Guid.NewGuid():N}@example.org", "U", UserRole.Member);
        var edges = chain.Zip(chain.Skip(1), (a, b) => new EdgeDefinition { Source = a.Id, Target = b.Id }).ToList();
        var workflow = await Repositories.Workflows.CreateAsync(user.AsCaller(), new NewWorkflow(new WorkflowDefinition
        {
            Name = "durable",
            Nodes = chain,
            Edges = edges,
            Trigger = new TriggerDefinition { Type = TriggerType.Manual },
        }));
        return (user.AsCaller(), workflow.Id);
    }

    /// <summary>A workflow of any shape (<see cref="WorkflowAsync"/> makes a chain).</summary>
    public async Task<(Caller Owner, Guid WorkflowId)> GraphAsync(NodeDefinition[] nodes, EdgeDefinition[] edges)
    {
        var user = await Repositories.Users.CreateAsync($"u-{Guid.NewGuid():N}@example.org", "U", UserRole.Member);
        var workflow = await Repositories.Workflows.CreateAsync(user.AsCaller(), new NewWorkflow(new WorkflowDefinition
        {
            Name = "durable",
            Nodes = nodes,
            Edges = edges,
            Trigger = new TriggerDefinition { Type = TriggerType.Manual },
        }));
        return (user.AsCaller(), workflow.Id);
    }

    public static NodeDefinition Echo(string id) => new() { Id = id, Tool = "test.echo", Config = new JsonObject { ["value"] = id } };

    public async Task<Guid> ExecuteAsync(Caller owner, Guid workflowId) =>
        (await Repositories.Executions.CreateAsync(owner, new NewExecution(workflowId))).Execution.Id;

    public async Task<string> StatusAsync(Guid executionId) =>
        (string)(await database.ScalarAsync("SELECT status FROM workflow_executions WHERE id = @id", new { id = executionId }))!;

    /// <summary>Waits, up to a generous deadline, until <paramref name="condition"/> holds.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, int seconds = 60)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (!await condition())
        {
            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"timed out waiting for {what}");
            }

            await Task.Delay(10, CancellationToken.None);
        }
    }

    public Task UntilStatusAsync(Guid id, string status, int seconds = 60) =>
        UntilAsync(async () => await StatusAsync(id) == status, $"execution {id} to be {status}", seconds);
}
