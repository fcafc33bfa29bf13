using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Toolflow.Server.Templates;
using Toolflow.Server.Tests.Api;
using Toolflow.Tools.Tests.Email;
using Toolflow.Tools.Tests.Http;
using Toolflow.Tools.Tests.Llm;
using static Toolflow.Server.Tests.Api.ApiTestData;

namespace Toolflow.Server.Tests.Templates;

/// <summary>
/// Every shipped starter template, seeded on first start, instantiated through the API with example
/// parameters and RUN by the real workers against real local peers: an HTTP server, an SMTP server,
/// an OpenAI-compatible server and a SQLite file. Approvals are signalled; schedule and webhook
/// workflows are started with POST /workflows/{id}/execute.
/// </summary>
public sealed class StarterTemplateRunTests(StarterTemplateRunTests.PeerAllowingFactory factory) : IClassFixture<StarterTemplateRunTests.PeerAllowingFactory>
{
    [Fact]
    public async Task StartersAreSeededOnce_Published_WithNoAuthor()
    {
        var starters = StarterTemplates.Load();
        using var admin = factory.AdminClient();
        using var list = await admin.GetAsync("/api/v1/templates?published=true&limit=100");
        var items = (await list.ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();

        Assert.True(starters.Count >= 12, $"only {starters.Count} starter templates");
        foreach (var starter in starters)
        {
            var row = Assert.Single(items, t => t.GetProperty("id").GetGuid() == starter.Id);
            Assert.False(row.TryGetProperty("authorId", out _));
            Assert.True(row.GetProperty("isPublished").GetBoolean());
        }

        // A second start seeds nothing more (fixed ids, ON CONFLICT DO NOTHING).
        var seeder = new StarterTemplateSeeder(factory.Repositories, Microsoft.Extensions.Logging.Abstractions.NullLogger<StarterTemplateSeeder>.Instance);
        await seeder.StartAsync(CancellationToken.None);
        Assert.Equal(starters.Count, await factory.CountAsync("SELECT count(*) FROM workflow_templates WHERE author_id IS NULL"));
    }

    [Fact]
    public async Task EveryStarter_InstantiatesAndRunsToCompletion()
    {
        var posted = new ConcurrentQueue<(string Path, string Body)>();
        var flakyCalls = new ConcurrentDictionary<string, int>();
        await using var http = await LocalHttpPeer.StartAsync(app =>
        {
            app.MapPost("/ingest", async (HttpRequest r) => Record(posted, r, await new StreamReader(r.Body).ReadToEndAsync()));
            app.MapPost("/chat", async (HttpRequest r) => Record(posted, r, await new StreamReader(r.Body).ReadToEndAsync()));
            app.MapPost("/upload", async (HttpRequest r) => Record(posted, r, await new StreamReader(r.Body).ReadToEndAsync()));
            app.MapGet("/report", () => Results.Json(new { orders = 12, revenue = 3400.5 }));
            app.MapGet("/page", () => Results.Text("<html><body><h1>Toolflow</h1><p>Durable workflows.</p></body></html>", "text/html"));
            app.MapGet("/flaky/{key}", (string key) => flakyCalls.AddOrUpdate(key, 1, (_, n) => n + 1) == 1 ? Results.StatusCode(503) : Results.Json(new { key }));
            app.MapGet("/health", () => Results.StatusCode(503));
            app.MapGet("/primary", () => Results.StatusCode(500));
            app.MapGet("/fallback", () => Results.Json(new { from = "fallback" }));
        });
        var llmRequests = new ConcurrentQueue<(JsonObject Body, string? Authorization)>();
        await using var llm = await FakeLlmPeers.StartAsync(llmRequests);
        await using var smtp = await LocalSmtpPeer.StartAsync();
        var dbPath = Path.Combine(Path.GetTempPath(), $"toolflow-starters-{Guid.NewGuid():N}.db");
        await PrepareDatabaseAsync(dbPath);

        var (_, owner) = await factory.CreateMemberAsync();
        using (owner)
        {
            await CreateCredentialAsync(owner, "smtp-test", "smtp", new JsonObject { ["host"] = "127.0.0.1", ["port"] = smtp.Port, ["security"] = "none" });
            await CreateCredentialAsync(owner, "llm-test", "openai", new JsonObject { ["apiKey"] = "sk-test", ["baseUrl"] = llm.Url("/v1").ToString(), ["model"] = "test-model" });
            await CreateCredentialAsync(owner, "db-test", "sqlite", new JsonObject { ["path"] = dbPath });
            var examples = Examples(http);

            var starters = StarterTemplates.Load();
            Assert.Equal(starters.Select(s => s.Slug).Order(StringComparer.Ordinal), examples.Keys.Order(StringComparer.Ordinal));
            var failures = new List<string>();
            foreach (var starter in starters)
            {
                var example = examples[starter.Slug];
                var outcome = await RunAsync(owner, starter, example);
                if (outcome is not null)
                {
                    failures.Add($"{starter.Slug}: {outcome}");
                }
            }

            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }

        // The side effects really happened, where each starter says it does.
        Assert.Contains(posted, p => p.Path == "/ingest" && p.Body.Contains("\"order-7\"", StringComparison.Ordinal) && p.Body.Contains("\"shop\"", StringComparison.Ordinal));
        Assert.Contains(posted, p => p.Path == "/chat" && p.Body.Contains("[deploy] v2 shipped", StringComparison.Ordinal));
        Assert.Contains(posted, p => p.Path == "/upload" && p.Body.StartsWith("id,name", StringComparison.Ordinal) && p.Body.Contains("\"Smith, Jane\"", StringComparison.Ordinal));
        Assert.Equal(2, flakyCalls["a"]); // failed once, retried once
        var subjects = smtp.Received.Select(m => m.Message.Subject).ToList();
        Assert.Contains("Daily report for Ops", subjects);
        Assert.Contains("Checkout is unhealthy", subjects);
        Assert.Contains("Following up", subjects);
        Assert.Contains("Quarterly update", subjects);
        Assert.NotEmpty(llmRequests);
        await using var connection = new SqliteConnection($"Data Source={dbPath}");
        await connection.OpenAsync();
        Assert.Equal(1L, await ScalarAsync(connection, "SELECT count(*) FROM approved_requests WHERE requester = 'Ada' AND amount = 125.5 AND currency = 'EUR'"));
        Assert.Equal(1L, await ScalarAsync(connection, "SELECT count(*) FROM events"));
    }

    private static async Task<string?> RunAsync(HttpClient owner, StarterTemplate starter, Example example)
    {
        using var instantiated = await owner.PostJsonAsync($"/api/v1/templates/{starter.Id}/instantiate", new JsonObject { ["parameters"] = example.Parameters.DeepClone() }.ToJsonString());
        if (instantiated.StatusCode != HttpStatusCode.Created)
        {
            return $"instantiate answered {(int)instantiated.StatusCode}: {await instantiated.Content.ReadAsStringAsync()}";
        }

        var workflowId = (await instantiated.ReadJsonAsync()).GetProperty("id").GetGuid();
        using var started = await owner.PostJsonAsync($"/api/v1/workflows/{workflowId}/execute", new JsonObject { ["input"] = example.Input.DeepClone() }.ToJsonString());
        if (started.StatusCode != HttpStatusCode.Accepted)
        {
            return $"execute answered {(int)started.StatusCode}: {await started.Content.ReadAsStringAsync()}";
        }

        var executionId = (await started.ReadJsonAsync()).GetProperty("id").GetGuid();
        var signalled = false;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            using var response = await owner.GetAsync($"/api/v1/executions/{executionId}");
            var execution = await response.ReadJsonAsync();
            var status = execution.GetProperty("status").GetString();
            if (status == "completed")
            {
                return null;
            }

            if (status is "failed" or "cancelled")
            {
                return $"ended {status}: {execution}";
            }

            if (status == "waiting" && example.Approve && !signalled
                && execution.GetProperty("nodes").EnumerateArray().Any(n => n.GetProperty("nodeId").GetString() == "approve" && n.GetProperty("status").GetString() == "running"))
            {
                using var signal = await owner.PostJsonAsync($"/api/v1/executions/{executionId}/signal", """{"nodeId":"approve","approved":true,"payload":{"by":"test"}}""");
                if (signal.StatusCode != HttpStatusCode.Accepted)
                {
                    return $"signal answered {(int)signal.StatusCode}: {await signal.Content.ReadAsStringAsync()}";
                }

                signalled = true;
            }

            if (timeout.IsCancellationRequested)
            {
                return $"still {status} when the test gave up: {execution}";
            }

            await Task.Delay(100);
        }
    }

