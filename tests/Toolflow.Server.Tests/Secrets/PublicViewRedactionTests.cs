using System.Net;
using Toolflow.Server.Tests.Api;

namespace Toolflow.Server.Tests.Secrets;

/// <summary>
/// The anonymous view of a public link hides config values under secret-looking keys; secrets are as
/// often written into a URL — its query (<c>?api_key=…</c>, <c>?key=…</c>) or its user info
/// (<c>https://user:password@host</c>) — and those are hidden too, the rest of the URL kept.
/// </summary>
public sealed class PublicViewRedactionTests(ToolflowFactory factory) : IClassFixture<ToolflowFactory>
{
    [Fact]
    public async Task Secrets_in_URLs_are_hidden_from_the_anonymous_view()
    {
        using var owner = factory.AdminClient();
        using var created = await owner.PostJsonAsync("/api/v1/workflows", """
            { "name": "Calls an API",
              "nodes": [
                { "id": "a", "tool": "http.request", "config": {
                    "url": "https://api.example.com/v1/items?api_key=QUERYSECRET1&page=2&key=QUERYSECRET2&sig=QUERYSECRET3#top",
                    "headers": { "Accept": "application/json" } } },
                { "id": "b", "tool": "http.request", "config": { "url": "https://robot:USERINFOSECRET@hooks.example.com/notify?access_token=QUERYSECRET4" } },
                { "id": "c", "tool": "data.template", "config": { "template": "see https://api.example.com/x?token=QUERYSECRET5&q={{ input.q }}" } }
              ],
              "edges": [ { "source": "a", "target": "b" }, { "source": "b", "target": "c" } ] }
            """);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var workflowId = (await created.ReadJsonAsync()).GetProperty("id").GetGuid();
        using var link = await owner.PostJsonAsync($"/api/v1/workflows/{workflowId}/shares", """{ "public": true, "permission": "view" }""");
        Assert.Equal(HttpStatusCode.Created, link.StatusCode);
        var token = (await link.ReadJsonAsync()).GetProperty("token").GetString()!;

        using var anonymous = factory.CreateClient();
        using var shown = await anonymous.GetAsync($"/api/v1/shared/{token}");

        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        var text = await shown.Content.ReadAsStringAsync();
        Assert.DoesNotContain("SECRET", text, StringComparison.Ordinal);
        var nodes = (await shown.ReadJsonAsync()).GetProperty("nodes");
        Assert.Equal(
            "https://api.example.com/v1/items?api_key=[redacted]&page=2&key=[redacted]&sig=[redacted]#top",
            nodes[0].GetProperty("config").GetProperty("url").GetString());
        Assert.Equal("application/json", nodes[0].GetProperty("config").GetProperty("headers").GetProperty("Accept").GetString());
        Assert.Equal("https://[redacted]@hooks.example.com/notify?access_token=[redacted]", nodes[1].GetProperty("config").GetProperty("url").GetString());
        Assert.Equal("see https://api.example.com/x?token=[redacted]&q={{ input.q }}", nodes[2].GetProperty("config").GetProperty("template").GetString());
    }
}
