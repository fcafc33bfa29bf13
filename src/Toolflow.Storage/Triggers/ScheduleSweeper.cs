using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Execution.Durable;
using Toolflow.Core.Triggers;
using Toolflow.Storage.Database;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Executions;

namespace Toolflow.Storage.Triggers;

/// <summary>
/// Fires cron schedules from the database, so any number of processes may run it: each sweep
/// (1) arms the active schedule workflows that have no <c>schedule_triggers</c> row at their
/// version (from "now": resuming a paused workflow fires nothing old), (2) disarms rows whose
/// workflow is no longer an active schedule, and (3) fires the due rows. A fire is one transaction:
/// the row is locked (<c>SKIP LOCKED</c> on PostgreSQL; SQLite serialises writers), its
/// <c>handled_until</c> moves to the fire time by compare-and-set, and the execution and its job
/// are inserted with the idempotency key <c>schedule:&lt;fire time&gt;</c> — unique per workflow, so
/// even a lost race could not make a second execution. After downtime only the latest missed
/// occurrence fires (<see cref="CronSchedule.DueFire"/>).
/// </summary>
public sealed class ScheduleSweeper(ToolflowDatabase database, TimeProvider time) : IExecutionSweeper
{
    private readonly SqlSession _sql = new(database);

    public async Task<int> SweepAsync(int batchSize, CancellationToken cancellationToken)
    {
        // One cheap read decides which writes are needed: an idle sweep takes no write lock (on
        // SQLite every write transaction queues behind the executions' commits).
        var now = time.GetUtcNow();
        var work = await _sql.ReadAsync(
            db => db.SingleOrDefaultAsync(
                """
                SELECT EXISTS (SELECT 1 FROM workflows AS w LEFT JOIN schedule_triggers AS s ON s.workflow_id = w.id
                                WHERE w.trigger_type = 'schedule' AND w.status = 'active' AND (s.workflow_id IS NULL OR s.workflow_version <> w.version)) AS arm,
                       EXISTS (SELECT 1 FROM schedule_triggers AS s JOIN workflows AS w ON w.id = s.workflow_id
                                WHERE w.status <> 'active' OR w.trigger_type <> 'schedule') AS disarm,
                       EXISTS (SELECT 1 FROM schedule_triggers AS s WHERE s.next_fire_at <= @now) AS due
                """,
                row => new PendingWork(row.Bool("arm"), row.Bool("disarm"), row.Bool("due")), ("now", now)),
            cancellationToken);
        var touched = work is { Arm: true } ? await ArmAsync(batchSize, cancellationToken) : 0;
        touched += work is { Disarm: true } ? await DisarmAsync(batchSize, cancellationToken) : 0;
        touched += work is { Due: true } ? await FireDueAsync(batchSize, cancellationToken) : 0;
        return touched;
    }

    /// <summary>The idempotency key of one fire: one execution per workflow and fire time.</summary>
    public static string FireKey(DateTimeOffset fire) => $"schedule:{fire.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}";

    /// <summary>Creates or refreshes the rows of active schedule workflows whose row is missing or older than their version.</summary>
    public Task<int> ArmAsync(int batchSize, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return _sql.WriteAsync(async db =>
        {
            var stale = await db.ListAsync(
                $"""
                SELECT w.id, w.version, {Field(db, "cron")} AS cron, {Field(db, "timezone")} AS timezone,
                       s.workflow_id AS armed, s.cron AS armed_cron, s.timezone AS armed_timezone, s.handled_until
                  FROM workflows AS w LEFT JOIN schedule_triggers AS s ON s.workflow_id = w.id
                 WHERE w.trigger_type = 'schedule' AND w.status = 'active' AND (s.workflow_id IS NULL OR s.workflow_version <> w.version)
                 LIMIT @batch
                """,
                row => new StaleRow(
                    row.Guid("id"), row.Int("version"), row.NullableString("cron"), row.NullableString("timezone"), !row.IsNull("armed"),
                    row.NullableString("armed_cron"), row.NullableString("armed_timezone"), row.NullableTime("handled_until")),
                ("batch", batchSize));
            foreach (var row in stale)
            {
                await ArmAsync(db, row, now);
            }

            return stale.Count;
        }, cancellationToken);
    }

