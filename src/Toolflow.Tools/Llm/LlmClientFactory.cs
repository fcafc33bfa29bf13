using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OpenAI;
using OpenAI.Chat;
using Toolflow.Tools.Credentials;

namespace Toolflow.Tools.Llm;

/// <summary>Builds the <see cref="IChatClient"/> of one call, on the runner's HTTP handler.</summary>
internal static class LlmClientFactory
{
    public static IChatClient Create(LlmChatSpec spec, LlmSecret? secret, LlmToolOptions options, HttpClient http)
    {
        if (spec.Provider == LlmProvider.Ollama)
        {
            // OllamaSharp resolves "api/chat" against the base address; without a trailing slash a path prefix would be lost.
            var baseUrl = secret?.BaseUrl ?? options.OllamaBaseUrl;
            http.BaseAddress = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
            return new OllamaApiClient(http, spec.Model);
        }

        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = secret?.BaseUrl ?? options.OpenAiBaseUrl,
            Transport = new HttpClientPipelineTransport(http),

            // The engine owns retries (with the node's policy and Retry-After); the client must not retry behind its back.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = spec.Timeout,
        };

        // Local OpenAI-compatible servers (vLLM, llama.cpp, LM Studio) take no key, but the client insists on one.
        var key = new ApiKeyCredential(secret?.ApiKey ?? "no-key");
        return new ChatClient(spec.Model, key, clientOptions).AsIChatClient();
    }
}
