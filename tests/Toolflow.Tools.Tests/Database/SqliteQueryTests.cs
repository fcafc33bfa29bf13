using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Toolflow.Tools.Credentials;
using Toolflow.Tools.Database;

namespace Toolflow.Tools.Tests.Database;

/// <summary>db.query against a real SQLite file in a temp directory the options allow.</summary>
public sealed class SqliteQueryTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("toolflow-sqlite-").FullName;
    private readonly string path;
    private readonly DbToolOptions options = new();

    public SqliteQueryTests()
    {
        path = Path.Combine(directory, "data.db");
        options.SqliteDirectories.Add(directory);
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, score REAL, doc JSON, raw BLOB);
            INSERT INTO t VALUES (1, 'one', 1.5, '{"a":[1,2]}', x'010203');
            INSERT INTO t VALUES (2, 'two', NULL, 'not json', NULL);
            """;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    private Task<JsonObject> RunAsync(JsonObject config, string? file = null) =>
        new DbQueryRunner(options).RunAsync(config, DbSecret.Parse("sqlite", new JsonObject { ["path"] = file ?? path }), CancellationToken.None);

    [Fact]
    public async Task Select_MapsValuesToJson()
    {
        var output = await RunAsync(new JsonObject { ["sql"] = "SELECT id, name, score, doc, raw FROM t ORDER BY id" });

        var rows = output["rows"]!.AsArray();
        Assert.Equal(2, (int)output["rowCount"]!);
        Assert.Equal(1, (long)rows[0]!["id"]!);
        Assert.Equal("one", (string)rows[0]!["name"]!);
        Assert.Equal(1.5, (double)rows[0]!["score"]!);
        Assert.Equal("""{"a":[1,2]}""", rows[0]!["doc"]!.ToJsonString());
        Assert.Equal("AQID", (string)rows[0]!["raw"]!);
        Assert.Null(rows[1]!["score"]);
        Assert.Equal("not json", (string)rows[1]!["doc"]!);
        Assert.False((bool)output["truncated"]!);
    }

    [Fact]
    public async Task Parameters_AreBound_AndInjectionStaysData()
    {
        const string hostile = "'; DROP TABLE t; --";
        var insert = await RunAsync(new JsonObject
        {
            ["sql"] = "INSERT INTO t (id, name, score, doc) VALUES (@id, @name, @score, @doc)",
            ["parameters"] = new JsonObject { ["id"] = 3, ["name"] = hostile, ["score"] = 2.25, ["doc"] = new JsonObject { ["k"] = true } },
        });
        var select = await RunAsync(new JsonObject { ["sql"] = "SELECT name, score, doc FROM t WHERE name = @name", ["parameters"] = new JsonObject { ["name"] = hostile } });
        var count = await RunAsync(new JsonObject { ["sql"] = "SELECT count(*) AS c FROM t" });

        Assert.Equal(1, (int)insert["rowCount"]!);
        Assert.Equal(hostile, (string)select["rows"]![0]!["name"]!);
        Assert.Equal(2.25, (double)select["rows"]![0]!["score"]!);
        Assert.Equal("""{"k":true}""", select["rows"]![0]!["doc"]!.ToJsonString());
        Assert.Equal(3, (long)count["rows"]![0]!["c"]!);
    }

    [Fact]
    public async Task NonQuery_CountsAffectedRows_AndMaxRowsTruncates()
    {
        var update = await RunAsync(new JsonObject { ["sql"] = "UPDATE t SET score = 0" });
        var capped = await RunAsync(new JsonObject { ["sql"] = "SELECT * FROM t", ["maxRows"] = 1 });

        Assert.Equal(2, (int)update["rowCount"]!);
        Assert.Single(capped["rows"]!.AsArray());
        Assert.True((bool)capped["truncated"]!);
    }

    [Theory]
    [InlineData("INSERT INTO t (id, name) VALUES (1, 'dup')", "constraint_violation")]
    [InlineData("INSERT INTO t (id) VALUES (9)", "constraint_violation")]
    [InlineData("SELEC 1", "sql_error")]
    [InlineData("SELECT * FROM missing", "sql_error")]
    public async Task Errors_AreNotRetryable(string sql, string code)
    {
        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => RunAsync(new JsonObject { ["sql"] = sql }));

        Assert.Equal(code, failure.Code);
        Assert.False(failure.Retryable);
    }

    [Fact]
    public async Task RunawayQuery_IsInterruptedAsARetryableTimeout()
    {
        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => RunAsync(new JsonObject
        {
            ["sql"] = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c",
            ["timeoutMs"] = 300,
        }));

        Assert.Equal("timeout", failure.Code);
        Assert.True(failure.Retryable);
    }

    [Fact]
    public async Task ReadOnly_RefusesWrites()
    {
        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => RunAsync(new JsonObject { ["sql"] = "DELETE FROM t", ["readOnly"] = true }));
        var count = await RunAsync(new JsonObject { ["sql"] = "SELECT count(*) AS c FROM t", ["readOnly"] = true });

        Assert.Equal("read_only", failure.Code);
        Assert.Equal(2, (long)count["rows"]![0]!["c"]!);
    }

    [Fact]
    public async Task FilesOutsideTheAllowedDirectories_AreRefused()
    {
        var outside = await Assert.ThrowsAsync<ToolFailureException>(() => RunAsync(new JsonObject { ["sql"] = "SELECT 1" }, "/etc/passwd"));
        var escape = await Assert.ThrowsAsync<ToolFailureException>(() => RunAsync(new JsonObject { ["sql"] = "SELECT 1" }, Path.Combine(directory, "..", "x.db")));
        var uri = await Assert.ThrowsAsync<ToolFailureException>(() => RunAsync(new JsonObject { ["sql"] = "SELECT 1" }, $"file:{path}?mode=rwc"));
        var none = await Assert.ThrowsAsync<ToolFailureException>(() =>
            new DbQueryRunner(new DbToolOptions()).RunAsync(new JsonObject { ["sql"] = "SELECT 1" }, DbSecret.Parse("sqlite", new JsonObject { ["path"] = path }), CancellationToken.None));

        Assert.All([outside, escape, uri, none], f => Assert.Equal("not_allowed", f.Code));
        Assert.Contains("SqliteDirectories", none.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ATTACH DATABASE '{0}' AS other")]
    [InlineData("VACUUM INTO '{0}'")]
    public async Task StatementsThatReachOtherFiles_AreRefused(string template)
    {
        var elsewhere = Path.Combine(Path.GetTempPath(), $"toolflow-elsewhere-{Guid.NewGuid():N}.db");

        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => RunAsync(new JsonObject { ["sql"] = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, elsewhere) }));

        Assert.Equal("sql_error", failure.Code);
        Assert.False(File.Exists(elsewhere));
    }

    [Fact]
    public async Task MissingFile_IsNotCreated()
    {
        var missing = Path.Combine(directory, "missing.db");

        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => RunAsync(new JsonObject { ["sql"] = "SELECT 1" }, missing));

        Assert.Equal("db_connection", failure.Code);
        Assert.False(File.Exists(missing));
    }
}
