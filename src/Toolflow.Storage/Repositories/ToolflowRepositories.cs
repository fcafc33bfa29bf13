using Toolflow.Storage.Database;
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

namespace Toolflow.Storage.Repositories;

/// <summary>
/// Every repository over one database, clock and key ring: one object to register as a singleton
/// (repositories hold no connection; each call opens and returns one to the pool).
/// </summary>
public sealed class ToolflowRepositories(ToolflowDatabase database, TimeProvider time, MasterKeyRing keys, RetentionOptions? retention = null)
{
    public UserRepository Users { get; } = new(database, time);

    public ApiKeyRepository ApiKeys { get; } = new(database, time);

    public WorkflowRepository Workflows { get; } = new(database, time);

    public ExecutionRepository Executions { get; } = new(database, time);

    public ToolInstanceRepository ToolInstances { get; } = new(database, time);

    public CredentialRepository Credentials { get; } = new(database, time, keys);

    public TemplateRepository Templates { get; } = new(database, time);

    public ShareRepository Shares { get; } = new(database, time);

    public AuditLogRepository Audit { get; } = new(database, time);

    public ExecutionRetention Retention { get; } = new(database, time, retention ?? new RetentionOptions());

    public Keys.DataProtectionKeyRepository DataProtectionKeys { get; } = new(database, time);
}
