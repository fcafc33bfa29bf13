using System.Net;
using System.Text;
using Toolflow.Core.Definitions;
using Toolflow.Storage.Repositories.Workflows;
using static Toolflow.Server.Tests.Api.ApiTestData;

namespace Toolflow.Server.Tests.Api;

/// <summary>Bad bodies get the right status and leave no row behind (the factory limits bodies to 4096 bytes).</summary>
public sealed class BodyLimitTests(ToolflowFactory factory) : IClassFixture<ToolflowFactory>
{
    [Fact]
    public async Task OversizedBody_Answers413_AndWritesNothing()
    {
        using var client = factory.AdminClient();
        var before = await CountAsync();
        var big = SimpleWorkflow.Replace("says hello", new string('x', 10_000), StringComparison.Ordinal);

        using var response = await client.PostAsync(Uri("/api/v1/workflows"), JsonText(big));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task OversizedChunkedBody_Answers413()
    {
        using var client = factory.AdminClient();
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(new string(' ', 8000) + "{}")));
        content.Headers.ContentType = new("application/json");

        using var response = await client.PostAsync(Uri("/api/v1/credentials"), content);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task WrongContentType_Answers415_AndWritesNothing()
    {
        using var client = factory.AdminClient();
        var before = await CountAsync();

        using var response = await client.PostAsync(Uri("/api/v1/workflows"), new StringContent(SimpleWorkflow, Encoding.UTF8, "text/plain"));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("[1,2,3]")]
    [InlineData("")]
    [InlineData("not json")]
    public async Task MalformedBody_Answers400_AndWritesNothing(string body)
    {
        using var client = factory.AdminClient();
        var before = await CountAsync();

        using var workflow = await client.PostAsync(Uri("/api/v1/workflows"), JsonText(body));
        using var credential = await client.PostAsync(Uri("/api/v1/credentials"), JsonText(body));

        await workflow.AssertProblemAsync(HttpStatusCode.BadRequest);
        await credential.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task DeeplyNestedBody_Answers400_AndWritesNothing()
    {
        using var client = factory.AdminClient();
        var before = await CountAsync();
        var nested = new string('[', 500) + new string(']', 500);
        var workflowBody = SimpleWorkflow.Replace("\"edges\": []", $"\"edges\": [], \"x\": {nested}", StringComparison.Ordinal);

        using var workflow = await client.PostAsync(Uri("/api/v1/workflows"), JsonText(workflowBody));
        using var credential = await client.PostAsync(Uri("/api/v1/credentials"), JsonText("{\"name\":\"n\",\"type\":\"smtp\",\"data\":{\"a\":" + nested + "}}"));

        await workflow.AssertProblemAsync(HttpStatusCode.BadRequest);
        await credential.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await CountAsync());
    }

    private async Task<int> CountAsync()
    {
        var admin = (await factory.Repositories.Users.GetByEmailAsync("admin@localhost"))!.AsCaller();
        var workflows = await factory.Repositories.Workflows.ListAsync(admin, new WorkflowListQuery { Statuses = Enum.GetValues<WorkflowStatus>(), Limit = 100 });
        var credentials = await factory.Repositories.Credentials.ListAsync(admin);
        return workflows.Items.Count + credentials.Count;
    }
}
