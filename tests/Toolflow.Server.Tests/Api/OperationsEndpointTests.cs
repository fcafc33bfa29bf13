using System.Net;
using System.Text.Json;

namespace Toolflow.Server.Tests.Api;

public sealed class OperationsEndpointTests(ToolflowFactory factory) : IClassFixture<ToolflowFactory>
{
    [Fact]
    public async Task OpenApiDocument_DescribesTheRoutes()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(document.RootElement.GetProperty("paths").TryGetProperty("/health/live", out _));
    }

    /// <summary>The exporter's endpoint is a plain delegate the API explorer skips: the document still lists it, without a key.</summary>
    [Fact]
    public async Task OpenApiDocument_ListsMetrics_AsAnonymousPrometheusText()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var get = document.RootElement.GetProperty("paths").GetProperty("/metrics").GetProperty("get");
        Assert.True(get.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/plain", out _));
        Assert.False(get.TryGetProperty("security", out _));
        Assert.True(document.RootElement.GetProperty("paths").TryGetProperty("/api/v1/shared/{token}/runs/{runToken}", out _));
    }

    [Fact]
    public async Task ApiReferencePage_IsServed()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/scalar/v1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_AreWrittenAsPrometheusText()
    {
        using var client = factory.CreateClient();
        using (await client.GetAsync(new Uri("/health/live", UriKind.Relative)))
        {
        }

        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("http_server_request_duration", text, StringComparison.Ordinal);
        Assert.Contains("service_name=\"toolflow\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRoute_AnswersProblemDetails()
    {
        using var client = factory.AdminClient();

        using var response = await client.GetAsync(new Uri("/api/v1/nothing-here", UriKind.Relative));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
    }
}
