using Toolflow.Core.Validation;
using static Toolflow.Core.Tests.Validation.Validate;

namespace Toolflow.Core.Tests.Validation;

public sealed class JsonPointerTests
{
    [Theory]
    [InlineData("a/b", "a~1b")]
    [InlineData("m~n", "m~0n")]
    [InlineData("~/", "~0~1")]
    public void Segments_AreEscapedPerRfc6901(string segment, string escaped)
    {
        Assert.Equal(escaped, JsonPointers.Escape(segment));
        Assert.Equal(segment, JsonPointers.Unescape(escaped));
    }

    [Theory]
    [InlineData("$", "")]
    [InlineData("$.nodes[3].retry", "/nodes/3/retry")]
    [InlineData("$.nodes[0].config['a/b']", "/nodes/0/config/a~1b")]
    [InlineData("$.name", "/name")]
    public void SerializerPaths_BecomePointers(string path, string pointer) => Assert.Equal(pointer, JsonPointers.FromJsonPath(path));

    [Fact]
    public void ConfigKeyWithASlash_IsEscapedInTheProblemPointer() =>
        AssertProblem(FromJson("""{ "name": "x", "nodes": [ { "id": "a", "tool": "http.request", "config": { "url": "https://example.org", "headers": { "X/Y": [1] } } } ] }"""),
            "/nodes/0/config/headers/X~1Y", "must be a string");

    [Fact]
    public void UnknownTopLevelKeyWithATilde_IsEscapedInThePointer() =>
        AssertProblem(FromJson("""{ "name": "x", "a~b": 1 }"""), "/a~0b", "unknown property 'a~b'");
}
