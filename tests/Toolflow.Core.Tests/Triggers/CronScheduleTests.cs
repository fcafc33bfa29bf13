using Toolflow.Core.Triggers;

namespace Toolflow.Core.Tests.Triggers;

public class CronScheduleTests
{
    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Paris_SpringForwardGap_FiresOnceRightAfterTheGap()
    {
        // 2026-03-29: 02:00 CET jumps to 03:00 CEST, so 02:30 does not exist that day.
        var schedule = CronSchedule.Parse("30 2 * * *", "Europe/Paris");

        var fires = schedule.Upcoming(Utc("2026-03-28T12:00:00Z"), 3);

        Assert.Equal([Utc("2026-03-29T01:00:00Z"), Utc("2026-03-30T00:30:00Z"), Utc("2026-03-31T00:30:00Z")], fires);
    }

    [Fact]
    public void Paris_AutumnOverlap_DailyCronFiresOnce()
    {
        // 2026-10-25: 03:00 CEST falls back to 02:00 CET, so 02:30 happens twice.
        var schedule = CronSchedule.Parse("30 2 * * *", "Europe/Paris");

        var fires = schedule.Upcoming(Utc("2026-10-24T12:00:00Z"), 2);

        Assert.Equal([Utc("2026-10-25T00:30:00Z"), Utc("2026-10-26T01:30:00Z")], fires);
    }

    [Fact]
    public void Paris_AutumnOverlap_IntervalCronFiresInBothHalves()
    {
        var schedule = CronSchedule.Parse("*/30 * * * *", "Europe/Paris");

        var fires = schedule.Upcoming(Utc("2026-10-24T23:45:00Z"), 4);

        Assert.Equal([Utc("2026-10-25T00:00:00Z"), Utc("2026-10-25T00:30:00Z"), Utc("2026-10-25T01:00:00Z"), Utc("2026-10-25T01:30:00Z")], fires);
    }

    [Fact]
    public void NewYork_SpringForwardAndFallBack_FollowCronos()
    {
        var spring = CronSchedule.Parse("30 2 * * *", "America/New_York");
        var autumn = CronSchedule.Parse("30 1 * * *", "America/New_York");

        // 2026-03-08 02:30 does not exist (EST → EDT): fires at 03:00 EDT.
        Assert.Equal(Utc("2026-03-08T07:00:00Z"), spring.NextAfter(Utc("2026-03-08T00:00:00Z")));
        // 2026-11-01 01:30 happens twice (EDT, then EST): fires once, at the first.
        Assert.Equal(Utc("2026-11-01T05:30:00Z"), autumn.NextAfter(Utc("2026-11-01T00:00:00Z")));
        Assert.Equal(Utc("2026-11-02T06:30:00Z"), autumn.NextAfter(Utc("2026-11-01T05:30:00Z")));
    }

    [Fact]
    public void WeekdaysAtEight_InUtcByDefault_WithSeconds()
    {
        var weekdays = CronSchedule.Parse("0 8 * * 1-5", null);
        var everyTenSeconds = CronSchedule.Parse("*/10 * * * * *", "UTC");

        // 2026-11-27 is a Friday: next fires are Friday, then Monday.
        Assert.Equal([Utc("2026-11-27T08:00:00Z"), Utc("2026-11-30T08:00:00Z")], weekdays.Upcoming(Utc("2026-11-27T07:00:00Z"), 2));
        Assert.Equal(Utc("2026-11-27T07:00:10Z"), everyTenSeconds.NextAfter(Utc("2026-11-27T07:00:00Z")));
    }

    [Fact]
    public void DueFire_AfterDowntime_RunsTheLatestMissedFireOnce()
    {
        var hourly = CronSchedule.Parse("0 * * * *", "UTC");

        var due = hourly.DueFire(Utc("2026-11-27T10:00:00Z"), Utc("2026-11-27T15:20:00Z"));
        var again = hourly.DueFire(due!.Value, Utc("2026-11-27T15:40:00Z"));

        Assert.Equal(Utc("2026-11-27T15:00:00Z"), due);
        Assert.Null(again);
    }

    [Fact]
    public void DueFire_NothingDueBeforeTheNextOccurrence_AndLongOutagesStayBounded()
    {
        var monthly = CronSchedule.Parse("0 0 1 * *", "Europe/Paris");
        var perSecond = CronSchedule.Parse("* * * * * *", "UTC");

        Assert.Null(monthly.DueFire(Utc("2026-11-02T00:00:00Z"), Utc("2026-11-27T00:00:00Z")));
        Assert.Equal(Utc("2026-10-31T23:00:00Z"), monthly.DueFire(Utc("2025-01-01T00:00:00Z"), Utc("2026-11-27T00:00:00Z")));
        Assert.Equal(Utc("2026-11-27T00:00:00Z"), perSecond.DueFire(Utc("2024-01-01T00:00:00Z"), Utc("2026-11-27T00:00:00Z")));
    }
}
