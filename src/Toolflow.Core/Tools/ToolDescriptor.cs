using System.Text.Json.Nodes;

namespace Toolflow.Core.Tools;

/// <summary>What the tool registry publishes about a tool (SPEC §2, "Built-in tools").</summary>
public sealed record ToolDescriptor
{
    /// <summary>Dotted name, e.g. <c>http.request</c>.</summary>
    public required string Name { get; init; }
    public required string Description { get; init; }

    /// <summary>Group shown in the UI and used by suggestion: data, code, flow, http, llm, email, db.</summary>
    public required string Category { get; init; }

    /// <summary>JSON Schema of the node's <c>config</c>.</summary>
    public required JsonObject ConfigSchema { get; init; }

    /// <summary>JSON Schema of the node's output.</summary>
    public required JsonObject OutputSchema { get; init; }

    /// <summary>Fixed output branches (flow.condition: true, false). Empty when the tool does not branch.</summary>
    public IReadOnlyList<string> Branches { get; init; } = [];

    /// <summary>True when the branches come from the config (flow.switch: its cases plus <c>default</c>).</summary>
    public bool BranchesFromConfig { get; init; }

    /// <summary>Tools with side effects receive the stable idempotency key <c>executionId:nodeId:itemIndex</c>.</summary>
    public bool HasSideEffects { get; init; }

    /// <summary>True when a running node of this tool waits for <c>POST /executions/{id}/signal</c> (flow.approval).</summary>
    public bool TakesSignals { get; init; }

    /// <summary>An example config, used in documentation and round-trip tests.</summary>
    public JsonObject? ExampleConfig { get; init; }
}
