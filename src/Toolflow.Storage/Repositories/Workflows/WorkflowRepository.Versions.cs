namespace Toolflow.Storage.Repositories.Workflows;

public sealed partial class WorkflowRepository
{
    /// <summary>Every saved version, newest first; null when the caller may not see the workflow.</summary>
    public Task<IReadOnlyList<WorkflowVersionRecord>?> ListVersionsAsync(Caller caller, Guid workflowId, CancellationToken cancellationToken = default) =>
        _sql.ReadAsync<IReadOnlyList<WorkflowVersionRecord>?>(
            async db =>
            {
                if (await GetAsync(db, caller, workflowId, Clock.Now(time)) is null)
                {
                    return null;
                }

                return await db.ListAsync(
                    "SELECT workflow_id, version, definition, created_by, created_at FROM workflow_versions WHERE workflow_id = @id ORDER BY version DESC",
                    WorkflowVersionRecord.Read, ("id", workflowId));
            },
            cancellationToken);

    /// <summary>One version; null when it does not exist or the caller may not see the workflow.</summary>
    public Task<WorkflowVersionRecord?> GetVersionAsync(Caller caller, Guid workflowId, int version, CancellationToken cancellationToken = default) =>
        _sql.ReadAsync(
            async db => await GetAsync(db, caller, workflowId, Clock.Now(time)) is null ? null : await ReadVersionAsync(db, workflowId, version),
            cancellationToken);

    /// <summary>
    /// The definition an execution runs, with no visibility check: for the engine, which acts for
    /// an execution that was authorised when it was created. Never call it for a user request.
    /// </summary>
    public Task<WorkflowVersionRecord?> LoadVersionForExecutionAsync(Guid workflowId, int version, CancellationToken cancellationToken = default) =>
        _sql.ReadAsync(db => ReadVersionAsync(db, workflowId, version), cancellationToken);

    private static Task<WorkflowVersionRecord?> ReadVersionAsync(Db db, Guid workflowId, int version) =>
        db.SingleOrDefaultAsync(
            "SELECT workflow_id, version, definition, created_by, created_at FROM workflow_versions WHERE workflow_id = @id AND version = @version",
            WorkflowVersionRecord.Read, ("id", workflowId), ("version", version));
}
