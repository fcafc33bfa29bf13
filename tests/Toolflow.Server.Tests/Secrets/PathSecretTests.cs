using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Toolflow.Server.Tests.Api;

namespace Toolflow.Server.Tests.Secrets;

/// <summary>
/// A webhook's id and a public link's token sit in the request path, and either lets its holder run
/// the workflow: with the log levels <c>toolflow serve</c> ships, neither appears in the log, in a
/// problem's <c>instance</c>, or in a request span's tags.
/// </summary>
public sealed class PathSecretTests(PathSecretTests.DefaultLogFactory factory) : IClassFixture<PathSecretTests.DefaultLogFactory>
{
    [Fact]
    public async Task Hook_ids_and_link_tokens_are_not_written_where_others_read()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var admin = factory.AdminClient();
        using var anonymous = factory.CreateClient();

        using var created = await admin.PostJsonAsync("/api/v1/workflows", """
            { "name": "Hooked", "status": "active", "trigger": { "type": "webhook" },
              "nodes": [ { "id": "a", "tool": "data.set", "config": { "values": { "x": 1 } } } ] }
            """);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.ReadJsonAsync();
        var workflowId = body.GetProperty("id").GetGuid();
        var hookId = body.GetProperty("trigger").GetProperty("hookId").GetString()!;
        using var link = await admin.PostJsonAsync($"/api/v1/workflows/{workflowId}/shares", """{ "public": true, "permission": "execute" }""");
        Assert.Equal(HttpStatusCode.Created, link.StatusCode);
        var token = (await link.ReadJsonAsync()).GetProperty("token").GetString()!;
        var wrongToken = token[..^4] + "AAAA";

        using var hooked = await anonymous.PostJsonAsync($"/hooks/{hookId}", "{}");
        Assert.Equal(HttpStatusCode.Accepted, hooked.StatusCode);
        using var viewed = await anonymous.GetAsync(ApiTestData.Uri($"/api/v1/shared/{token}"));
        Assert.Equal(HttpStatusCode.OK, viewed.StatusCode);
        using var ran = await anonymous.PostJsonAsync($"/api/v1/shared/{token}/execute", "{}");
        Assert.Equal(HttpStatusCode.Accepted, ran.StatusCode);
        using var missed = await anonymous.GetAsync(ApiTestData.Uri($"/api/v1/shared/{wrongToken}"));
        Assert.Equal(HttpStatusCode.NotFound, missed.StatusCode);
        var problem = await missed.Content.ReadAsStringAsync();
        using var wrongMethod = await anonymous.GetAsync(ApiTestData.Uri($"/hooks/{hookId}"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        problem += await wrongMethod.Content.ReadAsStringAsync();

        // The requests really were seen: the log and the spans name the routes, just not the secrets.
        var log = string.Join('\n', factory.LogLines);
        var tags = string.Join('\n', spans.SelectMany(s => s.TagObjects.Select(t => $"{t.Key}={t.Value}")).Append(string.Join('\n', spans.Select(s => s.DisplayName))));
        Assert.Contains("/api/v1/shared/tfs_", problem, StringComparison.Ordinal);
        Assert.Contains("url.path=/hooks/***", tags, StringComparison.Ordinal);
        foreach (var secret in new[] { hookId, token, wrongToken, token[13..] })
        {
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, problem, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, tags, StringComparison.Ordinal);
        }
    }

    /// <summary>The real pipeline with the log levels it ships with (no Logging settings), every enabled line kept.</summary>
    public sealed class DefaultLogFactory : ToolflowFactory
    {
        public ConcurrentQueue<string> LogLines { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.Services.AddSingleton<ILoggerProvider>(new LineProvider(LogLines)));
        }

        private sealed class LineProvider(ConcurrentQueue<string> lines) : ILoggerProvider
        {
            public ILogger CreateLogger(string categoryName) => new Lines(categoryName, lines);

            public void Dispose()
            {
            }
        }

        private sealed class Lines(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception}");
        }
    }
}
