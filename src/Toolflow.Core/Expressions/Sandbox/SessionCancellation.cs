using Jint;

namespace Toolflow.Core.Expressions.Sandbox;

/// <summary>
/// A constraint whose token is set per session, so a pooled engine can still be stopped when the
/// node that runs the script is cancelled (Jint's own cancellation constraint is fixed at creation).
/// </summary>
internal sealed class SessionCancellation : Constraint
{
    public CancellationToken Token { get; set; }

    public override void Check() => Token.ThrowIfCancellationRequested();

    public override void Reset()
    {
    }
}
