using Toolflow.Core.Definitions;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Users;
using Toolflow.Storage.Repositories.Workflows;

namespace Toolflow.Server.Endpoints;

/// <summary>
/// One saved version of a workflow's definition (<c>GET /workflows/{id}/versions[/{v}]</c>). Without the webhook's
/// <c>hookId</c>: it is server metadata, not part of what was edited (a rotation makes no version, so a stored one may
/// be stale), and it is a credential a viewer of the history must not learn. Who saved it is named as a share names
/// its person (<c>createdByEmail</c>, <c>createdByDisplayName</c>); both are absent when that user is gone.
/// </summary>
internal sealed record WorkflowVersionResource(
    Guid WorkflowId, int Version, WorkflowDefinition Definition, Guid? CreatedBy, DateTimeOffset CreatedAt,
    string? CreatedByEmail = null, string? CreatedByDisplayName = null)
{
    public static WorkflowVersionResource From(WorkflowVersionRecord v, UserRecord? author = null) =>
        new(v.WorkflowId, v.Version, v.Definition.Trigger is { HookId: not null } t ? v.Definition with { Trigger = t with { HookId = null } } : v.Definition, v.CreatedBy, v.CreatedAt,
            author?.Email, author?.DisplayName);

    /// <summary>The versions with their authors: a history has a handful of people, one indexed read each.</summary>
    public static async Task<List<WorkflowVersionResource>> FromAsync(IReadOnlyList<WorkflowVersionRecord> versions, ToolflowRepositories repositories, CancellationToken cancellationToken)
    {
        var people = new Dictionary<Guid, UserRecord?>();
        foreach (var userId in versions.Select(v => v.CreatedBy).OfType<Guid>().Distinct())
        {
            people[userId] = await repositories.Users.GetAsync(userId, cancellationToken);
        }

        return [.. versions.Select(v => From(v, v.CreatedBy is { } by ? people[by] : null))];
    }
}
