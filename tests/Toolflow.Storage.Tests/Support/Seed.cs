using Toolflow.Storage.Database;
using Toolflow.Testing.Sql;

namespace Toolflow.Storage.Tests.Support;

/// <summary>Minimal rows for schema tests, written with dialect-neutral SQL.</summary>
internal static class Seed
{
    public const string EmptyDefinition = """{"name":"w","nodes":[],"edges":[]}""";

    public static async Task<Guid> UserAsync(ToolflowDatabase db, string? email = null, string role = "member", string displayName = "User")
    {
        var id = Guid.CreateVersion7();
        await db.ExecuteAsync(
            "INSERT INTO users (id, email, display_name, role) VALUES (@id, @email, @displayName, @role)",
            new { id, email = email ?? $"{id:N}@example.org", displayName, role });
        return id;
    }

    public static async Task<Guid> WorkflowAsync(
        ToolflowDatabase db, Guid ownerId, string status = "draft", DateTimeOffset? updatedAt = null,
        Guid? templateId = null, string definition = EmptyDefinition)
    {
        var id = Guid.CreateVersion7();
        var at = updatedAt ?? DateTimeOffset.UtcNow;
        await db.ExecuteAsync(
            """
            INSERT INTO workflows (id, owner_id, template_id, name, definition, status, created_at, updated_at)
            VALUES (@id, @ownerId, @templateId, @name, @definition, @status, @at, @at)
            """,
            new { id, ownerId, templateId, name = $"wf-{id:N}", definition = new SqlJson(definition), status, at });
        return id;
    }

    public static async Task<Guid> TemplateAsync(ToolflowDatabase db, Guid? authorId, bool published, string name = "template")
    {
        var id = Guid.CreateVersion7();
        await db.ExecuteAsync(
            """
            INSERT INTO workflow_templates (id, author_id, name, definition, is_published, published_at)
            VALUES (@id, @authorId, @name, @definition, @published, @publishedAt)
            """,
            new { id, authorId, name, definition = new SqlJson(EmptyDefinition), published, publishedAt = published ? DateTimeOffset.UtcNow : (DateTimeOffset?)null });
        return id;
    }

    public static async Task<Guid> ExecutionAsync(
        ToolflowDatabase db, Guid workflowId, string status = "queued", DateTimeOffset? completedAt = null,
        long? durationMs = null, Guid? parentId = null, Guid? triggeredBy = null)
    {
        var id = Guid.CreateVersion7();
        await db.ExecuteAsync(
            """
            INSERT INTO workflow_executions (id, workflow_id, workflow_version, status, completed_at, duration_ms, parent_execution_id, triggered_by)
            VALUES (@id, @workflowId, 1, @status, @completedAt, @durationMs, @parentId, @triggeredBy)
            """,
            new { id, workflowId, status, completedAt, durationMs, parentId, triggeredBy });
        return id;
    }

    public static async Task<Guid> JobAsync(ToolflowDatabase db, string status = "queued", string? uniqueKey = null)
    {
        var id = Guid.CreateVersion7();
        var running = status == "running";
        await db.ExecuteAsync(
            """
            INSERT INTO jobs (id, kind, status, unique_key, locked_by, locked_until, lease_token)
            VALUES (@id, 'test', @status, @uniqueKey, @lockedBy, @lockedUntil, @leaseToken)
            """,
            new
            {
                id,
                status,
                uniqueKey,
                lockedBy = running ? "worker-1" : null,
                lockedUntil = running ? DateTimeOffset.UtcNow.AddMinutes(1) : (DateTimeOffset?)null,
                leaseToken = running ? Guid.NewGuid() : (Guid?)null,
            });
        return id;
    }
}
