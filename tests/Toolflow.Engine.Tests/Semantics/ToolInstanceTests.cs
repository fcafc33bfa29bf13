using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Engine.Tests.Support;

namespace Toolflow.Engine.Tests.Semantics;

public sealed class ToolInstanceTests
{
    private const string InstanceId = "0196f3a0-0000-7000-8000-000000000001";

    [Fact]
    public async Task The_node_config_is_merged_over_the_instance_config_and_expressions_in_either_are_evaluated()
    {
        var instances = new Instances { [InstanceId] = new("test.echo", Obj("""{"headers":{"A":"1","B":"2"},"base":"{{ input.x }}","keep":[1,2]}"""), "cred-of-instance") };
        var (engine, h, seen) = Build(instances);
        var id = await h.Engine.StartAsync(Harness.Definition($$$"""
            { "name": "wf", "nodes": [ { "id": "n", "toolInstanceId": "{{{InstanceId}}}", "config": { "headers": { "B": "override", "C": "{{ input.x }}" }, "keep": [3] } } ] }
            """), JsonNode.Parse("""{"x":"from-input"}"""), workflowId: "wf-1");
        var result = await engine.RunAsync(id);

        Assert.Equal(ExecutionStatus.Completed, result.Status);
        JsonAssert.Equal("""{"n":{"headers":{"A":"1","B":"override","C":"from-input"},"base":"from-input","keep":[3]}}""", result.Output);
        Assert.Equal("cred-of-instance", seen["n"]);
        Assert.Equal(new CredentialContext(id, "wf-1"), instances.Asked.Single());
    }

    [Fact]
    public async Task The_node_credential_overrides_the_instance_credential()
    {
        var (engine, h, seen) = Build(new Instances { [InstanceId] = new("test.echo", [], "instance-cred") });
        var id = await h.Engine.StartAsync(Harness.Definition($$$"""
            { "name": "wf", "nodes": [ { "id": "n", "toolInstanceId": "{{{InstanceId}}}", "credential": "node-cred" } ] }
            """), new JsonObject());
        await engine.RunAsync(id);
        Assert.Equal("node-cred", seen["n"]);
    }

    [Fact]
    public async Task An_instance_that_cannot_be_found_fails_the_node_clearly()
    {
        var (engine, h, _) = Build(new Instances());
        var id = await h.Engine.StartAsync(Harness.Definition($$$"""
            { "name": "wf", "nodes": [ { "id": "n", "toolInstanceId": "{{{InstanceId}}}" } ] }
            """), new JsonObject());
        var result = await engine.RunAsync(id);

        Assert.Equal(ExecutionStatus.Failed, result.Status);
        var error = (await h.NodeAsync(id, "n")).Error!;
        Assert.Equal(ToolFailureCodes.ToolInstanceUnavailable, error.Code);
        Assert.Contains(InstanceId, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instance_of_an_unknown_tool_fails_the_node()
    {
        var (engine, h, _) = Build(new Instances { [InstanceId] = new("nope.tool", [], null) });
        var id = await h.Engine.StartAsync(Harness.Definition($$$"""
            { "name": "wf", "nodes": [ { "id": "n", "toolInstanceId": "{{{InstanceId}}}" } ] }
            """), new JsonObject());
        await engine.RunAsync(id);
        Assert.Equal(ToolFailureCodes.UnknownTool, (await h.NodeAsync(id, "n")).Error!.Code);
    }

    [Fact]
    public async Task ForEach_runs_each_item_with_the_merged_config()
    {
        var (engine, h, _) = Build(new Instances { [InstanceId] = new("test.echo", Obj("""{"prefix":"p"}"""), null) });
        var id = await h.Engine.StartAsync(Harness.Definition($$$"""
            { "name": "wf", "nodes": [ { "id": "n", "toolInstanceId": "{{{InstanceId}}}", "forEach": "input.items", "config": { "item": "{{ item }}" } } ] }
            """), JsonNode.Parse("""{"items":[1,2]}"""));
        var result = await engine.RunAsync(id);
        JsonAssert.Equal("""{"n":[{"prefix":"p","item":1},{"prefix":"p","item":2}]}""", result.Output);
    }

    [Fact]
    public async Task Without_a_resolver_a_tool_instance_node_fails_as_before()
    {
        var h = new Harness();
        var (id, result) = await h.RunAsync($$$"""{ "name": "wf", "nodes": [ { "id": "n", "toolInstanceId": "{{{InstanceId}}}" } ] }""");
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal(ToolFailureCodes.ToolInstanceUnavailable, (await h.NodeAsync(id, "n")).Error!.Code);
    }

    private static (WorkflowEngine Engine, Harness Harness, ConcurrentDictionary<string, string?> Credentials) Build(Instances instances)
    {
        var h = new Harness();
        var seen = new ConcurrentDictionary<string, string?>();
        var tools = h.Tools.With(new CredentialSpy(seen));
        var engine = new WorkflowEngine(h.Store, tools, h.Expressions, h.Time, options: h.Options, toolInstances: instances);
        return (engine, h, seen);
    }

    private static JsonObject Obj(string json) => (JsonObject)JsonNode.Parse(json)!;

    private sealed class Instances : Dictionary<string, ResolvedToolInstance>, IToolInstanceResolver
    {
        public ConcurrentQueue<CredentialContext> Asked { get; } = new();

        public ValueTask<ResolvedToolInstance?> ResolveAsync(string instanceId, CredentialContext context, CancellationToken cancellationToken)
        {
            Asked.Enqueue(context);
            return ValueTask.FromResult(TryGetValue(instanceId, out var found) ? found : null);
        }
    }

    /// <summary>Replaces test.echo: echoes the config and notes the credential the engine handed over.</summary>
    private sealed class CredentialSpy(ConcurrentDictionary<string, string?> seen) : ITool
    {
        public string Name => "test.echo";

        public ValueTask<ToolOutcome> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
        {
            seen[invocation.NodeId] = invocation.Credential;
            return ValueTask.FromResult<ToolOutcome>(ToolOutcome.Completed(invocation.Config.DeepClone()));
        }
    }
}
