using System.Globalization;
using System.Text.Json.Nodes;

namespace Toolflow.Tools.BuiltIn;

/// <summary>
/// <c>flow.delay</c>: waits <c>durationMs</c> or <c>until</c> an ISO time, durably — it returns a
/// wake-up time to the engine instead of sleeping, and completes with <c>{"waitedMs": N}</c> when run again.
/// </summary>
public sealed class FlowDelayTool : ITool
{
    public string Name => "flow.delay";

    public ValueTask<ToolOutcome> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var now = invocation.Time.GetUtcNow();
        if (invocation.Resumed is { WakeAt: { } wakeAt } resumed)
        {
            return ValueTask.FromResult<ToolOutcome>(now >= wakeAt ? Done(now, resumed.Since) : ToolOutcome.Waiting(resumed));
        }

        var wake = WakeAt(invocation, now);
        if (wake <= now)
        {
            return ValueTask.FromResult<ToolOutcome>(Done(now, now));
        }

        return ValueTask.FromResult<ToolOutcome>(ToolOutcome.Waiting(new WaitState { WakeAt = wake, Since = now }));
    }

    private static CompletedOutcome Done(DateTimeOffset now, DateTimeOffset since) =>
        ToolOutcome.Completed(new JsonObject { ["waitedMs"] = (long)Math.Max(0, (now - since).TotalMilliseconds) });

    private static DateTimeOffset WakeAt(ToolInvocation invocation, DateTimeOffset now)
    {
        var until = ConfigReader.OptionalString(invocation, "until");
        if (until is not null)
        {
            return DateTimeOffset.TryParse(until, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? at
                : throw ConfigReader.Invalid(invocation, "until", $"'{until}' is not an ISO-8601 time");
        }

        var duration = ConfigReader.OptionalNumber(invocation, "durationMs") ?? throw ConfigReader.Invalid(invocation, "durationMs", "or config.until is required");
        return duration < 0 ? throw ConfigReader.Invalid(invocation, "durationMs", "must not be negative") : now.AddMilliseconds(duration);
    }
}
