using System.Text.Json.Nodes;

namespace Toolflow.Core.Import.Mapping;

/// <summary>Wait → flow.delay (interval or time), or flow.approval when n8n resumed on a webhook or form.</summary>
internal sealed class WaitMapper : IN8nNodeMapper
{
    private static readonly Dictionary<string, long> UnitMs = new(StringComparer.Ordinal)
    {
        ["seconds"] = 1000,
        ["minutes"] = 60_000,
        ["hours"] = 3_600_000,
        ["days"] = 86_400_000,
    };

    public IReadOnlyList<string> Types { get; } = ["n8n-nodes-base.wait"];

    public NodeMapping Map(MappingContext context)
    {
        switch (context.Text("resume") ?? "timeInterval")
        {
            case "webhook" or "form":
                context.Warnings.Add("n8n resumed on a call to its resume URL; signal the execution (POST /executions/{id}/signal) instead");
                return NodeMapping.To("flow.approval", new JsonObject { ["message"] = ValueConverterMessage(context) });
            case "specificTime":
                return NodeMapping.To("flow.delay", new JsonObject { ["until"] = context.Value(context.Parameters["dateTime"] ?? JsonValue.Create("")) });
        }

        var unit = context.Text("unit") ?? "hours";
        if (!UnitMs.TryGetValue(unit, out var ms))
        {
            return context.Unsupported($"wait unit '{unit}' is unknown");
        }

        var amount = context.Parameters["amount"] ?? JsonValue.Create(1);
        var duration = N8n.N8nDocumentReader.Number(amount) is { } n && context.Text(amount)?.StartsWith('=') != true
            ? (JsonNode)JsonValue.Create((long)(n * ms))
            : $"{{{{ Number({context.Js(amount)}) * {ms} }}}}";
        return NodeMapping.To("flow.delay", new JsonObject { ["durationMs"] = duration });
    }

    private static string ValueConverterMessage(MappingContext context) =>
        Expressions.ValueConverter.EscapeLiteral($"Continue '{context.Node.Name}' (an n8n wait for a resume call)");
}
