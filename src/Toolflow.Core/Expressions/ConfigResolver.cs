using System.Text.Json.Nodes;
using Toolflow.Core.Expressions.Sandbox;

namespace Toolflow.Core.Expressions;

/// <summary>
/// Walks a config tree and evaluates its templates, sharing one sandbox session (one scope
/// conversion) across all of them. Strings without <c>{{</c> and non-strings are deep-copied.
/// </summary>
internal sealed class ConfigResolver : IDisposable
{
    private const int MaxDepth = 64;
    private readonly ExpressionEvaluator _evaluator;
    private readonly ExpressionScope _scope;
    private readonly string? _nodeId;
    private readonly IReadOnlyCollection<string>? _raw;
    private readonly JsonObject _root;
    private SandboxSession? _session;

    public ConfigResolver(ExpressionEvaluator evaluator, JsonObject root, ExpressionScope scope, string? nodeId, IReadOnlyCollection<string>? raw)
    {
        _root = root;
        _evaluator = evaluator;
        _scope = scope;
        _nodeId = nodeId;
        _raw = raw;
    }

    public JsonNode? Resolve(JsonNode? node, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ExpressionEvaluationException(_nodeId, path, string.Empty, ExpressionErrorKind.Conversion, $"config is nested deeper than {MaxDepth} levels");
        }

        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    var raw = depth == 0 && _raw is not null && _raw.Contains(key);
                    copy[key] = raw ? value?.DeepClone() : Resolve(value, path + "/" + Escape(key), depth + 1);
                }

                return copy;
            case JsonArray array:
                var items = new JsonArray();
                for (var i = 0; i < array.Count; i++)
                {
                    items.Add(Resolve(array[i], path + "/" + i, depth + 1));
                }

                return items;
            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String:
                var text = value.GetValue<string>();
                if (!ExpressionTemplate.ContainsExpression(text))
                {
                    return JsonValue.Create(text);
                }

                var template = ExpressionEvaluator.Parse(text, _nodeId, path);
                _session ??= _evaluator.Sandbox.Open(_scope, NodeReferences.Filter(_scope, Templates(_root, 0)));
                return ExpressionEvaluator.Evaluate(_session, template, _nodeId, path);
            default:
                return node?.DeepClone();
        }
    }

    public void Dispose() => _session?.Dispose();

    // The session is shared by every string of the config, so it must see every node any of them mentions.
    private IEnumerable<ExpressionTemplate> Templates(JsonNode? node, int depth)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (!(depth == 0 && _raw is not null && _raw.Contains(key)))
                    {
                        foreach (var t in Templates(value, depth + 1))
                        {
                            yield return t;
                        }
                    }
                }

                break;
            case JsonArray array:
                foreach (var t in array.SelectMany(item => Templates(item, depth + 1)))
                {
                    yield return t;
                }

                break;
            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String:
                var text = value.GetValue<string>();
                if (ExpressionTemplate.ContainsExpression(text) && TryParse(text) is { } template)
                {
                    yield return template;
                }

                break;
        }
    }

    private static ExpressionTemplate? TryParse(string text)
    {
        try
        {
            return TemplateCache.Get(text);
        }
        catch (ExpressionSyntaxException)
        {
            return null;
        }
    }

    private static string Escape(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
