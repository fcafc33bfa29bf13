using System.Text.Json.Nodes;

namespace Toolflow.Core.Import.Mapping;

/// <summary>
/// Turns n8n condition sets into one JavaScript boolean expression: version 1's typed lists
/// (<c>string</c>, <c>number</c>, <c>boolean</c>, <c>dateTime</c>) and version 2's filter conditions.
/// </summary>
internal static class ConditionTranslator
{
    /// <summary>Returns the expression, or null after adding the reason to the context's problems.</summary>
    public static string? Translate(MappingContext context, JsonNode? conditions, string? combineV1)
    {
        if (conditions is JsonObject { } v2 && v2["conditions"] is JsonArray list)
        {
            var join = context.Text(v2["combinator"]) == "or" ? " || " : " && ";
            var ignoreCase = v2["options"].Get("caseSensitive") is JsonValue cs && cs.TryGetValue<bool>(out var sensitive) && !sensitive;
            return Combine(context, list.Select(c => V2(context, c as JsonObject, ignoreCase)), join);
        }

        if (conditions is JsonObject v1)
        {
            var join = combineV1 == "any" ? " || " : " && ";
            var parts = v1.SelectMany(group => (group.Value as JsonArray ?? []).Select(c => V1(context, group.Key, c as JsonObject)));
            return Combine(context, parts, join);
        }

        context.Problems.Add("the node has no conditions");
        return null;
    }

    private static string? Combine(MappingContext context, IEnumerable<string?> parts, string join)
    {
        var list = parts.ToList();
        if (list.Count == 0 || list.Any(p => p is null))
        {
            if (list.Count == 0)
            {
                context.Problems.Add("the node has no conditions");
            }

            return null;
        }

        return list.Count == 1 ? list[0] : string.Join(join, list.Select(p => $"({p})"));
    }

    private static string? V1(MappingContext context, string type, JsonObject? condition)
    {
        var left = context.Js(condition.Get("value1"));
        var right = context.Js(condition.Get("value2"));
        var operation = context.Text(condition.Get("operation")) ?? (type == "dateTime" ? "after" : "equal");
        var op = operation switch
        {
            "equal" => "equals",
            "notEqual" => "notEquals",
            "smaller" => "lt",
            "smallerEqual" => "lte",
            "larger" => "gt",
            "largerEqual" => "gte",
            "isEmpty" => "empty",
            "isNotEmpty" => "notEmpty",
            _ => operation,
        };
        return Operator(context, type == "boolean" && op == "equals" ? "booleanEquals" : op, left, right, type);
    }

    private static string? V2(MappingContext context, JsonObject? condition, bool ignoreCase)
    {
        var type = context.Text(condition.Get("operator").Get("type")) ?? "string";
        var op = context.Text(condition.Get("operator").Get("operation")) ?? "equals";
        var left = context.Js(condition.Get("leftValue"));
        var right = context.Js(condition.Get("rightValue"));
        if (ignoreCase && type == "string")
        {
            left = $"String({left}).toLowerCase()";
            right = $"String({right}).toLowerCase()";
        }

        return Operator(context, op, left, right, type);
    }

    private static string? Operator(MappingContext context, string op, string l, string r, string type)
    {
        var number = type == "number";
        string N(string x) => number ? $"Number({x})" : x;
        string D(string x) => $"new Date({x}).getTime()";
        var result = (type, op) switch
        {
            (_, "exists") => $"({l}) !== undefined && ({l}) !== null",
            (_, "notExists") => $"({l}) === undefined || ({l}) === null",
            (_, "empty") => $"({l}) === undefined || ({l}) === null || ({l}).length === 0 || (typeof ({l}) === 'object' && Object.keys({l}).length === 0)",
            (_, "notEmpty") => $"!(({l}) === undefined || ({l}) === null || ({l}).length === 0 || (typeof ({l}) === 'object' && Object.keys({l}).length === 0))",
            ("boolean", "true") => $"({l}) === true",
            ("boolean", "false") => $"({l}) === false",
            ("boolean", "booleanEquals") or ("boolean", "equals") => $"Boolean({l}) === Boolean({r})",
            ("dateTime", "after") => $"{D(l)} > {D(r)}",
            ("dateTime", "before") => $"{D(l)} < {D(r)}",
            ("dateTime", "afterOrEquals") => $"{D(l)} >= {D(r)}",
            ("dateTime", "beforeOrEquals") => $"{D(l)} <= {D(r)}",
            ("dateTime", "equals") => $"{D(l)} === {D(r)}",
            ("dateTime", "notEquals") => $"{D(l)} !== {D(r)}",
            ("array", "contains") => $"({l} ?? []).includes({r})",
            ("array", "notContains") => $"!({l} ?? []).includes({r})",
            ("array", "lengthEquals") => $"({l} ?? []).length === Number({r})",
            ("array", "lengthNotEquals") => $"({l} ?? []).length !== Number({r})",
            ("array", "lengthGt") => $"({l} ?? []).length > Number({r})",
            ("array", "lengthLt") => $"({l} ?? []).length < Number({r})",
            ("array", "lengthGte") => $"({l} ?? []).length >= Number({r})",
            ("array", "lengthLte") => $"({l} ?? []).length <= Number({r})",
            (_, "equals") => number ? $"{N(l)} === {N(r)}" : $"({l}) == ({r})",
            (_, "notEquals") => number ? $"{N(l)} !== {N(r)}" : $"({l}) != ({r})",
            ("number", "gt") => $"{N(l)} > {N(r)}",
            ("number", "lt") => $"{N(l)} < {N(r)}",
            ("number", "gte") => $"{N(l)} >= {N(r)}",
            ("number", "lte") => $"{N(l)} <= {N(r)}",
            ("string", "contains") => $"String({l}).includes({r})",
            ("string", "notContains") => $"!String({l}).includes({r})",
            ("string", "startsWith") => $"String({l}).startsWith({r})",
            ("string", "notStartsWith") => $"!String({l}).startsWith({r})",
            ("string", "endsWith") => $"String({l}).endsWith({r})",
            ("string", "notEndsWith") => $"!String({l}).endsWith({r})",
            ("string", "regex") => $"new RegExp({r}).test(String({l}))",
            ("string", "notRegex") => $"!new RegExp({r}).test(String({l}))",
            _ => null,
        };
        if (result is null)
        {
            context.Problems.Add($"the condition operator '{type}.{op}' has no translation");
        }

        return result;
    }
}
