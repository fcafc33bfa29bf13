using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OpenAI;

namespace Toolflow.Generation.Models;

/// <summary>Builds the generator's <see cref="IChatClient"/> the way the llm.chat tool builds its own: OpenAI-compatible or Ollama.</summary>
public static class ChatClientFactory
{
    public static IChatClient Create(GenerationModelOptions options, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        if (options.Problems() is [var problem, ..])
        {
            throw new InvalidOperationException(problem);
        }

        var model = options.Model!;
        http.Timeout = TimeSpan.FromMilliseconds(options.TimeoutMs);
        if (options.Provider.Equals("ollama", StringComparison.OrdinalIgnoreCase))
        {
            var baseUrl = options.BaseUrl ?? new Uri("http://127.0.0.1:11434");

            // OllamaSharp resolves "api/chat" against the base address; without a trailing slash a path prefix would be lost.
            http.BaseAddress = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
            return new OllamaApiClient(http, model);
        }

        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = options.BaseUrl ?? new Uri("https://api.openai.com/v1"),
            Transport = new HttpClientPipelineTransport(http),

            // The repair loop is the retry; the client must not resend behind its back.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = TimeSpan.FromMilliseconds(options.TimeoutMs),
        };
        return new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(options.ApiKey ?? "no-key"), clientOptions).AsIChatClient();
    }
}
