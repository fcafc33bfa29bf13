using System.Net;
using System.Text.Json;

namespace Toolflow.Server.Tests.Api;

/// <summary>A node naming <c>toolInstanceId</c> runs the owner's instance, its config merged under the node's; nobody else's.</summary>
public sealed class ToolInstanceExecutionTests(WorkerToolflowFactory factory) : IClassFixture<WorkerToolflowFactory>
{
    [Fact]
    public async Task A_node_runs_its_instance_with_the_node_config_merged_over_it()
    {
        using var client = factory.AdminClient();
        var instanceId = await CreateInstanceAsync(client, """{ "tool": "data.template", "name": "greeter", "config": { "template": "hello {{ input.who }}" } }""");
        var workflowId = await CreateWorkflowAsync(client, instanceId, """{ "template": "hi {{ input.who }}!" }""", second: instanceId);

        var execution = await RunAsync(client, workflowId);

        Assert.Equal("completed", execution.GetProperty("status").GetString());
        Assert.Equal("hello Ada", execution.GetProperty("output").GetProperty("plain").GetProperty("text").GetString());
        Assert.Equal("hi Ada!", execution.GetProperty("output").GetProperty("overridden").GetProperty("text").GetString());
    }

    [Fact]
    public async Task An_instance_bound_to_another_workflow_is_not_available()
    {
        using var client = factory.AdminClient();
        var other = await client.CreateWorkflowAsync("other");
        var instanceId = await CreateInstanceAsync(client, $$"""{ "tool": "data.template", "name": "bound-{{Guid.NewGuid():N}}", "workflowId": "{{other}}", "config": { "template": "x" } }""");
        var workflowId = await CreateWorkflowAsync(client, instanceId, null);

        var execution = await RunAsync(client, workflowId);

        Assert.Equal("failed", execution.GetProperty("status").GetString());
        Assert.Equal("tool.instance_unavailable", NodeError(execution, "plain"));
    }

    [Fact]
    public async Task Another_users_instance_is_not_available_even_by_its_id()
    {
        var (_, stranger) = await factory.CreateMemberAsync();
        using (stranger)
        {
            var instanceId = await CreateInstanceAsync(stranger, """{ "tool": "data.template", "name": "theirs", "config": { "template": "secret config" } }""");
            using var client = factory.AdminClient();
            var workflowId = await CreateWorkflowAsync(client, instanceId, null);

            var execution = await RunAsync(client, workflowId);

            Assert.Equal("failed", execution.GetProperty("status").GetString());
            Assert.Equal("tool.instance_unavailable", NodeError(execution, "plain"));
            Assert.DoesNotContain("secret config", execution.ToString(), StringComparison.Ordinal);
        }
    }

    private static string? NodeError(JsonElement execution, string nodeId) =>
        execution.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("nodeId").GetString() == nodeId).GetProperty("error").GetProperty("kind").GetString();

    private static async Task<Guid> CreateInstanceAsync(HttpClient client, string body)
    {
        using var response = await client.PostJsonAsync("/api/v1/tool-instances", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> CreateWorkflowAsync(HttpClient client, Guid instanceId, string? overrideConfig, Guid? second = null)
    {
        var nodes = $$"""{ "id": "plain", "toolInstanceId": "{{instanceId}}" }""";
        if (second is { } id)
        {
            nodes += $$""", { "id": "overridden", "toolInstanceId": "{{id}}", "config": {{overrideConfig}} }""";
        }

        using var response = await client.PostJsonAsync("/api/v1/workflows", $$"""{ "name": "uses an instance", "status": "active", "nodes": [ {{nodes}} ] }""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> RunAsync(HttpClient client, Guid workflowId)
    {
        var id = await client.ExecuteAsync(workflowId);
        return await client.WaitForExecutionAsync(id, "completed", "failed");
    }
}
