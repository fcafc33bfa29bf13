using Toolflow.Core.Definitions;

namespace Toolflow.Generation.Planning;

/// <summary>What the planner understood of a prompt: the trigger, the steps in order, and what it could not map.</summary>
internal sealed record WorkflowPlan(TriggerDefinition? Trigger, IReadOnlyList<PlannedStep> Steps, IReadOnlyList<string> Unmapped, IReadOnlyList<string> RemoveTools, bool Instead);
