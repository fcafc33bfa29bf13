using System.Text.Json.Nodes;
using Npgsql;
using Toolflow.Tools.Credentials;
using Toolflow.Tools.Database;

namespace Toolflow.Tools.Tests.Database;

/// <summary>db.query against a real PostgreSQL cluster.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresQueryTests(PostgresCluster cluster)
{
    private DbSecret Secret() => DbSecret.Parse("postgres", new JsonObject { ["connectionString"] = cluster.ConnectionString });

    private Task<JsonObject> RunAsync(JsonObject config, DbSecret? secret = null) =>
        new DbQueryRunner(new DbToolOptions()).RunAsync(config, secret ?? Secret(), CancellationToken.None);

    private static JsonObject Query(string sql, JsonObject? parameters = null) => new() { ["sql"] = sql, ["parameters"] = parameters };

    [PostgresFact]
    public async Task Select_MapsEveryTypeToFaithfulJson()
    {
        var output = await RunAsync(Query("""
            SELECT 1::int AS i, 9007199254740993::bigint AS b, 1.50::numeric AS n, 2.5::float8 AS f, true AS t,
                   'x'::text AS s, NULL::text AS z, '{"a":[1,2]}'::jsonb AS j, '[1,"two"]'::json AS js,
                   '2024-01-02 03:04:05.5+02'::timestamptz AS ts, '2024-01-02 03:04:05'::timestamp AS tsn,
                   '2024-01-02'::date AS d, '\x010203'::bytea AS by, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid AS u,
                   ARRAY[1,2,3] AS arr, 'NaN'::float8 AS nan
            """));

        var row = output["rows"]![0]!;
        Assert.Equal(1, (long)row["i"]!);
        Assert.Equal(9007199254740993L, (long)row["b"]!);
        Assert.Equal(1.50m, (decimal)row["n"]!);
        Assert.Equal(2.5, (double)row["f"]!);
        Assert.True((bool)row["t"]!);
        Assert.Equal("x", (string)row["s"]!);
        Assert.Null(row["z"]);
        Assert.True(((JsonObject)row).ContainsKey("z"));
        Assert.Equal("""{"a":[1,2]}""", row["j"]!.ToJsonString());
        Assert.Equal("""[1,"two"]""", row["js"]!.ToJsonString());
        Assert.Equal("2024-01-02T01:04:05.5000000Z", (string)row["ts"]!);
        Assert.Equal("2024-01-02T03:04:05.0000000Z", (string)row["tsn"]!);
        Assert.Equal("2024-01-02", (string)row["d"]!);
        Assert.Equal("AQID", (string)row["by"]!);
        Assert.Equal("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", (string)row["u"]!);
        Assert.Equal("[1,2,3]", row["arr"]!.ToJsonString());
        Assert.Equal("NaN", (string)row["nan"]!);
        Assert.Equal(1, (int)output["rowCount"]!);
    }

    [PostgresFact]
    public async Task Parameters_AreBoundWithTheirJsonTypes()
    {
        await cluster.ExecuteAsync("CREATE TABLE params_t (id int, key uuid, at timestamptz); INSERT INTO params_t VALUES (7, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '2024-01-01Z')");

        var output = await RunAsync(Query(
            "SELECT @s AS s, @n + 1 AS n, @f * 2 AS f, @flag AS flag, @obj->>'k' AS k, @nothing::text AS nothing, (SELECT count(*) FROM params_t WHERE id = @id AND key = @key AND at < @before) AS c",
            new JsonObject
            {
                ["s"] = "text",
                ["n"] = 41,
                ["f"] = 1.25,
                ["flag"] = true,
                ["obj"] = new JsonObject { ["k"] = "v" },
                ["nothing"] = null,
                ["id"] = "7",
                ["key"] = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
                ["@before"] = "2025-01-01T00:00:00Z",
            }));

        var row = output["rows"]![0]!;
        Assert.Equal("text", (string)row["s"]!);
        Assert.Equal(42, (long)row["n"]!);
        Assert.Equal(2.5m, (decimal)row["f"]!);
        Assert.True((bool)row["flag"]!);
        Assert.Equal("v", (string)row["k"]!);
        Assert.Null(row["nothing"]);
        Assert.Equal(1, (long)row["c"]!);
    }

    [PostgresFact]
    public async Task ParametersTheSqlDoesNotUse_AreIgnored()
    {
        var output = await RunAsync(Query("SELECT 1 AS one", new JsonObject { ["unused"] = "x" }));

        Assert.Equal(1, (int)output["rowCount"]!);
    }

    [PostgresFact]
    public async Task InjectionThroughAParameter_StaysData()
    {
        await cluster.ExecuteAsync("CREATE TABLE inject_t (name text)");
        const string hostile = "'; DROP TABLE inject_t; --";

        var insert = await RunAsync(Query("INSERT INTO inject_t (name) VALUES (@name)", new JsonObject { ["name"] = hostile }));
        var select = await RunAsync(Query("SELECT name FROM inject_t WHERE name = @name", new JsonObject { ["name"] = hostile }));

        Assert.Equal(1, (int)insert["rowCount"]!);
        Assert.Equal(hostile, (string)select["rows"]![0]!["name"]!);
    }

    [PostgresFact]
    public async Task NonQuery_CountsAffectedRows_AndMaxRowsTruncates()
    {
        await cluster.ExecuteAsync("CREATE TABLE many_t AS SELECT g AS n FROM generate_series(1, 50) g");

        var update = await RunAsync(Query("UPDATE many_t SET n = n + 100 WHERE n <= @upTo", new JsonObject { ["upTo"] = 20 }));
        var capped = await RunAsync(new JsonObject { ["sql"] = "SELECT n FROM many_t ORDER BY n", ["maxRows"] = 5 });

        Assert.Equal(20, (int)update["rowCount"]!);
        Assert.Empty(update["rows"]!.AsArray());
        Assert.Equal(5, capped["rows"]!.AsArray().Count);
        Assert.True((bool)capped["truncated"]!);
    }

    [PostgresTheory]
    [InlineData("CREATE TABLE uniq_t (id int PRIMARY KEY); INSERT INTO uniq_t VALUES (1); INSERT INTO uniq_t VALUES (1)", "constraint_violation", false)]
    [InlineData("SELEC 1", "sql_error", false)]
    [InlineData("SELECT * FROM no_such_table", "sql_error", false)]
    [InlineData("SELECT 1/0", "invalid_data", false)]
    [InlineData("DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '40001'; END $$", "db_conflict", true)]
    [InlineData("DO $$ BEGIN RAISE EXCEPTION 'deadlock' USING ERRCODE = '40P01'; END $$", "db_conflict", true)]
    public async Task ServerErrors_AreTypedByRetryability(string sql, string code, bool retryable)
    {
        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => RunAsync(Query(sql)));

        Assert.Equal(code, failure.Code);
        Assert.Equal(retryable, failure.Retryable);
    }

    [PostgresFact]
    public async Task HugeNumbers_AreBoundAsDoubles_AndUnreadableTypesAskForACast()
    {
        var huge = await RunAsync(Query("SELECT @x * 2 AS x", new JsonObject { ["x"] = JsonNode.Parse("1e300") }));
        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => RunAsync(Query("SELECT (10::numeric ^ 40) AS big")));

        Assert.Equal(2e300, (double)huge["rows"]![0]!["x"]!);
        Assert.Equal("unsupported_type", failure.Code);
        Assert.Contains("'big'", failure.Message, StringComparison.Ordinal);
        Assert.False(failure.Retryable);
    }

    [PostgresFact]
    public async Task SlowQuery_TimesOutAsRetryable()
    {
        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => RunAsync(new JsonObject { ["sql"] = "SELECT pg_sleep(60)", ["timeoutMs"] = 300 }));

        Assert.Equal("timeout", failure.Code);
        Assert.True(failure.Retryable);
    }

    [PostgresFact]
    public async Task ReadOnly_RefusesWrites()
    {
        await cluster.ExecuteAsync("CREATE TABLE ro_t (n int)");

        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => RunAsync(new JsonObject { ["sql"] = "INSERT INTO ro_t VALUES (1)", ["readOnly"] = true }));
        var read = await RunAsync(new JsonObject { ["sql"] = "SELECT count(*) AS c FROM ro_t", ["readOnly"] = true });

        Assert.Equal("read_only", failure.Code);
        Assert.False(failure.Retryable);
        Assert.Equal(0, (long)read["rows"]![0]!["c"]!);
    }

    [PostgresFact]
    public async Task FieldCredential_Works_AndAWrongPasswordIsNotRetryableNorEchoed()
    {
        var server = cluster.Fields;
        JsonObject Fields(string password) => new()
        {
            ["host"] = server.Host,
            ["port"] = server.Port,
            ["database"] = server.Database,
            ["username"] = server.Username,
            ["password"] = password,
        };

        var ok = await RunAsync(Query("SELECT current_database() AS db"), DbSecret.Parse("postgres", Fields(server.Password ?? string.Empty)));
        Assert.Equal(server.Database, (string)ok["rows"]![0]!["db"]!);
        if (!cluster.EnforcesPasswords)
        {
            return;
        }

        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => RunAsync(Query("SELECT 1"), DbSecret.Parse("postgres", Fields("Wrong-pa55word-xyz"))));
        Assert.Equal("db_auth", failure.Code);
        Assert.False(failure.Retryable);
        Assert.DoesNotContain("Wrong-pa55word-xyz", failure.ToString(), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task NobodyListening_IsARetryableConnectionFailure()
    {
        var builder = new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Port = 1, Timeout = 5 };

        var failure = await Assert.ThrowsAsync<ToolFailureException>(() =>
            RunAsync(Query("SELECT 1"), DbSecret.Parse("postgres", new JsonObject { ["connectionString"] = builder.ConnectionString })));

        Assert.Equal("db_connection", failure.Code);
        Assert.True(failure.Retryable);
        Assert.DoesNotContain(builder.Password ?? "no password", failure.ToString(), StringComparison.Ordinal);
    }
}
