using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Toolflow.LoadTest.Scenarios.Webhook;

/// <summary>
/// The comparison with n8n: an active workflow whose webhook answers synchronously, in front
/// of ten <c>data.set</c> nodes in a chain. One operation is one <c>POST /hooks/{id}</c> that comes
/// back 200 with the completed execution — so each sample is a whole durable run (row and job
/// inserted, claimed by a worker, ten node commits, the answer).
/// </summary>
public sealed class SynchronousWebhookScenario : IScenario
{
    private const int NodeCount = 10;

    public string Name => "webhook";

    public string Description => $"synchronous webhook → {NodeCount} data.set nodes";

    public async Task<IScenarioRun> PrepareAsync(HttpClient admin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var nodes = new JsonArray();
        var edges = new JsonArray();
        for (var i = 0; i < NodeCount; i++)
        {
            var previous = i == 0 ? "input.n" : $"nodes.set{i - 1}.output.n";
            nodes.Add(new JsonObject
            {
                ["id"] = $"set{i}",
                ["tool"] = "data.set",
                ["config"] = new JsonObject { ["values"] = new JsonObject { ["n"] = $"{{{{ {previous} + 1 }}}}", ["step"] = i } },
            });
            if (i > 0)
            {
                edges.Add(new JsonObject { ["source"] = $"set{i - 1}", ["target"] = $"set{i}" });
            }
        }

        var workflow = new JsonObject
        {
            ["name"] = "load test: synchronous webhook",
            ["status"] = "active",
            ["trigger"] = new JsonObject { ["type"] = "webhook", ["synchronous"] = true },
            ["nodes"] = nodes,
            ["edges"] = edges,
        };
        using var created = await admin.PostAsJsonAsync("/api/v1/workflows", workflow, cancellationToken);
        if (created.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"creating the workflow answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync(cancellationToken)}");
        }

        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync(cancellationToken));
        var hookId = body.RootElement.GetProperty("trigger").GetProperty("hookId").GetString()!;
        return new Run(hookId);
    }

    private sealed class Run(string hookId) : IScenarioRun
    {
        private static readonly byte[] Payload = Encoding.UTF8.GetBytes("""{"n":1}""");

        public async Task<bool> SendAsync(HttpClient client, CancellationToken cancellationToken)
        {
            using var content = new ByteArrayContent(Payload);
            content.Headers.ContentType = new("application/json");
            using var response = await client.PostAsync(new Uri($"/hooks/{hookId}", UriKind.Relative), content, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            // Check the answer is the finished run, not just any 200: the last node's value.
            using var answer = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
            return answer.RootElement.GetProperty("status").GetString() == "completed"
                && answer.RootElement.GetProperty("output").GetProperty($"set{NodeCount - 1}").GetProperty("n").GetInt32() == NodeCount + 1;
        }
    }
}
