using Toolflow.Storage.Database;
using Toolflow.Storage.Errors;
using Toolflow.Storage.Tests.Support;
using Toolflow.Testing.Sql;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.Constraints;

/// <summary>Every rule of the schema rejects what it should, as a typed error, and writes nothing.</summary>
public abstract class ConstraintSuite(StoreFixture store)
{
    private ToolflowDatabase Db => store.Database;

    public static TheoryData<string> CheckCases =>
    [
        "workflows_status_check",
        "workflows_trigger_type_check",
        "workflows_execution_count_check",
        "users_role_check",
        "workflow_executions_status_check",
        "workflow_executions_trigger_type_check",
        "workflow_executions_steps_completed_check",
        "workflow_executions_completed_check",
        "executions_status_check",
        "executions_attempts_check",
        "jobs_status_check",
        "jobs_attempts_check",
        "template_ratings_stars_check/6",
        "template_ratings_stars_check/0",
        "workflow_templates_usage_count_check",
        "workflow_shares_permission_check",
        "workflow_shares_access_count_check",
        "workflow_shares_grantee_check/both",
        "workflow_shares_grantee_check/neither",
        "workflow_shares_public_permission_check",
    ];

    [StoreTheory]
    [MemberData(nameof(CheckCases))]
    public async Task Insert_BreakingACheck_IsRejectedAsCheckViolationNamingTheConstraint(string checkCase)
    {
        var owner = await Seed.UserAsync(Db);
        var workflow = await Seed.WorkflowAsync(Db, owner);
        var id = Guid.CreateVersion7();
        var (table, sql, args) = BadInsert(checkCase, id, owner, workflow, await Seed.ExecutionAsync(Db, workflow),
            await Seed.TemplateAsync(Db, owner, published: false));

        var error = await Assert.ThrowsAsync<ConstraintViolationException>(() => Db.ExecuteAsync(sql, args));

        Assert.Equal(ConstraintKind.Check, error.Kind);
        Assert.Equal(checkCase.Split('/')[0], error.ConstraintName);
        Assert.Equal(0, await Db.CountAsync($"SELECT count(*) FROM {table} WHERE id = @id", new { id }));
    }

