namespace Toolflow.Storage.Database;

/// <summary>
/// The <c>Database</c> configuration section. With nothing set, Toolflow uses the SQLite file
/// <c>./data/toolflow.db</c>; <c>Provider=postgres</c> needs a <see cref="ConnectionString"/>.
/// </summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary><c>sqlite</c> (default) or <c>postgres</c> (<c>postgresql</c> is accepted too), any case.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>Required for PostgreSQL. For SQLite it overrides the file under <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Where the SQLite file <c>toolflow.db</c> lives; created when missing.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>The dialect <see cref="Provider"/> names, or an exception that says what is accepted.</summary>
    public SqlDialect GetDialect()
    {
        return Provider?.Trim().ToUpperInvariant() switch
        {
            "SQLITE" => SqlDialect.Sqlite,
            "POSTGRES" or "POSTGRESQL" => SqlDialect.Postgres,
            _ => throw new InvalidOperationException(
                $"Database:Provider '{Provider}' is not supported; use 'sqlite' or 'postgres'."),
        };
    }

    /// <summary>Problems with these options, one message each; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        SqlDialect? dialect = null;
        try
        {
            dialect = GetDialect();
        }
        catch (InvalidOperationException e)
        {
            problems.Add(e.Message);
        }

        if (dialect == SqlDialect.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            problems.Add("Database:ConnectionString is required when Database:Provider is 'postgres'.");
        }

        if (dialect == SqlDialect.Sqlite && string.IsNullOrWhiteSpace(ConnectionString) && string.IsNullOrWhiteSpace(DataDirectory))
        {
            problems.Add("Database:DataDirectory must name a folder when Database:Provider is 'sqlite'.");
        }

        if (dialect is { } parsed && !string.IsNullOrWhiteSpace(ConnectionString) && ConnectionStringProblem(parsed, ConnectionString) is { } problem)
        {
            problems.Add(problem);
        }

        return problems;
    }

    /// <summary>
    /// Why the provider cannot read <paramref name="connectionString"/> (an unknown keyword, a bad value), or null.
    /// The message repeats nothing of the string, which may hold a password (a ';' in one splits it into
    /// "keywords" the provider would name).
    /// </summary>
    private static string? ConnectionStringProblem(SqlDialect dialect, string connectionString)
    {
        if (Reads(dialect, connectionString))
        {
            return null;
        }

        var other = dialect == SqlDialect.Postgres ? SqlDialect.Sqlite : SqlDialect.Postgres;
        var hint = Reads(other, connectionString) ? $" It reads as a {Name(other)} one: set Database:Provider to '{Spelling(other)}'." : "";
        return $"Database:ConnectionString is not a {Name(dialect)} connection string (Database:Provider is '{Spelling(dialect)}'): a keyword is unknown or a value is malformed.{hint}";
    }

    private static bool Reads(SqlDialect dialect, string connectionString)
    {
        try
        {
            _ = dialect == SqlDialect.Postgres
                ? new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Host
                : new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
            return true;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            return false;
        }
    }

    private static string Name(SqlDialect dialect) => dialect == SqlDialect.Postgres ? "PostgreSQL" : "SQLite";

    private static string Spelling(SqlDialect dialect) => dialect == SqlDialect.Postgres ? "postgres" : "sqlite";
}
