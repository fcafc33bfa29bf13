using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Toolflow.Server.Tests.Api;
using Toolflow.Storage.Database;
using Toolflow.Testing.Sql;
using static Toolflow.Server.Tests.Api.ApiTestData;

namespace Toolflow.Server.Tests.Triggers;

/// <summary>Workflow triggers end to end with real workers: chains run, each target once per source run, with the source's output (or error) as input.</summary>
public sealed class WorkflowTriggerTests(WorkerToolflowFactory factory) : IClassFixture<WorkerToolflowFactory>
{
    [Fact]
    public async Task Chain_RunsEndToEnd_EachTargetOncePerSourceRun_WithTheSourcesOutputAsInput()
    {
        using var admin = factory.AdminClient();
        var first = await CreateAsync(admin, "first", null, """{ "id": "make", "tool": "data.set", "config": { "values": { "n": "{{ input.n }}", "step": "first" } } }""");
        var second = await CreateAsync(admin, "second", Trigger(first), """{ "id": "add", "tool": "data.set", "config": { "values": { "n": "{{ input.make.n + 1 }}" } } }""");
        var third = await CreateAsync(admin, "third", Trigger(second), """{ "id": "last", "tool": "data.set", "config": { "values": { "n": "{{ input.add.n * 10 }}" } } }""");
        var onFailure = await CreateAsync(admin, "on failure of first", Trigger(first, "failed"), """{ "id": "x", "tool": "data.set", "config": { "values": { "v": 1 } } }""");

        var source = await admin.ExecuteAsync(first, """{"n": 4}""");
        var end = await WaitForExecutionsAsync(admin, third, 1);

        Assert.Equal("completed", end[0].GetProperty("status").GetString());
        Assert.Equal(50, end[0].GetProperty("output").GetProperty("last").GetProperty("n").GetInt32());
        Assert.Single(await WaitForExecutionsAsync(admin, second, 1));
        Assert.Empty(await ExecutionsAsync(admin, onFailure));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM workflow_executions WHERE idempotency_key = @key", new { key = $"workflow:{source}" }, second));
    }

    [Fact]
    public async Task FailedSource_StartsItsOnFailedTarget_WithTheError()
    {
        using var admin = factory.AdminClient();
        var failing = await CreateAsync(admin, "failing", null, """{ "id": "boom", "tool": "flow.fail", "config": { "message": "it broke" } }""");
        var onFailure = await CreateAsync(admin, "alert", Trigger(failing, "failed"), """{ "id": "say", "tool": "data.template", "config": { "template": "failed: {{ input.error.message }}" } }""");
        var onSuccess = await CreateAsync(admin, "celebrate", Trigger(failing), """{ "id": "x", "tool": "data.set", "config": { "values": { "v": 1 } } }""");

        await admin.ExecuteAsync(failing, "{}");
        var alerts = await WaitForExecutionsAsync(admin, onFailure, 1);

        Assert.Contains("it broke", alerts[0].GetProperty("output").GetProperty("say").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Empty(await ExecutionsAsync(admin, onSuccess));
    }

    [Fact]
    public async Task PausedTarget_IsNotStarted()
    {
        using var admin = factory.AdminClient();
        var source = await CreateAsync(admin, "source", null, """{ "id": "a", "tool": "data.set", "config": { "values": { "v": 1 } } }""");
        var paused = await CreateAsync(admin, "paused target", Trigger(source), """{ "id": "b", "tool": "data.set", "config": { "values": { "v": 2 } } }""");
        var active = await CreateAsync(admin, "active target", Trigger(source), """{ "id": "c", "tool": "data.set", "config": { "values": { "v": 3 } } }""");
        using (await admin.PostEmptyAsync($"/api/v1/workflows/{paused}/pause"))
        {
        }

        await admin.ExecuteAsync(source, "{}");
        await WaitForExecutionsAsync(admin, active, 1);

        Assert.Empty(await ExecutionsAsync(admin, paused));
    }

    [Fact]
    public async Task A_target_whose_owner_can_no_longer_see_the_source_is_not_started()
    {
        using var admin = factory.AdminClient();
        var (memberId, member) = await factory.CreateMemberAsync();
        using (member)
        {
            var source = await CreateAsync(admin, "shared source", null, """{ "id": "a", "tool": "data.set", "config": { "values": { "secret": "{{ input.v }}" } } }""");
            using var granted = await admin.PostJsonAsync($"/api/v1/workflows/{source}/shares", $$"""{ "userId": "{{memberId}}", "permission": "view" }""");
            Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
            var shareId = (await granted.ReadJsonAsync()).GetProperty("id").GetGuid();
            var watcher = await CreateAsync(member, "member's watcher", Trigger(source), """{ "id": "copy", "tool": "data.set", "config": { "values": { "got": "{{ input.a.secret }}" } } }""");
            var ownersTarget = await CreateAsync(admin, "owner's target", Trigger(source), """{ "id": "b", "tool": "data.set", "config": { "values": { "v": 1 } } }""");

            await admin.ExecuteAsync(source, """{"v": "while shared"}""");
            var seen = await WaitForExecutionsAsync(member, watcher, 1);
            Assert.Equal("while shared", seen[0].GetProperty("output").GetProperty("copy").GetProperty("got").GetString());

            using (var revoked = await admin.DeleteAsync($"/api/v1/workflows/{source}/shares/{shareId}"))
            {
                Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
            }

            await admin.ExecuteAsync(source, """{"v": "after the share ended"}""");

            // The owner's own target starts in the same transaction as any other would: once it has, the member's would have too.
            await WaitForExecutionsAsync(admin, ownersTarget, 2);
            Assert.Single(await ExecutionsAsync(admin, watcher));
        }
    }

    private static string Trigger(Guid source, string on = "completed") => $$"""{ "type": "workflow", "workflowId": "{{source.ToString().ToUpperInvariant()}}", "on": "{{on}}" }""";

    private static async Task<Guid> CreateAsync(HttpClient admin, string name, string? trigger, string node)
    {
        using var created = await admin.PostJsonAsync("/api/v1/workflows", $$"""
            { "name": "{{name}}", "status": "active", {{(trigger is null ? "" : $"\"trigger\": {trigger},")}}
              "nodes": [ {{node}} ], "edges": [] }
            """);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    private static async Task<List<JsonElement>> ExecutionsAsync(HttpClient admin, Guid workflowId)
    {
        using var listed = await admin.GetAsync($"/api/v1/workflows/{workflowId}/executions");
        return [.. (await listed.ReadJsonAsync()).GetProperty("items").EnumerateArray()];
    }

    /// <summary>The workflow's executions once <paramref name="count"/> of them have ended (read again with their output).</summary>
    private static async Task<List<JsonElement>> WaitForExecutionsAsync(HttpClient admin, Guid workflowId, int count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var items = await ExecutionsAsync(admin, workflowId);
            if (items.Count >= count && items.All(e => e.GetProperty("status").GetString() is "completed" or "failed"))
            {
                var full = new List<JsonElement>();
                foreach (var item in items)
                {
                    using var one = await admin.GetAsync($"/api/v1/executions/{item.GetProperty("id").GetGuid()}");
                    full.Add(await one.ReadJsonAsync());
                }

                return full;
            }

            Assert.False(deadline.IsCancellationRequested, $"workflow {workflowId} never had {count} ended executions");
            await Task.Delay(100, CancellationToken.None);
        }
    }

    private async Task<long> CountAsync(string sql, object args, Guid _) =>
        await factory.Services.GetRequiredService<ToolflowDatabase>().CountAsync(sql, args);
}
