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

    /// <summary>The statements of this database by calls, as calls per execution.</summary>
    public static async Task PrintAsync(string connectionString, int executions, string label)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT calls, regexp_replace(query, '\s+', ' ', 'g') FROM pg_stat_statements
             WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
             ORDER BY calls DESC LIMIT 30
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        Console.WriteLine($"statements per execution, {label}:");
        var total = 0.0;
        while (await reader.ReadAsync())
        {
            var perExecution = reader.GetInt64(0) / (double)executions;
            total += perExecution;
            var query = reader.GetString(1);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {perExecution,8:F2}  {(query.Length > 150 ? query[..150] + "…" : query)}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {total,8:F2}  in all (top 30)"));
    }
}
