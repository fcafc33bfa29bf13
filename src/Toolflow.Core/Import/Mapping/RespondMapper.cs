using System.Text.Json.Nodes;

namespace Toolflow.Core.Import.Mapping;

/// <summary>
/// Respond to Webhook → a data.set holding the response as <c>body</c>; when there is exactly one,
/// the definition's <c>output</c> is that body (see N8nImporter).
/// </summary>
internal sealed class RespondMapper : IN8nNodeMapper
{
    public IReadOnlyList<string> Types { get; } = ["n8n-nodes-base.respondToWebhook"];

    public NodeMapping Map(MappingContext context)
    {
        var respondWith = context.Text("respondWith") ?? "firstIncomingItem";
        JsonNode? body = respondWith switch
        {
            "firstIncomingItem" or "allIncomingItems" => $"{{{{ {context.CurrentItem()} }}}}",
            "json" => HttpBody.JsonText(context, context.Text("responseBody") ?? "{}"),
            "text" => context.Value(context.Parameters["responseBody"] ?? JsonValue.Create("")),
            "noData" => null,
            _ => "unsupported",
        };
        if (body is JsonValue v && v.TryGetValue<string>(out var s) && s == "unsupported")
        {
            return context.Unsupported($"it responds with '{respondWith}', which has no equivalent");
        }

        if (context.Parameters["options"].Get("responseCode") is { } code)
        {
            context.Warnings.Add($"response code {code.ToJsonString()} is not kept: Toolflow answers the webhook itself");
        }

        return NodeMapping.To("data.set", new JsonObject { ["values"] = new JsonObject { ["body"] = body } });
    }
}
