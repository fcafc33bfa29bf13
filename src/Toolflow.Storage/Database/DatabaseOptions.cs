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

        return problems;
    }
}
