using Toolflow.Core.Definitions;
using Toolflow.Core.Sharing;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Workflows;

namespace Toolflow.Server.Auth;

/// <summary>
/// The API's side of the permission rules. Which permission an action needs is decided once, in
/// <see cref="WorkflowActions"/>, which storage also enforces inside its transactions; handlers call
/// this only where they act on a workflow they already loaded (copying it into a template, a public
/// link's limits). Invisible stays 404; visible but not allowed is 403.
/// </summary>
internal static class Permissions
{
    public static bool Allows(SharePermission held, WorkflowAction action) => WorkflowActions.Allows(held, action);

    public static void Demand(WorkflowRecord workflow, WorkflowAction action)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        if (!WorkflowActions.Allows(workflow.Permission, action))
        {
            throw new InsufficientPermissionException(workflow.Id, WorkflowActions.Required(action), workflow.Permission);
        }
    }
}
