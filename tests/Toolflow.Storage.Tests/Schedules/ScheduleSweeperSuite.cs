using Microsoft.Extensions.Time.Testing;
using Toolflow.Core.Definitions;
using Toolflow.Storage.Database;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Executions;
using Toolflow.Storage.Repositories.Workflows;
using Toolflow.Storage.Tests.Repositories;
using Toolflow.Storage.Triggers;
using Toolflow.Testing.Sql;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.Schedules;

/// <summary>
/// Cron schedules fired by the sweeper from the database, on both dialects, driven by a fake clock:
/// every occurrence once (also with three sweepers on three connection pools), one catch-up after
/// downtime, DST as Cronos defines it, nothing for paused or draft workflows and no burst on resume.
/// </summary>
public abstract class ScheduleSweeperSuite(StoreFixture store)
{
    private const int Batch = 1000;

    [StoreFact]
    public async Task ThreeSweepers_OverManyTicks_FireEveryOccurrenceExactlyOnce()
    {
        var (harness, options) = await RepositoryHarness.FreshAsync(store);
        await using var _ = harness;
        var owner = await harness.MemberAsync();
        var everyMinute = await ScheduleAsync(harness, owner, "* * * * *");
        var everyTwoMinutes = await ScheduleAsync(harness, owner, "*/2 * * * *");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 10, TimeSpan.Zero));
        var databases = Enumerable.Range(0, 3).Select(_ => ToolflowDatabase.Create(options)).ToList();
        try
        {
            var sweepers = databases.Select(d => new ScheduleSweeper(d, clock)).ToList();
            for (var tick = 0; tick < 90; tick++)
            {
                // Uneven steps, so ticks land before, on and after the occurrences.
                clock.Advance(TimeSpan.FromSeconds(tick % 3 == 0 ? 7 : 23));
                await Task.WhenAll(sweepers.Select(s => Task.Run(() => s.SweepAsync(Batch, CancellationToken.None))));
            }

            var end = clock.GetUtcNow();
            var start = new DateTimeOffset(2026, 3, 1, 9, 0, 10, TimeSpan.Zero);
            Assert.Equal(Occurrences(start, end, 1), await FiresAsync(harness, owner, everyMinute));
            Assert.Equal(Occurrences(start, end, 2), await FiresAsync(harness, owner, everyTwoMinutes));
            Assert.Equal(0, await harness.Database.CountAsync("SELECT count(*) FROM jobs WHERE unique_key IS NULL"));
        }
        finally
        {
            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
        }
    }

    [StoreFact]
    public async Task AfterDowntime_OnlyTheLatestMissedFireRuns_Once()
    {
        var harness = new RepositoryHarness(store.Database);
        var owner = await harness.MemberAsync();
        var hourly = await ScheduleAsync(harness, owner, "0 * * * *");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 4, 1, 10, 30, 0, TimeSpan.Zero));
        var sweeper = new ScheduleSweeper(store.Database, clock);
        await sweeper.SweepAsync(Batch, CancellationToken.None);

        // Every process was down for five hours (10:30 → 15:30): 11:00 … 15:00 were missed.
        clock.Advance(TimeSpan.FromHours(5));
        await sweeper.SweepAsync(Batch, CancellationToken.None);
        await sweeper.SweepAsync(Batch, CancellationToken.None);

        Assert.Equal(["2026-04-01T15:00:00Z"], await FiresAsync(harness, owner, hourly));

        clock.Advance(TimeSpan.FromMinutes(30));
        await sweeper.SweepAsync(Batch, CancellationToken.None);
        Assert.Equal(["2026-04-01T15:00:00Z", "2026-04-01T16:00:00Z"], await FiresAsync(harness, owner, hourly));
    }

    [StoreFact]
    public async Task PausedAndDraftWorkflowsDoNotFire_AndResumeStartsFromNowWithoutABurst()
    {
        var harness = new RepositoryHarness(store.Database);
        var owner = await harness.MemberAsync();
        var hourly = await ScheduleAsync(harness, owner, "0 * * * *");
        var draft = await ScheduleAsync(harness, owner, "0 * * * *", WorkflowStatus.Draft);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 10, 30, 0, TimeSpan.Zero));
        var sweeper = new ScheduleSweeper(store.Database, clock);
        await sweeper.SweepAsync(Batch, CancellationToken.None);

        await harness.Workflows.SetStatusAsync(owner, hourly, WorkflowStatus.Paused);
        await sweeper.SweepAsync(Batch, CancellationToken.None);
        for (var i = 0; i < 6; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(30));
            await sweeper.SweepAsync(Batch, CancellationToken.None);
        }

        Assert.Empty(await FiresAsync(harness, owner, hourly));
        Assert.Equal(0, await harness.Database.CountAsync("SELECT count(*) FROM schedule_triggers WHERE workflow_id = @hourly", new { hourly }));

        // 13:30: resumed. 11:00, 12:00 and 13:00 passed while paused; none of them runs.
        await harness.Workflows.SetStatusAsync(owner, hourly, WorkflowStatus.Active);
        await sweeper.SweepAsync(Batch, CancellationToken.None);
        Assert.Empty(await FiresAsync(harness, owner, hourly));

        clock.Advance(TimeSpan.FromMinutes(31));
        await sweeper.SweepAsync(Batch, CancellationToken.None);
        Assert.Equal(["2026-05-01T14:00:00Z"], await FiresAsync(harness, owner, hourly));
        Assert.Empty(await FiresAsync(harness, owner, draft));
    }

    [StoreFact]
    public async Task PauseAndResumeBetweenTwoSweeps_FiresNothingOld()
    {
        var harness = new RepositoryHarness(store.Database);
        var owner = await harness.MemberAsync();
        var hourly = await ScheduleAsync(harness, owner, "0 * * * *");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 10, 30, 0, TimeSpan.Zero));
        var sweeper = new ScheduleSweeper(store.Database, clock);
        await sweeper.SweepAsync(Batch, CancellationToken.None);

        // Paused at 10:30, resumed at 12:30, with no sweep in between: 11:00 and 12:00 passed while paused.
        await harness.Workflows.SetStatusAsync(owner, hourly, WorkflowStatus.Paused);
        clock.Advance(TimeSpan.FromHours(2));
        await harness.Workflows.SetStatusAsync(owner, hourly, WorkflowStatus.Active);
        await sweeper.SweepAsync(Batch, CancellationToken.None);
        await sweeper.SweepAsync(Batch, CancellationToken.None);
        Assert.Empty(await FiresAsync(harness, owner, hourly));

        clock.Advance(TimeSpan.FromMinutes(31));
        await sweeper.SweepAsync(Batch, CancellationToken.None);
        Assert.Equal(["2026-05-01T13:00:00Z"], await FiresAsync(harness, owner, hourly));
    }

    [StoreFact]
    public async Task ChangingTheCron_RearmsFromNow_AndArchivingStopsIt()
    {
        var harness = new RepositoryHarness(store.Database);
        var owner = await harness.MemberAsync();
        var id = await ScheduleAsync(harness, owner, "0 * * * *");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 10, 50, 0, TimeSpan.Zero));
        var sweeper = new ScheduleSweeper(store.Database, clock);
        await sweeper.SweepAsync(Batch, CancellationToken.None);

        var current = (await harness.Workflows.GetAsync(owner, id))!;
        await harness.Workflows.UpdateAsync(owner, id, new WorkflowUpdate(current.Version)
        {
            Definition = current.Definition with { Trigger = new TriggerDefinition { Type = TriggerType.Schedule, Cron = "15 * * * *" } },
        });
        clock.Advance(TimeSpan.FromMinutes(20));
        await sweeper.SweepAsync(Batch, CancellationToken.None);
        await sweeper.SweepAsync(Batch, CancellationToken.None);

        // 11:10: the old cron's 11:00 is not run by the new version; the new cron starts from now.
        Assert.Empty(await FiresAsync(harness, owner, id));

        clock.Advance(TimeSpan.FromMinutes(10));
        await sweeper.SweepAsync(Batch, CancellationToken.None);
        Assert.Equal(["2026-06-01T11:15:00Z"], await FiresAsync(harness, owner, id));

        await harness.Workflows.ArchiveAsync(owner, id);
        clock.Advance(TimeSpan.FromHours(3));
        await sweeper.SweepAsync(Batch, CancellationToken.None);
        await sweeper.SweepAsync(Batch, CancellationToken.None);
        Assert.Equal(["2026-06-01T11:15:00Z"], await FiresAsync(harness, owner, id));
    }

    [StoreTheory]
    [InlineData("Europe/Paris", "30 2 * * *", "2026-03-28T12:00:00Z", new[] { "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z" })]
    [InlineData("America/New_York", "30 1 * * *", "2026-10-31T12:00:00Z", new[] { "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z" })]
    public async Task AcrossDaylightSaving_FiresAsCronosDefines(string zone, string cron, string from, string[] expected)
    {
        // Paris springs forward at 02:00 → 03:00 on 29 March: 02:30 does not exist and fires once at
        // 03:00 local (01:00Z). New York falls back at 02:00 → 01:00 on 1 November: 01:30 happens twice
        // and fires once, in the first half (05:30Z).
        var harness = new RepositoryHarness(store.Database);
        var owner = await harness.MemberAsync();
        var id = await ScheduleAsync(harness, owner, cron, timezone: zone);
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture));
        var sweeper = new ScheduleSweeper(store.Database, clock);
        for (var tick = 0; tick < 2 * 24 * 12; tick++)
        {
            await sweeper.SweepAsync(Batch, CancellationToken.None);
            clock.Advance(TimeSpan.FromMinutes(5));
        }

        Assert.Equal(expected, await FiresAsync(harness, owner, id));
    }

    private static async Task<Guid> ScheduleAsync(
        RepositoryHarness harness, Caller owner, string cron, WorkflowStatus status = WorkflowStatus.Active, string? timezone = null)
    {
        var definition = Definitions.Simple($"cron {cron}") with { Trigger = new TriggerDefinition { Type = TriggerType.Schedule, Cron = cron, Timezone = timezone } };
        return (await harness.Workflows.CreateAsync(owner, new NewWorkflow(definition) { Status = status })).Id;
    }

    /// <summary>The scheduled times of the workflow's executions, oldest first.</summary>
    private static async Task<List<string>> FiresAsync(RepositoryHarness harness, Caller owner, Guid workflowId)
    {
        var page = await harness.Executions.ListAsync(owner, workflowId, new ExecutionListQuery { Limit = 100 });
        var fires = page!.Items.Select(e =>
        {
            Assert.Equal(TriggerType.Schedule, e.TriggerType);
            Assert.Equal(ScheduleSweeper.FireKey(DateTimeOffset.Parse((string)e.Input!["scheduledAt"]!, System.Globalization.CultureInfo.InvariantCulture)), e.IdempotencyKey);
            return (string)e.Input!["scheduledAt"]!;
        }).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(fires.Count, fires.Distinct(StringComparer.Ordinal).Count());
        return fires;
    }

    /// <summary>The whole minutes m (a multiple of <paramref name="step"/>) with start &lt; m ≤ end, as the inputs name them.</summary>
    private static List<string> Occurrences(DateTimeOffset start, DateTimeOffset end, int step)
    {
        var list = new List<string>();
        var minute = new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, TimeSpan.Zero).AddMinutes(1);
        for (; minute <= end; minute = minute.AddMinutes(1))
        {
            if (minute.Minute % step == 0)
            {
                list.Add(minute.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return list;
    }
}

public sealed class SqliteScheduleSweeperTests(SqliteStoreFixture store) : ScheduleSweeperSuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresScheduleSweeperTests(PostgresStoreFixture store) : ScheduleSweeperSuite(store), IClassFixture<PostgresStoreFixture>;
