using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Xunit;
using Toolflow.Core.Validation;
using static Toolflow.Core.Tests.Validation.Validate;

namespace Toolflow.Core.Tests.Validation;

/// <summary>Bad input never crashes the validator: it answers Invalid or Malformed, never throws.</summary>
public sealed class RobustnessProperties
{
    private static readonly JsonNode?[] Replacements =
    [
        null, 0, -1, 1.5, true, "", "{{", "{{ }}", "{{ a b }}", "x", new JsonArray(), new JsonObject(),
        new JsonArray(1, "a", null), new JsonObject { ["x"] = new JsonArray() }, long.MaxValue, "\u0000", "0193a5d2-7c1e-7b3a-9f00-4e2d1c0b5a61",
    ];

    [Property(MaxTest = 300)]
    public bool SpecExample_WithAnyValueReplaced_NeverThrows(int seed)
    {
        var random = new Random(seed);
        var definition = JsonNode.Parse(SpecExample.Json)!;
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            Replace(definition, random);
        }

        var result = Node(definition);
        return result.Outcome is ValidationOutcome.Valid or ValidationOutcome.Invalid;
    }

    [Property(MaxTest = 300)]
    public bool AnyText_NeverThrows(string text)
    {
        var result = FromJson(text ?? string.Empty);
        return result.IsValid || result.Problems.Count > 0 || result.MalformedReason is not null;
    }

    [Fact]
    public void ValidatingInParallel_GivesTheSameAnswers()
    {
        const string broken = """{ "name": "x", "nodes": [ { "id": "a", "tool": "http.request", "config": { "url": 3 } } ] }""";
        var counts = Enumerable.Range(0, 64).AsParallel()
            .Select(i => (Even: i % 2 == 0, Problems: FromJson(i % 2 == 0 ? SpecExample.Json : broken).Problems.Count))
            .ToList();
        Assert.All(counts, c => Assert.Equal(c.Even ? 0 : 1, c.Problems));
    }

    /// <summary>Replaces one value somewhere in the tree (or adds a property) with an arbitrary JSON value.</summary>
    private static void Replace(JsonNode root, Random random)
    {
        var containers = new List<JsonNode>();
        Collect(root, containers);
        var target = containers[random.Next(containers.Count)];
        var value = Replacements[random.Next(Replacements.Length)]?.DeepClone();
        switch (target)
        {
            case JsonObject obj when obj.Count > 0 && random.Next(4) > 0:
                obj[obj.ElementAt(random.Next(obj.Count)).Key] = value;
                break;
            case JsonObject obj:
                obj[$"extra{random.Next(3)}"] = value;
                break;
            case JsonArray array when array.Count > 0:
                array[random.Next(array.Count)] = value;
                break;
            case JsonArray array:
                array.Add(value);
                break;
        }
    }

    private static void Collect(JsonNode? node, List<JsonNode> containers)
    {
        switch (node)
        {
            case JsonObject obj:
                containers.Add(obj);
                foreach (var (_, child) in obj)
                {
                    Collect(child, containers);
                }

                break;
            case JsonArray array:
                containers.Add(array);
                foreach (var child in array)
                {
                    Collect(child, containers);
                }

                break;
        }
    }
}
