using System.Net;

namespace Toolflow.Server.Tests.Api;

/// <summary>An address under /api that no route has is 404 for every method; a known one with the wrong method is 405 with Allow.</summary>
public sealed class UnknownAddressTests(ToolflowFactory factory) : IClassFixture<ToolflowFactory>
{
    [Theory]
    [InlineData("POST", "/api/v1/workflows/00000000-0000-0000-0000-000000000001/frobnicate")]
    [InlineData("DELETE", "/api/v1/nonexistent")]
    [InlineData("PUT", "/api/v2/workflows")]
    [InlineData("GET", "/api/v1/nonexistent")]
    [InlineData("POST", "/api/v1/workflows/not-a-guid")]
    [InlineData("DELETE", "/api/v1/workflows/00000000-0000-0000-0000-000000000001/versions/one")]
    public async Task AnAddressNoRouteHas_Is404_ForEveryMethod(string method, string path)
    {
        using var client = factory.AdminClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };

        using var response = await client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("DELETE", "/api/v1/workflows/00000000-0000-0000-0000-000000000001/pause", "POST")]
    [InlineData("PUT", "/api/v1/workflows", "GET, POST")]
    public async Task AKnownAddress_WithAnotherMethod_Is405_WithWhatItAllows(string method, string path, string allow)
    {
        using var client = factory.AdminClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };

        using var response = await client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed);
        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
    }

    [Fact]
    public async Task WithoutAKey_AnUnknownAddress_Is401_AsAnyOther()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/v1/nonexistent", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
