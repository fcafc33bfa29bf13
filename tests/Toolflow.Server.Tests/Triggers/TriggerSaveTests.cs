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

    /// <summary>n8n's activate/deactivate: a draft schedule gets its next runs on activate and loses them on deactivate, without a new version.</summary>
    [Fact]
    public async Task ActivateAndDeactivate_TurnTheTriggerOnAndOff_WithoutANewVersion()
    {
        using var admin = factory.AdminClient();
        using var created = await admin.PostJsonAsync("/api/v1/workflows", Body("hourly", """{ "type": "schedule", "cron": "0 * * * *" }""").Replace("\"active\"", "\"draft\"", StringComparison.Ordinal));
        var draft = await created.ReadJsonAsync();
        var id = draft.GetProperty("id").GetGuid();

        using var activated = await admin.PostEmptyAsync($"/api/v1/workflows/{id}/activate");
        using var again = await admin.PostEmptyAsync($"/api/v1/workflows/{id}/activate");
        using var deactivated = await admin.PostEmptyAsync($"/api/v1/workflows/{id}/deactivate");
        var on = await activated.ReadJsonAsync();
        var off = await deactivated.ReadJsonAsync();

        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.Equal(0, draft.GetProperty("nextRuns").GetArrayLength());
        Assert.Equal("active", on.GetProperty("status").GetString());
        Assert.Equal(5, on.GetProperty("nextRuns").GetArrayLength());
        Assert.Equal(1, on.GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("draft", off.GetProperty("status").GetString());
        Assert.Equal(0, off.GetProperty("nextRuns").GetArrayLength());
        Assert.Equal(1, off.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Activate_APausedOrArchivedWorkflow_Is409_AStrangers404_AViewers403_AndNothingChanges()
    {
        using var admin = factory.AdminClient();
        var paused = await CreateAsync(admin, "paused", null);
        using (await admin.PostEmptyAsync($"/api/v1/workflows/{paused}/pause"))
        {
        }

        var archived = await CreateAsync(admin, "archived", null);
        using (await admin.DeleteAsync($"/api/v1/workflows/{archived}"))
        {
        }

        var shared = await CreateAsync(admin, "shared", null);
        using (await admin.PostEmptyAsync($"/api/v1/workflows/{shared}/deactivate"))
        {
        }

        var (viewerId, viewer) = await factory.CreateMemberAsync();
        var (_, stranger) = await factory.CreateMemberAsync();
        using (viewer)
        using (stranger)
        {
            using (await admin.PostJsonAsync($"/api/v1/workflows/{shared}/shares", $$"""{"userId":"{{viewerId}}","permission":"execute"}"""))
            {
            }

            using var activatePaused = await admin.PostEmptyAsync($"/api/v1/workflows/{paused}/activate");
            using var deactivatePaused = await admin.PostEmptyAsync($"/api/v1/workflows/{paused}/deactivate");
            using var activateArchived = await admin.PostEmptyAsync($"/api/v1/workflows/{archived}/activate");
            using var byViewer = await viewer.PostEmptyAsync($"/api/v1/workflows/{shared}/activate");
            using var byStranger = await stranger.PostEmptyAsync($"/api/v1/workflows/{shared}/activate");

            Assert.Contains("/resume", (await activatePaused.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
            await deactivatePaused.AssertProblemAsync(HttpStatusCode.Conflict);
            await activateArchived.AssertProblemAsync(HttpStatusCode.Conflict);
            await byViewer.AssertProblemAsync(HttpStatusCode.Forbidden);
            await byStranger.AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal("paused", await StatusAsync(admin, paused));
            Assert.Equal("archived", await StatusAsync(admin, archived));
            Assert.Equal("draft", await StatusAsync(admin, shared));
        }
    }

    private static async Task<string?> StatusAsync(HttpClient client, Guid id)
    {
        using var response = await client.GetAsync($"/api/v1/workflows/{id}");
        return (await response.ReadJsonAsync()).GetProperty("status").GetString();
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
