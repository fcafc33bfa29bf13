using System.Text.Json.Nodes;
using Toolflow.Tools.Credentials;
using Toolflow.Tools.Database;
using Toolflow.Tools.Http;

namespace Toolflow.Tools.Tests.Database;

/// <summary>db.query on PostgreSQL with the administrator's address policy.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresPolicyTests(PostgresCluster cluster)
{
    private static readonly JsonObject Select = new() { ["sql"] = "SELECT 1 AS one" };

    private Task<JsonObject> RunAsync(HttpToolOptions policy, string? connectionString = null) =>
        new DbQueryRunner(new DbToolOptions(), new AddressPolicy(policy)).RunAsync(
            (JsonObject)Select.DeepClone(),
            DbSecret.Parse("postgres", new JsonObject { ["connectionString"] = connectionString ?? cluster.ConnectionString }),
            CancellationToken.None);

    [PostgresFact]
    public async Task LoopbackHost_IsRefusedUnlessAllowed()
    {
        var allowed = new HttpToolOptions();
        allowed.AllowedRanges.Add("127.0.0.1/32");

        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => RunAsync(new HttpToolOptions()));
        var ok = await RunAsync(allowed);

        Assert.Equal("ssrf_refused", failure.Code);
        Assert.False(failure.Retryable);
        Assert.Equal(1, (long)ok["rows"]![0]!["one"]!);
    }

    [PostgresTheory]
    [InlineData("Host=/var/run/postgresql;Username=postgres")]
    [InlineData("Host=8.8.8.8:5433,127.0.0.1;Username=postgres")]
    [InlineData("Host=[::1];Username=postgres")]
    public async Task UnixSocketsAndAnyRefusedHostOfAMultiHostString_AreRefused(string connectionString)
    {
        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => RunAsync(new HttpToolOptions(), connectionString));

        Assert.Equal("ssrf_refused", failure.Code);
        Assert.False(failure.Retryable);
    }
}
