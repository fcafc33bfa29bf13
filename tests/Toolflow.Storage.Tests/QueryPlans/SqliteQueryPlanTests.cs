using Toolflow.Testing.Sql;

namespace Toolflow.Storage.Tests.QueryPlans;

/// <summary>The same two queries on SQLite (its claim has no SKIP LOCKED: SQLite has one writer) use the same indexes.</summary>
public sealed class SqliteQueryPlanTests(SqliteQueryPlanFixture fixture) : IClassFixture<SqliteQueryPlanFixture>
{
    private const string Owner = "00000000-0000-0000-0000-000000000042";

    [Fact]
    public async Task Plan_OfAUsersActiveWorkflowsNewestFirstFirstPage_UsesAnIndexWithoutSorting()
    {
        var plan = await ExplainAsync($"""
            SELECT id, name, status, updated_at FROM workflows
             WHERE owner_id = '{Owner}' AND status = 'active'
             ORDER BY updated_at DESC, id DESC LIMIT 20
            """);

        Assert.Contains("workflows_owner_status_updated_idx", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("USE TEMP B-TREE", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_OfEveryOwnersWorkflowsNewestFirstFirstPage_WalksTheUpdatedIndexWithoutSorting()
    {
        // What an admin's GET /workflows asks: every owner, archived left out, newest first.
        var plan = await ExplainAsync("""
            SELECT id, name, status, updated_at FROM workflows AS w
             WHERE 1 = 1 AND w.status <> 'archived'
             ORDER BY w.updated_at DESC, w.id DESC LIMIT 51
            """);

        Assert.Contains("workflows_updated_idx", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("USE TEMP B-TREE", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_OfClaimingTheNextQueuedJobs_UsesThePartialQueueIndex()
    {
        var plan = await ExplainAsync("""
            UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_by = 'worker-1',
                   locked_until = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+30 seconds'), lease_token = 'token'
             WHERE id IN (SELECT id FROM jobs
                           WHERE status = 'queued' AND run_at <= strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                           ORDER BY priority DESC, run_at LIMIT 10)
            RETURNING id, kind, payload, attempts
            """);

        Assert.Contains("jobs_claim_idx", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN jobs", plan.Replace("SCAN jobs USING", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private async Task<string> ExplainAsync(string query)
    {
        var rows = await fixture.Database.QueryAsync("EXPLAIN QUERY PLAN " + query);
        return string.Join('\n', rows.Select(r => (string)r["detail"]!));
    }
}
