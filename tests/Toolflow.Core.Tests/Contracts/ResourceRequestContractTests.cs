using System.Text.Json.Nodes;
using Toolflow.Core.Contracts.Credentials;
using Toolflow.Core.Contracts.Templates;
using Toolflow.Core.Contracts.ToolInstances;
using static Toolflow.Core.Tests.Contracts.ContractTestKit;

namespace Toolflow.Core.Tests.Contracts;

/// <summary>Templates, ratings, tool instances and credentials.</summary>
public sealed class ResourceRequestContractTests
{
    [Fact]
    public void Template_WithDefinitionAndParameterSchema_IsValid() =>
        Assert.Empty(new TemplateRequest
        {
            Name = "Digest",
            Category = "news",
            Tags = ["daily"],
            Parameters = JsonNode.Parse("""{ "type": "object", "properties": { "topic": { "type": "string" } } }""")!.AsObject(),
            Definition = new JsonObject { ["name"] = "{{ params.topic }} digest" },
        }.Validate(Clock));

    [Fact]
    public void Template_ReportsMissingFields_BadSchema_RepeatedTags_AndNeitherSource()
    {
        var problems = new TemplateRequest
        {
            Tags = ["a", "A"],
            Parameters = JsonNode.Parse("""{ "type": 12 }""")!.AsObject(),
        }.Validate(Clock);
        AssertProblem(problems, "/name", "is required");
        AssertProblem(problems, "/category", "is required");
        AssertProblem(problems, "/tags/1", "is repeated");
        AssertProblem(problems, "/parameters/type", "not a valid JSON Schema");
        AssertProblem(problems, "", "either 'definition' or 'fromWorkflowId'");
    }

    [Fact]
    public void Template_WithBothDefinitionAndFromWorkflowId_IsReported() =>
        AssertProblem(new TemplateRequest { Name = "x", Category = "c", Definition = [], FromWorkflowId = Guid.NewGuid() }.Validate(Clock),
            "/fromWorkflowId", "not both");

    [Theory]
    [InlineData(1, true)]
    [InlineData(5, true)]
    [InlineData(0, false)]
    [InlineData(6, false)]
    public void Rating_StarsAreOneToFive(int stars, bool valid) =>
        Assert.Equal(valid, new RatingRequest(stars, "good").Validate(Clock).Count == 0);

    [Fact]
    public void Rating_WithoutStars_IsReported() => AssertProblem(new RatingRequest(null, null).Validate(Clock), "/stars", "is required");

    [Fact]
    public void Instantiate_NameTooLong_IsReported() =>
        AssertProblem(new InstantiateTemplateRequest(null, new string('n', 201)).Validate(Clock), "/name", "at most 200");

    [Fact]
    public void ToolInstance_Valid_And_BadToolName()
    {
        Assert.Empty(new ToolInstanceRequest("llm.chat", "GPT", new JsonObject { ["model"] = "gpt-4o-mini" }, Guid.NewGuid(), null).Validate(Clock));
        AssertProblem(new ToolInstanceRequest("LLM Chat", "GPT", null, null, null).Validate(Clock), "/tool", "is not a tool name");
    }

    [Fact]
    public void Credential_Create_RequiresNameTypeAndSecret()
    {
        Assert.Empty(new CreateCredentialRequest("smtp-main", "smtp", new JsonObject { ["password"] = "s3cret" }).Validate(Clock));
        var problems = new CreateCredentialRequest(null, "SMTP Server", []).Validate(Clock);
        AssertProblem(problems, "/name", "is required");
        AssertProblem(problems, "/type", "is not a credential type");
        AssertProblem(problems, "/data", "at least one secret value");
    }

    [Fact]
    public void Credential_Update_MayOmitTheSecret() => Assert.Empty(new UpdateCredentialRequest("renamed", null).Validate(Clock));
}
