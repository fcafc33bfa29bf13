using System.Data.Common;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;
using Toolflow.Tools.Credentials;
using Toolflow.Tools.Http;

namespace Toolflow.Tools.Database;

/// <summary>
/// Runs <c>db.query</c> against the credential's PostgreSQL or SQLite database. Parameters are
/// always bound; the output is <c>{ "rows": [ {column: value} ], "rowCount": N, "truncated": bool }</c>.
/// With an <see cref="AddressPolicy"/>, PostgreSQL hosts are checked like <c>http.request</c> URLs.
/// </summary>
public sealed class DbQueryRunner(DbToolOptions options, AddressPolicy? policy = null)
{
    public async Task<JsonObject> RunAsync(JsonObject config, DbSecret secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var spec = DbQuerySpec.From(config, options);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(spec.Timeout);
        try
        {
            return secret.Kind == DbKind.Postgres
                ? await RunPostgresAsync(spec, secret, timeout.Token)
                : await RunSqliteAsync(spec, secret, timeout.Token);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
        {
            // The caller stopped the node; whatever the driver threw on the way out is not the query's fault.
            throw new OperationCanceledException("db.query was cancelled", ex, cancellationToken);
        }
        catch (Exception ex) when (ex is not ToolFailureException &&
            DbFailures.Map(ex, secret, timedOut: timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested) is { } failure)
        {
            throw failure;
        }
    }

    private async Task<JsonObject> RunPostgresAsync(DbQuerySpec spec, DbSecret secret, CancellationToken cancellationToken)
    {
        if (policy is not null)
        {
            await PostgresHosts.CheckAsync(policy, secret.ConnectionString, cancellationToken);
        }

        await using var connection = new NpgsqlConnection(secret.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = spec.ReadOnly ? await connection.BeginTransactionAsync(cancellationToken) : null;
        if (transaction is not null)
        {
            await using var setReadOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction);
            await setReadOnly.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = new NpgsqlCommand(spec.Sql, connection, transaction) { CommandTimeout = BackstopSeconds(spec) };
        foreach (var (name, value) in spec.Parameters)
        {
            command.Parameters.Add(DbParameterValues.Postgres(name, value));
        }

        var output = await ReadAsync(command, spec, cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return output;
    }

    private async Task<JsonObject> RunSqliteAsync(DbQuerySpec spec, DbSecret secret, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(SqliteFiles.ConnectionString(secret, options, spec.ReadOnly));
        await connection.OpenAsync(cancellationToken);

        // ATTACH and VACUUM INTO would reach files outside the allowed directories; no attached database, no way out.
        SQLitePCL.raw.sqlite3_limit(connection.Handle, SQLitePCL.raw.SQLITE_LIMIT_ATTACHED, 0);

        // Microsoft.Data.Sqlite runs statements synchronously; interrupting the connection is what stops a runaway query.
        using var interrupt = cancellationToken.Register(() => SQLitePCL.raw.sqlite3_interrupt(connection.Handle));
        await using var command = connection.CreateCommand();
        command.CommandText = spec.Sql;
        command.CommandTimeout = BackstopSeconds(spec);
        foreach (var (name, value) in spec.Parameters)
        {
            command.Parameters.AddWithValue("@" + name, DbParameterValues.Sqlite(value));
        }

        return await ReadAsync(command, spec, cancellationToken);
    }

    private async Task<JsonObject> ReadAsync(DbCommand command, DbQuerySpec spec, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new JsonArray();
        var isQuery = reader.FieldCount > 0;
        var truncated = false;
        long size = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (rows.Count == spec.MaxRows)
            {
                truncated = true;
                break;
            }

            var row = new JsonObject();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = DbValueMapper.Read(reader, i);
                size += DbValueMapper.Size(value) + reader.GetName(i).Length;
                row[UniqueName(row, reader.GetName(i))] = value;
            }

            if (size > options.MaxResultChars)
            {
                throw new ToolFailureException("result_too_large", $"the result is larger than {options.MaxResultChars} characters; lower maxRows or select fewer columns", retryable: false);
            }

            rows.Add(row);
        }

        // Later statements of a batch still run, and their errors must surface typed, not on dispose.
        while (await reader.NextResultAsync(cancellationToken))
        {
        }

        return new JsonObject
        {
            ["rows"] = rows,
            ["rowCount"] = isQuery ? rows.Count : Math.Max(reader.RecordsAffected, 0),
            ["truncated"] = truncated,
        };
    }

    // Two columns may share a name (SELECT a.id, b.id); the second must not overwrite the first.
    private static string UniqueName(JsonObject row, string name)
    {
        name = string.IsNullOrEmpty(name) ? "?column?" : name;
        var candidate = name;
        for (var n = 2; row.ContainsKey(candidate); n++)
        {
            candidate = $"{name}_{n}";
        }

        return candidate;
    }

    // The token enforces timeoutMs; the driver's own timeout (whole seconds) is only a backstop.
    private static int BackstopSeconds(DbQuerySpec spec) => (int)Math.Ceiling(spec.Timeout.TotalSeconds) + 5;
}
