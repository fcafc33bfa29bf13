using System.Buffers;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Native.Json;

namespace Toolflow.Core.Expressions.Sandbox;

/// <summary>
/// One hardened Jint engine plus the compiled functions it has seen. Scripts are wrapped as
/// functions whose parameters are the scope, so nothing is ever written to the (frozen) global object.
/// </summary>
internal sealed class SandboxEngine
{
    private const int FunctionCacheCapacity = 1024;
    private const string Parameters = CodeBody.Parameters;

    private readonly Dictionary<string, JsValue> _expressions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsValue> _bodies = new(StringComparer.Ordinal);

    public SandboxEngine(SandboxLimits limits)
    {
        Limits = limits;
        Memory = new LiveMemoryConstraint(limits.MemoryBytes);
        Jint = HardenedEngineFactory.Create(limits, Cancellation, Memory);
        Parser = new JsonParser(Jint);
        Serializer = new JsonSerializer(Jint);
    }

    public SandboxLimits Limits { get; }

    public SessionCancellation Cancellation { get; } = new();

    /// <summary>The live-memory limit; a session tells it which values are the scope (not the script's).</summary>
    public LiveMemoryConstraint Memory { get; private init; } = null!;

    public Engine Jint { get; }

    public JsonParser Parser { get; }

    public JsonSerializer Serializer { get; }

    /// <summary>
    /// The UTF-8 of a session's scope on its way into <see cref="Parser"/>, kept with the engine (one session at a
    /// time uses it) so that every evaluation does not grow a new buffer. The session resets it before writing.
    /// </summary>
    public ArrayBufferWriter<byte> ScopeBuffer { get; private set; } = new(ScopeBufferBytes);

    private const int ScopeBufferBytes = 16 * 1024;
    private const int ScopeBufferKeptBytes = 256 * 1024;

    /// <summary>After a scope is parsed: a buffer one unusually large scope grew is not kept with the pooled engine.</summary>
    public void ReleaseScopeBuffer()
    {
        if (ScopeBuffer.Capacity > ScopeBufferKeptBytes)
        {
            ScopeBuffer = new(ScopeBufferBytes);
        }
    }

    /// <summary>Set when a limit tripped: the engine's internal state is suspect, so it is not pooled again.</summary>
    public bool Poisoned { get; set; }

    /// <summary>The function for one expression: <c>(scope…) =&gt; (expression)</c>.</summary>
    public JsValue ExpressionFunction(string expression)
    {
        if (_expressions.TryGetValue(expression, out var function))
        {
            return function;
        }

        var error = ExpressionSyntax.FindJavaScriptError(expression);
        if (error is not null)
        {
            throw new SandboxException(ExpressionErrorKind.Syntax, $"does not parse: {error}");
        }

        return Compile(_expressions, expression, $"(function ({Parameters}) {{ return (\n{expression}\n); }})");
    }

    /// <summary>The function for a code node body: <c>async function (scope…) { body }</c>, so <c>await</c> works.</summary>
    public JsValue BodyFunction(string body) =>
        _bodies.TryGetValue(body, out var function)
            ? function
            : Compile(_bodies, body, CodeBody.Wrap(body));

    private JsValue Compile(Dictionary<string, JsValue> cache, string key, string source)
    {
        Prepared<Script> prepared;
        try
        {
            prepared = PreparedScriptCache.Get(source);
        }
        catch (Acornima.ParseErrorException ex)
        {
            throw new SandboxException(ExpressionErrorKind.Syntax, $"does not parse: {ex.Description}", ex);
        }
        catch (Jint.Runtime.JavaScriptException ex)
        {
            throw new SandboxException(ExpressionErrorKind.Syntax, $"does not parse: {ex.Message}", ex);
        }

        Jint.Constraints.Reset();
        var function = Jint.Evaluate(prepared);
        if (cache.Count >= FunctionCacheCapacity)
        {
            cache.Clear();
        }

        cache[key] = function;
        return function;
    }
}
