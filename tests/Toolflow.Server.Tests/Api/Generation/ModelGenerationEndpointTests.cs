using System.Net;
using Toolflow.Generation.Tests.Models;

namespace Toolflow.Server.Tests.Api.Generation;

/// <summary><c>Generation:Provider</c> set: the endpoint drafts with a (scripted, real-HTTP) model and its repair loop.</summary>
public sealed class ModelGenerationEndpointTests
{
    private const string Valid = """
        { "name": "Digest", "nodes": [ { "id": "fetch", "tool": "http.request", "config": { "url": "https://example.org/feed" } } ], "edges": [] }
        """;

    private const string Invalid = """
        { "name": "Digest", "nodes": [ { "id": "fetch", "tool": "http.reqest", "config": { "url": "https://example.org/feed" } } ], "edges": [] }
        """;

    [Fact]
    public async Task ModelThatNeverDraftsAValidWorkflow_Answers422WithTheLastProblems_AndWritesNothing()
    {
        await using var model = await ScriptedModelServer.StartAsync(Invalid);
        using var factory = new ModelFactory(model.OpenAiBaseUrl);
        using var client = factory.AdminClient();

        using var response = await client.PostJsonAsync("/api/v1/workflows/generate", """{ "prompt": "fetch the feed" }""");
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "/nodes/0/tool");

        Assert.Equal(3, problem.GetProperty("attempts").GetInt32());
        Assert.Equal(3, model.Requests.Count);
        Assert.Empty((await factory.Repositories.Workflows.ListAsync(
            Storage.Repositories.Caller.Admin(Guid.Empty), new Storage.Repositories.Workflows.WorkflowListQuery())).Items);
    }

    [Fact]
    public async Task ModelRepairsItsFirstDraft_AndTheWorkflowRecordsTheModelAndAttempts()
    {
        await using var model = await ScriptedModelServer.StartAsync(Invalid, Valid);
        using var factory = new ModelFactory(model.OpenAiBaseUrl);
        using var client = factory.AdminClient();

        using var response = await client.PostJsonAsync("/api/v1/workflows/generate", """{ "prompt": "fetch the feed" }""");
        var workflow = (await response.ReadJsonAsync()).GetProperty("workflow");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("openai:scripted", workflow.GetProperty("generationModel").GetString());
        Assert.Equal(2, workflow.GetProperty("generationAttempts").GetInt32());
    }

    /// <summary>An unreachable model is the upstream's failure: 502 naming the model (not its key), nothing written — not a 500.</summary>
    [Fact]
    public async Task UnreachableModel_Answers502_WithoutTheKey_AndWritesNothing()
    {
        using var factory = new ModelFactory(new Uri($"http://127.0.0.1:{ClosedPort()}/v1/"));
        using var client = factory.AdminClient();

        using var response = await client.PostJsonAsync("/api/v1/workflows/generate", """{ "prompt": "fetch the feed" }""");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadGateway);
        Assert.Contains("openai:scripted", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ModelFactory.ApiKey, problem.ToString(), StringComparison.Ordinal);
        Assert.Empty((await factory.Repositories.Workflows.ListAsync(
            Storage.Repositories.Caller.Admin(Guid.Empty), new Storage.Repositories.Workflows.WorkflowListQuery())).Items);
    }

    /// <summary>A port nothing listens on: bound by the system, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class ModelFactory(Uri baseUrl) : ToolflowFactory
    {
        public const string ApiKey = "sk-test-not-to-be-echoed-42";

        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["Generation:Provider"] = "openai",
            ["Generation:Model"] = "scripted",
            ["Generation:BaseUrl"] = baseUrl.AbsoluteUri,
            ["Generation:ApiKey"] = ApiKey,
            ["Generation:MaxRepairRounds"] = "2",
        };
    }
}
