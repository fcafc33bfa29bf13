using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Toolflow.Storage.Database;

/// <summary>
/// A SQLite connection kept open with a command per SQL text, so its statements stay prepared:
/// Microsoft.Data.Sqlite keeps a command's prepared statements only for the life of that command,
/// and parsing and planning each statement anew was a third of a busy server's SQLite time. One
/// user at a time: the writer (under <see cref="ToolflowDatabase.WriteGate"/>) or one reader
/// borrowed from <see cref="ToolflowDatabase"/>'s pool.
/// </summary>
internal sealed class KeptSqliteConnection(Func<CancellationToken, Task<DbConnection>> open) : IAsyncDisposable
{
    // Statements whose text varies with their input (lists of values) must not grow the cache forever.
    private const int MaxCommands = 256;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private SqliteConnection? _connection;

    public async Task<SqliteConnection> ConnectionAsync(CancellationToken cancellationToken) =>
        _connection ??= (SqliteConnection)await open(cancellationToken);

    /// <summary>The kept command for <paramref name="sql"/>, parameters cleared; never dispose it.</summary>
    public SqliteCommand Command(string sql, DbTransaction? transaction)
    {
        var connection = _connection ?? throw new InvalidOperationException("the kept connection is not open");
        if (!_commands.TryGetValue(sql, out var command))
        {
            if (_commands.Count >= MaxCommands)
            {
                DisposeCommands();
            }

            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Transaction = (SqliteTransaction?)transaction;
        command.Parameters.Clear();
        return command;
    }

    /// <summary>Forgets the connection after a failure, so the next use starts from a fresh one.</summary>
    public async Task ResetAsync()
    {
        DisposeCommands();
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    public async ValueTask DisposeAsync() => await ResetAsync();

    private void DisposeCommands()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
