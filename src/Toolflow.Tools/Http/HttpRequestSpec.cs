using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Toolflow.Tools.Http;

/// <summary>A node's <c>http.request</c> config after expressions were resolved, checked and normalised.</summary>
public sealed record HttpRequestSpec
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    public required HttpMethod Method { get; init; }
    public required Uri Url { get; init; }
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>The header a credential adds, sent only to the hosts its binding allows.</summary>
    public CredentialHeader? Credential { get; init; }
    public JsonNode? Body { get; init; }

    /// <summary>json (default for objects and arrays), text (default for strings) or form.</summary>
    public string BodyType { get; init; } = "json";
    public required TimeSpan Timeout { get; init; }
    public required long MaxResponseBytes { get; init; }
    public bool FollowRedirects { get; init; } = true;

    /// <summary>When true (the default, as in n8n), a status of 400 or more fails the node.</summary>
    public bool FailOnHttpError { get; init; } = true;

    public static HttpRequestSpec From(JsonObject config, HttpToolOptions options)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        var method = (Text(config, "method") ?? "GET").ToUpperInvariant();
        if (!Methods.Contains(method))
        {
            throw Invalid($"method '{method}' is not one of {string.Join(", ", Methods)}");
        }

        var url = BuildUrl(Text(config, "url") ?? throw Invalid("url is required"), config["query"]);
        var timeoutMs = Integer(config, "timeoutMs") ?? options.DefaultTimeoutMs;
        if (timeoutMs < 1 || timeoutMs > options.MaxTimeoutMs)
        {
            throw Invalid($"timeoutMs must be between 1 and {options.MaxTimeoutMs}");
        }

        var maxBytes = Integer(config, "maxResponseBytes") ?? options.DefaultMaxResponseBytes;
        if (maxBytes < 1 || maxBytes > options.MaxResponseBytesLimit)
        {
            throw Invalid($"maxResponseBytes must be between 1 and {options.MaxResponseBytesLimit}");
        }

        var body = config["body"];
        return new HttpRequestSpec
        {
            Method = new HttpMethod(method),
            Url = url,
            Headers = Pairs(config["headers"], "headers"),
            Body = body,
            BodyType = Text(config, "bodyType") ?? (body is JsonValue v && v.TryGetValue<string>(out _) ? "text" : "json"),
            Timeout = TimeSpan.FromMilliseconds(timeoutMs),
            MaxResponseBytes = maxBytes,
            FollowRedirects = Flag(config, "followRedirects") ?? true,
            FailOnHttpError = Flag(config, "failOnHttpError") ?? true,
        };
    }

    private static Uri BuildUrl(string text, JsonNode? query)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw Invalid($"url '{text}' is not an absolute http or https URL");
        }

        var pairs = Pairs(query, "query");
        if (pairs.Count == 0)
        {
            return uri;
        }

        var extra = string.Join('&', pairs.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        var builder = new UriBuilder(uri) { Query = string.IsNullOrEmpty(uri.Query) ? extra : $"{uri.Query.TrimStart('?')}&{extra}" };
        return builder.Uri;
    }

    private static List<KeyValuePair<string, string>> Pairs(JsonNode? node, string field) => node switch
    {
        null => [],
        JsonObject obj => [.. obj.Select(p => new KeyValuePair<string, string>(p.Key, Scalar(p.Value, $"{field}.{p.Key}")))],
        _ => throw Invalid($"{field} must be an object of names to values"),
    };

    private static string Scalar(JsonNode? value, string field) => value switch
    {
        null => string.Empty,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        _ => throw Invalid($"{field} must be a string, number or boolean"),
    };

    private static string? Text(JsonObject config, string name) => config[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw Invalid($"{name} must be a string"),
    };

    private static long? Integer(JsonObject config, string name) => config[name] switch
    {
        null => null,
        // Values built in code hold CLR numbers, parsed ones hold JSON; the JSON text reads the same for both.
        JsonValue v when v.GetValueKind() == JsonValueKind.Number &&
            decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) &&
            d == decimal.Truncate(d) && d is >= long.MinValue and <= long.MaxValue => (long)d,
        _ => throw Invalid($"{name} must be an integer"),
    };

    private static bool? Flag(JsonObject config, string name) => config[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        _ => throw Invalid($"{name} must be true or false"),
    };

    private static ToolFailureException Invalid(string message) => new("invalid_config", message, retryable: false);
}

/// <summary>
/// A credential as one request header. Bound: sent only to the bound hosts, and a redirect elsewhere
/// fails the node. Unbound: sent to the request's own host only, dropped on a redirect to another
/// host, as curl and browsers do with Authorization.
/// </summary>
public sealed record CredentialHeader(string Name, string Value, Credentials.HostBinding Binding, string? CredentialName)
{
    public override string ToString() => $"CredentialHeader {{ Name = {Name}, Value = ***, CredentialName = {CredentialName} }}";
}
