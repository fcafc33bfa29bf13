using System.Text.Json.Nodes;
using Toolflow.Storage.Errors;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.ToolInstances;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.Repositories.ToolInstances;

public abstract class ToolInstanceRepositorySuite(StoreFixture store)
{
    private readonly RepositoryHarness _h = new(store.Database);

    [StoreFact]
    public async Task Crud_ByTheOwner_CreatesReadsListsReplacesAndDeletes()
    {
        var owner = await _h.MemberAsync();
        var credential = await _h.Credentials.CreateAsync(owner, "openai", "bearer", new JsonObject { ["token"] = "t" });
        var workflow = await _h.WorkflowAsync(owner);

        var created = await _h.ToolInstances.CreateAsync(owner, new ToolInstanceInput("llm.chat", "gpt")
        {
            Config = new JsonObject { ["model"] = "gpt-4o-mini" },
            CredentialId = credential.Id,
            WorkflowId = workflow.Id,
        });
        await _h.ToolInstances.CreateAsync(owner, new ToolInstanceInput("http.request", "api"));

        Assert.Equal("gpt-4o-mini", (await _h.ToolInstances.GetAsync(owner, created.Id))?.Config["model"]?.GetValue<string>());
        Assert.Equal(["api", "gpt"], (await _h.ToolInstances.ListAsync(owner)).Select(i => i.Name));
        Assert.Equal(["gpt"], (await _h.ToolInstances.ListAsync(owner, tool: "llm.chat")).Select(i => i.Name));
        Assert.Equal(["gpt"], (await _h.ToolInstances.ListAsync(owner, workflowId: workflow.Id)).Select(i => i.Name));

        var replaced = await _h.ToolInstances.UpdateAsync(owner, created.Id, new ToolInstanceInput("llm.chat", "gpt-2") { Config = new JsonObject { ["model"] = "other" } });
        Assert.Equal(("gpt-2", (Guid?)null), (replaced.Name, replaced.CredentialId));
        Assert.True(await _h.ToolInstances.DeleteAsync(owner, created.Id));
        Assert.Null(await _h.ToolInstances.GetAsync(owner, created.Id));
    }

    [StoreFact]
    public async Task AnotherUser_ReachesNoInstance_AnAdminMayReadIt()
    {
        var owner = await _h.MemberAsync();
        var stranger = await _h.MemberAsync();
        var instance = await _h.ToolInstances.CreateAsync(owner, new ToolInstanceInput("http.request", "mine"));

        Assert.Null(await _h.ToolInstances.GetAsync(stranger, instance.Id));
        Assert.Empty(await _h.ToolInstances.ListAsync(stranger));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.ToolInstances.UpdateAsync(stranger, instance.Id, new ToolInstanceInput("http.request", "stolen")));
        Assert.False(await _h.ToolInstances.DeleteAsync(stranger, instance.Id));
        Assert.NotNull(await _h.ToolInstances.GetAsync(await _h.AdminAsync(), instance.Id));
        Assert.Equal("mine", (await _h.ToolInstances.GetAsync(owner, instance.Id))?.Name);
    }

    [StoreFact]
    public async Task AnotherUsersCredentialOrWorkflow_IsATypedErrorAndWritesNothing()
    {
        var owner = await _h.MemberAsync();
        var other = await _h.MemberAsync();
        var theirs = await _h.Credentials.CreateAsync(other, "theirs", "bearer", new JsonObject { ["token"] = "t" });
        var theirWorkflow = await _h.WorkflowAsync(other);
        var mine = await _h.ToolInstances.CreateAsync(owner, new ToolInstanceInput("http.request", "mine"));
        var before = await _h.CountAsync("tool_instances");

        var byCredential = await Assert.ThrowsAsync<ValidationFailedException>(
            () => _h.ToolInstances.CreateAsync(owner, new ToolInstanceInput("http.request", "x") { CredentialId = theirs.Id }));
        var byWorkflow = await Assert.ThrowsAsync<ValidationFailedException>(
            () => _h.ToolInstances.CreateAsync(owner, new ToolInstanceInput("http.request", "y") { WorkflowId = theirWorkflow.Id }));
        await Assert.ThrowsAsync<ValidationFailedException>(
            () => _h.ToolInstances.UpdateAsync(owner, mine.Id, new ToolInstanceInput("http.request", "mine") { CredentialId = theirs.Id }));
        await Assert.ThrowsAsync<ValidationFailedException>(
            () => _h.ToolInstances.CreateAsync(owner, new ToolInstanceInput("http.request", "x") { CredentialId = Guid.NewGuid() }));
        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.ToolInstances.CreateAsync(owner, new ToolInstanceInput("http.request", new string('n', 201))));
        await Assert.ThrowsAsync<ConstraintViolationException>(() => _h.ToolInstances.CreateAsync(owner, new ToolInstanceInput("http.request", "mine")));

        Assert.Contains("/credentialId", byCredential.Errors.Keys);
        Assert.Contains("/workflowId", byWorkflow.Errors.Keys);
        Assert.Equal(before, await _h.CountAsync("tool_instances"));
        Assert.Null((await _h.ToolInstances.GetAsync(owner, mine.Id))?.CredentialId);
    }

    [StoreFact]
    public async Task DeletingTheCredential_LeavesTheInstanceWithoutOne()
    {
        var owner = await _h.MemberAsync();
        var credential = await _h.Credentials.CreateAsync(owner, "c", "bearer", new JsonObject { ["token"] = "t" });
        var instance = await _h.ToolInstances.CreateAsync(owner, new ToolInstanceInput("http.request", "i") { CredentialId = credential.Id });

        await _h.Credentials.DeleteAsync(owner, credential.Id);

        Assert.Null((await _h.ToolInstances.GetAsync(owner, instance.Id))?.CredentialId);
    }
}

public sealed class SqliteToolInstanceRepositoryTests(SqliteStoreFixture store) : ToolInstanceRepositorySuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresToolInstanceRepositoryTests(PostgresStoreFixture store) : ToolInstanceRepositorySuite(store), IClassFixture<PostgresStoreFixture>;
