using System.Globalization;
using System.Text.Json.Nodes;
using Toolflow.Storage.Queue;
using Toolflow.Storage.Repositories.Executions;
using Toolflow.Storage.Tests.Repositories;
using Toolflow.Testing.Sql;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.Queue;

/// <summary>Claiming execution jobs: the job and its execution leased together, and jobs with nothing to run retired.</summary>
public abstract class ExecutionLeasesSuite(StoreFixture store)
{
    private readonly RepositoryHarness _h = new(store.Database);

    private async Task<Guid> QueuedExecutionAsync()
    {
        var owner = await _h.MemberAsync();
        var workflow = await _h.WorkflowAsync(owner);
        var created = await _h.Executions.CreateAsync(owner, new NewExecution(workflow.Id) { Priority = 1000 });
        return created.Execution.Id;
    }

    private Task<IReadOnlyList<Core.Execution.Durable.ExecutionLease>> ClaimAsync() =>
        new ExecutionLeases(store.Database, _h.Clock).ClaimAsync("worker-a", 50, TimeSpan.FromMinutes(1), CancellationToken.None);

    private async Task<Guid> JobOfAsync(Guid execution) =>
        (await store.Database.QueryAsync("SELECT id, payload FROM jobs WHERE kind = 'execution'"))
            .Where(r => JsonNode.Parse(Convert.ToString(r["payload"], CultureInfo.InvariantCulture)!)?["executionId"]?.GetValue<string>() == execution.ToString("D"))
            .Select(r => SqlValues.AsGuid(r["id"])).Single();

    [StoreFact]
    public async Task A_claim_leases_the_job_and_its_execution_with_one_token()
    {
        var execution = await QueuedExecutionAsync();

        var lease = (await ClaimAsync()).Single(l => l.ExecutionId == execution.ToString("D"));

        var job = (await store.Database.QueryAsync("SELECT status, lease_token, locked_by, attempts FROM jobs WHERE id = @id", new { id = lease.JobId })).Single();
        Assert.Equal("running", Convert.ToString(job["status"], CultureInfo.InvariantCulture));
        Assert.Equal(lease.Token, SqlValues.AsGuid(job["lease_token"]));
        Assert.Equal("worker-a", Convert.ToString(job["locked_by"], CultureInfo.InvariantCulture));
        Assert.Equal(1, SqlValues.AsLong(job["attempts"]));
        var row = (await store.Database.QueryAsync("SELECT lease_token, lease_owner FROM workflow_executions WHERE id = @id", new { id = execution })).Single();
        Assert.Equal(lease.Token, SqlValues.AsGuid(row["lease_token"]));
        Assert.Equal("worker-a", Convert.ToString(row["lease_owner"], CultureInfo.InvariantCulture));
    }

    [StoreFact]
    public async Task A_job_whose_execution_already_ended_is_completed_not_handed_out_and_its_stale_lease_cleared()
    {
        var execution = await QueuedExecutionAsync();
        var job = await JobOfAsync(execution);
        await store.Database.ExecuteAsync(
            "UPDATE workflow_executions SET status = 'completed', completed_at = created_at, duration_ms = 0, lease_owner = 'dead-worker', lease_token = @token WHERE id = @id",
            new { id = execution, token = Guid.NewGuid() });

        var leases = await ClaimAsync();

        Assert.DoesNotContain(leases, l => l.ExecutionId == execution.ToString("D"));
        Assert.Equal("completed", await store.Database.ScalarAsync("SELECT status FROM jobs WHERE id = @id", new { id = job }));
        Assert.Null(await store.Database.ScalarAsync("SELECT lease_token FROM workflow_executions WHERE id = @id", new { id = execution }));
        Assert.Equal("completed", await store.Database.ScalarAsync("SELECT status FROM workflow_executions WHERE id = @id", new { id = execution }));
    }

    [StoreFact]
    public async Task A_job_whose_payload_names_no_execution_is_completed_without_failing_the_claim()
    {
        var queue = new JobQueue(store.Database, _h.Clock);
        Assert.True(await queue.EnqueueAsync(new NewJob(ExecutionJobs.Kind, new JsonObject { ["executionId"] = "not-a-guid" }) { Priority = 2000 }));
        var good = await QueuedExecutionAsync();

        var leases = await ClaimAsync();

        Assert.Contains(leases, l => l.ExecutionId == good.ToString("D"));
        var bad = (await store.Database.QueryAsync("SELECT status FROM jobs WHERE CAST(payload AS TEXT) LIKE '%not-a-guid%'")).Single();
        Assert.Equal("completed", Convert.ToString(bad["status"], CultureInfo.InvariantCulture));
    }