    private static Dictionary<string, Example> Examples(LocalHttpPeer http)
    {
        string Url(string path) => http.Url(path).ToString();
        return new Dictionary<string, Example>(StringComparer.Ordinal)
        {
            ["webhook-transform-forward"] = new(new() { ["targetUrl"] = Url("/ingest"), ["sourceName"] = "shop" }, new() { ["orderId"] = "order-7" }),
            ["daily-report-email"] = new(new() { ["metricsUrl"] = Url("/report"), ["recipient"] = "ops@example.org", ["teamName"] = "Ops", ["smtpCredential"] = "smtp-test" }, new()),
            ["llm-url-summary"] = new(new() { ["llmCredential"] = "llm-test", ["model"] = "test-model", ["maxSentences"] = 2 }, new() { ["url"] = Url("/page") }),
            ["approval-before-db-write"] = new(new() { ["dbCredential"] = "db-test" }, new() { ["requester"] = "Ada", ["amount"] = 125.5 }, Approve: true),
            ["fan-out-with-retries"] = new(new() { ["concurrency"] = 2, ["maxAttempts"] = 3, ["initialDelayMs"] = 10 }, new() { ["urls"] = new JsonArray(Url("/flaky/a"), Url("/fallback"), Url("/report")) }),
            ["health-check-alert"] = new(new() { ["healthUrl"] = Url("/health"), ["serviceName"] = "Checkout", ["recipient"] = "oncall@example.org", ["smtpCredential"] = "smtp-test" }, new()),
            ["scheduled-db-cleanup"] = new(new() { ["dbCredential"] = "db-test", ["retentionDays"] = 30 }, new()),
            ["llm-classify-and-route"] = new(new() { ["llmCredential"] = "llm-test", ["model"] = "test-model" }, new() { ["text"] = "My invoice is wrong" }),
            ["delayed-follow-up"] = new(new() { ["delayMs"] = 50, ["smtpCredential"] = "smtp-test" }, new() { ["email"] = "lead@example.org", ["name"] = "Lee" }),
            ["webhook-chat-notification"] = new(new() { ["chatWebhookUrl"] = Url("/chat"), ["prefix"] = "[deploy]" }, new() { ["title"] = "v2 shipped" }),
            ["http-with-fallback"] = new(new() { ["primaryUrl"] = Url("/primary"), ["fallbackUrl"] = Url("/fallback"), ["maxAttempts"] = 1 }, new()),
            ["db-export-to-http"] = new(new() { ["dbCredential"] = "db-test", ["targetUrl"] = Url("/upload") }, new()),
            ["llm-draft-with-approval"] = new(new() { ["llmCredential"] = "llm-test", ["smtpCredential"] = "smtp-test", ["model"] = "test-model" }, new() { ["to"] = "board@example.org", ["topic"] = "Quarterly update" }, Approve: true),
        };
    }

