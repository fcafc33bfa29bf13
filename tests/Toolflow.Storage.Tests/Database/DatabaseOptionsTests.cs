using Toolflow.Storage.Database;
using Toolflow.Testing.Sql;

namespace Toolflow.Storage.Tests.Database;

public sealed class DatabaseOptionsTests
{
    [Theory]
    [InlineData("sqlite", SqlDialect.Sqlite)]
    [InlineData("SQLite", SqlDialect.Sqlite)]
    [InlineData("postgres", SqlDialect.Postgres)]
    [InlineData("PostgreSQL", SqlDialect.Postgres)]
    public void GetDialect_OfASupportedProvider_NamesIt(string provider, SqlDialect dialect)
    {
        Assert.Equal(dialect, new DatabaseOptions { Provider = provider }.GetDialect());
    }

    [Fact]
    public void Validate_UnknownProvider_SaysWhichProvidersAreSupported()
    {
        var problems = new DatabaseOptions { Provider = "mysql" }.Validate();

        var problem = Assert.Single(problems);
        Assert.Contains("'mysql'", problem, StringComparison.Ordinal);
        Assert.Contains("'sqlite' or 'postgres'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_PostgresWithoutConnectionString_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<SettingsException>(() => ToolflowDatabase.Create(new DatabaseOptions { Provider = "postgres" }));

        Assert.Contains("Database:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite", "Host=db;Username=toolflow;Password=s3cr3t", "not a SQLite connection string", "set Database:Provider to 'postgres'")]
    [InlineData("sqlite", "Host=db;Username=toolflow;Password=s3;cr3t", "not a SQLite connection string", "a keyword is unknown")]
    [InlineData("postgres", "Data Source=./data/toolflow.db;Cache=Shared", "not a PostgreSQL connection string", "Database:Provider is 'postgres'")]
    [InlineData("postgres", "Host=db;Port=fifty;Password=s3;cr3t", "not a PostgreSQL connection string", "a value is malformed")]
    public void Validate_AConnectionStringTheProviderCannotRead_SaysSo_WithoutRepeatingIt(string provider, string connectionString, string expected, string hint)
    {
        var problem = Assert.Single(new DatabaseOptions { Provider = provider, ConnectionString = connectionString }.Validate());

        Assert.Contains(expected, problem, StringComparison.Ordinal);
        Assert.Contains(hint, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("cr3t", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("fifty", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgres", "Host=127.0.0.1;Port=5432;Database=toolflow;Username=toolflow;Password=x")]
    [InlineData("sqlite", "Data Source=./data/other.db")]
    public void Validate_AConnectionStringTheProviderReads_HasNoProblem(string provider, string connectionString)
    {
        Assert.Empty(new DatabaseOptions { Provider = provider, ConnectionString = connectionString }.Validate());
    }

    [Fact]
    public async Task Open_WithDefaultSqliteOptions_CreatesTheFileAndFolderInWalModeWithForeignKeys()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"toolflow-options-{Guid.NewGuid():N}", "nested", "data");
        try
        {
            await using var db = ToolflowDatabase.Create(new DatabaseOptions { DataDirectory = folder });

            Assert.Equal(SqlDialect.Sqlite, db.Dialect);
            Assert.Equal("wal", await db.ScalarAsync("PRAGMA journal_mode"));
            Assert.Equal(1L, await db.ScalarAsync("PRAGMA foreign_keys"));
            Assert.True(File.Exists(Path.Combine(folder, "toolflow.db")));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(folder))!, recursive: true);
        }
    }
}
