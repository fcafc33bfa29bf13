using System.Text.Json.Nodes;
using Toolflow.Tools.Credentials;
using Toolflow.Tools.Database;

namespace Toolflow.Tools.Tests.Database;

/// <summary>Malformed, oversized and hostile db.query configs and database credentials.</summary>
public sealed class DbQuerySpecTests
{
    [Theory]
    [InlineData("{}", "sql is required")]
    [InlineData("{\"sql\":\"   \"}", "sql is required")]
    [InlineData("{\"sql\":42}", "sql must be a string")]
    [InlineData("{\"sql\":\"SELECT @a\"}", "sql uses @a but parameters has no 'a'")]
    [InlineData("{\"sql\":\"SELECT @a, @b\",\"parameters\":{\"a\":1}}", "@b")]
    [InlineData("{\"sql\":\"SELECT 1\",\"parameters\":[1]}", "parameters must be an object")]
    [InlineData("{\"sql\":\"SELECT 1\",\"parameters\":{\"a;DROP\":1}}", "parameters holds a name")]
    [InlineData("{\"sql\":\"SELECT 1\",\"parameters\":{\"a\":1,\"@a\":2}}", "names 'a' twice")]
    [InlineData("{\"sql\":\"SELECT 1\",\"maxRows\":0}", "maxRows must be between")]
    [InlineData("{\"sql\":\"SELECT 1\",\"maxRows\":1.5}", "maxRows must be an integer")]
    [InlineData("{\"sql\":\"SELECT 1\",\"timeoutMs\":-1}", "timeoutMs must be between")]
    [InlineData("{\"sql\":\"SELECT 1\",\"readOnly\":\"yes\"}", "readOnly must be true or false")]
    public void From_BadConfig_IsANonRetryableConfigFailure(string json, string mentioned)
    {
        var failure = Assert.Throws<ToolFailureException>(() => DbQuerySpec.From(JsonNode.Parse(json)!.AsObject(), new DbToolOptions()));

        Assert.Equal("invalid_config", failure.Code);
        Assert.False(failure.Retryable);
        Assert.Contains(mentioned, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_OversizedSql_IsRefused()
    {
        var options = new DbToolOptions { MaxSqlChars = 100 };

        var failure = Assert.Throws<ToolFailureException>(() => DbQuerySpec.From(new JsonObject { ["sql"] = new string(' ', 101) + "SELECT 1" }, options));

        Assert.Contains("sql is longer than 100", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Placeholders_InsideLiteralsAndComments_AreNotParameters()
    {
        var spec = DbQuerySpec.From(new JsonObject
        {
            ["sql"] = """
                SELECT 'me@example.org', "odd@col", $tag$ @inside $tag$, a @> b, E'it\'s @escaped', 'it''s @doubled' -- @comment
                /* @block */ FROM t WHERE x = @real AND y = @real::int
                """,
            ["parameters"] = new JsonObject { ["real"] = 1 },
        }, new DbToolOptions());

        Assert.Equal(1000, spec.MaxRows);
        Assert.Equal(TimeSpan.FromSeconds(30), spec.Timeout);
    }

    [Theory]
    [InlineData("postgres", "{}", "host is required")]
    [InlineData("postgres", "{\"connectionString\":\"Host=db;Password=Secret-Value-1;Bogus Key=1\"}", "not a valid PostgreSQL connection string")]
    [InlineData("postgres", "{\"connectionString\":\"Password=Secret-Value-1\"}", "has no Host")]
    [InlineData("postgres", "{\"host\":\"db\",\"database\":\"d\",\"username\":\"u\",\"port\":0}", "port must be between")]
    [InlineData("sqlite", "{}", "path is required")]
    [InlineData("mysql", "{}", "postgres or sqlite")]
    public void DbSecret_BadFields_AreCredentialFailures_WithoutValues(string type, string json, string mentioned)
    {
        var failure = Assert.Throws<ToolFailureException>(() => DbSecret.Parse(type, JsonNode.Parse(json)!.AsObject()));

        Assert.Equal("invalid_credential", failure.Code);
        Assert.Contains(mentioned, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret-Value-1", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void DbSecret_ToString_HidesTheConnectionString()
    {
        var secret = DbSecret.Parse("postgres", new JsonObject { ["host"] = "db", ["database"] = "d", ["username"] = "u", ["password"] = "Secret-Value-1" });

        Assert.DoesNotContain("Secret-Value-1", secret.ToString(), StringComparison.Ordinal);
        Assert.Contains("Secret-Value-1", secret.ConnectionString, StringComparison.Ordinal);
    }
}
