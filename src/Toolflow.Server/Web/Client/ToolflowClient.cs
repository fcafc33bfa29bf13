using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Toolflow.Server.Web.Client;

/// <summary>
/// The UI's one way to the backend: HTTP to this server's own <c>/api/v1</c> with the session's API key
/// (ADR 0013), so every page obeys exactly the API's validation, permission and visibility rules — a
/// route added to the API later (templates, shares, generation) works here without a second code path.
/// One instance per circuit (scoped).
/// </summary>
public sealed partial class ToolflowClient
{
    public const string HttpClientName = "toolflow-ui";

    /// <summary>Web defaults (camelCase), nulls omitted; unknown response fields are ignored so a newer server never breaks the UI.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly IHttpClientFactory clients;
    private readonly Func<Uri> baseAddress;
    private readonly Func<Task<string?>> key;

    /// <param name="clients">Makes the HttpClient (pooled handlers).</param>
    /// <param name="baseAddress">Where <c>/api/v1</c> is (resolved lazily: the server's address is known only once it listens).</param>
    /// <param name="key">The session's API key.</param>
    public ToolflowClient(IHttpClientFactory clients, Func<Uri> baseAddress, Func<Task<string?>> key)
    {
        this.clients = clients;
        this.baseAddress = baseAddress;
        this.key = key;
    }

    /// <summary>Raised when the API answers 401: the key was revoked or the session is gone; the layout sends the user to sign in.</summary>
    public event Action? Unauthorized;

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, JsonNode? body, Action<HttpRequestMessage>? configure, HttpCompletionOption completion, CancellationToken cancellation, bool anonymous = false)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseAddress(), path.TrimStart('/')));
        if (!anonymous && await key() is { } apiKey)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(Json), Encoding.UTF8, "application/json");
        }

        configure?.Invoke(request);
        var http = clients.CreateClient(HttpClientName);
        var response = await http.SendAsync(request, completion, cancellation);
        if (response.StatusCode == HttpStatusCode.Unauthorized && !anonymous)
        {
            Unauthorized?.Invoke();
        }

        return response;
    }

    private async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, JsonNode? body = null, Action<HttpRequestMessage>? configure = null, CancellationToken cancellation = default, bool anonymous = false)
    {
        using var response = await SendRawAsync(method, path, body, configure, HttpCompletionOption.ResponseContentRead, cancellation, anonymous);
        var text = await response.Content.ReadAsStringAsync(cancellation);
        if (!response.IsSuccessStatusCode)
        {
            return ApiResult<T>.Failure(ApiProblem.Parse(response.StatusCode, text));
        }

        var etag = response.Headers.ETag?.Tag.Trim('"');
        if (typeof(T) == typeof(NoContent) || text.Length == 0)
        {
            return ApiResult<T>.Success(default!, etag);
        }

        return ApiResult<T>.Success(JsonSerializer.Deserialize<T>(text, Json)!, etag);
    }

    private static JsonNode ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, Json)!;

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var parts = parameters.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);
    }
}

/// <summary>For calls whose answer body does not matter.</summary>
public sealed record NoContent;
