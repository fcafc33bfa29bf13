using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Toolflow.Server.Tests.Api;

/// <summary>Bodies and helpers the API tests share.</summary>
internal static class ApiTestData
{
    public const string SimpleWorkflow = """
        {
          "name": "Greeting",
          "description": "says hello",
          "tags": ["demo"],
          "inputSchema": { "type": "object", "properties": { "who": { "type": "string" } }, "required": ["who"] },
          "nodes": [ { "id": "hello", "tool": "data.template", "config": { "template": "Hello {{ input.who }}" } } ],
          "edges": []
        }
        """;

    public static StringContent JsonText(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Workflow(string name = "Greeting", string? tag = null) =>
        JsonText(SimpleWorkflow.Replace("\"Greeting\"", JsonSerializer.Serialize(name), StringComparison.Ordinal)
            .Replace("\"demo\"", JsonSerializer.Serialize(tag ?? "demo"), StringComparison.Ordinal));

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Creates a workflow and returns its id.</summary>
    public static async Task<Guid> CreateWorkflowAsync(this HttpClient client, string name = "Greeting", string? tag = null)
    {
        using var response = await client.PostAsync(Uri("/api/v1/workflows"), Workflow(name, tag));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    public static async Task<Guid> ExecuteAsync(this HttpClient client, Guid workflowId, string input = """{"who":"Ada"}""")
    {
        using var response = await client.PostAsync(Uri($"/api/v1/workflows/{workflowId}/execute"), JsonText($$"""{"input":{{input}}}"""));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    /// <summary>Polls the execution until its status is one of <paramref name="statuses"/> (60 s at most) and returns it.</summary>
    public static async Task<JsonElement> WaitForExecutionAsync(this HttpClient client, Guid id, params string[] statuses)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            using var response = await client.GetAsync(Uri($"/api/v1/executions/{id}"));
            var body = await response.ReadJsonAsync();
            if (statuses.Contains(body.GetProperty("status").GetString()))
            {
                return body;
            }

            Assert.False(deadline.IsCancellationRequested, $"execution never became {string.Join(" or ", statuses)}: {body}");
            await Task.Delay(100, CancellationToken.None);
        }
    }

    /// <summary>Asserts RFC 9457 problem details with the status and, when given, an error at each pointer.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, params string[] pointers)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        // RFC 9457 §3.1.1: every problem names its type; a client dispatches on it, so none may lack one.
        Assert.True(problem.TryGetProperty("type", out var type) && System.Uri.IsWellFormedUriString(type.GetString(), UriKind.Absolute), $"no absolute 'type' in {problem}");
        foreach (var pointer in pointers)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(pointer, out _), $"no error at '{pointer}' in {problem}");
        }

        return problem;
    }

    public static Uri Uri(string path) => new(path, UriKind.Relative);

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, string json) => client.PostAsync(Uri(path), JsonText(json));

    public static Task<HttpResponseMessage> GetAsync(this HttpClient client, string path) => client.GetAsync(Uri(path));

    public static Task<HttpResponseMessage> PostEmptyAsync(this HttpClient client, string path) => client.PostAsync(Uri(path), null);

    public static Task<HttpResponseMessage> DeleteAsync(this HttpClient client, string path) => client.DeleteAsync(Uri(path));

    public static JsonContent AsJson<T>(T value) => JsonContent.Create(value);
}
