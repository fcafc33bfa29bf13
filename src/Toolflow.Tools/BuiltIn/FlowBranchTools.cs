using System.Text.Json.Nodes;
using Toolflow.Core.Expressions;

namespace Toolflow.Tools.BuiltIn;

/// <summary>
/// <c>flow.condition</c>: <c>{"result": bool}</c>, branch <c>true</c> or <c>false</c> by JavaScript
/// truthiness. The expression may be written <c>{{ a &gt; 1 }}</c> or bare (<c>a &gt; 1</c>).
/// </summary>
public sealed class FlowConditionTool(ExpressionEvaluator expressions) : ITool
{
    private static readonly string[] Raw = ["expression"];

    public string Name => "flow.condition";

    // Evaluated here, not by the engine, so that a bare expression is not mistaken for a string.
    public IReadOnlyCollection<string> RawConfigProperties => Raw;

    public ValueTask<ToolOutcome> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var value = invocation.Config["expression"] switch
        {
            JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => Evaluate(invocation, v.GetValue<string>()),
            var other => other,
        };
        var result = ConfigReader.IsTruthy(value);
        return ValueTask.FromResult<ToolOutcome>(ToolOutcome.Completed(new JsonObject { ["result"] = result }, result ? "true" : "false"));
    }

    private JsonNode? Evaluate(ToolInvocation invocation, string expression)
    {
        var template = ExpressionTemplate.ContainsExpression(expression) ? expression : "{{ " + expression + " }}";
        return expressions.Evaluate(template, invocation.Scope, invocation.NodeId, "/config/expression");
    }
}

/// <summary><c>flow.switch</c>: <c>{"value": …}</c>, branch = the case equal to the value (as text), else <c>default</c>.</summary>
public sealed class FlowSwitchTool : ITool
{
    public const string DefaultBranch = "default";

    public string Name => "flow.switch";

    public ValueTask<ToolOutcome> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var value = invocation.Config["value"];
        var text = TemplateText.Of(value);
        var branch = DefaultBranch;
        if (invocation.Config["cases"] is JsonArray cases)
        {
            foreach (var candidate in cases)
            {
                if (candidate is not null && TemplateText.Of(candidate) == text)
                {
                    branch = TemplateText.Of(candidate);
                    break;
                }
            }
        }

        return ValueTask.FromResult<ToolOutcome>(ToolOutcome.Completed(new JsonObject { ["value"] = value?.DeepClone() }, branch));
    }
}

/// <summary><c>flow.merge</c>: <c>{"&lt;parentId&gt;": output, …}</c> for the parents whose edge is active.</summary>
public sealed class FlowMergeTool : ITool
{
    public string Name => "flow.merge";

    public ValueTask<ToolOutcome> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var merged = new JsonObject();
        foreach (var parent in invocation.ActiveParents)
        {
            merged[parent] = invocation.Scope.Nodes.GetValueOrDefault(parent)?.DeepClone();
        }

        return ValueTask.FromResult<ToolOutcome>(ToolOutcome.Completed(merged));
    }
}

/// <summary>
/// <c>flow.fail</c>: always fails with the configured message. The failure is retryable (so a
/// node's <c>retry</c> policy applies, which is what the tool is for in tests) unless the config
/// says <c>"retryable": false</c>.
/// </summary>
public sealed class FlowFailTool : ITool
{
    public string Name => "flow.fail";

    public ValueTask<ToolOutcome> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var message = TemplateText.Of(invocation.Config["message"]);
        var retryable = invocation.Config["retryable"] is not JsonValue flag || ConfigReader.IsTruthy(flag);
        return ValueTask.FromResult<ToolOutcome>(ToolOutcome.Failed(ToolFailureCodes.Fail, message.Length > 0 ? message : "flow.fail", retryable));
    }
}
