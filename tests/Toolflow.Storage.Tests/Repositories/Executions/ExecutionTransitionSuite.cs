using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Executions;
using Toolflow.Testing.Sql;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.Repositories.Executions;

public abstract class ExecutionTransitionSuite(StoreFixture store)
{
    private readonly RepositoryHarness _h = new(store.Database);

    private async Task<(Caller Owner, ExecutionRecord Execution)> QueuedAsync()
    {
        var owner = await _h.MemberAsync();
        var workflow = await _h.WorkflowAsync(owner);
        return (owner, (await _h.Executions.CreateAsync(owner, new NewExecution(workflow.Id))).Execution);
    }

    [StoreFact]
    public async Task Run_ThenComplete_SetsStartCompletionDurationAndOutput_AndCountsOnTheWorkflow()
    {
        var (owner, execution) = await QueuedAsync();

        var running = await _h.Executions.TransitionAsync(execution.Id, ExecutionStatus.Queued, ExecutionStatus.Running);
        _h.Clock.Advance(TimeSpan.FromSeconds(2));
        var done = await _h.Executions.TransitionAsync(execution.Id, ExecutionStatus.Running, ExecutionStatus.Completed, new ExecutionChanges { Output = new JsonObject { ["ok"] = true } });

        Assert.NotNull(running.StartedAt);
        Assert.Equal(running.StartedAt, done.StartedAt);
        Assert.NotNull(done.CompletedAt);
        Assert.True(done.DurationMs >= 2000);
        Assert.True(done.Output?["ok"]?.GetValue<bool>());
        var workflow = await _h.Workflows.GetAsync(owner, execution.WorkflowId);
        Assert.Equal((1L, 1L), (workflow!.ExecutionCount, workflow.SuccessCount));
    }

    [StoreFact]
    public async Task PauseAndResume_SetPausedAndResumedTimes_AndResumeCanEnqueueAJob()
    {
        var (_, execution) = await QueuedAsync();
        await _h.Executions.TransitionAsync(execution.Id, ExecutionStatus.Queued, ExecutionStatus.Running);
        var pausing = await _h.Executions.TransitionAsync(execution.Id, ExecutionStatus.Running, ExecutionStatus.Pausing);
        Assert.True(pausing.PauseRequested);
        var paused = await _h.Executions.TransitionAsync(execution.Id, ExecutionStatus.Pausing, ExecutionStatus.Paused);
        Assert.False(paused.PauseRequested);
        Assert.NotNull(paused.PausedAt);
        await _h.Database.ExecuteAsync("UPDATE jobs SET status = 'completed' WHERE unique_key = @key", new { key = ExecutionJobs.UniqueKey(execution.Id) });

        var resumed = await _h.Executions.TransitionAsync(execution.Id, ExecutionStatus.Paused, ExecutionStatus.Queued, new ExecutionChanges { Enqueue = true });

        Assert.NotNull(resumed.ResumedAt);
        Assert.Equal(1, await _h.Database.CountAsync("SELECT count(*) FROM jobs WHERE unique_key = @key AND status = 'queued'", new { key = ExecutionJobs.UniqueKey(execution.Id) }));
    }

    [StoreTheory]
    [InlineData(ExecutionStatus.Queued, ExecutionStatus.Completed)]
    [InlineData(ExecutionStatus.Queued, ExecutionStatus.Waiting)]
    [InlineData(ExecutionStatus.Paused, ExecutionStatus.Running)]
    [InlineData(ExecutionStatus.Completed, ExecutionStatus.Running)]
    [InlineData(ExecutionStatus.Cancelled, ExecutionStatus.Queued)]
    public async Task AnIllegalTransition_IsATypedErrorAndWritesNothing(ExecutionStatus from, ExecutionStatus to)
    {
        var (_, execution) = await QueuedAsync();

        var error = await Assert.ThrowsAsync<IllegalTransitionException>(() => _h.Executions.TransitionAsync(execution.Id, from, to));

        Assert.Equal((from, to), (error.From, error.To));
        Assert.Equal(ExecutionStatus.Queued, (await _h.Executions.GetForEngineAsync(execution.Id))?.Status);
    }

