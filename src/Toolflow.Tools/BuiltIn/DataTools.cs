using System.Text.Json.Nodes;
using Toolflow.Core.Expressions;

namespace Toolflow.Tools.BuiltIn;

/// <summary><c>data.set</c>: the object of evaluated <c>values</c>.</summary>
public sealed class DataSetTool : ITool
{
    public string Name => "data.set";

    public ValueTask<ToolOutcome> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var values = invocation.Config["values"] switch
        {
            null => new JsonObject(),
            JsonObject obj => obj.DeepClone(),
            _ => throw ConfigReader.Invalid(invocation, "values", "must be an object"),
        };
        return ValueTask.FromResult<ToolOutcome>(ToolOutcome.Completed(values));
    }
}

/// <summary><c>data.template</c>: <c>{"text": …}</c>, the template already interpolated by the engine.</summary>
public sealed class DataTemplateTool : ITool
{
    public string Name => "data.template";

    public ValueTask<ToolOutcome> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var text = TemplateText.Of(invocation.Config["template"]);
        return ValueTask.FromResult<ToolOutcome>(ToolOutcome.Completed(new JsonObject { ["text"] = text }));
    }
}
