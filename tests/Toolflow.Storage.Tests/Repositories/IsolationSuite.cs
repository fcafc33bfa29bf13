using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Credentials;
using Toolflow.Storage.Repositories.Executions;
using Toolflow.Storage.Repositories.ToolInstances;
using Toolflow.Storage.Repositories.Workflows;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.Repositories;

/// <summary>
/// One user's workflow, execution, credential and tool instance, and every caller-taking method
/// tried on them by someone else: nothing is reachable unless a share or the admin role allows it.
/// </summary>
public abstract class IsolationSuite(StoreFixture store)
{
    private readonly RepositoryHarness _h = new(store.Database);

    private sealed record Owned(Caller Owner, WorkflowRecord Workflow, ExecutionRecord Execution, CredentialRecord Credential, ToolInstanceRecord Instance);

    private async Task<Owned> OwnedAsync()
    {
        var owner = await _h.MemberAsync("owner");
        var workflow = await _h.WorkflowAsync(owner, "Isolated", ["private"]);
        var execution = (await _h.Executions.CreateAsync(owner, new NewExecution(workflow.Id))).Execution;
        var credential = await _h.Credentials.CreateAsync(owner, "key", "bearer", new JsonObject { ["token"] = "owner-only" });
        var instance = await _h.ToolInstances.CreateAsync(owner, new ToolInstanceInput("http.request", "api") { CredentialId = credential.Id, WorkflowId = workflow.Id });
        return new Owned(owner, workflow, execution, credential, instance);
    }

    private async Task<int> ReachableCountAsync(Caller caller, Owned o)
    {
        var reached = 0;
        reached += await _h.Workflows.GetAsync(caller, o.Workflow.Id) is null ? 0 : 1;
        reached += await _h.Workflows.ListVersionsAsync(caller, o.Workflow.Id) is null ? 0 : 1;
        reached += await _h.Workflows.GetVersionAsync(caller, o.Workflow.Id, 1) is null ? 0 : 1;
        reached += (await _h.Workflows.ListAsync(caller, new WorkflowListQuery { Tags = ["private"], Limit = 100 })).Items.Any(w => w.Id == o.Workflow.Id) ? 1 : 0;
        reached += await _h.Executions.GetAsync(caller, o.Execution.Id) is null ? 0 : 1;
        reached += await _h.Executions.ListAsync(caller, o.Workflow.Id, new ExecutionListQuery()) is null ? 0 : 1;
        reached += (await _h.Executions.ListVisibleAsync(caller, new ExecutionListQuery { Limit = 100 })).Items.Any(e => e.Id == o.Execution.Id) ? 1 : 0;
        reached += await _h.Credentials.GetAsync(caller, o.Credential.Id) is null ? 0 : 1;
        reached += (await _h.Credentials.ListAsync(caller)).Any(c => c.Id == o.Credential.Id) ? 1 : 0;
        reached += await _h.Credentials.ResolveSecretAsync(caller, o.Credential.Id.ToString()) is null ? 0 : 1;
        reached += await _h.ToolInstances.GetAsync(caller, o.Instance.Id) is null ? 0 : 1;
        reached += (await _h.ToolInstances.ListAsync(caller)).Any(i => i.Id == o.Instance.Id) ? 1 : 0;
        return reached;
    }

    [StoreFact]
    public async Task AStranger_ReachesNothing_ByAnyReadOrWrite_AndNothingChanges()
    {
        var o = await OwnedAsync();
        var stranger = await _h.MemberAsync("stranger");

        Assert.Equal(0, await ReachableCountAsync(stranger, o));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Workflows.UpdateAsync(stranger, o.Workflow.Id, new WorkflowUpdate(1) { Definition = Definitions.Simple("mine") }));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Workflows.SetStatusAsync(stranger, o.Workflow.Id, WorkflowStatus.Active));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Workflows.ArchiveAsync(stranger, o.Workflow.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Executions.CreateAsync(stranger, new NewExecution(o.Workflow.Id)));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Executions.RequestTransitionAsync(stranger, o.Execution.Id, ExecutionStatus.Cancelled));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Credentials.UpdateAsync(stranger, o.Credential.Id, new CredentialUpdate { Secret = new JsonObject() }));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.ToolInstances.UpdateAsync(stranger, o.Instance.Id, new ToolInstanceInput("http.request", "x")));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Shares.GrantAsync(stranger, o.Workflow.Id, stranger.UserId, SharePermission.Admin));
        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.ToolInstances.CreateAsync(stranger, new ToolInstanceInput("http.request", "y") { CredentialId = o.Credential.Id }));
        Assert.False(await _h.Credentials.DeleteAsync(stranger, o.Credential.Id));
        Assert.False(await _h.ToolInstances.DeleteAsync(stranger, o.Instance.Id));

        Assert.Equal(12, await ReachableCountAsync(o.Owner, o));
        Assert.Equal(ExecutionStatus.Queued, (await _h.Executions.GetAsync(o.Owner, o.Execution.Id))?.Status);
        Assert.Equal(1, (await _h.Workflows.GetAsync(o.Owner, o.Workflow.Id))?.Version);
    }

    [StoreFact]
    public async Task AShare_OpensTheWorkflowAndItsExecutions_ButNeverTheCredentialOrInstance()
    {
        var o = await OwnedAsync();
        var friend = await _h.MemberAsync("friend");
        await _h.Shares.GrantAsync(o.Owner, o.Workflow.Id, friend.UserId, SharePermission.Execute);

        Assert.Equal(7, await ReachableCountAsync(friend, o));
        Assert.True((await _h.Executions.CreateAsync(friend, new NewExecution(o.Workflow.Id))).Created);
    }

    [StoreFact]
    public async Task AnAdmin_ReadsEveryObjectById_ButNotTheSecret_AndTheirOwnListsStayTheirs()
    {
        var o = await OwnedAsync();
        var admin = await _h.AdminAsync();

        // 4 workflow reads + 3 execution reads + credential and instance by id; not the secret, and
        // the credential and instance lists are the caller's own, for admins too.
        Assert.Equal(9, await ReachableCountAsync(admin, o));
        Assert.Null(await _h.Credentials.ResolveSecretAsync(admin, o.Credential.Id.ToString()));
    }
}

public sealed class SqliteIsolationTests(SqliteStoreFixture store) : IsolationSuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresIsolationTests(PostgresStoreFixture store) : IsolationSuite(store), IClassFixture<PostgresStoreFixture>;
