using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Toolflow.Tools.Tests.Http;

namespace Toolflow.Tools.Tests.Llm;

/// <summary>
/// Real HTTP peers speaking the OpenAI chat-completions protocol and Ollama's /api/chat.
/// Each keeps the requests it received. The model name steers them: "fail-NNN" answers that
/// status (echoing the bearer key in the error, as careless servers do), "json-wrong" answers
/// JSON that matches no reasonable schema, "never" never answers, "slow-down" asks to wait 1.5 s, "huge" sends 2 MiB; any other model answers from the request.
/// </summary>
public static class FakeLlmPeers
{
    public static Task<LocalHttpPeer> StartAsync(ConcurrentQueue<(JsonObject Body, string? Authorization)> received, ConcurrentQueue<string>? paths = null)
    {
        paths ??= new ConcurrentQueue<string>();
        return Start(received, paths);
    }

    private static Task<LocalHttpPeer> Start(ConcurrentQueue<(JsonObject Body, string? Authorization)> received, ConcurrentQueue<string> paths) =>
        LocalHttpPeer.StartAsync(app =>
        {
            app.MapPost("/v1/chat/completions", async (HttpRequest request) =>
            {
                var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
                var authorization = request.Headers.Authorization.ToString();
                received.Enqueue((body, authorization));
                var model = (string)body["model"]!;
                if (model == "never")
                {
                    await Task.Delay(Timeout.Infinite, request.HttpContext.RequestAborted);
                }

                if (model == "slow-down")
                {
                    request.HttpContext.Response.Headers["retry-after-ms"] = "1500";
                    return Results.Json(new { error = new { message = "rate limited" } }, statusCode: 429);
                }

                if (model == "huge")
                {
                    return Results.Text("{\"padding\":\"" + new string('x', 2 * 1024 * 1024) + "\"}", "application/json");
                }

                if (Failure(model) is { } status)
                {
                    var headers = request.HttpContext.Response.Headers;
                    headers.RetryAfter = "3";
                    return Results.Json(new { error = new { message = $"refused for {authorization}", type = "test" } }, statusCode: status);
                }

                var content = Reply(model, LastUser(body), body["response_format"] is not null);
                return Results.Json(new
                {
                    id = "chatcmpl-1",
                    @object = "chat.completion",
                    created = 1_700_000_000,
                    model,
                    choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
                    usage = new { prompt_tokens = 11, completion_tokens = 7, total_tokens = 18 },
                });
            });

            // Also behind a path prefix, as when Ollama sits behind a reverse proxy.
            app.MapPost("/proxy/api/chat", OllamaChat);
            app.MapPost("/api/chat", OllamaChat);

            async Task<IResult> OllamaChat(HttpRequest request)
            {
                var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
                received.Enqueue((body, request.Headers.Authorization.ToString()));
                paths.Enqueue(request.Path.Value ?? string.Empty);
                var model = (string)body["model"]!;
                if (Failure(model) is { } status)
                {
                    return Results.Json(new { error = $"model '{model}' failed" }, statusCode: status);
                }

                if (model == "error-in-200")
                {
                    return Results.Text("""{"error":"model failed to load"}""" + "\n", "application/x-ndjson");
                }

                var content = Reply(model, LastUser(body), body["format"] is not null);
                var done = new JsonObject
                {
                    ["model"] = model,
                    ["created_at"] = "2026-11-27T00:00:00Z",
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
                    ["done"] = true,
                    ["done_reason"] = "stop",
                    ["prompt_eval_count"] = 5,
                    ["eval_count"] = 3,
                };
                if (body["stream"] is JsonValue stream && !(bool)stream)
                {
                    return Results.Text(done.ToJsonString(), "application/json");
                }

                // Ollama streams newline-delimited JSON unless told otherwise: the text first, then the totals.
                var first = new JsonObject { ["model"] = model, ["created_at"] = "2026-11-27T00:00:00Z", ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content }, ["done"] = false };
                done["message"]!["content"] = string.Empty;
                return Results.Text(first.ToJsonString() + "\n" + done.ToJsonString() + "\n", "application/x-ndjson");
            }
        });

    private static int? Failure(string model) =>
        model.StartsWith("fail-", StringComparison.Ordinal) && int.TryParse(model[5..], out var status) ? status : null;

    private static string LastUser(JsonObject body) =>
        body["messages"]!.AsArray().Where(m => (string)m!["role"]! == "user").Select(m => (string)m!["content"]!).LastOrDefault() ?? string.Empty;

    private static string Reply(string model, string prompt, bool json) => (json, model) switch
    {
        (true, "json-wrong") => """{"answer": 42}""",
        (true, "json-broken") => "this is not json",
        (true, "json-deep") => new string('[', 500) + new string(']', 500),
        (true, _) => new JsonObject { ["answer"] = prompt, ["words"] = prompt.Split(' ').Length }.ToJsonString(),
        _ => $"echo: {prompt}",
    };
}
