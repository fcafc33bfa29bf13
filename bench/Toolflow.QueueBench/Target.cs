using Npgsql;
using Toolflow.Storage.Database;

namespace Toolflow.QueueBench;

/// <summary>
/// One database engine of the run. Every measured run gets a database of its own: a new database on
/// the one PostgreSQL cluster, or a new SQLite file.
/// </summary>
internal sealed class Target(string label, string? postgresAdmin, string root)
{
    public string Label => label;

    public bool IsPostgres => postgresAdmin is not null;

    /// <summary>A PostgreSQL connection string to a new database, or the path of a new SQLite file.</summary>
    public async Task<string> NewAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(60, prefix.Length + 13)].ToLowerInvariant();
        if (postgresAdmin is null)
        {
            Directory.CreateDirectory(root);
            return Path.Combine(root, $"{name}.db");
        }

        await using var connection = new NpgsqlConnection(postgresAdmin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(postgresAdmin) { Database = name, MaxPoolSize = 100 }.ConnectionString;
    }

    /// <summary>Toolflow's options for a database made by <see cref="NewAsync"/> .</summary>
    public DatabaseOptions Toolflow(string database) => IsPostgres
        ? new DatabaseOptions { Provider = "postgres", ConnectionString = database }
        : new DatabaseOptions { Provider = "sqlite", ConnectionString = $"Data Source={database}" };
}
