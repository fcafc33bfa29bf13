using Toolflow.Core.Definitions;
using Toolflow.Storage.Repositories.Workflows;

namespace Toolflow.Server.Endpoints;

/// <summary>
/// One saved version of a workflow's definition (<c>GET /workflows/{id}/versions[/{v}]</c>). Without the webhook's
/// <c>hookId</c>: it is server metadata, not part of what was edited (a rotation makes no version, so a stored one may
/// be stale), and it is a credential a viewer of the history must not learn.
/// </summary>
internal sealed record WorkflowVersionResource(Guid WorkflowId, int Version, WorkflowDefinition Definition, Guid? CreatedBy, DateTimeOffset CreatedAt)
{
    public static WorkflowVersionResource From(WorkflowVersionRecord v) =>
        new(v.WorkflowId, v.Version, v.Definition.Trigger is { HookId: not null } t ? v.Definition with { Trigger = t with { HookId = null } } : v.Definition, v.CreatedBy, v.CreatedAt);
}
