using System.Text;
using System.Text.Json.Nodes;
using Toolflow.Core.Expressions.Sandbox;

namespace Toolflow.Core.Expressions;

/// <summary>
/// Evaluates <c>{{ … }}</c> templates (SPEC §2): a string that is exactly one expression yields
/// the raw JSON value; any other string interpolates its results as text.
/// </summary>
public sealed class ExpressionEvaluator
{
    public ExpressionEvaluator(JavaScriptSandbox sandbox)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        Sandbox = sandbox;
    }

    public JavaScriptSandbox Sandbox { get; }

    /// <summary>Evaluates one template string. <paramref name="path"/> names where it sits, for errors.</summary>
    public JsonNode? Evaluate(string template, ExpressionScope scope, string? nodeId = null, string path = "")
    {
        ArgumentNullException.ThrowIfNull(template);
        var parsed = Parse(template, nodeId, path);
        if (!parsed.HasExpressions)
        {
            return JsonValue.Create(template);
        }

        using var session = Sandbox.Open(scope, NodeReferences.Filter(scope, [parsed]));
        return Evaluate(session, parsed, nodeId, path);
    }

    /// <summary>
    /// Returns a copy of <paramref name="config"/> with every string holding <c>{{</c> evaluated,
    /// except the top-level properties in <paramref name="rawProperties"/> (e.g. a code node's body).
    /// </summary>
    public JsonObject ResolveConfig(JsonObject config, ExpressionScope scope, string? nodeId, IReadOnlyCollection<string>? rawProperties = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var resolver = new ConfigResolver(this, config, scope, nodeId, rawProperties);
        try
        {
            return (JsonObject)resolver.Resolve(config, "/config", depth: 0)!;
        }
        finally
        {
            resolver.Dispose();
        }
    }

    internal static ExpressionTemplate Parse(string template, string? nodeId, string path)
    {
        try
        {
            return TemplateCache.Get(template);
        }
        catch (ExpressionSyntaxException ex)
        {
            throw new ExpressionEvaluationException(nodeId, path, template, ExpressionErrorKind.Syntax, ex.Reason, ex);
        }
    }

    internal static JsonNode? Evaluate(SandboxSession session, ExpressionTemplate template, string? nodeId, string path)
    {
        if (template.IsSingleExpression)
        {
            var code = template.Segments.First(s => s.IsExpression).Text;
            return EvaluateOne(session, code, nodeId, path);
        }

        var text = new StringBuilder();
        foreach (var segment in template.Segments)
        {
            text.Append(segment.IsExpression ? TemplateText.Of(EvaluateOne(session, segment.Text, nodeId, path)) : segment.Text);
            if (text.Length > session.MaxResultChars)
            {
                // Each piece is bounded on its own; the text they make together is bounded too.
                throw new ExpressionEvaluationException(nodeId, path, template.Source, ExpressionErrorKind.Conversion,
                    $"the interpolated text is longer than {session.MaxResultChars} characters");
            }
        }

        return JsonValue.Create(text.ToString());
    }

    private static JsonNode? EvaluateOne(SandboxSession session, string code, string? nodeId, string path)
    {
        try
        {
            return session.Evaluate(code);
        }
        catch (SandboxException ex) when (ex is not ExpressionEvaluationException)
        {
            throw new ExpressionEvaluationException(nodeId, path, code, ex.Kind, ex.Message, ex);
        }
    }
}
