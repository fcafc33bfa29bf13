using System.Text;
using System.Text.Json.Nodes;
using Npgsql;

namespace Toolflow.Tools.Credentials;

public enum DbKind
{
    Postgres,
    Sqlite,
}

/// <summary>
/// A resolved <c>postgres</c> or <c>sqlite</c> credential. For PostgreSQL the connection string
/// holds the password, so it is redacted from <see cref="ToString"/>; for SQLite it is the file path.
/// </summary>
public sealed record DbSecret : IToolSecret
{
    private DbSecret(DbKind kind, string connectionString, string? password, string? sqlitePath)
    {
        Kind = kind;
        ConnectionString = connectionString;
        Password = password;
        SqlitePath = sqlitePath;
    }

    public DbKind Kind { get; }

    /// <summary>A PostgreSQL connection string (normalised by Npgsql's builder); empty for SQLite, whose file the runner checks first.</summary>
    public string ConnectionString { get; }

    /// <summary>The SQLite file, for the administrator's directory check; null for PostgreSQL.</summary>
    public string? SqlitePath { get; }

    private string? Password { get; }

    /// <summary>Reads <c>postgres</c> {connectionString} or {host, port, database, username, password}, or <c>sqlite</c> {path}.</summary>
    public static DbSecret Parse(string type, JsonObject secret)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.ToLowerInvariant() switch
        {
            "postgres" or "postgresql" => Postgres(JsonFields.Credential(secret, "postgres")),
            "sqlite" => Sqlite(JsonFields.Credential(secret, "sqlite")),
            _ => throw new ToolFailureException("invalid_credential", $"db.query needs a postgres or sqlite credential, not '{Short(type)}'", retryable: false),
        };
    }

    public IEnumerable<string?> SecretValues() => [Password, ConnectionString];

    public IEnumerable<string> TargetHosts() =>
        Kind == DbKind.Sqlite ? [] : Database.PostgresHosts.Names(ConnectionString);

    private static DbSecret Postgres(JsonFields fields)
    {
        NpgsqlConnectionStringBuilder builder;
        if (fields.Text("connectionString", 8192) is { Length: > 0 } text)
        {
            try
            {
                builder = new NpgsqlConnectionStringBuilder(text);
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException or InvalidCastException)
            {
                // The parser's message may quote the string, password included.
                throw fields.Fail("connectionString is not a valid PostgreSQL connection string");
            }

            if (string.IsNullOrEmpty(builder.Host))
            {
                throw fields.Fail("connectionString has no Host");
            }
        }
        else
        {
            builder = new NpgsqlConnectionStringBuilder
            {
                Host = fields.RequiredText("host", 253),
                Port = (int)(fields.Integer("port", 1, 65535) ?? 5432),
                Database = fields.RequiredText("database", 256),
                Username = fields.RequiredText("username", 256),
                Password = fields.Text("password", 4096),
            };
        }

        return new DbSecret(DbKind.Postgres, builder.ConnectionString, builder.Password, null);
    }

    private static DbSecret Sqlite(JsonFields fields)
    {
        var path = fields.RequiredText("path", 4096);
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw fields.Fail("path contains a NUL character");
        }

        return new DbSecret(DbKind.Sqlite, string.Empty, null, path);
    }

    private static string Short(string text) => text.Length <= 32 ? text : text[..32] + "…";

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Kind = {Kind}, ConnectionString = ***, SqlitePath = {SqlitePath}");
        return true;
    }
}
