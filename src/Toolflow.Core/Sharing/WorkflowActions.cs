using Toolflow.Core.Definitions;

namespace Toolflow.Core.Sharing;

/// <summary>What a caller may do to a workflow and its executions.</summary>
public enum WorkflowAction
{
    View,
    List,
    ReadExecutions,
    Execute,
    PauseExecution,
    ResumeExecution,
    Cancel,
    Retry,
    Signal,

    /// <summary>Pausing or resuming the workflow itself stops or restarts its triggers: an edit.</summary>
    PauseWorkflow,
    ResumeWorkflow,
    Edit,
    MakeTemplate,
    Delete,
    Restore,
    Share,
}

/// <summary>
/// THE table of which permission each action needs (view &lt; execute &lt; edit &lt; admin). Storage's
/// checks (<c>WorkflowAccess.Demand</c>) and the API's (<c>Permissions</c>) both read it, so a rule is
/// changed in exactly one place. Owners and admins hold <c>admin</c>; a grantee holds their live share's
/// permission; a public link holds its own (view or execute) and nothing else.
/// </summary>
public static class WorkflowActions
{
    public static SharePermission Required(WorkflowAction action) => action switch
    {
        WorkflowAction.View or WorkflowAction.List or WorkflowAction.ReadExecutions => SharePermission.View,
        WorkflowAction.Execute or WorkflowAction.PauseExecution or WorkflowAction.ResumeExecution or WorkflowAction.Cancel
            or WorkflowAction.Retry or WorkflowAction.Signal => SharePermission.Execute,
        WorkflowAction.PauseWorkflow or WorkflowAction.ResumeWorkflow or WorkflowAction.Edit or WorkflowAction.MakeTemplate => SharePermission.Edit,
        WorkflowAction.Delete or WorkflowAction.Restore or WorkflowAction.Share => SharePermission.Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "unknown workflow action"),
    };

    public static bool Allows(SharePermission held, WorkflowAction action) => held >= Required(action);
}
