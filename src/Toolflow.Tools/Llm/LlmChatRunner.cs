using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Toolflow.Tools.Credentials;

namespace Toolflow.Tools.Llm;

/// <summary>
/// Runs <c>llm.chat</c> on Microsoft.Extensions.AI: an OpenAI-compatible server or Ollama, chosen by
/// the credential (or the config's provider). The handler is the caller's — pass the SSRF-guarded
/// one to keep user-supplied base URLs off internal addresses. The runner never disposes the handler:
/// it is shared and outlives any one runner.
/// </summary>
public sealed class LlmChatRunner
{
    private readonly LlmHttpRecorder recorder;
    private readonly LlmToolOptions options;

    public LlmChatRunner(HttpMessageHandler handler, LlmToolOptions options)
    {
        ArgumentNullException.ThrowIfNull(handler);
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        recorder = new LlmHttpRecorder(handler, options.MaxResponseBytes);
    }

    public async Task<LlmChatResult> ChatAsync(JsonObject config, LlmSecret? secret, CancellationToken cancellationToken)
    {
        var spec = LlmChatSpec.From(config, secret, options);
        var seen = LlmHttpRecorder.Begin();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(spec.Timeout);
        using var http = new HttpClient(recorder, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        using var client = LlmClientFactory.Create(spec, secret, options, http);
        ChatResponse response;
        try
        {
            response = await client.GetResponseAsync(Messages(spec), ChatOptions(spec), timeout.Token);
        }
        catch (Exception ex) when (LlmFailures.Map(ex, spec, secret, seen, timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested) is { } failure)
        {
            throw failure;
        }

        return Result(spec, response);
    }

    private LlmChatResult Result(LlmChatSpec spec, ChatResponse response)
    {
        var text = response.Text ?? string.Empty;
        var inputTokens = response.Usage?.InputTokenCount ?? 0;
        var outputTokens = response.Usage?.OutputTokenCount ?? 0;
        var output = new JsonObject { ["text"] = text };
        if (spec.ResponseFormat.Kind == LlmReplyKind.Json)
        {
            output["json"] = LlmReplyReader.ReadJson(text, spec.ResponseFormat);
        }

        output["usage"] = new JsonObject { ["inputTokens"] = inputTokens, ["outputTokens"] = outputTokens };
        var cost = options.Prices.TryGetValue(spec.Model, out var price) ? price.Cost(inputTokens, outputTokens) : 0m;
        var provider = spec.Provider == LlmProvider.Ollama ? "ollama" : "openai";
        return new LlmChatResult(output, new LlmUsage(provider, spec.Model, inputTokens, outputTokens, cost));
    }

    private static List<ChatMessage> Messages(LlmChatSpec spec) =>
        [.. spec.Messages.Select(m => new ChatMessage(new ChatRole(m.Role), m.Content))];

    private static ChatOptions ChatOptions(LlmChatSpec spec) => new()
    {
        ModelId = spec.Model,
        Temperature = spec.Temperature,
        MaxOutputTokens = spec.MaxTokens,
        ResponseFormat = spec.ResponseFormat switch
        {
            { Kind: LlmReplyKind.Text } => null,
            { SchemaElement: { } schema } => ChatResponseFormat.ForJsonSchema(schema, "response", null),
            _ => ChatResponseFormat.Json,
        },
    };
}
