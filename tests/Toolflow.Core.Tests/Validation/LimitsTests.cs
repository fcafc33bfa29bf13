using System.Text;
using System.Text.Json.Nodes;
using Toolflow.Core.Validation;
using static Toolflow.Core.Tests.Validation.Validate;

namespace Toolflow.Core.Tests.Validation;

public sealed class LimitsTests
{
    private static JsonObject WithNodes(int count)
    {
        var nodes = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            nodes.Add(new JsonObject { ["id"] = $"n{i}", ["tool"] = "flow.merge" });
        }

        return new JsonObject { ["name"] = "many", ["nodes"] = nodes };
    }

    [Fact]
    public void AThousandNodes_IsValid() => AssertValid(Node(WithNodes(1000)));

    [Fact]
    public void MoreThanAThousandNodes_IsReported() =>
        AssertProblem(Node(WithNodes(1001)), "/nodes", "at most 1,000 items");

    [Fact]
    public void DefinitionOverOneMebibyte_IsReported_AsAProblemOfTheWholeDocument()
    {
        var definition = Base();
        definition["description"] = new string('x', 500);
        var padding = new string(' ', WorkflowLimits.MaxBytes);
        var result = FromJson(definition.ToJsonString() + padding);
        Assert.Equal(ValidationOutcome.Invalid, result.Outcome);
        AssertProblem(result, "", "limit is 1,048,576 bytes");
    }

    [Fact]
    public void NestingOf64Levels_IsAccepted() => AssertValid(FromJson(Nested(64 - 5)));

    [Fact]
    public void NestingDeeperThan64Levels_IsReportedCleanly_NotAsMalformed()
    {
        var result = FromJson(Nested(64 - 5 + 1));
        Assert.Equal(ValidationOutcome.Invalid, result.Outcome);
        AssertProblem(result, "", "deeper than 64 levels");
    }

    [Fact]
    public void VeryDeepNesting_DoesNotCrash() =>
        Assert.Equal(ValidationOutcome.Invalid, FromJson(Nested(100_000)).Outcome);

    [Theory]
    [InlineData("{ \"name\": ")]
    [InlineData("not json at all")]
    [InlineData("{ \"name\": \"x\", }")]
    [InlineData("")]
    public void TextThatIsNotJson_IsMalformed_WithAReason(string text)
    {
        var result = FromJson(text);
        Assert.Equal(ValidationOutcome.Malformed, result.Outcome);
        Assert.False(string.IsNullOrEmpty(result.MalformedReason));
        Assert.Empty(result.Problems);
    }

    /// <summary>A definition whose data.set value nests arrays so the whole document is <paramref name="arrays"/> + 5 levels deep.</summary>
    private static string Nested(int arrays)
    {
        var builder = new StringBuilder("""{ "name": "deep", "nodes": [ { "id": "a", "tool": "data.set", "config": { "values": { "v": """);
        builder.Append('[', arrays).Append(']', arrays).Append(" } } } ] }");
        return builder.ToString();
    }
}
