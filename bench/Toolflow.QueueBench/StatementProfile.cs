using System.Globalization;
using Npgsql;
using Toolflow.Testing.Postgres;

namespace Toolflow.QueueBench;

/// <summary>
/// <c>--statements</c>: which statements Toolflow sends per execution, from PostgreSQL's own
/// <c>pg_stat_statements</c> (loaded by restarting the bench's cluster), so a change to the commit
/// path is judged by the round trips it removes, not only by a noisy throughput figure.
/// </summary>
internal static class StatementProfile
{
    public static async Task EnableAsync(PostgresServer.PrivateCluster cluster)
    {
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'", connection);
            await command.ExecuteNonQueryAsync();
        }

        NpgsqlConnection.ClearAllPools();
        await cluster.RestartAsync(TimeSpan.Zero);
    }

    public static async Task ResetAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The statements of this database by calls, as calls per execution and the server's execution
    /// time per execution (µs): which statement the backends spend their CPU on.
    /// </summary>
    public static async Task PrintAsync(string connectionString, int executions, string label)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT calls, regexp_replace(query, '\s+', ' ', 'g'), total_exec_time + total_plan_time FROM pg_stat_statements
             WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
             ORDER BY calls DESC LIMIT 30
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        Console.WriteLine($"statements per execution, {label}:");
        var total = 0.0;
        var totalMicroseconds = 0.0;
        while (await reader.ReadAsync())
        {
            var perExecution = reader.GetInt64(0) / (double)executions;
            var microseconds = reader.GetDouble(2) * 1000 / executions;
            total += perExecution;
            totalMicroseconds += microseconds;
            var query = reader.GetString(1);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {perExecution,8:F2} {microseconds,8:F0} µs  {(query.Length > 140 ? query[..140] + "…" : query)}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {total,8:F2} {totalMicroseconds,8:F0} µs  in all (top 30; calls and server time per execution)"));
        await reader.CloseAsync();

        // An UPDATE that changes no indexed column and finds room in its page is HOT: no index is touched.
        await using var tables = new NpgsqlCommand(
            """
            SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables
             WHERE relname IN ('workflow_executions', 'executions', 'execution_events', 'jobs') ORDER BY relname
            """, connection);
        await using var rows = await tables.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  table {rows.GetString(0)}: {rows.GetInt64(1) / (double)executions:F2} inserts, {rows.GetInt64(2) / (double)executions:F2} updates ({rows.GetInt64(3) / (double)executions:F2} HOT) per execution"));
        }
    }
}
