using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Toolflow.Server.Tests.Api;
using Toolflow.Storage.Database;
using Toolflow.Testing.Sql;
using static Toolflow.Server.Tests.Api.ApiTestData;

namespace Toolflow.Server.Tests.Triggers;

/// <summary>The optional per-hook limit (<c>Api:RateLimit:WebhookPermitsPerMinute</c>): refusals are 429 and enqueue nothing; off by default.</summary>
public sealed class WebhookRateLimitTests
{
    private const int Limit = 2;

    public sealed class Limited(LimitedFactory factory) : IClassFixture<LimitedFactory>
    {
        [Fact]
        public async Task AHookOverItsLimit_Gets429ProblemDetails_EnqueuesNothing_OtherHooksDoNot()
        {
            using var admin = factory.AdminClient();
            var busy = await CreateHookAsync(admin);
            var quiet = await CreateHookAsync(admin);
            using var sender = factory.CreateClient();
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < Limit; i++)
            {
                using var accepted = await sender.PostJsonAsync($"/hooks/{busy}", """{"n":1}""");
                statuses.Add(accepted.StatusCode);
            }

            var before = await CountsAsync(factory);
            using var refused = await sender.PostJsonAsync($"/hooks/{busy}", """{"n":2}""");
            var after = await CountsAsync(factory);
            using var other = await sender.PostJsonAsync($"/hooks/{quiet}", """{"n":3}""");

            Assert.Equal(Enumerable.Repeat(HttpStatusCode.Accepted, Limit), statuses);
            var problem = await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
            Assert.Contains("webhook may be called 2 times a minute", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain(busy, problem.ToString(), StringComparison.Ordinal);
            Assert.True(int.TryParse(refused.Headers.RetryAfter?.ToString(), out var seconds) && seconds is >= 1 and <= 60, $"Retry-After: {refused.Headers.RetryAfter}");
            Assert.Equal(before, after);
            Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
        }
    }

    public sealed class Default(ToolflowFactory factory) : IClassFixture<ToolflowFactory>
    {
        /// <summary>The webhook load test drives hundreds of calls a second at one hook; by default none is refused.</summary>
        [Fact]
        public async Task ByDefault_AHookIsNotLimited()
        {
            using var admin = factory.AdminClient();
            var hook = await CreateHookAsync(admin);
            using var sender = factory.CreateClient();
            var before = await CountsAsync(factory);

            for (var i = 0; i < 30; i++)
            {
                using var response = await sender.PostJsonAsync($"/hooks/{hook}", """{"n":1}""");
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            }

            Assert.Equal((before.Executions + 30, before.Jobs + 30), await CountsAsync(factory));
        }
    }

    public sealed class LimitedFactory : ToolflowFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["Api:RateLimit:WebhookPermitsPerMinute"] = $"{Limit}" };
    }

    private static async Task<string> CreateHookAsync(HttpClient admin)
    {
        using var created = await admin.PostJsonAsync("/api/v1/workflows", $$$"""
            { "name": {{{JsonSerializer.Serialize($"hook {Guid.NewGuid():N}")}}}, "status": "active",
              "trigger": { "type": "webhook" },
              "nodes": [ { "id": "echo", "tool": "data.set", "config": { "values": { "got": "{{ input }}" } } } ],
              "edges": [] }
            """);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.ReadJsonAsync()).GetProperty("trigger").GetProperty("hookId").GetString()!;
    }

    private static async Task<(long Executions, long Jobs)> CountsAsync(ToolflowFactory factory)
    {
        var database = factory.Services.GetRequiredService<ToolflowDatabase>();
        return (await database.CountAsync("SELECT count(*) FROM workflow_executions"), await database.CountAsync("SELECT count(*) FROM jobs"));
    }
}
