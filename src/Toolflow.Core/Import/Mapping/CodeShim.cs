using System.Text;
using System.Text.RegularExpressions;

namespace Toolflow.Core.Import.Mapping;

/// <summary>
/// Wraps n8n JavaScript so that it runs on Toolflow's single values: <c>$json</c>, <c>$input</c>,
/// <c>items</c>, <c>item</c>, <c>$('Node')</c> and <c>$node["Node"]</c> are defined over the parent
/// and referenced nodes' outputs (as one item each), and returned items are unwrapped from <c>{ json }</c>.
/// </summary>
internal static partial class CodeShim
{
    public static string Wrap(MappingContext context, string code, bool perItem, bool functionItem)
    {
        var builder = new StringBuilder("// Imported from n8n: the lines above the original code emulate n8n's item helpers.\n");
        if (UsesCurrentItem().IsMatch(code) || perItem || functionItem)
        {
            // n8n turns an array output (an HTTP response, a forEach result) into one item per element.
            builder.Append("const __source = ").Append(context.CurrentItem()).Append(";\n");
            builder.Append("const __items = Array.isArray(__source) ? __source.map((json) => ({ json })) : [{ json: __source }];\n");
            builder.Append("const $json = __items[0]?.json;\n");
            builder.Append("const $input = { all: () => __items, first: () => __items[0], last: () => __items[__items.length - 1], item: __items[0] };\n");
            builder.Append("const items = __items;\n");
        }

        var names = NodeNames().Matches(code).Select(m => m.Groups["name"].Value).Distinct().ToList();
        if (names.Count > 0)
        {
            builder.Append("const __n8nNodes = {\n");
            foreach (var name in names)
            {
                var target = context.Resolver.Node(context.Node.Name, name);
                if (target.Base is null)
                {
                    context.Problems.Add($"code: {target.Problem}");
                    continue;
                }

                var value = target.WebhookRequest ? "({ body: input })" : target.Base + target.Shape.Suffix;
                builder.Append("  get ").Append(Expressions.JsString.Quote(name)).Append("() { return ").Append(value).Append("; },\n");
            }

            builder.Append("};\n");
            builder.Append("const $ = (name) => { const json = __n8nNodes[name]; return { item: { json }, first: () => ({ json }), last: () => ({ json }), all: () => [{ json }] }; };\n");
            builder.Append("const $node = new Proxy({}, { get: (_, name) => ({ json: __n8nNodes[name] }) });\n");
        }

        var body = functionItem ? "const item = $json;\n" + code : code;
        builder.Append("const __unwrap = (i) => (i !== null && typeof i === 'object' && 'json' in i) ? i.json : i;\n");
        builder.Append("const __result = (() => {\n").Append(body).Append("\n})();\n");
        builder.Append("return Array.isArray(__result) ? (__result.length === 1 ? __unwrap(__result[0]) : __result.map(__unwrap)) : __unwrap(__result);");
        return builder.ToString();
    }

    [GeneratedRegex(@"\$json\b|\$input\b|(?<![\w$.])items\b|\$item\b")]
    private static partial Regex UsesCurrentItem();

    [GeneratedRegex("""\$\(\s*(?<q>['"`])(?<name>(?:(?!\k<q>).)+)\k<q>\s*\)|\$node\s*\[\s*(?<q>['"])(?<name>(?:(?!\k<q>).)+)\k<q>\s*\]""")]
    private static partial Regex NodeNames();
}
