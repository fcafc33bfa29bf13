using System.Text.Json.Nodes;

namespace Toolflow.Benchmarks.Validation;

/// <summary>
/// A realistic 200-node definition: 50 lanes of fetch → check → (true) render → store, with
/// expressions in most configs, retries, a schedule trigger, an input schema and a fan-in merge.
/// </summary>
internal static class LargeDefinition
{
    public static string Create(int lanes = 50)
    {
        var nodes = new JsonArray();
        var edges = new JsonArray();
        for (var lane = 0; lane < lanes; lane++)
        {
            var fetch = $"fetch_{lane}";
            var check = $"check_{lane}";
            var render = $"render_{lane}";
            var store = $"store_{lane}";
            nodes.Add(new JsonObject
            {
                ["id"] = fetch,
                ["tool"] = "http.request",
                ["config"] = new JsonObject
                {
                    ["method"] = "GET",
                    ["url"] = $"https://api.example.org/items/{lane}?q={{{{ input.topic }}}}",
                    ["headers"] = new JsonObject { ["Accept"] = "application/json" },
                    ["timeoutMs"] = "{{ input.timeoutMs }}",
                },
                ["retry"] = new JsonObject { ["maxAttempts"] = 3, ["backoff"] = "exponential", ["initialDelayMs"] = 200 },
                ["timeoutMs"] = 10000,
            });
            nodes.Add(new JsonObject
            {
                ["id"] = check,
                ["tool"] = "flow.condition",
                ["config"] = new JsonObject { ["expression"] = $"{{{{ nodes.{fetch}.output.status == 200 && nodes.{fetch}.output.body.items.length > 0 }}}}" },
            });
            nodes.Add(new JsonObject
            {
                ["id"] = render,
                ["tool"] = "data.template",
                ["forEach"] = $"{{{{ nodes.{fetch}.output.body.items }}}}",
                ["concurrency"] = 4,
                ["config"] = new JsonObject { ["template"] = "Item {{ index }}: {{ item.title }} ({{ item.price * 1.2 }} EUR)" },
            });
            nodes.Add(new JsonObject
            {
                ["id"] = store,
                ["tool"] = "db.query",
                ["credential"] = "warehouse",
                ["onError"] = "continue",
                ["config"] = new JsonObject
                {
                    ["sql"] = "insert into digests(lane, text) values (@lane, @text)",
                    ["parameters"] = new JsonObject { ["lane"] = lane, ["text"] = $"{{{{ nodes.{render}.output.map(r => r.text).join('\\n') }}}}" },
                },
            });
            edges.Add(new JsonObject { ["source"] = fetch, ["target"] = check });
            edges.Add(new JsonObject { ["source"] = check, ["target"] = render, ["branch"] = "true" });
            edges.Add(new JsonObject { ["source"] = render, ["target"] = store });
            if (lane > 0)
            {
                edges.Add(new JsonObject { ["source"] = $"store_{lane - 1}", ["target"] = store });
            }
        }

        return new JsonObject
        {
            ["name"] = "Two hundred nodes",
            ["description"] = "Benchmark definition",
            ["tags"] = new JsonArray("bench"),
            ["trigger"] = new JsonObject { ["type"] = "schedule", ["cron"] = "0 8 * * 1-5", ["timezone"] = "Europe/Paris" },
            ["inputSchema"] = JsonNode.Parse("""{ "type": "object", "properties": { "topic": { "type": "string" }, "timeoutMs": { "type": "integer" } } }"""),
            ["nodes"] = nodes,
            ["edges"] = edges,
            ["output"] = $"{{{{ nodes.store_{lanes - 1}.output }}}}",
        }.ToJsonString();
    }
}
