using Npgsql;
using Toolflow.Testing.Postgres;

namespace Toolflow.Storage.Tests.Database;

/// <summary>
/// A private cluster runs with the fast test settings unless asked to be durable (the queue
/// benchmark's commit-rate limit must then be the disk's, not the CPU's).
/// </summary>
public sealed class PrivateClusterSettingsTests
{
    [PostgresFact]
    public async Task A_private_cluster_is_fast_by_default_and_durable_on_request()
    {
        await using (var fast = await PostgresServer.StartPrivateAsync())
        {
            Assert.Equal(("off", "off", "off"), await SettingsAsync(fast.ConnectionString));
        }

        await using var durable = await PostgresServer.StartPrivateAsync(durable: true);
        Assert.Equal(("on", "on", "on"), await SettingsAsync(durable.ConnectionString));
    }

    private static async Task<(string Fsync, string FullPageWrites, string SynchronousCommit)> SettingsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        async Task<string> ShowAsync(string name)
        {
            await using var command = new NpgsqlCommand($"SHOW {name}", connection);
            return (string)(await command.ExecuteScalarAsync())!;
        }

        return (await ShowAsync("fsync"), await ShowAsync("full_page_writes"), await ShowAsync("synchronous_commit"));
    }
}
