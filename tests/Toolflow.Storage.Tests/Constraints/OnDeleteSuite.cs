using Toolflow.Storage.Database;
using Toolflow.Storage.Errors;
using Toolflow.Storage.Tests.Support;
using Toolflow.Testing.Sql;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.Constraints;

/// <summary>Deleting a user, a workflow, a template or a credential keeps or removes dependents as docs/schema.md says.</summary>
public abstract class OnDeleteSuite(StoreFixture store)
{
    private ToolflowDatabase Db => store.Database;

    [StoreFact]
    public async Task DeleteUser_WithoutOwnedObjects_RemovesTheirKeysRatingsAndSharesAndKeepsHistoryWithoutThem()
    {
        var owner = await Seed.UserAsync(Db);
        var user = await Seed.UserAsync(Db);
        var workflow = await Seed.WorkflowAsync(Db, owner);
        var template = await Seed.TemplateAsync(Db, user, published: true);
        await Db.ExecuteAsync(
            "INSERT INTO api_keys (id, user_id, name, key_prefix, key_hash) VALUES (@id, @user, 'k', 'tf_', @hash)",
            new { id = Guid.NewGuid(), user, hash = Guid.NewGuid().ToString("N") });
        await Db.ExecuteAsync(
            "INSERT INTO template_ratings (id, template_id, user_id, stars) VALUES (@id, @template, @user, 5)",
            new { id = Guid.NewGuid(), template, user });
        var grant = Guid.NewGuid();
        await Db.ExecuteAsync(
            "INSERT INTO workflow_shares (id, workflow_id, grantee_user_id, permission, created_by) VALUES (@grant, @workflow, @user, 'view', @owner)",
            new { grant, workflow, user, owner });
        var link = Guid.NewGuid();
        await Db.ExecuteAsync(
            "INSERT INTO workflow_shares (id, workflow_id, token_hash, token_prefix, permission, created_by) VALUES (@link, @workflow, @hash, 'tf_', 'view', @user)",
            new { link, workflow, user, hash = Guid.NewGuid().ToString("N") });
        await Db.ExecuteAsync(
            "INSERT INTO workflow_versions (id, workflow_id, version, definition, created_by) VALUES (@id, @workflow, 1, @definition, @user)",
            new { id = Guid.NewGuid(), workflow, user, definition = new SqlJson(Seed.EmptyDefinition) });
        var execution = await Seed.ExecutionAsync(Db, workflow, triggeredBy: user);
        await Db.ExecuteAsync(
            "INSERT INTO audit_log (id, actor_user_id, actor_label, action, object_type, object_id) VALUES (@id, @user, 'someone', 'workflow.execute', 'workflow', 'x')",
            new { id = Guid.NewGuid(), user });

        Assert.Equal(1, await Db.ExecuteAsync("DELETE FROM users WHERE id = @user", new { user }));

        Assert.Equal(0, await Db.CountAsync("SELECT count(*) FROM api_keys WHERE user_id = @user", new { user }));
        Assert.Equal(0, await Db.CountAsync("SELECT count(*) FROM template_ratings WHERE user_id = @user", new { user }));
        Assert.Equal(0, await Db.CountAsync("SELECT count(*) FROM workflow_shares WHERE id = @grant", new { grant }));
        Assert.Equal(1, await Db.CountAsync("SELECT count(*) FROM workflow_shares WHERE id = @link AND created_by IS NULL", new { link }));
        Assert.Equal(1, await Db.CountAsync(
            "SELECT count(*) FROM workflow_templates WHERE id = @template AND author_id IS NULL AND rating_count = 0 AND rating_avg IS NULL", new { template }));
        Assert.Equal(1, await Db.CountAsync("SELECT count(*) FROM workflow_versions WHERE workflow_id = @workflow AND created_by IS NULL", new { workflow }));
        Assert.Equal(1, await Db.CountAsync("SELECT count(*) FROM workflow_executions WHERE id = @execution AND triggered_by IS NULL", new { execution }));
        Assert.Equal(1, await Db.CountAsync("SELECT count(*) FROM audit_log WHERE actor_label = 'someone' AND actor_user_id IS NULL"));
    }

    [StoreFact]
    public async Task DeleteUser_WhoOwnsAWorkflow_IsRejectedAsForeignKeyViolationAndDeletesNothing()
    {
        var owner = await Seed.UserAsync(Db);
        var workflow = await Seed.WorkflowAsync(Db, owner);

        var error = await Assert.ThrowsAsync<ConstraintViolationException>(() => Db.ExecuteAsync("DELETE FROM users WHERE id = @owner", new { owner }));

        Assert.Equal(ConstraintKind.ForeignKey, error.Kind);
        Assert.Equal(1, await Db.CountAsync("SELECT count(*) FROM users WHERE id = @owner", new { owner }));
        Assert.Equal(1, await Db.CountAsync("SELECT count(*) FROM workflows WHERE id = @workflow", new { workflow }));
    }

