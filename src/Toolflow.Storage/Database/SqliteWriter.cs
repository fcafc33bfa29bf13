using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Toolflow.Storage.Database;

/// <summary>
/// The one SQLite connection this process writes through, with its prepared statements kept.
/// Writers already take turns (<see cref="ToolflowDatabase.WriteGate"/>), so one connection is all
/// they need; keeping it, and a command per SQL text, spares every write the pool round trip and
/// SQLite's parse and plan of each statement (Microsoft.Data.Sqlite keeps a command's prepared
/// statements only for the life of that command). Used only under the write gate.
/// </summary>
internal sealed class SqliteWriter(Func<CancellationToken, Task<DbConnection>> open) : IAsyncDisposable
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
        var connection = _connection ?? throw new InvalidOperationException("the writer connection is not open");
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

    /// <summary>Forgets the connection after a failure, so the next write starts from a fresh one.</summary>
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
