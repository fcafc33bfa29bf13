using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Toolflow.Tools.Tests.Http;

namespace Toolflow.Generation.Tests.Models;

/// <summary>
/// A real HTTP chat model on 127.0.0.1 that answers from a script: the OpenAI chat-completions
/// protocol at <c>/v1/chat/completions</c> and Ollama's <c>/api/chat</c>. Each request takes the next
/// answer; when the script runs out the last answer repeats. Every request body is kept.
/// </summary>
internal sealed class ScriptedModelServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> script;
    private readonly LocalHttpPeer peer;
    private string last;

    private ScriptedModelServer(LocalHttpPeer peer, ConcurrentQueue<string> script, string last)
    {
        this.peer = peer;
        this.script = script;
        this.last = last;
    }

    public ConcurrentQueue<JsonObject> Requests { get; } = new();

    public Uri OpenAiBaseUrl => peer.Url("/v1");

    public Uri OllamaBaseUrl => peer.BaseAddress;

    public static async Task<ScriptedModelServer> StartAsync(params string[] answers)
    {
        ArgumentOutOfRangeException.ThrowIfZero(answers.Length);
        ScriptedModelServer? server = null;
        var peer = await LocalHttpPeer.StartAsync(app =>
        {
            app.MapPost("/v1/chat/completions", async (HttpRequest request) =>
            {
                var content = await server!.NextAsync(request);
                return Results.Json(new
                {
                    id = "chatcmpl-1",
                    @object = "chat.completion",
                    created = 1_700_000_000,
                    model = "scripted",
                    choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
                    usage = new { prompt_tokens = 100, completion_tokens = 50, total_tokens = 150 },
                });
            });
            app.MapPost("/api/chat", async (HttpRequest request) =>
            {
                var content = await server!.NextAsync(request);
                var first = new JsonObject { ["model"] = "scripted", ["created_at"] = "2026-11-27T00:00:00Z", ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content }, ["done"] = false };
                var done = new JsonObject { ["model"] = "scripted", ["created_at"] = "2026-11-27T00:00:00Z", ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = string.Empty }, ["done"] = true, ["done_reason"] = "stop", ["prompt_eval_count"] = 5, ["eval_count"] = 3 };
                return Results.Text(first.ToJsonString() + "\n" + done.ToJsonString() + "\n", "application/x-ndjson");
            });
        });
        server = new ScriptedModelServer(peer, new ConcurrentQueue<string>(answers), answers[^1]);
        return server;
    }

    private async Task<string> NextAsync(HttpRequest request)
    {
        Requests.Enqueue((await JsonNode.ParseAsync(request.Body))!.AsObject());
        if (script.TryDequeue(out var answer))
        {
            last = answer;
        }

        return last;
    }

    public ValueTask DisposeAsync() => peer.DisposeAsync();
}
