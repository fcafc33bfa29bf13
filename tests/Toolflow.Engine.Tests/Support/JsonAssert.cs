using System.Text.Json.Nodes;

namespace Toolflow.Engine.Tests.Support;

public static class JsonAssert
{
    public static void Equal(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}, got {actual?.ToJsonString() ?? "null"}");
}
