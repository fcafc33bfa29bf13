using Toolflow.Core.Complexity;
using Toolflow.Storage.Complexity;

namespace Toolflow.Storage.Tests.Complexity;

public sealed class DefinitionComplexityTests
{
    [Theory]
    [MemberData(nameof(ComplexityDefinitions.Names), MemberType = typeof(ComplexityDefinitions))]
    public void FromJson_OfASerialisedDefinition_EqualsCompute(string name)
    {
        Assert.Equal(WorkflowComplexity.Compute(ComplexityDefinitions.All[name]), DefinitionComplexity.FromJson(ComplexityDefinitions.JsonOf(name)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("""{"nodes": []}""")]
    public void FromJson_OfSomethingThatIsNotADefinition_IsNull(string? json)
    {
        Assert.Null(DefinitionComplexity.FromJson(json));
    }

    [Fact]
    public void FromJson_WithFieldsANewerFormatAdded_IgnoresThem()
    {
        const string json = """{"name":"w","futureField":true,"nodes":[{"id":"a","tool":"flow.condition","hint":1}],"edges":[]}""";

        Assert.Equal(1 + 2 + 1, DefinitionComplexity.FromJson(json));
    }
}
