using Microsoft.Extensions.Time.Testing;
using Toolflow.Core.Definitions;
using Toolflow.Storage.Database;
using Toolflow.Storage.Migrations;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.ApiKeys;
using Toolflow.Storage.Repositories.Audit;
using Toolflow.Storage.Repositories.Credentials;
using Toolflow.Storage.Repositories.Executions;
using Toolflow.Storage.Repositories.Retention;
using Toolflow.Storage.Repositories.Shares;
using Toolflow.Storage.Repositories.Templates;
using Toolflow.Storage.Repositories.ToolInstances;
using Toolflow.Storage.Repositories.Users;
using Toolflow.Storage.Repositories.Workflows;
using Toolflow.Storage.Secrets;
using Toolflow.Testing.Sql;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.Repositories;

/// <summary>
/// Repositories over one store fixture's database, with a fake clock that moves 1 ms per reading
/// (so every row gets a distinct, ordered time without sleeping).
/// </summary>
public sealed class RepositoryHarness : IAsyncDisposable
{
    private bool _ownsDatabase;

    public RepositoryHarness(ToolflowDatabase database)
    {
        Database = database;
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
        Keys = new MasterKeyRing(MasterKey.Generate(1));
        All = new ToolflowRepositories(database, Clock, Keys, new RetentionOptions { BatchSize = 7 });
    }

    public MasterKeyRing Keys { get; }

    /// <summary>
    /// A harness over a new, migrated database of the fixture's dialect, for tests that touch every
    /// row of a table (key rotation, whole-database scans) and so must not share one.
    /// </summary>
    public static async Task<(RepositoryHarness Harness, DatabaseOptions Options)> FreshAsync(StoreFixture store)
    {
        var options = await store.CreateEmptyDatabaseAsync();
        var database = ToolflowDatabase.Create(options);
        await new Migrator(database).MigrateAsync(CancellationToken.None);
        return (new RepositoryHarness(database) { _ownsDatabase = true }, options);
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsDatabase)
        {
            await Database.DisposeAsync();
        }
    }

    public ToolflowRepositories All { get; }

    public UserRepository Users => All.Users;

    public ApiKeyRepository ApiKeys => All.ApiKeys;

    public WorkflowRepository Workflows => All.Workflows;

    public ExecutionRepository Executions => All.Executions;

    public CredentialRepository Credentials => All.Credentials;

    public ToolInstanceRepository ToolInstances => All.ToolInstances;

    public ShareRepository Shares => All.Shares;

    public TemplateRepository Templates => All.Templates;

    public AuditLogRepository Audit => All.Audit;

    public ToolflowDatabase Database { get; }

    public FakeTimeProvider Clock { get; }

    public async Task<Caller> MemberAsync(string? name = null)
    {
        var user = await Users.CreateAsync($"{name ?? "user"}-{Guid.NewGuid():N}@example.org", name ?? "User", UserRole.Member);
        return user.AsCaller();
    }

    public async Task<Caller> AdminAsync()
    {
        var user = await Users.CreateAsync($"admin-{Guid.NewGuid():N}@example.org", "Admin", UserRole.Admin);
        return user.AsCaller();
    }

    public Task<WorkflowRecord> WorkflowAsync(Caller owner, string name = "Flow", IReadOnlyList<string>? tags = null, WorkflowStatus status = WorkflowStatus.Draft, TriggerType trigger = TriggerType.Manual, string? description = null) =>
        Workflows.CreateAsync(owner, new NewWorkflow(Definitions.Simple(name, tags, trigger, description)) { Status = status });

    public Task<long> CountAsync(string table) => Database.CountAsync($"SELECT count(*) FROM {table}");

    public Task ShareAsync(Guid workflowId, Guid userId, string permission, DateTimeOffset? expiresAt = null) =>
        Database.ExecuteAsync(
            "INSERT INTO workflow_shares (id, workflow_id, grantee_user_id, permission, expires_at) VALUES (@id, @workflowId, @userId, @permission, @expiresAt)",
            new { id = Guid.CreateVersion7(), workflowId, userId, permission, expiresAt });
}
