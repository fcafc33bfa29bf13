using System.Net;
using Toolflow.Server.Tests.Api;

namespace Toolflow.Server.Tests.Headless;

/// <summary>
/// The headless native build answers as the JIT build does. It has no reflection-based serializer, so every
/// kind of body the API writes or reads is walked here once: a body missing from the source-generated
/// contexts would answer 500 (or <c>{}</c>) in this build only.
/// </summary>
public sealed class HeadlessBuildTests(HeadlessServer server) : IClassFixture<HeadlessServer>
{
    [HeadlessFact]
    public async Task Health_Tools_Templates_AndTheAbsentBrowserParts()
    {
        using var client = await server.ClientAsync();

        var ready = await (await client.GetAsync("/health/ready")).ReadJsonAsync();
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        var tools = await (await client.GetAsync("/api/v1/tools")).ReadJsonAsync();
        var code = tools.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "code.javascript");
        Assert.Equal("object", code.GetProperty("configSchema").GetProperty("type").GetString());
        var templates = await (await client.GetAsync("/api/v1/templates")).ReadJsonAsync();
        Assert.NotEmpty(templates.GetProperty("items").EnumerateArray());

        // No web UI and no OpenAPI document in this build (docs/headless.md).
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/openapi/v1.json")).StatusCode);
        using var anonymous = await server.ClientAsync(authenticated: false);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/")).StatusCode);
    }

    [HeadlessFact]
    public async Task SynchronousWebhook_RunsJavaScriptAndExpressions_AndTheRunIsListed()
    {
        using var client = await server.ClientAsync();
        using var created = await client.PostJsonAsync("/api/v1/workflows", """
            { "name": "headless hook", "status": "active",
              "trigger": { "type": "webhook", "synchronous": true },
              "nodes": [
                { "id": "sum", "tool": "code.javascript", "config": { "code": "let s = 0; for (let i = 0; i < 1000; i++) { s += i * 0.5; } return { s, n: input.n * 2, text: 'é-' + input.name, list: [1, 'two', null, { deep: true }] };" } },
                { "id": "next", "tool": "data.set", "config": { "values": { "m": "{{ nodes.sum.output.n + 1 }}", "t": "{{ nodes.sum.output.text }}" } } } ],
              "edges": [ { "source": "sum", "target": "next" } ] }
            """);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var workflow = await created.ReadJsonAsync();
        var hookId = workflow.GetProperty("trigger").GetProperty("hookId").GetString();

        using var anonymous = await server.ClientAsync(authenticated: false);
        using var answer = await anonymous.PostJsonAsync($"/hooks/{hookId}", """{ "n": 20, "name": "Ada" }""");
        var run = await answer.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("completed", run.GetProperty("status").GetString());
        var id = run.GetProperty("id").GetString();
        var execution = await (await client.GetAsync($"/api/v1/executions/{id}")).ReadJsonAsync();
        var nodes = execution.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("nodeId").GetString()!);
        var sum = nodes["sum"].GetProperty("output");
        Assert.Equal(249750.0, sum.GetProperty("s").GetDouble());
        Assert.Equal(40, sum.GetProperty("n").GetInt32());
        Assert.Equal("é-Ada", sum.GetProperty("text").GetString());
        Assert.True(sum.GetProperty("list")[3].GetProperty("deep").GetBoolean());
        Assert.Equal(41, nodes["next"].GetProperty("output").GetProperty("m").GetInt32());
        var listed = await (await client.GetAsync("/api/v1/executions")).ReadJsonAsync();
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetString() == id);
    }

    [HeadlessFact]
    public async Task AScriptThatHoardsMemory_FailsOnTheMemoryLimit()
    {
        using var client = await server.ClientAsync();
        using var created = await client.PostJsonAsync("/api/v1/workflows", """
            { "name": "hoarder", "status": "active", "trigger": { "type": "webhook", "synchronous": true },
              "nodes": [ { "id": "hoard", "tool": "code.javascript", "config": { "code": "const a = []; for (let i = 0; i < 1e8; i++) { a.push('item ' + i); } return a.length;" } } ] }
            """);
        var hookId = (await created.ReadJsonAsync()).GetProperty("trigger").GetProperty("hookId").GetString();

        using var anonymous = await server.ClientAsync(authenticated: false);
        using var answer = await anonymous.PostJsonAsync($"/hooks/{hookId}", "{}");
        var run = await answer.ReadJsonAsync();
        var execution = await (await client.GetAsync($"/api/v1/executions/{run.GetProperty("id").GetString()}")).ReadJsonAsync();

        Assert.Equal("failed", execution.GetProperty("status").GetString());
        Assert.Contains("memory", execution.GetProperty("error").ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [HeadlessFact]
    public async Task BadInput_AnswersProblemDetails_AndWritesNothing()
    {
        using var client = await server.ClientAsync();
        var before = (await (await client.GetAsync("/api/v1/workflows?limit=100")).ReadJsonAsync()).GetProperty("items").GetArrayLength();

        using var wrongType = await client.PostJsonAsync("/api/v1/workflows", """{ "name": 5, "nodes": [] }""");
        var problem = await wrongType.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Equal("application/problem+json", wrongType.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty("/name", out _), problem.ToString());

        using var unknownTool = await client.PostJsonAsync("/api/v1/workflows", """{ "name": "x", "nodes": [ { "id": "a", "tool": "no.such" } ] }""");
        Assert.Equal(HttpStatusCode.BadRequest, unknownTool.StatusCode);
        Assert.True((await unknownTool.ReadJsonAsync()).GetProperty("errors").EnumerateObject().Any());

        using var missing = await client.GetAsync($"/api/v1/workflows/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.True((await missing.ReadJsonAsync()).TryGetProperty("traceId", out _));

        using var anonymous = await server.ClientAsync(authenticated: false);
        using var unauthorised = await anonymous.GetAsync("/api/v1/workflows");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorised.StatusCode);
        Assert.Equal(before, (await (await client.GetAsync("/api/v1/workflows?limit=100")).ReadJsonAsync()).GetProperty("items").GetArrayLength());
    }

    [HeadlessFact]
    public async Task Import_Validate_Versions_AndGeneration()
    {
        using var client = await server.ClientAsync();
        using var imported = await client.PostJsonAsync("/api/v1/workflows/import", """
            { "format": "n8n", "placeholders": true, "content": { "name": "From n8n", "nodes": [
                { "name": "Start", "type": "n8n-nodes-base.manualTrigger", "typeVersion": 1, "position": [0, 0], "parameters": {} },
                { "name": "Sheet", "type": "n8n-nodes-base.googleSheets", "typeVersion": 4, "position": [200, 0], "parameters": {} } ],
              "connections": { "Start": { "main": [ [ { "node": "Sheet", "type": "main", "index": 0 } ] ] } } } }
            """);
        var import = await imported.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        var sheet = import.GetProperty("report").GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("n8nName").GetString() == "Sheet");
        Assert.Equal("unconverted", sheet.GetProperty("outcome").GetString());
        var id = import.GetProperty("workflow").GetProperty("id").GetString();

        var versions = await (await client.GetAsync($"/api/v1/workflows/{id}/versions")).ReadJsonAsync();
        Assert.NotEmpty(versions.GetProperty("items").EnumerateArray());
        using var validated = await client.PostJsonAsync("/api/v1/workflows/validate", """{ "name": "v", "nodes": [ { "id": "a", "tool": "data.set", "config": { "values": { "x": 1 } } } ] }""");
        Assert.True((await validated.ReadJsonAsync()).GetProperty("valid").GetBoolean());

        using var generated = await client.PostJsonAsync("/api/v1/workflows/generate", """{ "prompt": "fetch https://example.org/data.json every hour and e-mail me the result" }""");
        var generation = await generated.ReadJsonAsync();
        Assert.True(generated.StatusCode is HttpStatusCode.Created or HttpStatusCode.UnprocessableEntity, generation.ToString());
        Assert.True(generation.TryGetProperty("workflow", out _) || generation.TryGetProperty("errors", out _), generation.ToString());
    }

    [HeadlessFact]
    public async Task Credentials_Users_Keys_AndShares()
    {
        using var client = await server.ClientAsync();
        using var credential = await client.PostJsonAsync("/api/v1/credentials", """{ "name": "hook secret", "type": "hmac", "data": { "secret": "s3cr3t-value" } }""");
        Assert.Equal(HttpStatusCode.Created, credential.StatusCode);
        var credentials = await (await client.GetAsync("/api/v1/credentials")).Content.ReadAsStringAsync();
        Assert.Contains("hook secret", credentials, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-value", credentials, StringComparison.Ordinal);

        using var user = await client.PostJsonAsync("/api/v1/users", """{ "email": "ana@example.org", "displayName": "Ana", "role": "member" }""");
        Assert.Equal(HttpStatusCode.Created, user.StatusCode);
        using var key = await client.PostJsonAsync("/api/v1/api-keys", """{ "name": "ci" }""");
        Assert.StartsWith("tf_", (await key.ReadJsonAsync()).GetProperty("key").GetString(), StringComparison.Ordinal);

        var workflow = await client.CreateWorkflowAsync("shared one");
        using var share = await client.PostJsonAsync($"/api/v1/workflows/{workflow}/shares", """{ "email": "ana@example.org", "permission": "view" }""");
        Assert.Equal(HttpStatusCode.Created, share.StatusCode);
        var shares = await (await client.GetAsync($"/api/v1/workflows/{workflow}/shares")).ReadJsonAsync();
        Assert.Equal("Ana", shares.GetProperty("items")[0].GetProperty("userDisplayName").GetString());
        using var link = await client.PostJsonAsync($"/api/v1/workflows/{workflow}/shares", """{ "public": true, "permission": "execute" }""");
        var token = (await link.ReadJsonAsync()).GetProperty("token").GetString();
        using var anonymous = await server.ClientAsync(authenticated: false);
        using var ran = await anonymous.PostJsonAsync($"/api/v1/shared/{token}/execute", """{ "input": { "who": "link holder" } }""");
        var started = await ran.ReadJsonAsync();
        Assert.True(ran.StatusCode == HttpStatusCode.Accepted, started.ToString());
        var runToken = started.GetProperty("runToken").GetString();
        using var read = await anonymous.GetAsync($"/api/v1/shared/{token}/runs/{runToken}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }
}
