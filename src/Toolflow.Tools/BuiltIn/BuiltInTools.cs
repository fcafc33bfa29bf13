using Toolflow.Core.Expressions;
using Toolflow.Core.Expressions.Sandbox;

namespace Toolflow.Tools.BuiltIn;

/// <summary>The built-in tools of SPEC §2 implemented so far, keyed by name.</summary>
public static class BuiltInTools
{
    /// <param name="expressions">The evaluator the engine uses (flow.condition evaluates with it).</param>
    /// <param name="codeSandbox">The sandbox for code.javascript; <see cref="SandboxLimits.Code"/> limits by default.</param>
    /// <param name="subworkflows">The port for flow.subworkflow; without one the node fails clearly.</param>
    public static ToolRegistry Create(ExpressionEvaluator expressions, JavaScriptSandbox? codeSandbox = null, ISubworkflowRunner? subworkflows = null) =>
        new(
        [
            new DataSetTool(),
            new DataTemplateTool(),
            new CodeJavaScriptTool(codeSandbox ?? new JavaScriptSandbox(SandboxLimits.Code)),
            new FlowConditionTool(expressions),
            new FlowSwitchTool(),
            new FlowMergeTool(),
            new FlowFailTool(),
            new FlowDelayTool(),
            new FlowApprovalTool(),
            new FlowSubworkflowTool(subworkflows),
        ]);
}
