using Toolflow.Core.Definitions;
using Toolflow.Storage.Repositories.Workflows;

namespace Toolflow.Server.Endpoints;

/// <summary>One saved version of a workflow's definition (<c>GET /workflows/{id}/versions[/{v}]</c>).</summary>
internal sealed record WorkflowVersionResource(Guid WorkflowId, int Version, WorkflowDefinition Definition, Guid? CreatedBy, DateTimeOffset CreatedAt)
{
    public static WorkflowVersionResource From(WorkflowVersionRecord v) => new(v.WorkflowId, v.Version, v.Definition, v.CreatedBy, v.CreatedAt);
}