    [StoreFact]
    public async Task A_final_commit_under_the_lease_gives_the_job_and_the_lease_back_in_its_transaction()
    {
        var execution = await QueuedExecutionAsync();
        var lease = (await ClaimAsync()).Single(l => l.ExecutionId == execution.ToString("D"));
        var engineStore = new Toolflow.Storage.ExecutionStore.DatabaseExecutionStore(store.Database, _h.Clock);
        Assert.True(engineStore.TryHold(lease.ExecutionId, lease.Token));
        await engineStore.CommitAsync(new Core.Execution.ExecutionCommit { ExecutionId = lease.ExecutionId, Status = Core.Definitions.ExecutionStatus.Running }, CancellationToken.None);
        Assert.False(engineStore.HandedBack(lease.ExecutionId, lease.Token));

        await engineStore.CommitAsync(new Core.Execution.ExecutionCommit { ExecutionId = lease.ExecutionId, Status = Core.Definitions.ExecutionStatus.Completed }, CancellationToken.None);

        // Had the worker died right here, before any finishing call, nothing would be left behind.
        Assert.True(engineStore.HandedBack(lease.ExecutionId, lease.Token));
        var row = (await store.Database.QueryAsync("SELECT status, lease_token, lease_owner, lease_expires_at FROM workflow_executions WHERE id = @id", new { id = execution })).Single();
        Assert.Equal("completed", row["status"]);
        Assert.Null(row["lease_token"]);
        Assert.Null(row["lease_owner"]);
        Assert.Null(row["lease_expires_at"]);
        var job = (await store.Database.QueryAsync("SELECT status, lease_token, locked_by FROM jobs WHERE id = @id", new { id = lease.JobId })).Single();
        Assert.Equal("completed", job["status"]);
        Assert.Null(job["lease_token"]);
        Assert.Null(job["locked_by"]);
        engineStore.Drop(lease.ExecutionId, lease.Token);
        Assert.False(engineStore.HandedBack(lease.ExecutionId, lease.Token));
    }

    [StoreFact]
    public async Task A_final_commit_of_a_stale_lease_gives_nothing_back()
    {
        var execution = await QueuedExecutionAsync();
        var lease = (await ClaimAsync()).Single(l => l.ExecutionId == execution.ToString("D"));
        var engineStore = new Toolflow.Storage.ExecutionStore.DatabaseExecutionStore(store.Database, _h.Clock);
        engineStore.Hold(lease.ExecutionId, Guid.NewGuid());

        await Assert.ThrowsAsync<Core.Execution.Durable.ExecutionLeaseLostException>(async () => await engineStore.CommitAsync(
            new Core.Execution.ExecutionCommit { ExecutionId = lease.ExecutionId, Status = Core.Definitions.ExecutionStatus.Failed }, CancellationToken.None));

        Assert.Equal("running", await store.Database.ScalarAsync("SELECT status FROM jobs WHERE id = @id", new { id = lease.JobId }));
        Assert.Equal(lease.Token, SqlValues.AsGuid(await store.Database.ScalarAsync("SELECT lease_token FROM workflow_executions WHERE id = @id", new { id = execution })));
    }

    [StoreFact]
    public async Task Finishing_clears_the_lease_completes_the_job_and_sets_a_waiting_runs_wake_time()
    {
        var execution = await QueuedExecutionAsync();
        var leases = new ExecutionLeases(store.Database, _h.Clock);
        var lease = (await ClaimAsync()).Single(l => l.ExecutionId == execution.ToString("D"));
        await store.Database.ExecuteAsync("UPDATE workflow_executions SET status = 'waiting' WHERE id = @id", new { id = execution });
        var wake = _h.Clock.GetUtcNow().AddHours(1);

        await leases.FinishAsync(lease, Core.Definitions.ExecutionStatus.Waiting, wake, CancellationToken.None);

        var row = (await store.Database.QueryAsync("SELECT lease_token, lease_owner, wake_at FROM workflow_executions WHERE id = @id", new { id = execution })).Single();
        Assert.Null(row["lease_token"]);
        Assert.Null(row["lease_owner"]);
        Assert.Equal(wake, SqlValues.AsTime(row["wake_at"]));
        Assert.Equal("completed", await store.Database.ScalarAsync("SELECT status FROM jobs WHERE id = @id", new { id = lease.JobId }));
        Assert.Equal(0L, SqlValues.AsLong(await store.Database.ScalarAsync(
            "SELECT count(*) FROM jobs WHERE status = 'queued' AND CAST(payload AS TEXT) LIKE @pattern", new { pattern = $"%{execution:D}%" })));
    }

