using System.Text.Json.Nodes;

namespace Toolflow.Core.Import.Mapping;

/// <summary>The request body of the n8n HTTP Request node in its various shapes.</summary>
internal static class HttpBody
{
    /// <summary>Adds <c>body</c>/<c>bodyType</c>; false when the body cannot be expressed.</summary>
    public static bool Add(MappingContext context, JsonObject config, bool legacy)
    {
        var p = context.Parameters;
        if (legacy)
        {
            if (context.Text("bodyParametersJson") is { } legacyJson)
            {
                config["body"] = JsonText(context, legacyJson);
            }
            else if (Fields(context, p["bodyParametersUi"].Get("parameter")) is { Count: > 0 } fields)
            {
                config["body"] = fields;
            }

            return true;
        }

        var sends = p["sendBody"] is JsonValue s && s.TryGetValue<bool>(out var send) && send;
        if (!sends)
        {
            return true;
        }

        var contentType = context.Text("contentType") ?? "json";
        if (contentType is "binaryData" or "multipart-form-data")
        {
            return false;
        }

        if (contentType == "raw" || context.Text("specifyBody") == "string")
        {
            config["body"] = context.Template(context.Text("body") ?? "");
            config["bodyType"] = "text";
            return true;
        }

        if (context.Text("specifyBody") == "json")
        {
            config["body"] = JsonText(context, context.Text("jsonBody") ?? "{}");
        }
        else
        {
            config["body"] = Fields(context, p["bodyParameters"].Get("parameters")) ?? [];
        }

        config["bodyType"] = contentType == "form-urlencoded" ? "form" : "json";
        return true;
    }

    /// <summary>JSON text: parsed when literal; when templated, parsed at run time as n8n does.</summary>
    public static JsonNode? JsonText(MappingContext context, string text)
    {
        if (!text.StartsWith('='))
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
                return context.Template(text);
            }
        }

        // An expression may yield an object already (n8n accepts both); only text is parsed.
        return $"{{{{ ((v) => typeof v === 'string' ? JSON.parse(v) : v)({context.Js(JsonValue.Create(text))}) }}}}";
    }

    private static JsonObject? Fields(MappingContext context, JsonNode? list)
    {
        var result = new JsonObject();
        foreach (var pair in (list as JsonArray ?? []).OfType<JsonObject>())
        {
            if (context.Text(pair["name"]) is { Length: > 0 } name)
            {
                result[name] = context.Value(pair["value"] ?? JsonValue.Create(""));
            }
        }

        return result.Count > 0 ? result : null;
    }
}
