using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Toolflow.Storage.Queue;
using Toolflow.Testing.Sql;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.Queue;

/// <summary>The job queue on both dialects. Each test uses its own job kind, so tests sharing the class database never see each other's jobs.</summary>
public abstract class JobQueueSuite(StoreFixture store)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly string _kind = $"test-{Guid.NewGuid():N}";

    private JobQueue Queue => new(store.Database, _clock);

    private NewJob Job(int n = 0) => new(_kind, new JsonObject { ["n"] = n });

    [StoreFact]
    public async Task ConcurrentClaimers_NeverGetTheSameJob()
    {
        for (var i = 0; i < 100; i++)
        {
            await Queue.EnqueueAsync(Job(i));
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var mine = new List<ClaimedJob>();
            while (await Queue.ClaimAsync(_kind, $"w{w}", 3, Lease) is { Count: > 0 } batch)
            {
                mine.AddRange(batch);
            }

            return mine;
        })));

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(100, all.Count);
        Assert.Equal(100, all.Select(j => j.Id).Distinct().Count());
    }

    [StoreFact]
    public async Task Claim_TakesHigherPriorityFirst_AndNothingBeforeRunAt()
    {
        await Queue.EnqueueAsync(Job(1) with { Priority = 0 });
        await Queue.EnqueueAsync(Job(2) with { Priority = 10 });
        await Queue.EnqueueAsync(Job(3) with { Priority = 99, RunAt = _clock.GetUtcNow().AddMinutes(5) });

        var first = await Queue.ClaimAsync(_kind, "w", 1, Lease);
        var second = await Queue.ClaimAsync(_kind, "w", 5, Lease);
        Assert.Equal(2, (int)first.Single().Payload!["n"]!);
        Assert.Equal(1, (int)second.Single().Payload!["n"]!);

        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(3, (int)(await Queue.ClaimAsync(_kind, "w", 5, Lease)).Single().Payload!["n"]!);
    }

    [StoreFact]
    public async Task UniqueKey_AllowsOneUnfinishedJob_AndAnotherAfterCompletion()
    {
        var key = $"k-{Guid.NewGuid():N}";
        Assert.True(await Queue.EnqueueAsync(Job() with { UniqueKey = key }));
        Assert.False(await Queue.EnqueueAsync(Job() with { UniqueKey = key }));

        var job = (await Queue.ClaimAsync(_kind, "w", 1, Lease)).Single();
        Assert.False(await Queue.EnqueueAsync(Job() with { UniqueKey = key }));
        Assert.True(await Queue.CompleteAsync(job.Id, job.LeaseToken));
        Assert.True(await Queue.EnqueueAsync(Job() with { UniqueKey = key }));
    }

    [StoreFact]
    public async Task Fail_RetriesLater_ThenDeadLettersAfterMaxAttempts()
    {
        await Queue.EnqueueAsync(Job() with { MaxAttempts = 2 });

        var first = (await Queue.ClaimAsync(_kind, "w", 1, Lease)).Single();
        Assert.True(await Queue.FailAsync(first.Id, first.LeaseToken, "boom 1", TimeSpan.FromSeconds(10)));
        Assert.Empty(await Queue.ClaimAsync(_kind, "w", 1, Lease));

        _clock.Advance(TimeSpan.FromSeconds(10));
        var second = (await Queue.ClaimAsync(_kind, "w", 1, Lease)).Single();
        Assert.Equal(2, second.Attempts);
        Assert.True(await Queue.FailAsync(second.Id, second.LeaseToken, "boom 2", TimeSpan.FromSeconds(10)));

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(await Queue.ClaimAsync(_kind, "w", 1, Lease));
        var row = (await store.Database.QueryAsync("SELECT status, last_error FROM jobs WHERE id = @id", new { id = second.Id })).Single();
        Assert.Equal("failed", row["status"]);
        Assert.Equal("boom 2", row["last_error"]);
    }

    [StoreFact]
    public async Task Renew_IsFencedByTheLeaseToken_AndExpiredLeasesAreRequeued()
    {
        await Queue.EnqueueAsync(Job());
        var job = (await Queue.ClaimAsync(_kind, "w1", 1, Lease)).Single();
        Assert.True(await Queue.RenewAsync(job.Id, job.LeaseToken, Lease));
        Assert.False(await Queue.RenewAsync(job.Id, Guid.NewGuid(), Lease));

        _clock.Advance(Lease + TimeSpan.FromSeconds(1));
        Assert.True(await Queue.RequeueExpiredAsync(1000) >= 1);
        var again = (await Queue.ClaimAsync(_kind, "w2", 1, Lease)).Single();

        Assert.Equal(job.Id, again.Id);
        Assert.NotEqual(job.LeaseToken, again.LeaseToken);
        Assert.False(await Queue.RenewAsync(job.Id, job.LeaseToken, Lease));
        Assert.False(await Queue.CompleteAsync(job.Id, job.LeaseToken));
        Assert.True(await Queue.CompleteAsync(again.Id, again.LeaseToken));
    }

    [StoreFact]
    public async Task Release_RequeuesAtOnce_WithoutCountingTheAttempt()
    {
        await Queue.EnqueueAsync(Job());
        var job = (await Queue.ClaimAsync(_kind, "w", 1, Lease)).Single();
        Assert.True(await Queue.ReleaseAsync(job.Id, job.LeaseToken));

        var again = (await Queue.ClaimAsync(_kind, "w", 1, Lease)).Single();
        Assert.Equal(1, again.Attempts);
    }
}

public sealed class SqliteJobQueueTests(SqliteStoreFixture store) : JobQueueSuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresJobQueueTests(PostgresStoreFixture store) : JobQueueSuite(store), IClassFixture<PostgresStoreFixture>;