    [StoreFact]
    public async Task Insert_RatingOfSixStars_IsRejectedAsCheckViolation()
    {
        var user = await Seed.UserAsync(Db);
        var template = await Seed.TemplateAsync(Db, user, published: true);

        var error = await Assert.ThrowsAsync<ConstraintViolationException>(() => Db.ExecuteAsync(
            "INSERT INTO template_ratings (id, template_id, user_id, stars) VALUES (@id, @template, @user, 6)",
            new { id = Guid.NewGuid(), template, user }));

        Assert.Equal(ConstraintKind.Check, error.Kind);
        Assert.Contains("template_ratings_stars_check", error.Message, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Insert_UserWithEmailDifferingOnlyInCase_IsRejectedAsUniqueViolation()
    {
        var email = $"{Guid.NewGuid():N}@example.org";
        await Seed.UserAsync(Db, email);

        var error = await Assert.ThrowsAsync<ConstraintViolationException>(() => Seed.UserAsync(Db, email.ToUpperInvariant()));

        Assert.Equal(ConstraintKind.Unique, error.Kind);
        Assert.Equal("users_email_lower_key", error.ConstraintName);
        Assert.Equal(1, await Db.CountAsync("SELECT count(*) FROM users WHERE lower(email) = @email", new { email }));
    }

    [StoreFact]
    public async Task Insert_SecondRatingBySameUserForSameTemplate_IsRejectedAsUniqueViolation()
    {
        var user = await Seed.UserAsync(Db);
        var template = await Seed.TemplateAsync(Db, user, published: true);
        const string sql = "INSERT INTO template_ratings (id, template_id, user_id, stars) VALUES (@id, @template, @user, 4)";
        await Db.ExecuteAsync(sql, new { id = Guid.NewGuid(), template, user });

        var error = await Assert.ThrowsAsync<ConstraintViolationException>(() => Db.ExecuteAsync(sql, new { id = Guid.NewGuid(), template, user }));

        Assert.Equal(ConstraintKind.Unique, error.Kind);
        Assert.StartsWith("template_ratings", error.ConstraintName, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Insert_SecondExecutionWithSameIdempotencyKeyForWorkflow_IsRejectedAsUniqueViolation()
    {
        var workflow = await Seed.WorkflowAsync(Db, await Seed.UserAsync(Db));
        var other = await Seed.WorkflowAsync(Db, await Seed.UserAsync(Db));
        const string sql = "INSERT INTO workflow_executions (id, workflow_id, workflow_version, idempotency_key) VALUES (@id, @workflow, 1, 'key-1')";
        await Db.ExecuteAsync(sql, new { id = Guid.NewGuid(), workflow });
        await Db.ExecuteAsync(sql, new { id = Guid.NewGuid(), workflow = other });

        var error = await Assert.ThrowsAsync<ConstraintViolationException>(() => Db.ExecuteAsync(sql, new { id = Guid.NewGuid(), workflow }));

        Assert.Equal(ConstraintKind.Unique, error.Kind);
    }

    [StoreFact]
    public async Task Insert_SecondUnfinishedJobWithSameUniqueKey_IsRejectedAsUniqueViolation()
    {
        var key = $"key-{Guid.NewGuid():N}";
        await Seed.JobAsync(Db, "running", key);

        var error = await Assert.ThrowsAsync<ConstraintViolationException>(() => Seed.JobAsync(Db, "queued", key));

        Assert.Equal(ConstraintKind.Unique, error.Kind);
        Assert.Equal(1, await Db.CountAsync("SELECT count(*) FROM jobs WHERE unique_key = @key", new { key }));
    }

    [StoreFact]
    public async Task Insert_JobWithUniqueKeyOfFinishedJobs_IsAllowed()
    {
        var key = $"key-{Guid.NewGuid():N}";
        await Seed.JobAsync(Db, "completed", key);
        await Seed.JobAsync(Db, "failed", key);

        await Seed.JobAsync(Db, "queued", key);

        Assert.Equal(3, await Db.CountAsync("SELECT count(*) FROM jobs WHERE unique_key = @key", new { key }));
    }

    [StoreFact]
    public async Task Insert_ExecutionOfMissingWorkflow_IsRejectedAsForeignKeyViolation()
    {
        var id = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<ConstraintViolationException>(() => Db.ExecuteAsync(
            "INSERT INTO workflow_executions (id, workflow_id, workflow_version) VALUES (@id, @missing, 1)",
            new { id, missing = Guid.NewGuid() }));

        Assert.Equal(ConstraintKind.ForeignKey, error.Kind);
        if (Db.Dialect == SqlDialect.Postgres)
        {
            // SQLite does not name the broken foreign key.
            Assert.Equal("workflow_executions_workflow_id_fkey", error.ConstraintName);
        }

        Assert.Equal(0, await Db.CountAsync("SELECT count(*) FROM workflow_executions WHERE id = @id", new { id }));
    }

    [StoreFact]
    public async Task Insert_UserWithoutEmail_IsRejectedAsNotNullViolation()
    {
        var error = await Assert.ThrowsAsync<ConstraintViolationException>(() => Db.ExecuteAsync(
            "INSERT INTO users (id, email, display_name) VALUES (@id, NULL, 'x')", new { id = Guid.NewGuid() }));

        Assert.Equal(ConstraintKind.NotNull, error.Kind);
        Assert.Equal("users.email", error.ConstraintName);
    }

    [StoreFact]
    public async Task Execute_OfInvalidSql_IsAStorageErrorButNotAConstraintViolation()
    {
        var error = await Assert.ThrowsAsync<StorageException>(() => Db.ExecuteAsync("UPDATE no_such_table SET x = 1"));

        Assert.IsNotType<ConstraintViolationException>(error);
        Assert.NotNull(error.InnerException);
    }

    private static (string Table, string Sql, object Args) BadInsert(
        string checkCase, Guid id, Guid owner, Guid workflow, Guid execution, Guid template) => checkCase switch
        {
            "workflows_status_check" => ("workflows",
                "INSERT INTO workflows (id, owner_id, name, definition, status) VALUES (@id, @owner, 'w', @definition, 'deleted')",
                new { id, owner, definition = new SqlJson(Seed.EmptyDefinition) }),
            "workflows_trigger_type_check" => ("workflows",
                "INSERT INTO workflows (id, owner_id, name, definition, trigger_type) VALUES (@id, @owner, 'w', @definition, 'email')",
                new { id, owner, definition = new SqlJson(Seed.EmptyDefinition) }),
            "workflows_execution_count_check" => ("workflows",
                "INSERT INTO workflows (id, owner_id, name, definition, execution_count) VALUES (@id, @owner, 'w', @definition, -1)",
                new { id, owner, definition = new SqlJson(Seed.EmptyDefinition) }),
            "users_role_check" => ("users",
                "INSERT INTO users (id, email, display_name, role) VALUES (@id, @email, 'x', 'owner')",
                new { id, email = $"{id:N}@example.org" }),
            "workflow_executions_status_check" => ("workflow_executions",
                "INSERT INTO workflow_executions (id, workflow_id, workflow_version, status) VALUES (@id, @workflow, 1, 'done')",
                new { id, workflow }),
            "workflow_executions_trigger_type_check" => ("workflow_executions",
                "INSERT INTO workflow_executions (id, workflow_id, workflow_version, trigger_type) VALUES (@id, @workflow, 1, 'cron')",
                new { id, workflow }),
            "workflow_executions_steps_completed_check" => ("workflow_executions",
                "INSERT INTO workflow_executions (id, workflow_id, workflow_version, steps_completed) VALUES (@id, @workflow, 1, -1)",
                new { id, workflow }),
            "workflow_executions_completed_check" => ("workflow_executions",
                "INSERT INTO workflow_executions (id, workflow_id, workflow_version, status, completed_at) VALUES (@id, @workflow, 1, 'completed', @at)",
                new { id, workflow, at = DateTimeOffset.UtcNow }),
            "executions_status_check" => ("executions",
                "INSERT INTO executions (id, workflow_execution_id, node_id, status) VALUES (@id, @execution, 'n', 'ok')",
                new { id, execution }),
            "executions_attempts_check" => ("executions",
                "INSERT INTO executions (id, workflow_execution_id, node_id, attempts) VALUES (@id, @execution, 'n', -1)",
                new { id, execution }),
            "jobs_status_check" => ("jobs",
                "INSERT INTO jobs (id, kind, status) VALUES (@id, 'k', 'dead')", new { id }),
            "jobs_attempts_check" => ("jobs",
                "INSERT INTO jobs (id, kind, attempts) VALUES (@id, 'k', -1)", new { id }),
            "template_ratings_stars_check/6" => ("template_ratings",
                "INSERT INTO template_ratings (id, template_id, user_id, stars) VALUES (@id, @template, @owner, 6)",
                new { id, template, owner }),
            "template_ratings_stars_check/0" => ("template_ratings",
                "INSERT INTO template_ratings (id, template_id, user_id, stars) VALUES (@id, @template, @owner, 0)",
                new { id, template, owner }),
            "workflow_templates_usage_count_check" => ("workflow_templates",
                "INSERT INTO workflow_templates (id, name, definition, usage_count) VALUES (@id, 't', @definition, -1)",
                new { id, definition = new SqlJson(Seed.EmptyDefinition) }),
            "workflow_shares_permission_check" => ("workflow_shares",
                "INSERT INTO workflow_shares (id, workflow_id, grantee_user_id, permission) VALUES (@id, @workflow, @owner, 'own')",
                new { id, workflow, owner }),
            "workflow_shares_access_count_check" => ("workflow_shares",
                "INSERT INTO workflow_shares (id, workflow_id, grantee_user_id, permission, access_count) VALUES (@id, @workflow, @owner, 'view', -1)",
                new { id, workflow, owner }),
            "workflow_shares_grantee_check/both" => ("workflow_shares",
                "INSERT INTO workflow_shares (id, workflow_id, grantee_user_id, token_hash, token_prefix, permission) VALUES (@id, @workflow, @owner, @hash, 'tf_', 'view')",
                new { id, workflow, owner, hash = $"hash-{id:N}" }),
            "workflow_shares_grantee_check/neither" => ("workflow_shares",
                "INSERT INTO workflow_shares (id, workflow_id, permission) VALUES (@id, @workflow, 'view')",
                new { id, workflow }),
            "workflow_shares_public_permission_check" => ("workflow_shares",
                "INSERT INTO workflow_shares (id, workflow_id, token_hash, token_prefix, permission) VALUES (@id, @workflow, @hash, 'tf_', 'edit')",
                new { id, workflow, hash = $"hash-{id:N}" }),
            _ => throw new ArgumentOutOfRangeException(nameof(checkCase), checkCase, "unknown case"),
        };
}

public sealed class SqliteConstraintTests(SqliteStoreFixture store) : ConstraintSuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresConstraintTests(PostgresStoreFixture store) : ConstraintSuite(store), IClassFixture<PostgresStoreFixture>;
