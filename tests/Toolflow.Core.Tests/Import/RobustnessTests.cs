using System.Text.Json.Nodes;
using Toolflow.Core.Import;

namespace Toolflow.Core.Tests.Import;

/// <summary>Exports with parameters of the wrong shape never crash the importer: a definition or a typed error.</summary>
public sealed class RobustnessTests
{
    public static TheoryData<string> Valid => N8nCorpus.Valid();

    [Theory]
    [MemberData(nameof(Valid))]
    public void MangledParameters_NeverCrash(string file)
    {
        var original = File.ReadAllText(Path.Combine(N8nCorpus.Directory, "valid", file));
        Func<JsonNode?, JsonNode?>[] manglers =
        [
            node => node is JsonObject o ? new JsonArray([.. o.Select(p => p.Value?.DeepClone())]) : node?.DeepClone(),
            node => node is JsonValue v && v.TryGetValue<string>(out _) ? JsonValue.Create("={{ $json[ }}") : node?.DeepClone(),
            node => node is JsonValue ? null : node?.DeepClone(),
            node => node is JsonValue v && v.TryGetValue<string>(out _) ? JsonValue.Create(7) : node?.DeepClone(),
        ];
        foreach (var mangle in manglers)
        {
            var doc = JsonNode.Parse(original)!;
            foreach (var node in doc["nodes"]!.AsArray().OfType<JsonObject>())
            {
                // The parameters object itself stays an object, so that the mangling reaches the mappers.
                var parameters = node["parameters"] as JsonObject ?? [];
                node["parameters"] = new JsonObject(parameters.Select(p => KeyValuePair.Create(p.Key, Walk(p.Value, mangle))));
            }

            var result = N8nImporter.Convert(doc.ToJsonString(), new N8nImportOptions { Placeholders = true });
            result.Sound();
        }
    }

    private static JsonNode? Walk(JsonNode? node, Func<JsonNode?, JsonNode?> mangle) => node switch
    {
        JsonObject o => mangle(new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Walk(p.Value, mangle))))),
        JsonArray a => new JsonArray([.. a.Select(v => Walk(v, mangle))]),
        _ => mangle(node),
    };
}
