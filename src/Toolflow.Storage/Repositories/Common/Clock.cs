namespace Toolflow.Storage.Repositories;

/// <summary>
/// "Now" for rows, from the injected <see cref="TimeProvider"/>, cut to whole milliseconds: SQLite
/// stores milliseconds, and cutting on both dialects keeps cursors and comparisons identical.
/// </summary>
internal static class Clock
{
    public static DateTimeOffset Now(TimeProvider time)
    {
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    public static DateTimeOffset Truncate(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }
}
