using Toolflow.Storage.Database;

namespace Toolflow.Storage.Repositories.ToolInstances;

/// <summary>
/// Tool instances belong to their owner alone (admins may read them). A credential or workflow
/// named by an instance must belong to the same owner: another user's id is a
/// <see cref="ValidationFailedException"/> and nothing is written — ids of others never leak as
/// "exists but not yours".
/// </summary>
public sealed class ToolInstanceRepository(ToolflowDatabase database, TimeProvider time)
{
    private readonly SqlSession _sql = new(database);

    public Task<ToolInstanceRecord> CreateAsync(Caller owner, ToolInstanceInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        CheckInput(input);
        var id = Guid.CreateVersion7();
        var now = Clock.Now(time);
        return _sql.WriteAsync(
            async db =>
            {
                await CheckReferencesAsync(db, owner.UserId, input);
                await db.ExecuteAsync(
                    """
                    INSERT INTO tool_instances (id, owner_id, workflow_id, credential_id, tool, name, config, created_at, updated_at)
                    VALUES (@id, @owner, @workflow, @credential, @tool, @name, @config, @now, @now)
                    """,
                    ("id", id), ("owner", owner.UserId), ("workflow", input.WorkflowId), ("credential", input.CredentialId),
                    ("tool", input.Tool), ("name", input.Name.Trim()), ("config", new JsonText((input.Config ?? []).ToJsonString())), ("now", now));
                return (await ReadAsync(db, id))!;
            },
            cancellationToken);
    }

    public Task<ToolInstanceRecord?> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken = default) =>
        _sql.ReadAsync(
            db => db.SingleOrDefaultAsync(
                $"SELECT {ToolInstanceRecord.Columns} FROM tool_instances WHERE id = @id AND (owner_id = @caller OR @admin)",
                ToolInstanceRecord.Read, ("id", id), ("caller", caller.UserId), ("admin", caller.IsAdmin)),
            cancellationToken);

    /// <summary>The caller's instances, optionally of one tool or one workflow, by name.</summary>
    public Task<IReadOnlyList<ToolInstanceRecord>> ListAsync(Caller caller, string? tool = null, Guid? workflowId = null, CancellationToken cancellationToken = default) =>
        _sql.ReadAsync<IReadOnlyList<ToolInstanceRecord>>(
            async db => await db.ListAsync(
                $"SELECT {ToolInstanceRecord.Columns} FROM tool_instances WHERE owner_id = @caller" +
                (tool is null ? "" : " AND tool = @tool") + (workflowId is null ? "" : " AND workflow_id = @workflow") + " ORDER BY name, id",
                ToolInstanceRecord.Read, ("caller", caller.UserId), ("tool", tool), ("workflow", workflowId)),
            cancellationToken);

    /// <summary>Replaces the owner's instance with <paramref name="input"/> (<see cref="NotFoundException"/> for others).</summary>
    public Task<ToolInstanceRecord> UpdateAsync(Caller caller, Guid id, ToolInstanceInput input, CancellationToken cancellationToken = default)
    {
        CheckInput(input);
        return _sql.WriteAsync(
            async db =>
            {
                await CheckReferencesAsync(db, caller.UserId, input);
                var changed = await db.ExecuteAsync(
                    """
                    UPDATE tool_instances
                       SET workflow_id = @workflow, credential_id = @credential, tool = @tool, name = @name, config = @config, updated_at = @now
                     WHERE id = @id AND owner_id = @caller
                    """,
                    ("workflow", input.WorkflowId), ("credential", input.CredentialId), ("tool", input.Tool), ("name", input.Name.Trim()),
                    ("config", new JsonText((input.Config ?? []).ToJsonString())), ("now", Clock.Now(time)), ("id", id), ("caller", caller.UserId));
                return changed == 0 ? throw new NotFoundException("tool instance", id.ToString()) : (await ReadAsync(db, id))!;
            },
            cancellationToken);
    }

    public Task<bool> DeleteAsync(Caller caller, Guid id, CancellationToken cancellationToken = default) =>
        _sql.WriteAsync(
            async db => await db.ExecuteAsync("DELETE FROM tool_instances WHERE id = @id AND owner_id = @caller", ("id", id), ("caller", caller.UserId)) > 0,
            cancellationToken);

    private static Task<ToolInstanceRecord?> ReadAsync(Db db, Guid id) =>
        db.SingleOrDefaultAsync($"SELECT {ToolInstanceRecord.Columns} FROM tool_instances WHERE id = @id", ToolInstanceRecord.Read, ("id", id));

    private static void CheckInput(ToolInstanceInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        new Check().Name("/tool", input.Tool, 100).Name("/name", input.Name).ThrowIfAny();
    }

    private static async Task CheckReferencesAsync(Db db, Guid ownerId, ToolInstanceInput input)
    {
        var check = new Check();
        if (input.CredentialId is { } credential)
        {
            check.That(await db.ScalarAsync("SELECT 1 FROM credentials WHERE id = @id AND owner_id = @owner", ("id", credential), ("owner", ownerId)) is not null,
                "/credentialId", "names no credential of the instance's owner");
        }

        if (input.WorkflowId is { } workflow)
        {
            check.That(await db.ScalarAsync("SELECT 1 FROM workflows WHERE id = @id AND owner_id = @owner", ("id", workflow), ("owner", ownerId)) is not null,
                "/workflowId", "names no workflow of the instance's owner");
        }

        check.ThrowIfAny();
    }
}
