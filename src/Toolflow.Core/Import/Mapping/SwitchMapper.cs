using System.Globalization;
using System.Text.Json.Nodes;

namespace Toolflow.Core.Import.Mapping;

/// <summary>
/// Switch v1–v3 → flow.switch. Every rule becomes a case named after its output; the switch value is an
/// expression choosing the first matching case, so any n8n rule operator can be expressed.
/// </summary>
internal sealed class SwitchMapper : IN8nNodeMapper
{
    public IReadOnlyList<string> Types { get; } = ["n8n-nodes-base.switch"];

    public NodeMapping Map(MappingContext context)
    {
        var p = context.Parameters;
        if (context.Text("mode") == "expression")
        {
            return context.Unsupported("its output is chosen by an output-index expression");
        }

        var v3 = context.Node.TypeVersion >= 3;
        var rules = (v3 ? p["rules"].Get("values") : p["rules"].Get("rules")) as JsonArray ?? [];
        var outputs = new List<string?>();
        var tests = new List<(string Condition, string Case)>();
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i] as JsonObject ?? [];
            var output = v3 ? i : (int)(N8n.N8nDocumentReader.Number(rule["output"]) ?? i);
            var condition = v3 ? ConditionTranslator.Translate(context, rule["conditions"], null) : V1Condition(context, rule);
            if (condition is null)
            {
                return context.Unsupported($"rule {i} cannot be translated");
            }

            var name = context.Text(rule["outputKey"]) is { Length: > 0 } key && v3 ? key : output.ToString(CultureInfo.InvariantCulture);
            while (outputs.Count <= output)
            {
                outputs.Add(null);
            }

            outputs[output] ??= outputs.Contains(name) || name == "default" ? $"{name}_{output}" : name;
            tests.Add((condition, outputs[output]!));
        }

        AddFallback(context, outputs, v3, rules.Count);
        if (p["options"].Get("allMatchingOutputs") is JsonValue all && all.TryGetValue<bool>(out var every) && every)
        {
            context.Warnings.Add("n8n sent items to every matching output; flow.switch takes the first matching case only");
        }

        var value = string.Concat(tests.Select(t => $"({t.Condition}) ? {Expressions.JsString.Quote(t.Case)} : ")) + "\"default\"";
        var cases = new JsonArray([.. outputs.Where(o => o is not null and not "default").Distinct().Select(o => JsonValue.Create(o))]);
        return NodeMapping.To("flow.switch", new JsonObject { ["value"] = $"{{{{ {value} }}}}", ["cases"] = cases }) with
        {
            Branches = outputs,
        };
    }

    private static string? V1Condition(MappingContext context, JsonObject rule)
    {
        var type = context.Text("dataType") ?? "number";
        var wrapper = new JsonObject
        {
            [type] = new JsonArray(new JsonObject
            {
                ["value1"] = context.Parameters["value1"]?.DeepClone(),
                ["value2"] = rule["value2"]?.DeepClone(),
                ["operation"] = rule["operation"]?.DeepClone(),
            }),
        };
        return ConditionTranslator.Translate(context, wrapper, null);
    }

    private static void AddFallback(MappingContext context, List<string?> outputs, bool v3, int ruleCount)
    {
        var fallback = v3 ? context.Parameters["options"].Get("fallbackOutput") : context.Parameters["fallbackOutput"];
        var index = context.Text(fallback) == "extra" ? ruleCount : (int?)N8n.N8nDocumentReader.Number(fallback);
        if (index is >= 0)
        {
            while (outputs.Count <= index)
            {
                outputs.Add(null);
            }

            outputs[index.Value] = "default";
        }
    }
}
