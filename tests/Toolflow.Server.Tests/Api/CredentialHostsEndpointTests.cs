using System.Net;

namespace Toolflow.Server.Tests.Api;

public sealed class CredentialHostsEndpointTests(ToolflowFactory factory) : IClassFixture<ToolflowFactory>
{
    [Fact]
    public async Task A_host_binding_is_kept_shown_and_changed_but_the_secret_never_shown()
    {
        using var client = factory.AdminClient();
        using var created = await client.PostJsonAsync("/api/v1/credentials",
            """{ "name": "gh-bound", "type": "http-bearer", "data": { "token": "tok-abcdef123" }, "hosts": ["API.github.com", "*.githubusercontent.com"] }""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.ReadJsonAsync();
        Assert.Equal(["api.github.com", "*.githubusercontent.com"], body.GetProperty("hosts").EnumerateArray().Select(h => h.GetString()));
        Assert.DoesNotContain("tok-abcdef123", body.ToString(), StringComparison.Ordinal);

        var id = body.GetProperty("id").GetGuid();
        using var updated = await client.PutAsync(ApiTestData.Uri($"/api/v1/credentials/{id}"), ApiTestData.JsonText("""{ "hosts": [] }"""));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Empty((await updated.ReadJsonAsync()).GetProperty("hosts").EnumerateArray());
    }

    [Fact]
    public async Task A_bad_host_is_a_400_naming_the_entry_and_nothing_is_written()
    {
        using var client = factory.AdminClient();
        var before = (await (await client.GetAsync("/api/v1/credentials")).ReadJsonAsync()).GetProperty("items").GetArrayLength();

        using var response = await client.PostJsonAsync("/api/v1/credentials",
            """{ "name": "bad-hosts", "type": "http-bearer", "data": { "token": "t" }, "hosts": ["ok.example.com", "http://not-a-host/", ""] }""");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "/hosts/1", "/hosts/2");
        Assert.Equal(before, (await (await client.GetAsync("/api/v1/credentials")).ReadJsonAsync()).GetProperty("items").GetArrayLength());
    }
}
