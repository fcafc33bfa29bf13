using System.Threading.Channels;
using Toolflow.Storage.ExecutionStore;
using Toolflow.Testing.Postgres;
using Toolflow.Testing.Stores;

namespace Toolflow.Engine.Tests.Durable;

/// <summary>Events cross processes on PostgreSQL: every committed event is announced, and the log serves it by sequence.</summary>
public sealed class PostgresEventRelayTests(PostgresStoreFixture store) : IClassFixture<PostgresStoreFixture>, IRequiresPostgres, IAsyncLifetime
{
    private readonly DurableHarness _h = new(store.Database);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [PostgresFact]
    public async Task EveryCommittedEvent_IsAnnounced_AndReadableFromTheLog()
    {
        var announced = Channel.CreateUnbounded<(Guid ExecutionId, long Sequence)>();
        using var stop = new CancellationTokenSource();
        var listening = new EventNotifications(store.Database).ListenAsync(announced.Writer, stop.Token);
        var (owner, workflow) = await _h.WorkflowAsync(DurableHarness.Echo("a"), DurableHarness.Echo("b"));

        // The listener may need a moment to LISTEN: keep starting executions until one is announced from its first event.
        var seen = new Dictionary<Guid, List<long>>();
        var worker = _h.Start(stop.Token);
        Guid id;
        do
        {
            id = await _h.ExecuteAsync(owner, workflow);
            await _h.UntilStatusAsync(id, "completed");
            var total = (await new ExecutionEventLog(store.Database).ReadAsync(id, 0)).Count;
            await DurableHarness.UntilAsync(
                () =>
                {
                    while (announced.Reader.TryRead(out var item))
                    {
                        (seen.TryGetValue(item.ExecutionId, out var list) ? list : seen[item.ExecutionId] = []).Add(item.Sequence);
                    }

                    return Task.FromResult(seen.GetValueOrDefault(id)?.Count >= total || !seen.ContainsKey(id));
                },
                "the announcements");
        }
        while (!seen.ContainsKey(id));

        var events = await new ExecutionEventLog(store.Database).ReadAsync(id, 0);
        Assert.Equal(events.Select(e => e.Sequence), seen[id].Order());
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.All(events, e => Assert.Equal(workflow.ToString("D"), e.WorkflowId));
        await stop.CancelAsync();
        await Task.WhenAll(worker, listening);
    }
}
