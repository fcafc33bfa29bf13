using Cronos;
using Toolflow.Core.Validation.Formats;

namespace Toolflow.Core.Triggers;

/// <summary>
/// A schedule trigger's cron in its time zone. Daylight-saving gaps and overlaps follow Cronos:
/// a time skipped by a spring-forward gap fires once just after the gap, and a time repeated by
/// an autumn overlap fires once (interval crons, such as every 15 minutes, fire in both halves).
/// </summary>
public sealed class CronSchedule
{
    private static readonly TimeSpan[] CatchUpWindows =
        [TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(32), TimeSpan.FromDays(400)];

    private readonly CronExpression expression;

    private CronSchedule(CronExpression expression, TimeZoneInfo zone)
    {
        this.expression = expression;
        Zone = zone;
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>Parses a cron that the validator accepted; the zone defaults to UTC.</summary>
    public static CronSchedule Parse(string cron, string? timezone)
    {
        var zone = string.IsNullOrWhiteSpace(timezone) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(timezone);
        return new CronSchedule(CronCheck.Parse(cron), zone);
    }

    /// <summary>The first fire strictly after <paramref name="instant"/>, or null when the cron never fires again.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset instant) =>
        expression.GetNextOccurrence(instant.UtcDateTime, Zone, inclusive: false) is { } next ? new DateTimeOffset(next, TimeSpan.Zero) : null;

    /// <summary>The next <paramref name="count"/> fires after <paramref name="instant"/> (for display on the workflow).</summary>
    public IReadOnlyList<DateTimeOffset> Upcoming(DateTimeOffset instant, int count)
    {
        var fires = new List<DateTimeOffset>(count);
        var cursor = instant;
        while (fires.Count < count && NextAfter(cursor) is { } next)
        {
            fires.Add(next);
            cursor = next;
        }

        return fires;
    }

    /// <summary>
    /// The one fire due at <paramref name="now"/>: the latest occurrence after <paramref name="handledUntil"/>
    /// and not after <paramref name="now"/>. After downtime that covered many occurrences only the
    /// latest runs — a missed fire runs once, not N times. Null when nothing is due.
    /// </summary>
    public DateTimeOffset? DueFire(DateTimeOffset handledUntil, DateTimeOffset now)
    {
        var first = NextAfter(handledUntil);
        if (first is null || first > now)
        {
            return null;
        }

        // Look back over growing windows so a per-second cron after a long outage stays cheap.
        foreach (var window in CatchUpWindows)
        {
            var from = now - window;
            if (from <= handledUntil)
            {
                break;
            }

            if (Latest(from, now) is { } recent)
            {
                return recent;
            }
        }

        return Latest(handledUntil, now) ?? first;
    }

    private DateTimeOffset? Latest(DateTimeOffset fromExclusive, DateTimeOffset toInclusive)
    {
        DateTime? last = null;
        foreach (var occurrence in expression.GetOccurrences(fromExclusive.UtcDateTime, toInclusive.UtcDateTime, Zone, fromInclusive: false, toInclusive: true))
        {
            last = occurrence;
        }

        return last is { } value ? new DateTimeOffset(value, TimeSpan.Zero) : null;
    }
}
