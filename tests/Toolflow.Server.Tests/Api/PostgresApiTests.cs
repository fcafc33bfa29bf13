using System.Net;
using System.Security.Cryptography;
using Toolflow.Testing.Postgres;
using static Toolflow.Server.Tests.Api.ApiTestData;

namespace Toolflow.Server.Tests.Api;

/// <summary>The same API over PostgreSQL: the main paths, to catch what only the other dialect does.</summary>
public sealed class PostgresApiTests
{
    [PostgresFact]
    public async Task CreateListUpdateExecuteControl_OnPostgres()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("api");
        try
        {
            await using var factory = new PostgresFactory(connectionString);
            using var admin = factory.AdminClient();
            var id = await admin.CreateWorkflowAsync("On postgres", "pg");
            await admin.CreateWorkflowAsync("Other", "elsewhere");

            using var listed = await admin.GetAsync("/api/v1/workflows?tag=pg&sort=-name&q=postgres");
            using var put = new HttpRequestMessage(HttpMethod.Put, Uri($"/api/v1/workflows/{id}")) { Content = Workflow("Renamed", "pg") };
            put.Headers.IfMatch.Add(new("\"1\""));
            using var updated = await admin.SendAsync(put);
            var executionId = await admin.ExecuteAsync(id);
            using var again = await admin.PostJsonAsync($"/api/v1/workflows/{id}/execute", """{"input":{"who":"Ada"},"idempotencyKey":"same"}""");
            using var replay = await admin.PostJsonAsync($"/api/v1/workflows/{id}/execute", """{"input":{"who":"Ada"},"idempotencyKey":"same"}""");
            using var executions = await admin.GetAsync($"/api/v1/workflows/{id}/executions?limit=10");
            using var paused = await admin.PostEmptyAsync($"/api/v1/executions/{executionId}/pause");
            using var cancelled = await admin.PostEmptyAsync($"/api/v1/executions/{executionId}/cancel");
            using var cancelledAgain = await admin.PostEmptyAsync($"/api/v1/executions/{executionId}/cancel");
            using var credential = await admin.PostJsonAsync("/api/v1/credentials", """{"name":"pg-cred","type":"postgres","data":{"password":"pw"}}""");
            var (_, member) = await factory.CreateMemberAsync();
            using (member)
            {
                using var hidden = await member.GetAsync($"/api/v1/workflows/{id}");
                await hidden.AssertProblemAsync(HttpStatusCode.NotFound);
            }

            Assert.Equal(["On postgres"], (await listed.ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(w => w.GetProperty("name").GetString()));
            Assert.Equal(2, (await updated.ReadJsonAsync()).GetProperty("version").GetInt32());
            Assert.Equal((await again.ReadJsonAsync()).GetProperty("id").GetGuid(), (await replay.ReadJsonAsync()).GetProperty("id").GetGuid());
            Assert.Equal(2, (await executions.ReadJsonAsync()).GetProperty("items").GetArrayLength());
            Assert.Equal("paused", (await paused.ReadJsonAsync()).GetProperty("status").GetString());
            Assert.Equal("cancelled", (await cancelled.ReadJsonAsync()).GetProperty("status").GetString());
            await cancelledAgain.AssertProblemAsync(HttpStatusCode.Conflict);
            Assert.Equal(HttpStatusCode.Created, credential.StatusCode);
        }
        finally
        {
            await server.DropDatabaseAsync(connectionString);
        }
    }

    private sealed class PostgresFactory(string connectionString) : ToolflowFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["Database:Provider"] = "postgres",
            ["Database:ConnectionString"] = connectionString,
            ["Secrets:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
    }
}
