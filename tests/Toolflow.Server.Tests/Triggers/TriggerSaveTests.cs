using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Toolflow.Server.Tests.Api;
using Toolflow.Storage.Database;
using Toolflow.Testing.Sql;
using static Toolflow.Server.Tests.Api.ApiTestData;

namespace Toolflow.Server.Tests.Triggers;

/// <summary>What saving a triggered workflow checks and shows: loops of workflow triggers refused (422 at /trigger, nothing written), next fire times.</summary>
public sealed class TriggerSaveTests(ToolflowFactory factory) : IClassFixture<ToolflowFactory>
{
    [Fact]
    public async Task LoopOfTwo_IsRefusedWith422AtTrigger_AndTheWorkflowIsUnchanged()
    {
        using var admin = factory.AdminClient();
        var a = await CreateAsync(admin, "A", null);
        var b = await CreateAsync(admin, "B", Trigger(a));

        using var response = await PutAsync(admin, a, "A", Trigger(b));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "/trigger");
        var message = problem.GetProperty("errors").GetProperty("/trigger")[0].GetString()!;
        Assert.Contains("loop", message, StringComparison.Ordinal);
        Assert.Contains("'B'", message, StringComparison.Ordinal);
        Assert.Equal(1, await VersionAsync(admin, a));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM workflow_versions WHERE workflow_id = @a", new { a }));
    }

    [Fact]
    public async Task LongerLoop_AndSelfTrigger_AreRefused_AChainIsNot()
    {
        using var admin = factory.AdminClient();
        var a = await CreateAsync(admin, "A", null);
        var b = await CreateAsync(admin, "B", Trigger(a));
        var c = await CreateAsync(admin, "C", Trigger(b));

        using var loopOfThree = await PutAsync(admin, a, "A", Trigger(c));
        using var self = await PutAsync(admin, a, "A", Trigger(a));
        using var chain = await PutAsync(admin, c, "C2", Trigger(a));

        Assert.Contains("through 1 more", (await loopOfThree.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "/trigger")).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await self.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "/trigger");
        Assert.Equal(HttpStatusCode.OK, chain.StatusCode);
    }

    [Fact]
    public async Task UnknownOrInvisibleSource_IsRefused_AndNothingIsCreated()
    {
        using var admin = factory.AdminClient();
        var (_, member) = await factory.CreateMemberAsync();
        var adminsOwn = await CreateAsync(admin, "private", null);
        var before = await CountAsync("SELECT count(*) FROM workflows", new { });

        using var unknown = await member.PostJsonAsync("/api/v1/workflows", Body("X", Trigger(Guid.NewGuid())));
        using var invisible = await member.PostJsonAsync("/api/v1/workflows", Body("Y", Trigger(adminsOwn)));

        await unknown.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "/trigger/workflowId");
        await invisible.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "/trigger/workflowId");
        Assert.Equal(before, await CountAsync("SELECT count(*) FROM workflows", new { }));
        member.Dispose();
    }

    [Fact]
    public async Task SourceIdIsStoredCanonically()
    {
        using var admin = factory.AdminClient();
        var a = await CreateAsync(admin, "A", null);
        using var created = await admin.PostJsonAsync("/api/v1/workflows", Body("B", Trigger(a)));

        Assert.Equal(a.ToString("D"), (await created.ReadJsonAsync()).GetProperty("trigger").GetProperty("workflowId").GetString());
    }

    [Fact]
    public async Task ActiveSchedule_ShowsItsNextRuns_PausedShowsNone_ManualHasNoField()
    {
        using var admin = factory.AdminClient();
        using var created = await admin.PostJsonAsync("/api/v1/workflows", Body("hourly", """{ "type": "schedule", "cron": "0 * * * *", "timezone": "Europe/Paris" }"""));
        var workflow = await created.ReadJsonAsync();
        var id = workflow.GetProperty("id").GetGuid();
        var runs = workflow.GetProperty("nextRuns").EnumerateArray().Select(r => r.GetDateTimeOffset()).ToList();
        using var paused = await admin.PostEmptyAsync($"/api/v1/workflows/{id}/pause");
        var manual = await CreateAsync(admin, "manual", null);
        using var manualRead = await admin.GetAsync($"/api/v1/workflows/{manual}");

        Assert.Equal(5, runs.Count);
        Assert.All(runs, r => Assert.Equal(0, r.UtcDateTime.Minute));
        Assert.All(runs.Zip(runs.Skip(1)), pair => Assert.Equal(TimeSpan.FromHours(1), pair.Second - pair.First));
        Assert.Equal(0, (await paused.ReadJsonAsync()).GetProperty("nextRuns").GetArrayLength());
        Assert.False((await manualRead.ReadJsonAsync()).TryGetProperty("nextRuns", out _));
    }

    private static string Trigger(Guid source) => $$"""{ "type": "workflow", "workflowId": "{{source.ToString().ToUpperInvariant()}}" }""";

    private static string Body(string name, string? trigger) => $$"""
        { "name": "{{name}}", "status": "active", {{(trigger is null ? "" : $"\"trigger\": {trigger},")}}
          "nodes": [ { "id": "a", "tool": "data.set", "config": { "values": { "v": 1 } } } ], "edges": [] }
        """;

    private static async Task<Guid> CreateAsync(HttpClient client, string name, string? trigger)
    {
        using var created = await client.PostJsonAsync("/api/v1/workflows", Body(name, trigger));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, Guid id, string name, string trigger)
    {
        using var read = await client.GetAsync($"/api/v1/workflows/{id}");
        var version = (await read.ReadJsonAsync()).GetProperty("version").GetInt32();
        using var put = new HttpRequestMessage(HttpMethod.Put, Uri($"/api/v1/workflows/{id}")) { Content = JsonText(Body(name, trigger)) };
        put.Headers.IfMatch.Add(new($"\"{version}\""));
        return await client.SendAsync(put);
    }

    private static async Task<int> VersionAsync(HttpClient client, Guid id)
    {
        using var read = await client.GetAsync($"/api/v1/workflows/{id}");
        return (await read.ReadJsonAsync()).GetProperty("version").GetInt32();
    }

    private Task<long> CountAsync(string sql, object args) => factory.Services.GetRequiredService<ToolflowDatabase>().CountAsync(sql, args);
}
