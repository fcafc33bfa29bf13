using System.Collections.Concurrent;

namespace Toolflow.Core.Expressions.Sandbox;

/// <summary>
/// A pool of hardened Jint engines sharing one set of limits. Creating an engine (and freezing
/// its globals) costs far more than evaluating a cached expression, so engines are reused;
/// one whose limits tripped is dropped instead.
/// </summary>
public sealed class JavaScriptSandbox
{
    private readonly ConcurrentBag<SandboxEngine> _pool = [];
    private readonly int _maxPooled;
    private int _pooled;

    public JavaScriptSandbox(SandboxLimits limits, int maxPooledEngines = 0)
    {
        ArgumentNullException.ThrowIfNull(limits);
        Limits = limits;
        _maxPooled = maxPooledEngines > 0 ? maxPooledEngines : Environment.ProcessorCount * 2;
    }

    public SandboxLimits Limits { get; }

    /// <summary>
    /// Opens a session over <paramref name="scope"/>. <paramref name="includeNode"/> picks which
    /// node outputs are converted into the script's <c>nodes</c> (all when null); converting only
    /// what an expression mentions keeps large outputs off the hot path.
    /// </summary>
    public SandboxSession Open(ExpressionScope scope, Func<string, bool>? includeNode = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var engine = Rent();
        engine.Cancellation.Token = cancellationToken;
        return new SandboxSession(this, engine, scope, includeNode);
    }

    internal void Return(SandboxEngine engine)
    {
        engine.Cancellation.Token = CancellationToken.None;
        if (engine.Poisoned || Interlocked.Increment(ref _pooled) > _maxPooled)
        {
            if (!engine.Poisoned)
            {
                Interlocked.Decrement(ref _pooled);
            }

            return;
        }

        _pool.Add(engine);
    }

    private SandboxEngine Rent()
    {
        if (_pool.TryTake(out var engine))
        {
            Interlocked.Decrement(ref _pooled);
            return engine;
        }

        try
        {
            return new SandboxEngine(Limits);
        }
        catch (Exception ex) when (ex is TimeoutException or Jint.Runtime.StatementsCountOverflowException or Jint.Runtime.MemoryLimitExceededException or LiveMemoryExceededException)
        {
            // Hardening runs under the same limits as scripts; on a starved machine it can trip them.
            throw new SandboxException(ExpressionErrorKind.Timeout, "the sandbox could not be prepared within its limits (the machine is overloaded)", ex);
        }
    }
}
