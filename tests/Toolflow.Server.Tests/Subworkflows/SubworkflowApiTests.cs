using System.Net;
using Toolflow.Server.Tests.Api;
using static Toolflow.Server.Tests.Api.ApiTestData;

namespace Toolflow.Server.Tests.Subworkflows;

/// <summary>flow.subworkflow through the API with the server's own workers: the child is an execution of its own, linked to its parent.</summary>
public sealed class SubworkflowApiTests(WorkerToolflowFactory factory) : IClassFixture<WorkerToolflowFactory>
{
    [Fact]
    public async Task A_parent_runs_its_child_and_outputs_what_the_child_returned()
    {
        using var admin = factory.AdminClient();
        var child = await CreateAsync(admin, "greet", """{ "id": "hello", "tool": "data.template", "config": { "template": "hello {{ input.who }}" } }""");
        var parent = await CreateAsync(admin, "caller", $$$"""
            { "id": "call", "tool": "flow.subworkflow", "config": { "workflowId": "{{{child}}}", "input": { "who": "{{ input.who }}" } } }
            """);

        var id = await admin.ExecuteAsync(parent, """{"who":"Ada"}""");
        var done = await admin.WaitForExecutionAsync(id, "completed", "failed", "cancelled");

        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal("hello Ada", done.GetProperty("output").GetProperty("call").GetProperty("hello").GetProperty("text").GetString());
        using var listed = await admin.GetAsync($"/api/v1/workflows/{child}/executions");
        var run = Assert.Single((await listed.ReadJsonAsync()).GetProperty("items").EnumerateArray());
        using var one = await admin.GetAsync($"/api/v1/executions/{run.GetProperty("id").GetGuid()}");
        Assert.Equal(id, (await one.ReadJsonAsync()).GetProperty("parentExecutionId").GetGuid());
    }

    [Fact]
    public async Task An_unknown_child_fails_the_node_with_a_clear_error()
    {
        using var admin = factory.AdminClient();
        var parent = await CreateAsync(admin, "caller of nothing", $$"""
            { "id": "call", "tool": "flow.subworkflow", "config": { "workflowId": "{{Guid.NewGuid()}}" } }
            """);

        var done = await admin.WaitForExecutionAsync(await admin.ExecuteAsync(parent, "{}"), "completed", "failed", "cancelled");

        Assert.Equal("failed", done.GetProperty("status").GetString());
        Assert.Equal("subworkflow.failed", done.GetProperty("error").GetProperty("kind").GetString());
        Assert.Contains("does not exist", done.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static async Task<Guid> CreateAsync(HttpClient admin, string name, string node)
    {
        using var created = await admin.PostJsonAsync("/api/v1/workflows", $$"""{ "name": "{{name}}", "nodes": [ {{node}} ], "edges": [] }""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.ReadJsonAsync()).GetProperty("id").GetGuid();
    }
}
