using Toolflow.Testing.Postgres;
using Toolflow.Testing.Sql;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.QueryPlans;

/// <summary>The two hottest queries use an index, not a sequential scan, on tables of 100,000 rows.</summary>
public sealed class PostgresQueryPlanTests(PostgresQueryPlanFixture fixture) : IClassFixture<PostgresQueryPlanFixture>, IRequiresPostgres
{
    [PostgresFact]
    public async Task Plan_OfAUsersActiveWorkflowsNewestFirstFirstPage_UsesAnIndex()
    {
        var plan = await ExplainAsync($"""
            SELECT id, name, status, updated_at
              FROM workflows
             WHERE owner_id = '{fixture.SomeOwner}' AND status = 'active'
             ORDER BY updated_at DESC, id DESC
             LIMIT 20
            """);

        Assert.Contains("workflows_owner_status_updated_idx", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Sort", plan.Replace("Sort Key", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Plan_OfEveryOwnersWorkflowsNewestFirstFirstPage_WalksTheUpdatedIndex()
    {
        // What an admin's GET /workflows asks: every owner, archived left out, newest first.
        var plan = await ExplainAsync("""
            SELECT id, name, status, updated_at FROM workflows AS w
             WHERE 1 = 1 AND w.status <> 'archived'
             ORDER BY w.updated_at DESC, w.id DESC LIMIT 51
            """);

        Assert.Contains("workflows_updated_idx", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Plan_OfClaimingTheNextQueuedJobs_UsesThePartialQueueIndex()
    {
        var plan = await ExplainAsync("""
            UPDATE jobs
               SET status = 'running', attempts = attempts + 1, locked_by = 'worker-1',
                   locked_until = now() + interval '30 seconds', lease_token = gen_random_uuid()
             WHERE id IN (SELECT id
                            FROM jobs
                           WHERE status = 'queued' AND run_at <= now()
                           ORDER BY priority DESC, run_at
                           LIMIT 10
                             FOR UPDATE SKIP LOCKED)
            RETURNING id, kind, payload, attempts, lease_token
            """);

        Assert.Contains("jobs_claim_idx", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
    }

    private async Task<string> ExplainAsync(string query)
    {
        var rows = await fixture.Database.QueryAsync("EXPLAIN " + query);
        return string.Join('\n', rows.Select(r => (string)r.Values.Single()!));
    }
}
