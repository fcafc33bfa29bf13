using Toolflow.Core.Definitions;
using Toolflow.Storage.Repositories;

namespace Toolflow.Server.Workers;

/// <summary>Whose credentials and tool instances an execution of a workflow may use: its owner's.</summary>
internal static class WorkflowOwner
{
    // The worker acts for the system, not for a user: it may look up any workflow to learn its owner.
    private static readonly Caller System = new(Guid.Empty, UserRole.Admin);

    /// <summary>The owner of the workflow with id <paramref name="workflowId"/> (text from the engine), or null.</summary>
    public static async Task<Guid?> FindAsync(ToolflowRepositories repositories, string? workflowId, CancellationToken cancellationToken) =>
        Guid.TryParse(workflowId, out var id) && await repositories.Workflows.GetAsync(System, id, cancellationToken) is { } workflow
            ? workflow.OwnerId
            : null;
}
