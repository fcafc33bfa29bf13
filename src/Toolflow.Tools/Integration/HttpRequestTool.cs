using Toolflow.Tools.Credentials;
using Toolflow.Tools.Http;

namespace Toolflow.Tools.Integration;

/// <summary>
/// <c>http.request</c> as a node: the SSRF-guarded runner, an optional http-* credential as one
/// header (within its host binding), the bytes it moved as resource usage, and the secret redacted
/// from whatever the peer echoes back.
/// </summary>
public sealed class HttpRequestTool(HttpRequestRunner runner, HttpToolOptions options, ICredentialResolver credentials) : ITool
{
    private static readonly HashSet<string> UnsafeMethods = new(StringComparer.Ordinal) { "POST", "PUT", "PATCH", "DELETE" };

    public HttpRequestTool(HttpRequestRunner runner, HttpToolOptions options)
        : this(runner, options, NoCredentials.Instance)
    {
    }

    public string Name => "http.request";

    public bool HasSideEffects => true;

    public async ValueTask<ToolOutcome> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var spec = HttpRequestSpec.From(invocation.Config, options);
        var (secret, binding) = await CredentialLookup.FindBoundAsync<HttpSecret>(credentials, invocation, Name, "an http-bearer, http-basic or http-header", cancellationToken);
        if (secret is not null)
        {
            binding.Require(spec.Url.Host, invocation.Credential);
            spec = spec with { Credential = new CredentialHeader(secret.HeaderName, secret.HeaderValue, binding, invocation.Credential) };
        }

        if (invocation.IdempotencyKey is { } key && UnsafeMethods.Contains(spec.Method.Method) &&
            !spec.Headers.Any(h => h.Key.Equals("Idempotency-Key", StringComparison.OrdinalIgnoreCase)))
        {
            // A retried or resumed call carries the same key, so a server that honours it applies the call once.
            spec = spec with { Headers = [.. spec.Headers, new("Idempotency-Key", key)] };
        }

        HttpCallResult result;
        try
        {
            result = await runner.ExecuteAsync(spec, cancellationToken);
        }
        catch (ToolFailureException ex) when (secret is not null)
        {
            throw new ToolFailureException(ex.Failure with { Message = SecretRedactor.Redact(ex.Failure.Message, secret.SecretValues()) });
        }

        return ToolOutcome.Completed(OutputRedaction.Redact(result.Output, secret)) with
        {
            Usage = new ResourceUsage { BytesIn = result.BytesReceived, BytesOut = result.BytesSent },
        };
    }
}
