using System.Diagnostics;
using Toolflow.Storage.Database;
using Toolflow.Storage.Migrations;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Executions;
using Toolflow.Storage.Repositories.Workflows;
using Toolflow.Storage.Secrets;

namespace Toolflow.Repositories.Bench;

/// <summary>
/// The three figures of issue 4 on one database: first-page latency of one user's workflows in a
/// big table, and workflow and execution inserts per second through the repositories.
/// </summary>
internal static class RepositoryBench
{
    private const int Writers = 8;
    private const int PageQueries = 2_000;
    private const int Inserts = 2_000;

    public static async Task RunAsync(string label, DatabaseOptions options, int workflows, int users)
    {
        await using var database = ToolflowDatabase.Create(options);
        await new Migrator(database).MigrateAsync(CancellationToken.None);
        var seeding = Stopwatch.StartNew();
        var ids = await Seeder.SeedAsync(database, workflows, users);
        Console.WriteLine($"{label}: seeded {workflows:N0} workflows of {users:N0} users in {seeding.Elapsed.TotalSeconds:F1} s");

        var repositories = new ToolflowRepositories(database, TimeProvider.System, new MasterKeyRing(MasterKey.Generate(1)));
        var random = new Random(42);
        await FirstPageAsync(label, "all visible", repositories, ids, random, new WorkflowListQuery());
        await FirstPageAsync(label, "owner=me", repositories, ids, random, new WorkflowListQuery { Owner = OwnerScope.Me });

        var owner = Caller.Member(ids[0]);
        var created = await ThroughputAsync(i => repositories.Workflows.CreateAsync(owner, new NewWorkflow(Seeder.Definition($"bench {i}"))));
        Console.WriteLine($"{label}: workflows created/s = {created:F0} ({Inserts} creates, {Writers} writers, each with its version row)");

        var target = await repositories.Workflows.CreateAsync(owner, new NewWorkflow(Seeder.Definition("target")));
        var executed = await ThroughputAsync(i => repositories.Executions.CreateAsync(owner, new NewExecution(target.Id) { IdempotencyKey = $"k{i}" }));
        Console.WriteLine($"{label}: executions created/s = {executed:F0} ({Inserts} creates, {Writers} writers, each with idempotency key and job)");
    }

    private static async Task FirstPageAsync(string label, string scope, ToolflowRepositories repositories, Guid[] users, Random random, WorkflowListQuery query)
    {
        for (var i = 0; i < 100; i++)
        {
            await repositories.Workflows.ListAsync(Caller.Member(users[random.Next(users.Length)]), query);
        }

        var samples = new double[PageQueries];
        for (var i = 0; i < PageQueries; i++)
        {
            var caller = Caller.Member(users[random.Next(users.Length)]);
            var started = Stopwatch.GetTimestamp();
            var page = await repositories.Workflows.ListAsync(caller, query);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (page.Items.Count == 0)
            {
                throw new InvalidOperationException("A seeded user has no workflows.");
            }
        }

        Array.Sort(samples);
        Console.WriteLine($"{label}: first page ({scope}, 50 rows) p50 = {samples[PageQueries / 2]:F2} ms, p99 = {samples[(int)(PageQueries * 0.99)]:F2} ms");
    }

    private static async Task<double> ThroughputAsync(Func<int, Task> insert)
    {
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Inserts)
            {
                await insert(i);
            }
        }));
        return Inserts / clock.Elapsed.TotalSeconds;
    }
}
