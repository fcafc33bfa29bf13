using Toolflow.Core.Expressions.Sandbox;

namespace Toolflow.Tools.BuiltIn;

/// <summary>
/// <c>code.javascript</c>: runs <c>config.code</c> as a function body in the same sandbox as the
/// expressions (no host access; time, memory, statement and recursion limits). The returned value
/// is the output. A limit or a thrown error fails the node with a typed failure; the process lives on.
/// </summary>
public sealed class CodeJavaScriptTool(JavaScriptSandbox sandbox) : ITool
{
    private static readonly string[] Raw = ["code"];

    public string Name => "code.javascript";

    // The body is code, not a template: "{{" in it is JavaScript, so the engine leaves it alone.
    public IReadOnlyCollection<string> RawConfigProperties => Raw;

    public async ValueTask<ToolOutcome> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var code = ConfigReader.OptionalString(invocation, "code") ?? throw ConfigReader.Invalid(invocation, "code", "is required");

        // A script is CPU-bound and synchronous: give it its own thread so that busy scripts cannot
        // starve the thread pool the engine and the other nodes run on.
        return await Task.Factory.StartNew(
            () =>
            {
                using var session = sandbox.Open(invocation.Scope, cancellationToken: cancellationToken);
                return (ToolOutcome)ToolOutcome.Completed(session.RunBody(code));
            },
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }
}
