using System.Globalization;
using System.Text.Json.Nodes;

namespace Toolflow.Core.Import.Mapping;

/// <summary>Set / Edit Fields (v1–v3.4) → data.set; a raw JSON body with expressions → code.javascript.</summary>
internal sealed class SetMapper : IN8nNodeMapper
{
    public IReadOnlyList<string> Types { get; } = ["n8n-nodes-base.set"];

    public NodeMapping Map(MappingContext context)
    {
        var p = context.Parameters;
        if (context.Text("mode") == "raw")
        {
            return Raw(context, context.Text("jsonOutput") ?? "{}");
        }

        var values = new JsonObject();
        var assignments = (p["assignments"].Get("assignments") as JsonArray)
            ?? (p["fields"].Get("values") as JsonArray)
            ?? new JsonArray([.. (p["values"] as JsonObject ?? []).SelectMany(g => (g.Value as JsonArray ?? []).Select(v => v?.DeepClone()))]);
        foreach (var a in assignments.OfType<JsonObject>())
        {
            var name = context.Text(a["name"]);
            if (string.IsNullOrEmpty(name) || name.StartsWith('='))
            {
                return context.Unsupported($"a field name is empty or computed ('{name}')");
            }

            var raw = a["value"] ?? a["stringValue"] ?? a["numberValue"] ?? a["booleanValue"] ?? a["arrayValue"] ?? a["objectValue"];
            values[name] = Typed(context, context.Text(a["type"]), raw);
        }

        var keepsOthers = context.Node.TypeVersion >= 3.3
            ? p["includeOtherFields"] is JsonValue inc && inc.TryGetValue<bool>(out var include) && include
            : context.Node.TypeVersion >= 3
                ? (context.Text("include") ?? "all") != "none"
                : !(p["keepOnlySet"] is JsonValue k && k.TryGetValue<bool>(out var only) && only);
        if (keepsOthers && values.Count > 0)
        {
            context.Warnings.Add("n8n also kept the incoming item's other fields; data.set outputs only the fields it sets");
        }

        return NodeMapping.To("data.set", new JsonObject { ["values"] = values });
    }

    private static JsonNode? Typed(MappingContext context, string? type, JsonNode? raw)
    {
        var text = context.Text(raw);
        if (text is null || text.StartsWith('='))
        {
            return context.Value(raw);
        }

        // Literal typed values keep their type, as n8n's typed fields do.
        return type switch
        {
            "number" or "numberValue" when double.TryParse(text, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
            "boolean" or "booleanValue" when bool.TryParse(text, out var b) => JsonValue.Create(b),
            "array" or "object" or "arrayValue" or "objectValue" when TryParse(text) is { } json => json,
            _ => context.Value(raw),
        };
    }

    private static NodeMapping Raw(MappingContext context, string json)
    {
        if (!json.StartsWith('=') && TryParse(json) is JsonObject literal)
        {
            return NodeMapping.To("data.set", new JsonObject { ["values"] = Escape(literal) });
        }

        // n8n resolves the template, then parses the text as JSON; so does the generated code.
        var js = context.Js(JsonValue.Create(json.StartsWith('=') ? json : "=" + json));
        return NodeMapping.To("code.javascript", new JsonObject { ["code"] = $"return JSON.parse({js});" });
    }

    private static JsonNode Escape(JsonNode node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : Escape(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(v => v is null ? null : Escape(v))]),
        JsonValue v when v.TryGetValue<string>(out var s) => JsonValue.Create(Expressions.ValueConverter.EscapeLiteral(s)),
        _ => node.DeepClone(),
    };

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
