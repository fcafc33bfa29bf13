using System.Text.Json.Nodes;

namespace Toolflow.Core.Import.Mapping;

/// <summary>HTTP Request v1–v4.2 → http.request (method, url, query, headers, body, bodyType, timeoutMs).</summary>
internal sealed class HttpRequestMapper : IN8nNodeMapper
{
    public IReadOnlyList<string> Types { get; } = ["n8n-nodes-base.httpRequest"];

    public NodeMapping Map(MappingContext context)
    {
        var p = context.Parameters;
        var legacy = context.Node.TypeVersion < 3;
        var url = context.Text("url");
        if (string.IsNullOrWhiteSpace(url))
        {
            return context.Unsupported("it has no URL");
        }

        var config = new JsonObject
        {
            ["method"] = (legacy ? context.Text("requestMethod") : context.Text("method")) ?? "GET",
            ["url"] = context.Template(url),
        };
        Pairs(context, config, "query", legacy ? p["queryParametersUi"].Get("parameter") : p["queryParameters"].Get("parameters"));
        Pairs(context, config, "headers", legacy ? p["headerParametersUi"].Get("parameter") : p["headerParameters"].Get("parameters"));
        if (!HttpBody.Add(context, config, legacy))
        {
            return context.Unsupported("its body (binary data or multipart form) has no equivalent");
        }

        if (p["options"].Get("timeout") is JsonValue t && t.TryGetValue<int>(out var timeout))
        {
            config["timeoutMs"] = timeout;
        }

        var format = context.Text(p["responseFormat"]) ?? context.Text(p["options"].Get("response").Get("response").Get("responseFormat"));
        if (format == "file")
        {
            context.Warnings.Add("n8n stored the response as a binary file; Toolflow keeps the body as text or JSON");
        }

        if (context.Text("authentication") is { } auth && auth != "none" && context.Node.Credentials is null)
        {
            context.Warnings.Add($"authentication '{auth}' has no credential in the export; add one");
        }

        return NodeMapping.To("http.request", config);
    }

    internal static void Pairs(MappingContext context, JsonObject config, string field, JsonNode? list)
    {
        var result = new JsonObject();
        foreach (var pair in (list as JsonArray ?? []).OfType<JsonObject>())
        {
            if (context.Text(pair["name"]) is { Length: > 0 } name)
            {
                result[name] = context.Value(pair["value"] ?? JsonValue.Create(""));
            }
        }

        var json = context.Text(field switch { "query" => "jsonQuery", "headers" => "jsonHeaders", _ => "" });
        json ??= context.Text(field switch { "query" => "queryParametersJson", "headers" => "headerParametersJson", _ => "" });
        if (json is not null && result.Count == 0)
        {
            config[field] = HttpBody.JsonText(context, json);
            return;
        }

        if (result.Count > 0)
        {
            config[field] = result;
        }
    }
}
