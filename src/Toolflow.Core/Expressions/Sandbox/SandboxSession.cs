using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;

namespace Toolflow.Core.Expressions.Sandbox;

/// <summary>
/// One engine rented for the evaluations that share one scope (all strings of a node's config).
/// The scope is converted once, on first use. Not thread-safe; dispose to return the engine.
/// </summary>
public sealed class SandboxSession : IDisposable
{
    private readonly JavaScriptSandbox _owner;
    private readonly SandboxEngine _engine;
    private readonly ExpressionScope _scope;
    private readonly Func<string, bool>? _includeNode;
    private JsValue[]? _arguments;
    private bool _disposed;

    internal SandboxSession(JavaScriptSandbox owner, SandboxEngine engine, ExpressionScope scope, Func<string, bool>? includeNode)
    {
        _owner = owner;
        _engine = engine;
        _scope = scope;
        _includeNode = includeNode;
    }

    /// <summary>The largest result (in UTF-16 chars of JSON or text) an evaluation may give.</summary>
    internal int MaxResultChars => _engine.Limits.MaxResultChars;

    /// <summary>Evaluates one JavaScript expression and returns its value as JSON.</summary>
    public JsonNode? Evaluate(string expression) => Run(() => _engine.ExpressionFunction(expression));

    /// <summary>Runs a function body (<c>return …</c> gives the value) and returns the value as JSON.</summary>
    public JsonNode? RunBody(string body) => Run(() => _engine.BodyFunction(body));

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            // A pooled engine must not keep this scope alive (nor count the next scope as this one).
            _engine.Memory.Scope = null;
            _owner.Return(_engine);
        }
    }

    private JsonNode? Run(Func<JsValue> function)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            var compiled = function();
            _arguments ??= BuildArguments();
            _engine.Memory.Scope = _arguments;
            _engine.Jint.Constraints.Reset();
            var value = _engine.Jint.Invoke(compiled, JsValue.Undefined, _arguments);
            return JsonValueConverter.ToJson(_engine, Settle(value));
        }
        catch (Exception ex) when (SandboxErrors.Map(ex, _engine) is { } mapped)
        {
            if (ReferenceEquals(mapped, ex))
            {
                throw;
            }

            throw mapped;
        }
    }

    // Jint reports a promise still pending at the time limit as a rejection with the text "Timeout of
    // <limit> reached" (its promise type is internal, so its state cannot be read). That is the time
    // limit, like a busy loop, not something the script threw: the text and the time spent must both match.
    private JsValue Settle(JsValue value)
    {
        var limit = _engine.Limits.Timeout;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            return value.UnwrapIfPromise(limit);
        }
        catch (Jint.Runtime.PromiseRejectedException ex) when (
            System.Diagnostics.Stopwatch.GetElapsedTime(started) >= limit &&
            ex.RejectedValue is JsString text && text.ToString() == $"Timeout of {limit} reached")
        {
            throw new TimeoutException("the awaited promise never settled", ex);
        }
    }

    private JsValue[] BuildArguments()
    {
        var buffer = _engine.ScopeBuffer;
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("input");
            WriteNode(writer, _scope.Input);
            writer.WriteStartObject("nodes");
            foreach (var (id, output) in _scope.Nodes)
            {
                if (_includeNode is null || _includeNode(id))
                {
                    writer.WriteStartObject(id);
                    writer.WritePropertyName("output");
                    WriteNode(writer, output);
                    writer.WriteEndObject();
                }
            }

            writer.WriteEndObject();
            if (_scope.Execution is { } execution)
            {
                writer.WriteStartObject("execution");
                writer.WriteString("id", execution.Id);
                writer.WriteString("startedAt", execution.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                writer.WriteString("workflowId", execution.WorkflowId);
                writer.WriteEndObject();
            }

            writer.WritePropertyName("params");
            WriteNode(writer, _scope.Params);
            writer.WriteEndObject();
        }

        var scope = _engine.Parser.Parse(buffer.WrittenSpan).AsObject();
        _engine.ReleaseScopeBuffer();
        var item = _scope.Index is null ? JsValue.Undefined : JsonValueConverter.ToJs(_engine, _scope.Item);
        var index = _scope.Index is { } i ? JsNumber.Create(i) : JsValue.Undefined;
        return [scope.Get("input"), scope.Get("nodes"), item, index, scope.Get("execution"), scope.Get("params")];
    }

    private static void WriteNode(Utf8JsonWriter writer, JsonNode? node)
    {
        if (node is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            node.WriteTo(writer);
        }
    }
}
