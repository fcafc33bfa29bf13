using System.Diagnostics;
using Jint;

namespace Toolflow.Core.Expressions.Sandbox;

/// <summary>
/// Jint's time limit, with a limit that can change: an engine's one-time hardening (trusted code,
/// but the first run of a cold process on a busy machine) gets a generous budget, every script after
/// it the sandbox's limit. The clock is read every 256 checks, which keeps the cost per statement nil.
/// </summary>
internal sealed class ScriptTimeout : Constraint
{
    private long _deadline;
    private int _checks;

    public ScriptTimeout(TimeSpan limit)
    {
        Limit = limit;
        Reset();
    }

    public TimeSpan Limit { get; set; }

    public override void Check()
    {
        if ((++_checks & 0xFF) == 0 && Stopwatch.GetTimestamp() > _deadline)
        {
            throw new TimeoutException();
        }
    }

    public override void Reset()
    {
        _checks = 0;
        _deadline = Stopwatch.GetTimestamp() + (long)(Limit.TotalSeconds * Stopwatch.Frequency);
    }
}
