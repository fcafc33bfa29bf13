using Npgsql;
using Toolflow.Storage.Database;
using Toolflow.Testing.Postgres;

namespace Toolflow.Storage.Tests.Database;

/// <summary>
/// Toolflow turns on Npgsql's automatic preparation and skips the pooled-connection reset unless
/// the operator's connection string says otherwise; a listener's subscriptions do not outlive it.
/// </summary>
public sealed class PostgresConnectionSettingsTests
{
    private static async Task<NpgsqlConnectionStringBuilder> EffectiveAsync(string connectionString)
    {
        await using var database = ToolflowDatabase.Create(new DatabaseOptions { Provider = "postgres", ConnectionString = connectionString });
        await using var connection = (NpgsqlConnection)await database.OpenAsync(CancellationToken.None);
        return new NpgsqlConnectionStringBuilder(connection.ConnectionString);
    }

    [PostgresFact]
    public async Task Auto_preparation_and_no_reset_are_on_by_default_and_the_operator_can_turn_them_off()
    {
        var server = await PostgresServer.GetAsync();
        var database = await server.CreateDatabaseAsync("settings");

        var defaults = await EffectiveAsync(database);
        var chosen = await EffectiveAsync(database + ";Max Auto Prepare=0;No Reset On Close=false");

        Assert.Equal(64, defaults.MaxAutoPrepare);
        Assert.True(defaults.NoResetOnClose);
        Assert.Equal(0, chosen.MaxAutoPrepare);
        Assert.False(chosen.NoResetOnClose);
    }

    [PostgresFact]
    public async Task A_stopped_listener_leaves_no_subscription_on_its_pooled_connection()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("listen");
        await using var database = ToolflowDatabase.Create(new DatabaseOptions { Provider = "postgres", ConnectionString = connectionString + ";Maximum Pool Size=1" });
        var jobs = new Toolflow.Storage.Queue.JobNotifications(database);
        await jobs.WaitAsync(TimeSpan.FromMilliseconds(500), CancellationToken.None);
        await jobs.DisposeAsync();

        // With a pool of one, this is the listener's connection, borrowed again.
        await using var connection = (NpgsqlConnection)await database.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_listening_channels()", connection);
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }
}
