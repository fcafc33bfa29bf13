using System.Net;
using System.Security.Cryptography;
using System.Text;
using Toolflow.Server.Tests.Api;
using Toolflow.Testing.Postgres;
using static Toolflow.Server.Tests.Api.ApiTestData;

namespace Toolflow.Server.Tests.Triggers;

/// <summary>Triggers over PostgreSQL with real workers: a synchronous webhook answers with the ended run, which starts its workflow-triggered target once.</summary>
public sealed class PostgresTriggerTests
{
    [PostgresFact]
    public async Task SynchronousHook_ThenWorkflowTrigger_OnPostgres()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("triggers");
        try
        {
            await using var factory = new Factory(connectionString);
            using var admin = factory.AdminClient();
            using var created = await admin.PostJsonAsync("/api/v1/workflows", """
                { "name": "pg hook", "status": "active", "trigger": { "type": "webhook", "synchronous": true },
                  "nodes": [ { "id": "double", "tool": "data.set", "config": { "values": { "n": "{{ input.n * 2 }}" } } } ], "edges": [] }
                """);
            var source = await created.ReadJsonAsync();
            var sourceId = source.GetProperty("id").GetGuid();
            using var target = await admin.PostJsonAsync("/api/v1/workflows", $$$"""
                { "name": "pg target", "status": "active", "trigger": { "type": "workflow", "workflowId": "{{{sourceId}}}" },
                  "nodes": [ { "id": "plus", "tool": "data.set", "config": { "values": { "n": "{{ input.double.n + 1 }}" } } } ], "edges": [] }
                """);
            var targetId = (await target.ReadJsonAsync()).GetProperty("id").GetGuid();

            using var client = factory.CreateClient();
            using var hooked = await client.PostAsync(
                Uri($"/hooks/{source.GetProperty("trigger").GetProperty("hookId").GetString()}"), new StringContent("""{"n":21}""", Encoding.UTF8, "application/json"));
            var answer = await hooked.ReadJsonAsync();

            Assert.Equal(HttpStatusCode.OK, hooked.StatusCode);
            Assert.Equal(42, answer.GetProperty("output").GetProperty("double").GetProperty("n").GetInt32());
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (true)
            {
                using var listed = await admin.GetAsync($"/api/v1/workflows/{targetId}/executions");
                var items = (await listed.ReadJsonAsync()).GetProperty("items");
                if (items.GetArrayLength() == 1 && items[0].GetProperty("status").GetString() == "completed")
                {
                    using var one = await admin.GetAsync($"/api/v1/executions/{items[0].GetProperty("id").GetGuid()}");
                    Assert.Equal(43, (await one.ReadJsonAsync()).GetProperty("output").GetProperty("plus").GetProperty("n").GetInt32());
                    break;
                }

                Assert.True(items.GetArrayLength() <= 1, "the target started more than once");
                Assert.False(deadline.IsCancellationRequested, "the target never completed");
                await Task.Delay(100, CancellationToken.None);
            }
        }
        finally
        {
            await server.DropDatabaseAsync(connectionString);
        }
    }

    private sealed class Factory(string connectionString) : ToolflowFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["Database:Provider"] = "postgres",
            ["Database:ConnectionString"] = connectionString,
            ["Secrets:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Workers:Enabled"] = "true",
            ["Workers:PollInterval"] = "00:00:00.100",
            ["Workers:SweepInterval"] = "00:00:00.200",
        };
    }
}
