using Microsoft.Extensions.Time.Testing;
using Toolflow.Core.Definitions;
using Toolflow.Storage.Database;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.ApiKeys;
using Toolflow.Storage.Repositories.Executions;
using Toolflow.Storage.Repositories.Users;
using Toolflow.Storage.Repositories.Workflows;
using Toolflow.Testing.Sql;

namespace Toolflow.Storage.Tests.Repositories;

/// <summary>
/// Repositories over one store fixture's database, with a fake clock that moves 1 ms per reading
/// (so every row gets a distinct, ordered time without sleeping).
/// </summary>
public sealed class RepositoryHarness
{
    public RepositoryHarness(ToolflowDatabase database)
    {
        Database = database;
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
        Users = new UserRepository(database, Clock);
        ApiKeys = new ApiKeyRepository(database, Clock);
        Workflows = new WorkflowRepository(database, Clock);
        Executions = new ExecutionRepository(database, Clock);
    }

    public ToolflowDatabase Database { get; }

    public FakeTimeProvider Clock { get; }

    public UserRepository Users { get; }

    public ApiKeyRepository ApiKeys { get; }

    public WorkflowRepository Workflows { get; }

    public ExecutionRepository Executions { get; }

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
