using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using static Toolflow.Server.Tests.Api.ApiTestData;

namespace Toolflow.Server.Tests.Api;

public sealed partial class AuthTests(ToolflowFactory factory) : IClassFixture<ToolflowFactory>
{
    [Fact]
    public async Task EveryApiRouteInTheOpenApiDocument_Answers401WithoutAKey()
    {
        using var anonymous = factory.CreateClient();
        using var documentResponse = await anonymous.GetAsync("/openapi/v1.json");
        var document = await documentResponse.ReadJsonAsync();
        var checkedRoutes = 0;

        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var url = Placeholder().Replace(path.Name, m => m.Value switch
                {
                    "{version}" => "1",
                    "{name}" => "data.set",
                    _ => Guid.NewGuid().ToString(),
                });
                using var request = new HttpRequestMessage(new HttpMethod(operation.Name.ToUpperInvariant()), Uri(url));
                if (operation.Name is "post" or "put")
                {
                    request.Content = JsonText("{}");
                }

                using var response = await anonymous.SendAsync(request);
                var documentedAsSecured = operation.Value.TryGetProperty("security", out _);
                // Health checks, metrics, webhooks (SPEC §4: the hook id, or its signature, is the credential) and public links are public.
                if (path.Name.StartsWith("/health/", StringComparison.Ordinal) || path.Name == "/metrics" || path.Name.StartsWith("/hooks/", StringComparison.Ordinal) ||
                    path.Name.StartsWith("/api/v1/shared/", StringComparison.Ordinal))
                {
                    // Public by design: health probes and metrics (docs/operations.md), and public links (the token is the credential; a made-up one is 404).
                    Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
                    Assert.False(documentedAsSecured, $"{path.Name} is public but documented as needing a key");
                    continue;
                }

                Assert.True(documentedAsSecured, $"{operation.Name} {path.Name} does not document its API key");

                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{operation.Name} {path.Name} answered {response.StatusCode}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                checkedRoutes++;
            }
        }

        Assert.True(checkedRoutes >= 39, $"only {checkedRoutes} API operations in the document");
    }

    [Theory]
    [InlineData("Bearer tf_00000000_notarealkeynotarealkeynotarealkey")]
    [InlineData("Bearer garbage")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task BadKey_Answers401ProblemDetails(string header)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Uri("/api/v1/workflows"));
        request.Headers.TryAddWithoutValidation("Authorization", header);

        using var response = await client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RevokedKey_Answers401()
    {
        using var admin = factory.AdminClient();
        using var created = await admin.PostJsonAsync("/api/v1/api-keys", """{"name":"short-lived"}""");
        var key = await created.ReadJsonAsync();
        using var client = factory.ClientWithKey(key.GetProperty("key").GetString()!);
        using var before = await client.GetAsync("/api/v1/tools");

        using var revoked = await admin.DeleteAsync($"/api/v1/api-keys/{key.GetProperty("id").GetGuid()}");
        using var after = await client.GetAsync("/api/v1/tools");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await after.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task OperationsRoutes_AreAnonymous()
    {
        using var client = factory.CreateClient();

        foreach (var path in new[] { "/health/live", "/health/ready", "/metrics", "/openapi/v1.json", "/scalar/v1" })
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {response.StatusCode}");
        }
    }

    [Fact]
    public async Task FirstStart_WritesAnAdminKeyReadableOnlyByTheOwner_AndTheKeyWorks()
    {
        var path = Path.Combine(factory.DataDirectory, "admin.key");
        using var client = factory.AdminClient();

        using var response = await client.GetAsync("/api/v1/users");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        var users = (await response.ReadJsonAsync()).GetProperty("items");
        Assert.Contains(users.EnumerateArray(), u => u.GetProperty("email").GetString() == "admin@localhost");
    }

    [Fact]
    public async Task SecondStart_OnTheSameDatabase_CreatesNothing()
    {
        var key = factory.AdminKey;
        var users = await factory.Repositories.Users.ListAsync(limit: 100);
        File.Delete(Path.Combine(factory.DataDirectory, "admin.key"));

        await using var second = new SecondStart(factory.DataDirectory);
        var usersAfter = await second.Repositories.Users.ListAsync(limit: 100);
        using var client = second.ClientWithKey(key);
        using var response = await client.GetAsync("/api/v1/tools");

        Assert.False(File.Exists(Path.Combine(factory.DataDirectory, "admin.key")), "no new key on a second start");
        Assert.Equal(users.Items.Count, usersAfter.Items.Count);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new AuthenticationHeaderValue("Bearer", key).Parameter, key);
    }

    [GeneratedRegex("\\{[^}]+\\}")]
    private static partial Regex Placeholder();

    /// <summary>A second server process on the same data folder (the folder stays with the first factory).</summary>
    private sealed class SecondStart(string dataDirectory) : ToolflowFactory(dataDirectory, ownsDirectory: false);
}
