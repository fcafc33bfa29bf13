using Jint;

namespace Toolflow.Core.Expressions.Sandbox;

/// <summary>
/// Builds a Jint engine that can reach nothing of the host: no CLR access (Jint only exposes
/// what we set, and we set no CLR object), no string compilation (<c>eval</c>, <c>Function(…)</c>),
/// strict mode, limits on time, memory, statements and recursion, and the global object and built-ins frozen so
/// that a pooled engine cannot carry one script's tampering into the next.
/// </summary>
internal static class HardenedEngineFactory
{
    // Runs once per engine, before any user code. Freezes the global object and the built-ins a
    // script could poison for the next one (constructors, prototypes, Math, JSON, Reflect). A deep
    // walk over every reachable object would also materialise Intl and Temporal: ~100× slower.
    private const string FreezeGlobals = """
        (function () {
          'use strict';
          const names = ['Object', 'Function', 'Array', 'String', 'Number', 'Boolean', 'Symbol', 'Date', 'RegExp',
            'Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError', 'AggregateError',
            'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'Promise', 'Proxy', 'BigInt', 'ArrayBuffer', 'DataView',
            'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
            'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array'];
          for (const name of names) {
            const ctor = globalThis[name];
            if (!ctor) continue;
            if (ctor.prototype) Object.freeze(ctor.prototype);
            Object.freeze(ctor);
          }
          for (const name of ['Math', 'JSON', 'Reflect', 'Atomics']) if (globalThis[name]) Object.freeze(globalThis[name]);
          Object.freeze(Object.getPrototypeOf(Int8Array));
          Object.freeze(Object.getPrototypeOf(Int8Array.prototype));
          Object.freeze(Object.getPrototypeOf([][Symbol.iterator]()));
          Object.freeze(Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
          Object.freeze(Object.getPrototypeOf(async function () {}));
          Object.freeze(Object.getPrototypeOf(() => {}));
          // Code copied from elsewhere often logs; give it a console that does nothing.
          const quiet = Object.freeze(() => undefined);
          globalThis.console = Object.freeze({ log: quiet, info: quiet, warn: quiet, error: quiet, debug: quiet, trace: quiet });
          Object.freeze(globalThis);
        })();
        """;

    // Hardening is our own code and runs once per engine; only a starved machine makes it slow.
    private static readonly TimeSpan HardeningBudget = TimeSpan.FromSeconds(60);

    public static Engine Create(SandboxLimits limits, SessionCancellation cancellation)
    {
        var timeout = new ScriptTimeout(HardeningBudget);
        var engine = new Engine(options =>
        {
            options.Strict = true;
            options.Host.StringCompilationAllowed = false;
            options.LimitMemory(limits.MemoryBytes);
            options.Constraint(timeout);
            options.MaxStatements(limits.MaxStatements);
            options.LimitRecursion(limits.MaxRecursion);
            options.Constraints.MaxArraySize = (uint)limits.MaxArrayLength;
            options.Constraints.RegexTimeout = limits.Timeout;
            options.Constraint(cancellation);
        });
        engine.Execute(FreezeGlobals);
        timeout.Limit = limits.Timeout;
        return engine;
    }
}
