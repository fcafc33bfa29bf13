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

        var output = await DbResultReader.ReadAsync(command, spec, options.MaxResultChars, cancellationToken);
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

        return await DbResultReader.ReadAsync(command, spec, options.MaxResultChars, cancellationToken);
    }

    // The token enforces timeoutMs; the driver's own timeout (whole seconds) is only a backstop.
    private static int BackstopSeconds(DbQuerySpec spec) => (int)Math.Ceiling(spec.Timeout.TotalSeconds) + 5;
}
