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
        var error = Assert.Throws<InvalidOperationException>(() => ToolflowDatabase.Create(new DatabaseOptions { Provider = "postgres" }));

        Assert.Contains("Database:ConnectionString", error.Message, StringComparison.Ordinal);
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
