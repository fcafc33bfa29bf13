using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Toolflow.Server.Tests.Api;
using Toolflow.Testing.Postgres;

namespace Toolflow.Server.Tests.Processes;

/// <summary>Two real <c>toolflow serve</c> processes on one PostgreSQL: execute on one, stream the events from the other.</summary>
public sealed class TwoServerStreamingTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("toolflow-two-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [PostgresFact]
    public async Task An_execution_run_by_one_process_streams_in_order_from_the_other()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("two");
        var environment = new Dictionary<string, string>
        {
            ["TOOLFLOW__DATABASE__PROVIDER"] = "postgres",
            ["TOOLFLOW__DATABASE__CONNECTIONSTRING"] = connectionString,
            ["TOOLFLOW__SECRETS__MASTERKEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["TOOLFLOW__WORKERS__POLLINTERVAL"] = "00:00:00.100",
        };
        try
        {
            var runnerAddress = new Uri($"http://127.0.0.1:{ToolflowProcess.FreePort()}");
            await using var runner = ToolflowProcess.Start(folder, ["serve", "--urls", runnerAddress.ToString()], environment, runnerAddress);
            (await runner.WaitForAsync("/health/ready", TimeSpan.FromSeconds(90))).Dispose();
            var streamerAddress = new Uri($"http://127.0.0.1:{ToolflowProcess.FreePort()}");
            await using var streamer = ToolflowProcess.Start(
                folder, ["serve", "--urls", streamerAddress.ToString(), "--Workers:Enabled=false"], environment, streamerAddress);
            (await streamer.WaitForAsync("/health/ready", TimeSpan.FromSeconds(90))).Dispose();
            var key = (await File.ReadAllTextAsync(Path.Combine(folder, "data", "admin.key"))).Trim();

            using var onRunner = Client(runnerAddress, key);
            using var onStreamer = Client(streamerAddress, key);
            using var created = await onRunner.PostJsonAsync("/api/v1/workflows", """
                { "name": "Two processes", "status": "active",
                  "nodes": [
                    { "id": "a", "tool": "data.template", "config": { "template": "one" } },
                    { "id": "wait", "tool": "flow.delay", "config": { "durationMs": 1500 } },
                    { "id": "b", "tool": "data.template", "config": { "template": "two" } } ],
                  "edges": [ { "source": "a", "target": "wait" }, { "source": "wait", "target": "b" } ] }
                """);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var workflowId = (await created.ReadJsonAsync()).GetProperty("id").GetGuid();
            var executionId = await onRunner.ExecuteAsync(workflowId);

            // Subscribed on the other process while the run is under way: replay, then live, to the end.
            var frames = await Toolflow.Server.Tests.RealTime.EventStreamReader.ReadToEndAsync(onStreamer, executionId);

            Assert.Equal(Enumerable.Range(1, frames.Count).Select(i => (long)i), frames.Select(f => f.Id));
            Assert.Equal(["a", "wait", "b"], frames.Where(f => f.Type == "node.completed").Select(f => f.NodeId));
            Assert.Equal("execution.status", frames[^1].Type);
            Assert.Contains("\"completed\"", frames[^1].Data, StringComparison.Ordinal);
        }
        finally
        {
            await server.DropDatabaseAsync(connectionString);
        }
    }

    private static HttpClient Client(Uri address, string key)
    {
        var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
