using System.Text;
using System.Text.Json;
using Toolflow.Core.Contracts;
using Toolflow.Core.Contracts.Common;
using Toolflow.Core.Contracts.Workflows;
using Toolflow.Core.Definitions;
using Toolflow.Core.Tests.Validation;
using static Toolflow.Core.Tests.Contracts.ContractTestKit;

namespace Toolflow.Core.Tests.Contracts;

public sealed class WorkflowContractTests
{
    private static WorkflowWriteResult Read(string json) => WorkflowWriteRequest.Read(Encoding.UTF8.GetBytes(json), Validate.Validator);

    [Fact]
    public void WriteBody_WithStatus_GivesTheDefinitionAndTheStatus()
    {
        var result = Read(SpecExample.Json.Replace("\"name\": \"Morning digest\",", "\"name\": \"Morning digest\", \"status\": \"active\",", StringComparison.Ordinal));
        Assert.NotNull(result.Request);
        Assert.Equal(WorkflowStatus.Active, result.Request.Status);
        Assert.Equal("Morning digest", result.Request.Definition.Name);
    }

    [Fact]
    public void WriteBody_WithoutStatus_IsADefinition()
    {
        var result = Read(SpecExample.Json);
        Assert.NotNull(result.Request);
        Assert.Null(result.Request.Status);
    }

    [Fact]
    public void WriteBody_WithBadStatus_AndBadDefinition_ReportsBoth()
    {
        var result = Read("""{ "name": "x", "status": "live", "nodes": [ { "id": "a", "tool": "nope" } ] }""");
        Assert.Null(result.Request);
        AssertProblem(result.Problems, "/status", "'draft', 'active', 'paused', 'archived'");
        AssertProblem(result.Problems, "/nodes/0/tool", "unknown tool");
    }

    [Fact]
    public void WriteBody_OverOneMebibyte_IsRefused_EvenWithAStatusAndWhitespace()
    {
        var result = Read("""{ "name": "x", "status": "draft" """ + new string(' ', 1024 * 1024) + "}");
        Assert.Null(result.Request);
        AssertProblem(result.Problems, "", "limit is 1,048,576 bytes");
    }

    [Fact]
    public void WriteBody_ThatIsNotJson_IsMalformed() => Assert.True(Read("{ nope").IsMalformed);

    [Fact]
    public void WorkflowResource_PutsDefinitionFieldsAtTheTopLevel_InCamelCase()
    {
        var resource = new WorkflowResource
        {
            Id = Guid.Parse("0193a5d2-7c1e-7b3a-9f00-4e2d1c0b5a61"),
            Name = "Digest",
            Nodes = [new NodeDefinition { Id = "a", Tool = "flow.merge" }],
            Version = 3,
            Status = WorkflowStatus.Paused,
            OwnerId = Guid.NewGuid(),
            CreatedAt = Clock.GetUtcNow(),
            UpdatedAt = Clock.GetUtcNow(),
            ComplexityScore = 2,
        };
        var json = JsonSerializer.SerializeToNode(resource, ContractsJsonContext.Default.WorkflowResource)!.AsObject();
        Assert.Equal("Digest", (string?)json["name"]);
        Assert.Equal("paused", (string?)json["status"]);
        Assert.Equal("a", (string?)json["nodes"]![0]!["id"]);
        Assert.Equal(2, (int?)json["complexityScore"]);
        Assert.Equal("0193a5d2-7c1e-7b3a-9f00-4e2d1c0b5a61", (string?)json["id"]);
        Assert.Equal("Digest", resource.ToDefinition().Name);
    }

    [Fact]
    public void ListResponse_HasItemsAndNullableNextCursor()
    {
        var list = new ListResponse<WorkflowResource>([], null);
        var json = JsonSerializer.Serialize(list, ContractsJsonContext.Default.ListResponseWorkflowResource);
        Assert.Equal("""{"items":[],"nextCursor":null}""", json);
    }

    [Fact]
    public void ListQuery_RejectsUnknownOwnerAndSort()
    {
        var problems = new WorkflowListQuery { Owner = "everyone", Sort = "size", Limit = 500 }.Validate(Clock);
        AssertProblem(problems, "/owner", "'me' or 'shared'");
        AssertProblem(problems, "/sort", "must be one of");
        AssertProblem(problems, "/limit", "between 1 and 100");
    }
}
