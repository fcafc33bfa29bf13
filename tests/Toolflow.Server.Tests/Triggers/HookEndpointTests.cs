using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Toolflow.Core.Triggers;
using Toolflow.Server.Tests.Api;
using Toolflow.Storage.Database;
using Toolflow.Testing.Sql;
using static Toolflow.Server.Tests.Api.ApiTestData;

namespace Toolflow.Server.Tests.Triggers;

/// <summary>
/// <c>POST /hooks/{hookId}</c> through the real pipeline (workers off: executions stay queued, so
/// what was enqueued can be counted). Every refusal is checked for its status, its problem details
/// and that no execution and no job was written.
/// </summary>
public sealed class HookEndpointTests(HookEndpointTests.Factory factory) : IClassFixture<HookEndpointTests.Factory>
{
    private const string Secret = "whsec-test-7f3a9c";

    public sealed class Factory : ToolflowFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["Triggers:WebhookMaxBodyBytes"] = "1024",
        };
    }

    /// <summary>A hook takes POST only; another method answers 405 with Allow, not the API's "send a valid API key" 401.</summary>
    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task OtherMethods_Answer405WithAllowPost_AndEnqueueNothing(string method)
    {
        using var admin = factory.AdminClient();
        var (_, hookId) = await CreateHookAsync(admin);
        var before = await CountsAsync();
        using var client = factory.CreateClient();

        using var known = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/hooks/{hookId}"));
        using var unknown = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/hooks/{new string('a', 32)}"));

        foreach (var response in new[] { known, unknown })
        {
            await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed);
            Assert.Equal(["POST"], response.Content.Headers.Allow);
        }

        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task UnsignedHook_Json_Answers202WithTheQueuedExecution_AndItsLocation()
    {
        using var admin = factory.AdminClient();
        var (_, hookId) = await CreateHookAsync(admin);
        var before = await CountsAsync();

        using var response = await PostHookAsync(hookId, """{"order":42,"items":["a","b"]}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.ReadJsonAsync();
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/executions/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("queued", body.GetProperty("status").GetString());
        Assert.Equal(42, body.GetProperty("input").GetProperty("order").GetInt32());
        Assert.Equal((before.Executions + 1, before.Jobs + 1), await CountsAsync());
        Assert.Equal("webhook", await TriggerTypeAsync(id));
        Assert.Equal("webhook", body.GetProperty("triggerType").GetString());
        Assert.False(body.TryGetProperty("triggeredBy", out _));
    }

    [Theory]
    [InlineData("application/json", "[1,2]", """{"body":[1,2]}""")]
    [InlineData("application/vnd.example+json; charset=utf-8", "\"hi\"", """{"body":"hi"}""")]
    [InlineData("application/x-www-form-urlencoded", "name=Ada&tag=x&tag=y", """{"name":"Ada","tag":["x","y"]}""")]
    [InlineData("text/plain; charset=utf-8", "hello there", """{"body":"hello there"}""")]
    public async Task BodyKinds_BecomeTheInput(string contentType, string payload, string expectedInput)
    {
        using var admin = factory.AdminClient();
        var (_, hookId) = await CreateHookAsync(admin);

        using var response = await PostHookAsync(hookId, payload, contentType);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var input = (await response.ReadJsonAsync()).GetProperty("input");
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(expectedInput).RootElement, input), input.ToString());
    }

    [Fact]
    public async Task EmptyBody_RunsWithAnEmptyObject()
    {
        using var admin = factory.AdminClient();
        var (_, hookId) = await CreateHookAsync(admin);
        using var client = factory.CreateClient();
        using var response = await client.PostAsync(Uri($"/hooks/{hookId}"), null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(JsonValueKind.Object, (await response.ReadJsonAsync()).GetProperty("input").ValueKind);
    }

    [Fact]
    public async Task WrongContentType_Is415_AndEnqueuesNothing()
    {
        using var admin = factory.AdminClient();
        var (_, hookId) = await CreateHookAsync(admin);
        var before = await CountsAsync();

        using var xml = await PostHookAsync(hookId, "<order/>", "application/xml");
        using var multipart = await PostHookAsync(hookId, "--x--", "multipart/form-data; boundary=x");

        await xml.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await multipart.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task OversizedBody_Is413_AndEnqueuesNothing()
    {
        using var admin = factory.AdminClient();
        var (_, hookId) = await CreateHookAsync(admin);
        var before = await CountsAsync();

        using var declared = await PostHookAsync(hookId, $$"""{"blob":"{{new string('x', 2000)}}"}""");
        using var chunked = new HttpRequestMessage(HttpMethod.Post, Uri($"/hooks/{hookId}"))
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($$"""{"blob":"{{new string('y', 5000)}}"}"""))),
        };
        chunked.Content.Headers.ContentType = new("application/json");
        chunked.Headers.TransferEncodingChunked = true;
        using var client = factory.CreateClient();
        using var streamed = await client.SendAsync(chunked);

        await declared.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await streamed.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task MalformedJson_AndInputAgainstTheSchema_Are400WithPointers_AndEnqueueNothing()
    {
        using var admin = factory.AdminClient();
        var (_, hookId) = await CreateHookAsync(admin, inputSchema: """{"type":"object","properties":{"order":{"type":"integer"}},"required":["order"]}""");
        var before = await CountsAsync();

        using var broken = await PostHookAsync(hookId, """{"order": """);
        using var wrongType = await PostHookAsync(hookId, """{"order":"many"}""");

        await broken.AssertProblemAsync(HttpStatusCode.BadRequest, "");
        await wrongType.AssertProblemAsync(HttpStatusCode.BadRequest, "/input/order");
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("not-a-hook")]
    [InlineData("..%2F..%2Fapi%2Fv1%2Fusers")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    public async Task UnknownHookId_Is404_AndEnqueuesNothing(string hookId)
    {
        var before = await CountsAsync();
        using var response = await PostHookAsync(hookId, "{}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task SignedHook_GoodSignature_Runs_AndTheSecretNeverAppears()
    {
        using var admin = factory.AdminClient();
        var credential = await CreateSecretAsync(admin);
        var (_, hookId) = await CreateHookAsync(admin, credential: credential);
        const string payload = """{"event":"paid"}""";

        using var response = await PostHookAsync(hookId, payload, signature: Sign(payload, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.DoesNotContain(Secret, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("paid", (await response.ReadJsonAsync()).GetProperty("input").GetProperty("event").GetString());
    }

    [Fact]
    public async Task SignedHook_BadMissingMalformedReplayedOrForeignSignature_Is401_AndEnqueuesNothing()
    {
        using var admin = factory.AdminClient();
        var credential = await CreateSecretAsync(admin);
        var (_, hookId) = await CreateHookAsync(admin, credential: credential);
        const string payload = """{"event":"paid"}""";
        var before = await CountsAsync();

        var now = DateTimeOffset.UtcNow;
        var refused = new List<HttpResponseMessage>
        {
            await PostHookAsync(hookId, payload),
            await PostHookAsync(hookId, payload, signature: Sign(payload, now, "another secret")),
            await PostHookAsync(hookId, """{"event":"refunded"}""", signature: Sign(payload, now)),
            await PostHookAsync(hookId, payload, signature: "t=123,v1=zz"),
            await PostHookAsync(hookId, payload, signature: "v1=" + new string('0', 64)),
            await PostHookAsync(hookId, payload, signature: Sign(payload, now - TimeSpan.FromMinutes(6))),
            await PostHookAsync(hookId, payload, signature: Sign(payload, now + TimeSpan.FromMinutes(6))),
        };

        foreach (var response in refused)
        {
            var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
            Assert.DoesNotContain(Secret, problem.ToString(), StringComparison.Ordinal);
            response.Dispose();
        }

        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task SignedHook_WhoseCredentialIsGone_RefusesEverything()
    {
        using var admin = factory.AdminClient();
        var (_, hookId) = await CreateHookAsync(admin, credential: $"missing-{Guid.NewGuid():N}");
        var before = await CountsAsync();
        const string payload = "{}";

        using var response = await PostHookAsync(hookId, payload, signature: Sign(payload, DateTimeOffset.UtcNow));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task IdempotencyKey_DeduplicatesDeliveries()
    {
        using var admin = factory.AdminClient();
        var (_, hookId) = await CreateHookAsync(admin);
        var before = await CountsAsync();

        using var first = await PostHookAsync(hookId, """{"n":1}""", idempotencyKey: "delivery-1");
        using var again = await PostHookAsync(hookId, """{"n":1}""", idempotencyKey: "delivery-1");
        using var other = await PostHookAsync(hookId, """{"n":2}""", idempotencyKey: "delivery-2");
        using var tooLong = await PostHookAsync(hookId, """{"n":3}""", idempotencyKey: new string('k', 191));

        Assert.Equal((await first.ReadJsonAsync()).GetProperty("id").GetGuid(), (await again.ReadJsonAsync()).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
        await tooLong.AssertProblemAsync(HttpStatusCode.BadRequest, "/headers/Idempotency-Key");
        Assert.Equal((before.Executions + 2, before.Jobs + 2), await CountsAsync());
    }

    [Fact]
    public async Task PausedOrDraftWorkflow_Is409_ArchivedIs404_AndNothingIsEnqueued()
    {
        using var admin = factory.AdminClient();
        var (paused, pausedHook) = await CreateHookAsync(admin);
        using (await admin.PostEmptyAsync($"/api/v1/workflows/{paused}/pause"))
        {
        }

        var (_, draftHook) = await CreateHookAsync(admin, status: "draft");
        var (archived, archivedHook) = await CreateHookAsync(admin);
        using (await admin.DeleteAsync($"/api/v1/workflows/{archived}"))
        {
        }

        var before = await CountsAsync();
        using var toPaused = await PostHookAsync(pausedHook, "{}");
        using var toDraft = await PostHookAsync(draftHook, "{}");
        using var toArchived = await PostHookAsync(archivedHook, "{}");

        Assert.Contains("paused", (await toPaused.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("draft", (await toDraft.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await toArchived.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(before, await CountsAsync());

        // Resuming starts the trigger again.
        using (await admin.PostEmptyAsync($"/api/v1/workflows/{paused}/resume"))
        {
        }

        using var resumed = await PostHookAsync(pausedHook, "{}");
        Assert.Equal(HttpStatusCode.Accepted, resumed.StatusCode);
    }

    [Fact]
    public async Task HookIds_AreRandomPerWorkflow_AndSurviveEdits_ButNotAChangeOfTrigger()
    {
        using var admin = factory.AdminClient();
        var (id, hookId) = await CreateHookAsync(admin);
        var (_, otherHookId) = await CreateHookAsync(admin);
        Assert.Matches("^[0-9a-f]{32}$", hookId);
        Assert.NotEqual(hookId, otherHookId);

        // A client-chosen hook id is ignored; an edit keeps the workflow's id.
        using var put = new HttpRequestMessage(HttpMethod.Put, Uri($"/api/v1/workflows/{id}"))
        {
            Content = JsonText(HookWorkflow("Renamed", hookIdField: $"\"hookId\":\"{otherHookId}\",")),
        };
        put.Headers.IfMatch.Add(new("\"1\""));
        using var updated = await admin.SendAsync(put);
        Assert.Equal(hookId, (await updated.ReadJsonAsync()).GetProperty("trigger").GetProperty("hookId").GetString());
    }

    [Fact]
    public async Task Rotate_GivesANewId_TheOldOneIs404_AndOnlyEditorsMayRotate()
    {
        using var admin = factory.AdminClient();
        var (id, oldHook) = await CreateHookAsync(admin);
        var (_, stranger) = await factory.CreateMemberAsync();
        using var strangerRotate = await stranger.PostEmptyAsync($"/api/v1/workflows/{id}/hook/rotate");
        await strangerRotate.AssertProblemAsync(HttpStatusCode.NotFound);
        using var anonymous = factory.CreateClient();
        using var anonymousRotate = await anonymous.PostEmptyAsync($"/api/v1/workflows/{id}/hook/rotate");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousRotate.StatusCode);

        using var rotated = await admin.PostEmptyAsync($"/api/v1/workflows/{id}/hook/rotate");
        var workflow = await rotated.ReadJsonAsync();
        var newHook = workflow.GetProperty("trigger").GetProperty("hookId").GetString()!;
        using var toOld = await PostHookAsync(oldHook, "{}");
        using var toNew = await PostHookAsync(newHook, "{}");
        using var reread = await admin.GetAsync($"/api/v1/workflows/{id}");

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.Matches("^[0-9a-f]{32}$", newHook);
        Assert.NotEqual(oldHook, newHook);
        Assert.Equal(1, workflow.GetProperty("version").GetInt32());
        Assert.Equal(newHook, (await reread.ReadJsonAsync()).GetProperty("trigger").GetProperty("hookId").GetString());
        await toOld.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Accepted, toNew.StatusCode);
        stranger.Dispose();
    }

    [Fact]
    public async Task Rotate_OfAWorkflowWithoutAWebhook_Is409_AndOfAMissingOne404()
    {
        using var admin = factory.AdminClient();
        var manual = await admin.CreateWorkflowAsync("No hook");

        using var noHook = await admin.PostEmptyAsync($"/api/v1/workflows/{manual}/hook/rotate");
        using var missing = await admin.PostEmptyAsync($"/api/v1/workflows/{Guid.NewGuid()}/hook/rotate");

        await noHook.AssertProblemAsync(HttpStatusCode.Conflict);
        await missing.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static string HookWorkflow(string name, string? credential = null, string status = "active", string? inputSchema = null, string hookIdField = "") => $$$"""
        { "name": {{{JsonSerializer.Serialize(name)}}}, "status": "{{{status}}}",
          "trigger": { "type": "webhook", {{{hookIdField}}} {{{(credential is null ? "" : $"\"credential\": \"{credential}\",")}}} "synchronous": false },
          {{{(inputSchema is null ? "" : $"\"inputSchema\": {inputSchema},")}}}
          "nodes": [ { "id": "echo", "tool": "data.set", "config": { "values": { "got": "{{ input }}" } } } ],
          "edges": [] }
        """;

    private async Task<(Guid Id, string HookId)> CreateHookAsync(HttpClient admin, string? credential = null, string status = "active", string? inputSchema = null)
    {
        using var created = await admin.PostAsync(Uri("/api/v1/workflows"), JsonText(HookWorkflow($"hook {Guid.NewGuid():N}", credential, status, inputSchema)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.ReadJsonAsync();
        return (body.GetProperty("id").GetGuid(), body.GetProperty("trigger").GetProperty("hookId").GetString()!);
    }

    private static async Task<string> CreateSecretAsync(HttpClient admin)
    {
        var name = $"hook-secret-{Guid.NewGuid():N}";
        using var created = await admin.PostJsonAsync("/api/v1/credentials", $$"""{"name":"{{name}}","type":"hmac","data":{"secret":"{{Secret}}"} }""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return name;
    }

    private static string Sign(string payload, DateTimeOffset at, string secret = Secret) =>
        WebhookSignature.Sign(Encoding.UTF8.GetBytes(secret), at, Encoding.UTF8.GetBytes(payload));

    private async Task<HttpResponseMessage> PostHookAsync(
        string hookId, string payload, string contentType = "application/json", string? signature = null, string? idempotencyKey = null)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Uri($"/hooks/{hookId}")) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(payload)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(WebhookSignature.HeaderName, signature);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    private async Task<(long Executions, long Jobs)> CountsAsync()
    {
        var database = factory.Services.GetRequiredService<ToolflowDatabase>();
        return (await database.CountAsync("SELECT count(*) FROM workflow_executions"), await database.CountAsync("SELECT count(*) FROM jobs"));
    }

    private async Task<string?> TriggerTypeAsync(Guid executionId) =>
        (string?)await factory.Services.GetRequiredService<ToolflowDatabase>().ScalarAsync(
            "SELECT trigger_type FROM workflow_executions WHERE id = @executionId", new { executionId });
}
