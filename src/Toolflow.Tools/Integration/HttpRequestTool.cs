using Toolflow.Tools.Http;

namespace Toolflow.Tools.Integration;

/// <summary><c>http.request</c> as a node: the SSRF-guarded runner, with the bytes it moved as resource usage.</summary>
public sealed class HttpRequestTool(HttpRequestRunner runner, HttpToolOptions options) : ITool
{
    private static readonly HashSet<string> UnsafeMethods = new(StringComparer.Ordinal) { "POST", "PUT", "PATCH", "DELETE" };

    public string Name => "http.request";

    public bool HasSideEffects => true;

    public async ValueTask<ToolOutcome> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var spec = HttpRequestSpec.From(invocation.Config, options);
        if (invocation.IdempotencyKey is { } key && UnsafeMethods.Contains(spec.Method.Method) &&
            !spec.Headers.Any(h => h.Key.Equals("Idempotency-Key", StringComparison.OrdinalIgnoreCase)))
        {
            // A retried or resumed call carries the same key, so a server that honours it applies the call once.
            spec = spec with { Headers = [.. spec.Headers, new("Idempotency-Key", key)] };
        }

        var result = await runner.ExecuteAsync(spec, cancellationToken);
        return ToolOutcome.Completed(result.Output) with
        {
            Usage = new ResourceUsage { BytesIn = result.BytesReceived, BytesOut = result.BytesSent },
        };
    }
}
