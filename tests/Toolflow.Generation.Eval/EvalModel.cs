using Toolflow.Generation.Pipeline;

namespace Toolflow.Generation.Eval;

/// <summary>The model drafter the harness also scores, when the environment configures one.</summary>
public static class EvalModel
{
    public static IWorkflowDrafter? FromEnvironment() => null;
}