    [StoreFact]
    public async Task DeleteWorkflow_RemovesItsVersionsExecutionsNodeRunsSharesAndToolInstancesAndDetachesChildRuns()
    {
        var owner = await Seed.UserAsync(Db);
        var workflow = await Seed.WorkflowAsync(Db, owner);
        var other = await Seed.WorkflowAsync(Db, owner);
        await Db.ExecuteAsync(
            "INSERT INTO workflow_versions (id, workflow_id, version, definition) VALUES (@id, @workflow, 1, @definition)",
            new { id = Guid.NewGuid(), workflow, definition = new SqlJson(Seed.EmptyDefinition) });
        var execution = await Seed.ExecutionAsync(Db, workflow);
        await Db.ExecuteAsync(
            "INSERT INTO executions (id, workflow_execution_id, node_id) VALUES (@id, @execution, 'a')",
            new { id = Guid.NewGuid(), execution });
        var child = await Seed.ExecutionAsync(Db, other, parentId: execution);
        await Db.ExecuteAsync(
            "INSERT INTO workflow_shares (id, workflow_id, grantee_user_id, permission) VALUES (@id, @workflow, @grantee, 'execute')",
            new { id = Guid.NewGuid(), workflow, grantee = await Seed.UserAsync(Db) });
        await Db.ExecuteAsync(
            "INSERT INTO tool_instances (id, owner_id, workflow_id, tool, name) VALUES (@id, @owner, @workflow, 'http.request', @name)",
            new { id = Guid.NewGuid(), owner, workflow, name = $"scoped-{workflow:N}" });

        Assert.Equal(1, await Db.ExecuteAsync("DELETE FROM workflows WHERE id = @workflow", new { workflow }));

        Assert.Equal(0, await Db.CountAsync("SELECT count(*) FROM workflow_versions WHERE workflow_id = @workflow", new { workflow }));
        Assert.Equal(0, await Db.CountAsync("SELECT count(*) FROM workflow_executions WHERE workflow_id = @workflow", new { workflow }));
        Assert.Equal(0, await Db.CountAsync("SELECT count(*) FROM executions WHERE workflow_execution_id = @execution", new { execution }));
        Assert.Equal(0, await Db.CountAsync("SELECT count(*) FROM workflow_shares WHERE workflow_id = @workflow", new { workflow }));
        Assert.Equal(0, await Db.CountAsync("SELECT count(*) FROM tool_instances WHERE workflow_id = @workflow", new { workflow }));
        Assert.Equal(1, await Db.CountAsync("SELECT count(*) FROM workflow_executions WHERE id = @child AND parent_execution_id IS NULL", new { child }));
    }

    [StoreFact]
    public async Task DeleteTemplate_KeepsWorkflowsMadeFromItAndRemovesItsRatings()
    {
        var owner = await Seed.UserAsync(Db);
        var template = await Seed.TemplateAsync(Db, owner, published: true);
        var workflow = await Seed.WorkflowAsync(Db, owner, templateId: template);
        await Db.ExecuteAsync(
            "INSERT INTO template_ratings (id, template_id, user_id, stars) VALUES (@id, @template, @owner, 3)",
            new { id = Guid.NewGuid(), template, owner });

        await Db.ExecuteAsync("DELETE FROM workflow_templates WHERE id = @template", new { template });

        Assert.Equal(1, await Db.CountAsync("SELECT count(*) FROM workflows WHERE id = @workflow AND template_id IS NULL", new { workflow }));
        Assert.Equal(0, await Db.CountAsync("SELECT count(*) FROM template_ratings WHERE template_id = @template", new { template }));
    }

    [StoreFact]
    public async Task DeleteCredential_DetachesToolInstancesThatUsedIt()
    {
        var owner = await Seed.UserAsync(Db);
        var credential = Guid.NewGuid();
        await Db.ExecuteAsync(
            "INSERT INTO credentials (id, owner_id, name, type, encrypted_secret) VALUES (@credential, @owner, 'smtp', 'smtp', @secret)",
            new { credential, owner, secret = new byte[] { 1, 2, 3 } });
        var instance = Guid.NewGuid();
        await Db.ExecuteAsync(
            "INSERT INTO tool_instances (id, owner_id, credential_id, tool, name) VALUES (@instance, @owner, @credential, 'email.send', 'mailer')",
            new { instance, owner, credential });

        await Db.ExecuteAsync("DELETE FROM credentials WHERE id = @credential", new { credential });

        Assert.Equal(1, await Db.CountAsync("SELECT count(*) FROM tool_instances WHERE id = @instance AND credential_id IS NULL", new { instance }));
    }
}

public sealed class SqliteOnDeleteTests(SqliteStoreFixture store) : OnDeleteSuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresOnDeleteTests(PostgresStoreFixture store) : OnDeleteSuite(store), IClassFixture<PostgresStoreFixture>;