    private static async Task PrepareDatabaseAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE approved_requests (requester TEXT NOT NULL, amount REAL NOT NULL, currency TEXT NOT NULL, approved_at TEXT NOT NULL);
            CREATE TABLE events (id INTEGER PRIMARY KEY, created_at TEXT NOT NULL);
            INSERT INTO events (created_at) VALUES ('2000-01-01T00:00:00.000Z'), ('2999-01-01T00:00:00.000Z');
            CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
            INSERT INTO customers (name) VALUES ('Ada'), ('Smith, Jane');
            """;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static async Task CreateCredentialAsync(HttpClient client, string name, string type, JsonObject data)
    {
        using var response = await client.PostJsonAsync("/api/v1/credentials", new JsonObject { ["name"] = name, ["type"] = type, ["data"] = data }.ToJsonString());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private static IResult Record(ConcurrentQueue<(string, string)> posted, HttpRequest request, string body)
    {
        posted.Enqueue((request.Path.Value ?? string.Empty, body));
        return Results.Json(new { ok = true });
    }

    private sealed record Example(JsonObject Parameters, JsonObject Input, bool Approve = false);

    /// <summary>Workers on, and the SSRF guard told that the local peers on 127.0.0.0/8 are allowed.</summary>
    public sealed class PeerAllowingFactory : ToolflowFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["Api:MaxRequestBodyBytes"] = "65536",
            ["Workers:Enabled"] = "true",
            ["Workers:PollInterval"] = "00:00:00.100",
            ["Workers:SweepInterval"] = "00:00:00.200",
            ["Tools:Http:AllowedRanges:0"] = "127.0.0.0/8",
            ["Tools:Database:SqliteDirectories:0"] = Path.GetTempPath(),
        };
    }
}