    private static async Task ArmAsync(Db db, StaleRow row, DateTimeOffset now)
    {
        if (row.Cron is null || TryParse(row.Cron, row.Timezone) is not { } schedule)
        {
            return;
        }

        // A new version with the same schedule keeps its place (an edit elsewhere must not skip a
        // fire); a new schedule, or a workflow just (re)activated, starts from now.
        var sameSchedule = row.Armed && row.ArmedCron == row.Cron && row.ArmedTimezone == row.Timezone && row.HandledUntil is not null;
        var handledUntil = sameSchedule ? row.HandledUntil!.Value : now;
        await db.ExecuteAsync(
            """
            INSERT INTO schedule_triggers (workflow_id, workflow_version, cron, timezone, handled_until, next_fire_at, created_at, updated_at)
            SELECT w.id, w.version, @cron, @timezone, @handled, @next, @now, @now FROM workflows AS w
             WHERE w.id = @id AND w.version = @version AND w.status = 'active' AND w.trigger_type = 'schedule'
            ON CONFLICT (workflow_id) DO UPDATE
               SET workflow_version = excluded.workflow_version, cron = excluded.cron, timezone = excluded.timezone,
                   handled_until = excluded.handled_until, next_fire_at = excluded.next_fire_at, updated_at = excluded.updated_at
             WHERE schedule_triggers.workflow_version < excluded.workflow_version
            """,
            ("id", row.Id), ("version", row.Version), ("cron", row.Cron), ("timezone", row.Timezone),
            ("handled", handledUntil), ("next", schedule.NextAfter(handledUntil)), ("now", now));
    }

    /// <summary>Deletes the rows of workflows that are no longer active schedules (paused, draft, archived, re-triggered).</summary>
    public Task<int> DisarmAsync(int batchSize, CancellationToken cancellationToken) =>
        _sql.WriteAsync(db => db.ExecuteAsync(
            """
            DELETE FROM schedule_triggers
             WHERE workflow_id IN (SELECT s.workflow_id FROM schedule_triggers AS s JOIN workflows AS w ON w.id = s.workflow_id
                                    WHERE w.status <> 'active' OR w.trigger_type <> 'schedule' LIMIT @batch)
            """,
            ("batch", batchSize)), cancellationToken);

    /// <summary>Fires every due row of an active workflow: one execution per row, for the latest due occurrence.</summary>
    public Task<int> FireDueAsync(int batchSize, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return _sql.WriteAsync(async db =>
        {
            // The workflow row is share-locked so a pause committing meanwhile waits for this fire
            // (and the fire's execution is then paused with the workflow's others), or is seen first.
            var due = await db.ListAsync(
                $"""
                SELECT s.workflow_id, s.cron, s.timezone, s.handled_until
                  FROM schedule_triggers AS s JOIN workflows AS w ON w.id = s.workflow_id
                 WHERE s.next_fire_at <= @now AND w.status = 'active' AND w.trigger_type = 'schedule' AND w.version = s.workflow_version
                 ORDER BY s.next_fire_at
                 LIMIT @batch{(db.IsPostgres ? " FOR UPDATE OF s SKIP LOCKED FOR SHARE OF w SKIP LOCKED" : "")}
                """,
                row => (Id: row.Guid("workflow_id"), Cron: row.String("cron"), Timezone: row.NullableString("timezone"), HandledUntil: row.Time("handled_until")),
                ("now", now), ("batch", batchSize));
            foreach (var row in due)
            {
                var schedule = TryParse(row.Cron, row.Timezone);
                var fire = schedule?.DueFire(row.HandledUntil, now);
                var handled = fire ?? row.HandledUntil;
                var moved = await db.ExecuteAsync(
                    "UPDATE schedule_triggers SET handled_until = @handled, next_fire_at = @next, updated_at = @now WHERE workflow_id = @id AND handled_until = @old",
                    ("handled", handled), ("next", schedule?.NextAfter(handled > now ? handled : now)), ("now", now),
                    ("id", row.Id), ("old", row.HandledUntil));
                if (moved == 1 && fire is { } at)
                {
                    var input = new JsonObject { ["scheduledAt"] = at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) };
                    await ExecutionRepository.CreateInAsync(
                        db, new NewExecution(row.Id) { TriggerType = TriggerType.Schedule, IdempotencyKey = FireKey(at), Input = input }, null, now);
                }
            }

            return due.Count;
        }, cancellationToken);
    }

    private static CronSchedule? TryParse(string cron, string? timezone)
    {
        try
        {
            return CronSchedule.Parse(cron, timezone);
        }
        catch (Exception e) when (e is FormatException or TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            // The validator refused such definitions on save; a row written by other means is left unarmed.
            return null;
        }
    }

    private static string Field(Db db, string name) =>
        db.IsPostgres ? $"w.definition -> 'trigger' ->> '{name}'" : $"json_extract(w.definition, '$.trigger.{name}')";

    private sealed record PendingWork(bool Arm, bool Disarm, bool Due);

    private sealed record StaleRow(
        Guid Id, int Version, string? Cron, string? Timezone, bool Armed, string? ArmedCron, string? ArmedTimezone, DateTimeOffset? HandledUntil);
}