    [StoreFact]
    public async Task ALostCompareAndSet_IsAStatusConflictNamingTheActualStatus()
    {
        var (_, execution) = await QueuedAsync();
        await _h.Executions.TransitionAsync(execution.Id, ExecutionStatus.Queued, ExecutionStatus.Cancelled);

        var error = await Assert.ThrowsAsync<ExecutionStatusConflictException>(() => _h.Executions.TransitionAsync(execution.Id, ExecutionStatus.Queued, ExecutionStatus.Running));

        Assert.Equal(ExecutionStatus.Cancelled, error.Actual);
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Executions.TransitionAsync(Guid.NewGuid(), ExecutionStatus.Queued, ExecutionStatus.Running));
    }

    [StoreFact]
    public async Task ParallelClaims_OfOneQueuedExecution_LetExactlyOneWin()
    {
        var (_, execution) = await QueuedAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            try
            {
                await _h.Executions.TransitionAsync(execution.Id, ExecutionStatus.Queued, ExecutionStatus.Running);
                return true;
            }
            catch (ExecutionStatusConflictException)
            {
                return false;
            }
        }));

        Assert.Single(outcomes, won => won);
    }

    [StoreFact]
    public async Task RequestTransition_FromAFinalState_IsIllegal_AndNeedsExecutePermission()
    {
        var (owner, execution) = await QueuedAsync();
        var viewer = await _h.MemberAsync();
        await _h.ShareAsync(execution.WorkflowId, viewer.UserId, "view");

        await Assert.ThrowsAsync<InsufficientPermissionException>(() => _h.Executions.RequestTransitionAsync(viewer, execution.Id, ExecutionStatus.Paused));
        var stranger = await _h.MemberAsync();
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Executions.RequestTransitionAsync(stranger, execution.Id, ExecutionStatus.Paused));
        Assert.Equal(ExecutionStatus.Paused, (await _h.Executions.RequestTransitionAsync(owner, execution.Id, ExecutionStatus.Paused)).Status);
        Assert.Equal(ExecutionStatus.Cancelled, (await _h.Executions.RequestTransitionAsync(owner, execution.Id, ExecutionStatus.Cancelled)).Status);

        var error = await Assert.ThrowsAsync<IllegalTransitionException>(() => _h.Executions.RequestTransitionAsync(owner, execution.Id, ExecutionStatus.Queued));
        Assert.Equal(ExecutionStatus.Cancelled, error.From);
    }

    [StoreFact]
    public async Task Retry_OfAFailedExecution_ClearsCompletionAndError()
    {
        var (_, execution) = await QueuedAsync();
        await _h.Executions.TransitionAsync(execution.Id, ExecutionStatus.Queued, ExecutionStatus.Running);
        var failed = await _h.Executions.TransitionAsync(execution.Id, ExecutionStatus.Running, ExecutionStatus.Failed, new ExecutionChanges { Error = new JsonObject { ["message"] = "boom" } });
        Assert.Equal("boom", failed.Error?["message"]?.GetValue<string>());

        var retried = await _h.Executions.TransitionAsync(execution.Id, ExecutionStatus.Failed, ExecutionStatus.Queued);

        Assert.Null(retried.CompletedAt);
        Assert.Null(retried.Error);
        Assert.Null(retried.DurationMs);
    }

    [StoreFact]
    public async Task Waiting_KeepsItsWakeTime_UntilItLeavesWaiting()
    {
        var (_, execution) = await QueuedAsync();
        await _h.Executions.TransitionAsync(execution.Id, ExecutionStatus.Queued, ExecutionStatus.Running);
        var wakeAt = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

        var waiting = await _h.Executions.TransitionAsync(execution.Id, ExecutionStatus.Running, ExecutionStatus.Waiting, new ExecutionChanges { WakeAt = wakeAt, Checkpoint = new JsonObject { ["at"] = "delay" } });
        Assert.Equal(wakeAt, waiting.WakeAt);
        Assert.Equal("delay", waiting.Checkpoint?["at"]?.GetValue<string>());

        var woken = await _h.Executions.TransitionAsync(execution.Id, ExecutionStatus.Waiting, ExecutionStatus.Queued);
        Assert.Null(woken.WakeAt);
        Assert.Equal("delay", woken.Checkpoint?["at"]?.GetValue<string>());
    }

    [Fact]
    public void TheTable_LetsNothingLeaveCompletedOrCancelled_AndEveryLiveStatusCanBeCancelled()
    {
        foreach (var status in Enum.GetValues<ExecutionStatus>())
        {
            Assert.Equal(status is ExecutionStatus.Completed or ExecutionStatus.Cancelled, ExecutionTransitions.From(status).Count == 0);
            if (!ExecutionTransitions.IsFinal(status))
            {
                Assert.True(ExecutionTransitions.IsLegal(status, ExecutionStatus.Cancelled));
            }
        }
    }
}

public sealed class SqliteExecutionTransitionTests(SqliteStoreFixture store) : ExecutionTransitionSuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresExecutionTransitionTests(PostgresStoreFixture store) : ExecutionTransitionSuite(store), IClassFixture<PostgresStoreFixture>;
