using Jint;

namespace Toolflow.Core.Expressions.Sandbox;

/// <summary>
/// Builds a Jint engine that can reach nothing of the host: no CLR access (Jint only exposes
/// what we set, and we set no CLR object), no string compilation (<c>eval</c>, <c>Function(…)</c>),
/// strict mode, limits on time, memory, statements and recursion, and every global deep-frozen so
/// that a pooled engine cannot carry one script's tampering into the next.
/// </summary>
internal static class HardenedEngineFactory
{
    // Runs once per engine, before any user code; freezes the global object and everything reachable from it.
    private const string FreezeGlobals = """
        (function () {
          'use strict';
          const seen = new Set();
          function freeze(o) {
            if (o === null || (typeof o !== 'object' && typeof o !== 'function') || seen.has(o)) return;
            seen.add(o);
            for (const key of Reflect.ownKeys(o)) {
              const d = Object.getOwnPropertyDescriptor(o, key);
              if (!d) continue;
              if ('value' in d) freeze(d.value); else { freeze(d.get); freeze(d.set); }
            }
            Object.freeze(o);
          }
          freeze(globalThis);
        })();
        """;

    public static Engine Create(SandboxLimits limits, SessionCancellation cancellation)
    {
        var engine = new Engine(options =>
        {
            options.Strict = true;
            options.Host.StringCompilationAllowed = false;
            options.LimitMemory(limits.MemoryBytes);
            options.TimeoutInterval(limits.Timeout);
            options.MaxStatements(limits.MaxStatements);
            options.LimitRecursion(limits.MaxRecursion);
            options.Constraints.MaxArraySize = (uint)limits.MaxArrayLength;
            options.Constraints.RegexTimeout = limits.Timeout;
            options.Constraint(cancellation);
        });
        engine.Execute(FreezeGlobals);
        return engine;
    }
}
