using Toolflow.Core.Definitions;

namespace Toolflow.Engine.Running;

/// <summary>Delay before retry number <c>attempt + 1</c>: fixed, or exponential with equal jitter, capped.</summary>
internal static class Backoff
{
    public static TimeSpan Delay(RetryPolicy policy, int attempt, TimeSpan? retryAfter, EngineOptions options)
    {
        var cap = policy.MaxDelayMs is { } max ? TimeSpan.FromMilliseconds(max) : options.MaxRetryDelay;
        var initial = TimeSpan.FromMilliseconds(Math.Max(0, policy.InitialDelayMs));
        var delay = initial;
        if (policy.Backoff == BackoffKind.Exponential)
        {
            var grown = initial.TotalMilliseconds * Math.Pow(2, attempt - 1);
            var capped = Math.Min(grown, cap.TotalMilliseconds);

            // Equal jitter: half fixed, half random, so retries of many executions spread out.
            delay = TimeSpan.FromMilliseconds((capped / 2) + (capped / 2 * options.Jitter()));
        }
        else if (delay > cap)
        {
            delay = cap;
        }

        return retryAfter is { } after && after > delay ? after : delay;
    }
}
