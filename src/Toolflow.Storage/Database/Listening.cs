using Npgsql;

namespace Toolflow.Storage.Database;

/// <summary>
/// Ends a LISTEN connection's subscriptions before it returns to the pool: pooled connections are
/// not reset (<see cref="ToolflowDatabase"/>), so a later borrower would otherwise keep receiving
/// every notification.
/// </summary>
internal static class Listening
{
    public static async Task StopAsync(NpgsqlConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }

        try
        {
            await using var unlisten = new NpgsqlCommand("UNLISTEN *", connection);
            await unlisten.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // Broken: a broken connection is not returned to the pool, so it carries nothing on.
        }
    }
}