    [StoreFact]
    public async Task Finishing_an_execution_that_still_needs_a_run_enqueues_it_again()
    {
        // The engine never moved it from queued (say, a resume came in while the job held the unique key).
        var execution = await QueuedExecutionAsync();
        var lease = (await ClaimAsync()).Single(l => l.ExecutionId == execution.ToString("D"));

        await new ExecutionLeases(store.Database, _h.Clock).FinishAsync(lease, Core.Definitions.ExecutionStatus.Paused, null, CancellationToken.None);

        Assert.Equal(1L, SqlValues.AsLong(await store.Database.ScalarAsync(
            "SELECT count(*) FROM jobs WHERE status = 'queued' AND CAST(payload AS TEXT) LIKE @pattern", new { pattern = $"%{execution:D}%" })));
    }

    [StoreFact]
    public async Task Finishing_with_a_stale_lease_changes_nothing()
    {
        var execution = await QueuedExecutionAsync();
        var lease = (await ClaimAsync()).Single(l => l.ExecutionId == execution.ToString("D"));

        await new ExecutionLeases(store.Database, _h.Clock).FinishAsync(lease with { Token = Guid.NewGuid() }, Core.Definitions.ExecutionStatus.Completed, null, CancellationToken.None);

        Assert.Equal("running", await store.Database.ScalarAsync("SELECT status FROM jobs WHERE id = @id", new { id = lease.JobId }));
        Assert.Equal(lease.Token, SqlValues.AsGuid(await store.Database.ScalarAsync("SELECT lease_token FROM workflow_executions WHERE id = @id", new { id = execution })));
    }

    [StoreFact]
    public async Task Renewing_extends_both_leases_reports_a_pending_pause_and_a_lost_lease()
    {
        var execution = await QueuedExecutionAsync();
        var leases = new ExecutionLeases(store.Database, _h.Clock);
        var lease = (await ClaimAsync()).Single(l => l.ExecutionId == execution.ToString("D"));
        var until = _h.Clock.GetUtcNow().AddMinutes(5);

        Assert.Equal(Core.Execution.Durable.LeaseCheck.Held, await leases.RenewAsync(lease, TimeSpan.FromMinutes(5), CancellationToken.None));
        var row = (await store.Database.QueryAsync("SELECT lease_expires_at FROM workflow_executions WHERE id = @id", new { id = execution })).Single();
        var job = (await store.Database.QueryAsync("SELECT locked_until FROM jobs WHERE id = @id", new { id = lease.JobId })).Single();
        Assert.True(SqlValues.AsTime(row["lease_expires_at"]) >= until);
        Assert.True(SqlValues.AsTime(job["locked_until"]) >= until);

        await new Toolflow.Storage.ExecutionStore.DatabaseExecutionStore(store.Database, _h.Clock)
            .RequestControlAsync(execution.ToString("D"), Core.Execution.ControlRequest.Pause, CancellationToken.None);
        Assert.Equal(Core.Execution.Durable.LeaseCheck.PauseRequested, await leases.RenewAsync(lease, TimeSpan.FromMinutes(5), CancellationToken.None));
        Assert.Equal(Core.Execution.Durable.LeaseCheck.Lost, await leases.RenewAsync(lease with { Token = Guid.NewGuid() }, TimeSpan.FromMinutes(5), CancellationToken.None));
    }
}

public sealed class SqliteExecutionLeasesTests(SqliteStoreFixture store) : ExecutionLeasesSuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresExecutionLeasesTests(PostgresStoreFixture store) : ExecutionLeasesSuite(store), IClassFixture<PostgresStoreFixture>;
