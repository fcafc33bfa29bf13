using Jint;
using Jint.Runtime;

namespace Toolflow.Core.Expressions.Sandbox;

/// <summary>Turns what Jint throws into a typed <see cref="SandboxException"/>.</summary>
internal static class SandboxErrors
{
    public static SandboxException? Map(Exception exception, SandboxEngine engine)
    {
        var limits = engine.Limits;
        switch (exception)
        {
            case SandboxException sandbox:
                return sandbox;
            case JavaScriptException js:
                return new SandboxException(ExpressionErrorKind.Script, js.Message, js);
            case PromiseRejectedException rejected:
                // code.javascript runs as an async function: a throw arrives as a rejected promise. Report what was
                // thrown ("Error: …", or the thrown value), not Jint's "Promise was rejected with value …".
                return new SandboxException(ExpressionErrorKind.Script, rejected.RejectedValue.ToString(), rejected);
            case OperationCanceledException or ExecutionCanceledException:
                // Cancellation is the caller's doing, not the script's: let it propagate as such.
                engine.Poisoned = true;
                return null;
        }

        // Past this point a limit stopped the script midway; the engine is not trusted again.
        engine.Poisoned = true;
        return exception switch
        {
            TimeoutException => new SandboxException(ExpressionErrorKind.Timeout, $"ran longer than the time limit of {limits.Timeout.TotalMilliseconds:0} ms", exception),
            LiveMemoryExceededException or OutOfMemoryException =>
                new SandboxException(ExpressionErrorKind.Memory, $"holds more than the memory limit of {limits.MemoryBytes / (1024 * 1024)} MiB", exception),
            // Jint's own bounds: an array longer than MaxArrayLength, or the allocation backstop (32 × the memory limit).
            MemoryLimitExceededException => new SandboxException(ExpressionErrorKind.Memory, $"went past a memory bound: {exception.Message}", exception),
            StatementsCountOverflowException => new SandboxException(ExpressionErrorKind.Statements, $"executed more than the limit of {limits.MaxStatements} statements", exception),
            RecursionDepthOverflowException or InsufficientExecutionStackException => new SandboxException(ExpressionErrorKind.Recursion, $"recursed deeper than the limit of {limits.MaxRecursion} calls", exception),
            Acornima.ParseErrorException parse => new SandboxException(ExpressionErrorKind.Syntax, $"does not parse: {parse.Description}", exception),
            JintException => new SandboxException(ExpressionErrorKind.Script, exception.Message, exception),
            System.Text.Json.JsonException => new SandboxException(ExpressionErrorKind.Conversion, $"the result is not representable as JSON: {exception.Message}", exception),
            _ => null,
        };
    }
}
