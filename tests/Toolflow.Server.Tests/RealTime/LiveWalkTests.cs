using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Toolflow.Server.Hosting;
using Toolflow.Server.Tests.Api;
using Toolflow.Testing.Postgres;

namespace Toolflow.Server.Tests.RealTime;

/// <summary>
/// Through a real Kestrel with real workers: create → execute → watch over WebSocket and SSE →
/// pause → resume → completed, every event in order and none missing, on both databases.
/// </summary>
public sealed class LiveWalkTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Create_execute_watch_pause_resume_complete_on_sqlite()
    {
        var folder = Directory.CreateTempSubdirectory("toolflow-walk-").FullName;
        try
        {
            await WalkAsync([$"--Database:DataDirectory={folder}"], folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [PostgresFact]
    public async Task Create_execute_watch_pause_resume_complete_on_postgres()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("walk");
        var folder = Directory.CreateTempSubdirectory("toolflow-walk-pg-").FullName;
        try
        {
            await WalkAsync(
                [$"--Database:DataDirectory={folder}", "--Database:Provider=postgres", $"--Database:ConnectionString={connectionString}",
                 $"--Secrets:MasterKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}"],
                folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            await server.DropDatabaseAsync(connectionString);
        }
    }

    private static async Task WalkAsync(string[] settings, string folder)
    {
        var app = ToolflowApp.Build("http://127.0.0.1:0", [.. settings, "--Workers:Enabled=true", "--Workers:PollInterval=00:00:00.100", "--Workers:SweepInterval=00:00:00.200"]);
        await app.StartAsync();
        try
        {
            var baseAddress = new Uri(app.Urls.First());
            var key = (await File.ReadAllTextAsync(Path.Combine(folder, "admin.key"))).Trim();
            using var http = new HttpClient { BaseAddress = baseAddress };
            http.DefaultRequestHeaders.Authorization = new("Bearer", key);

            using var created = await http.PostJsonAsync("/api/v1/workflows", """
                { "name": "Live walk", "status": "active",
                  "nodes": [
                    { "id": "first", "tool": "data.template", "config": { "template": "hello {{ input.who }}" } },
                    { "id": "hold", "tool": "flow.delay", "config": { "durationMs": 3000 } },
                    { "id": "last", "tool": "data.template", "config": { "template": "{{ nodes.first.output.text }}, done" } } ],
                  "edges": [ { "source": "first", "target": "hold" }, { "source": "hold", "target": "last" } ] }
                """);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var workflowId = (await created.ReadJsonAsync()).GetProperty("id").GetGuid();

            using var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("Authorization", $"Bearer {key}");
            await socket.ConnectAsync(new Uri($"ws://{baseAddress.Authority}/api/v1/ws"), CancellationToken.None);
            await SendAsync(socket, $$"""{"action":"subscribe","workflowId":"{{workflowId}}"}""");
            Assert.Equal("subscribed", (await ReceiveAsync(socket))["type"]!.GetValue<string>());

            var executionId = await http.ExecuteAsync(workflowId);
            var live = new List<JsonObject>();
            await ReadUntilAsync(socket, live, e => Status(e) == "waiting");
            using (var pause = await http.PostEmptyAsync($"/api/v1/executions/{executionId}/pause"))
            {
                Assert.True(pause.IsSuccessStatusCode, $"pause answered {pause.StatusCode}");
            }

            await ReadUntilAsync(socket, live, e => Status(e) == "paused");
            using (var resume = await http.PostEmptyAsync($"/api/v1/executions/{executionId}/resume"))
            {
                Assert.True(resume.IsSuccessStatusCode, $"resume answered {resume.StatusCode}");
            }

            await ReadUntilAsync(socket, live, e => Status(e) == "completed");
            var replayed = await EventStreamReader.ReadToEndAsync(http, executionId, lastEventId: 0);

            Assert.All(live, e => Assert.Equal(executionId.ToString(), e["executionId"]!.GetValue<string>()));
            var sequences = live.Select(e => e["sequence"]!.GetValue<long>()).ToList();
            Assert.Equal(Enumerable.Range((int)sequences[0], sequences.Count).Select(i => (long)i), sequences);
            Assert.Equal(
                live.Select(e => (e["sequence"]!.GetValue<long>(), e["type"]!.GetValue<string>())),
                replayed.Where(r => r.Id >= sequences[0]).Select(r => (r.Id, r.Type)));
            Assert.Equal(Enumerable.Range(1, replayed.Count).Select(i => (long)i), replayed.Select(r => r.Id));

            var statuses = live.Select(Status).OfType<string>().ToList();
            var paused = statuses.IndexOf("paused");
            Assert.True(statuses.IndexOf("waiting") < paused, string.Join(",", statuses));
            Assert.Equal("completed", statuses[^1]);
            Assert.Contains(statuses.Skip(paused + 1), s => s is "queued" or "running");
            var completedNodes = live.Where(e => e["type"]!.GetValue<string>() == "node.completed").Select(e => e["data"]!["nodeId"]!.GetValue<string>()).ToList();
            Assert.Equal(["first", "hold", "last"], completedNodes);

            using var final = await http.GetAsync($"/api/v1/executions/{executionId}");
            Assert.Equal("hello Ada, done", (await final.ReadJsonAsync()).GetProperty("output").GetProperty("last").GetProperty("text").GetString());
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static string? Status(JsonObject e) =>
        e["type"]?.GetValue<string>() == "execution.status" ? e["data"]?["status"]?.GetValue<string>() : null;

    private static async Task ReadUntilAsync(ClientWebSocket socket, List<JsonObject> events, Func<JsonObject, bool> done)
    {
        while (true)
        {
            JsonObject e;
            try
            {
                e = await ReceiveAsync(socket);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail("the WebSocket went quiet; it had sent:\n" + string.Join("\n", events.Select(x => x.ToJsonString())));
                throw;
            }

            events.Add(e);
            if (done(e))
            {
                return;
            }
        }
    }

    private static Task SendAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    private static async Task<JsonObject> ReceiveAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, timeout.Token);
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return (JsonObject)JsonNode.Parse(message.ToArray())!;
    }
}
