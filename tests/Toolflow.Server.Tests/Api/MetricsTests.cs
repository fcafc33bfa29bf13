using System.Net;
using System.Text.RegularExpressions;

namespace Toolflow.Server.Tests.Api;

/// <summary>/metrics after a real execution: executions by status, node durations, queue depth, claim latency.</summary>
public sealed partial class MetricsTests(MetricsTests.Factory factory) : IClassFixture<MetricsTests.Factory>
{
    [Fact]
    public async Task After_a_run_the_metrics_show_its_status_its_nodes_and_the_queue()
    {
        using var client = factory.AdminClient();
        var workflowId = await client.CreateWorkflowAsync("metered");
        var executionId = await client.ExecuteAsync(workflowId);
        await WaitForAsync(client, $"/api/v1/executions/{executionId}", new Regex("\"status\":\"completed\""));

        // The gauge is refreshed from the database in the background: wait for the refresh that counts this run.
        var text = await WaitForAsync(client, "/metrics", Series("toolflow_executions", "status=\"completed\""));

        Assert.Matches(Series("toolflow_executions_finished_total", "status=\"completed\""), text);
        Assert.Matches(Series("toolflow_node_duration_milliseconds_count", "status=\"completed\""), text);
        Assert.Matches(Series("toolflow_queue_claim_duration_milliseconds_count", string.Empty), text);
        Assert.Matches(Series("toolflow_queue_wait_milliseconds_count", string.Empty), text);
        Assert.Contains("toolflow_queue_depth", text, StringComparison.Ordinal);
        Assert.Matches(Series("dotnet_gc_last_collection_memory_committed_size_bytes", string.Empty), text);
        Assert.Matches(Series("dotnet_process_memory_working_set_bytes", string.Empty), text);
        // The view that caps each metric's label combinations keeps the buckets ASP.NET Core advises for request durations.
        Assert.Matches(new Regex("(?m)^http_server_request_duration_seconds_bucket\\{[^}]*le=\"0.005\"[^}]*\\} [0-9]+"), text);
    }

    /// <summary>A series with the label, and a count of at least one.</summary>
    private static Regex Series(string name, string label) =>
        new($"(?m)^{Regex.Escape(name)}\\{{[^}}]*{Regex.Escape(label)}[^}}]*\\}} [1-9][0-9]*(\\.[0-9]+)?( |$)");

    private static async Task<string> WaitForAsync(HttpClient client, string path, Regex needle)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            if (needle.IsMatch(text))
            {
                return text;
            }

            Assert.False(deadline.IsCancellationRequested, $"{path} never showed {needle}: {text}");
            await Task.Delay(200, CancellationToken.None);
        }
    }

    public sealed class Factory : ToolflowFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["Workers:Enabled"] = "true",
            ["Workers:PollInterval"] = "00:00:00.100",
            ["Telemetry:GaugeInterval"] = "00:00:00.200",
        };
    }
}
