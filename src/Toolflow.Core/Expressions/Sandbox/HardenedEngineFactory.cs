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
    // Runs once per engine, before any user code. Engines are pooled across the executions of every
    // user, so whatever one script could change in an engine would reach the next script, someone
    // else's: every built-in the global object holds is frozen with its prototype, and so are the
    // members of the namespaces (Intl, Temporal, Math, JSON, Reflect, Atomics) and the prototypes no
    // global names (iterators, generators, typed arrays). The legacy RegExp statics (RegExp.input,
    // RegExp.$1 …) are removed: they hold the last match of any script, a secret of the previous one.
    // This costs about 1.3 ms per engine (0.3 ms before); a deep walk over every reachable object cost
    // 8 ms. Built-in functions' own properties stay writable: two cooperating scripts could talk
    // through them, but nothing a script calls can be replaced.
    private const string FreezeGlobals = """
        (function () {
          'use strict';
          for (const name of ['input', '$_', 'lastMatch', '$&', 'lastParen', '$+', 'leftContext', '$`', 'rightContext', "$'",
            '$1', '$2', '$3', '$4', '$5', '$6', '$7', '$8', '$9']) {
            delete RegExp[name];
          }
          // Code copied from elsewhere often logs; give it a console that does nothing.
          const quiet = Object.freeze(() => undefined);
          globalThis.console = Object.freeze({ log: quiet, info: quiet, warn: quiet, error: quiet, debug: quiet, trace: quiet });
          const isObject = (v) => (typeof v === 'object' && v !== null) || typeof v === 'function';
          const freezeWithPrototype = (v) => {
            if (!isObject(v)) return;
            Object.freeze(v);
            if (typeof v === 'function' && isObject(v.prototype)) Object.freeze(v.prototype);
          };
          for (const name of Object.getOwnPropertyNames(globalThis)) {
            if (name === 'globalThis') continue;
            const value = globalThis[name];
            freezeWithPrototype(value);
            if (typeof value === 'object' && value !== null) {
              for (const key of Object.getOwnPropertyNames(value)) {
                const member = Object.getOwnPropertyDescriptor(value, key);
                if (member && 'value' in member) freezeWithPrototype(member.value);
              }
            }
          }
          const proto = Object.getPrototypeOf;
          const segments = new Intl.Segmenter().segment('');
          for (const hidden of [
            proto(Int8Array), proto(Int8Array.prototype),
            proto([][Symbol.iterator]()), proto(proto([][Symbol.iterator]())),
            proto(new Map()[Symbol.iterator]()), proto(new Set()[Symbol.iterator]()), proto(''[Symbol.iterator]()),
            proto(/a/[Symbol.matchAll]('')),
            proto(function* () {}), proto(proto(function* () {})), proto(function* () {}.prototype),
            proto(async function* () {}), proto(proto(async function* () {})), proto(async function* () {}.prototype),
            proto(proto(proto(async function* () {}.prototype))),
            proto(async function () {}), proto(() => {}),
            proto(Iterator.from({ next() { return { done: true }; } })), proto([].values().map((x) => x)),
            proto(segments), proto(segments[Symbol.iterator]()),
          ]) {
            freezeWithPrototype(hidden);
          }
          Object.freeze(globalThis);
        })();
        """;

    // Hardening is our own code and runs once per engine; only a starved machine makes it slow.
    private static readonly TimeSpan HardeningBudget = TimeSpan.FromSeconds(60);

    public static Engine Create(SandboxLimits limits, SessionCancellation cancellation, LiveMemoryConstraint memory)
    {
        var timeout = new ScriptTimeout(HardeningBudget);
        var engine = new Engine(options =>
        {
            options.Strict = true;
            options.Host.StringCompilationAllowed = false;
            // The memory limit bounds what a script holds (LiveMemoryConstraint says why Jint's LimitMemory, which
            // counts every allocation, does not); LimitMemory stays as a backstop far above it, for allocation
            // storms inside one statement (a long string concatenation Jint flattens where no check runs).
            if (LiveMemoryConstraint.IsSupported)
            {
                options.Constraint(memory);
                options.LimitMemory(limits.AllocationBackstopBytes);
            }
            else
            {
                options.LimitMemory(limits.MemoryBytes);
            }

            options.Constraint(timeout);
            options.MaxStatements(limits.MaxStatements);
            options.LimitRecursion(limits.MaxRecursion);
            options.Constraints.MaxArraySize = (uint)limits.MaxArrayLength;
            options.Constraints.RegexTimeout = limits.Timeout;
            options.Constraint(cancellation);
        });
        engine.Execute(FreezeGlobals);
        if (LiveMemoryConstraint.IsSupported)
        {
            memory.Attach(engine);
        }

        timeout.Limit = limits.Timeout;
        return engine;
    }
}
