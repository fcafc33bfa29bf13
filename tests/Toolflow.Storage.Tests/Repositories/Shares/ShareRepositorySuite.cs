using Toolflow.Core.Definitions;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Shares;
using Toolflow.Testing.Sql;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.Repositories.Shares;

public abstract class ShareRepositorySuite(StoreFixture store)
{
    private readonly RepositoryHarness _h = new(store.Database);

    [StoreFact]
    public async Task Grant_GivesTheUserTheWorkflowWithThatPermission_RegrantReplaces_RevokeTakesItAway()
    {
        var owner = await _h.MemberAsync();
        var friend = await _h.MemberAsync();
        var workflow = await _h.WorkflowAsync(owner);

        var share = await _h.Shares.GrantAsync(owner, workflow.Id, friend.UserId, SharePermission.View);
        Assert.Equal(SharePermission.View, (await _h.Workflows.GetAsync(friend, workflow.Id))?.Permission);

        var again = await _h.Shares.GrantAsync(owner, workflow.Id, friend.UserId, SharePermission.Edit);
        Assert.Equal(share.Id, again.Id);
        Assert.Equal(SharePermission.Edit, (await _h.Workflows.GetAsync(friend, workflow.Id))?.Permission);

        Assert.True(await _h.Shares.RevokeAsync(owner, workflow.Id, share.Id));
        Assert.False(await _h.Shares.RevokeAsync(owner, workflow.Id, share.Id));
        Assert.Null(await _h.Workflows.GetAsync(friend, workflow.Id));
        Assert.NotNull(Assert.Single(await _h.Shares.ListAsync(owner, workflow.Id)).RevokedAt);
    }

    [StoreFact]
    public async Task AShare_StopsWorkingWhenItExpires()
    {
        var owner = await _h.MemberAsync();
        var friend = await _h.MemberAsync();
        var workflow = await _h.WorkflowAsync(owner);
        await _h.Shares.GrantAsync(owner, workflow.Id, friend.UserId, SharePermission.Execute, _h.Clock.GetUtcNow().AddMinutes(5));
        Assert.NotNull(await _h.Workflows.GetAsync(friend, workflow.Id));

        _h.Clock.Advance(TimeSpan.FromMinutes(6));

        Assert.Null(await _h.Workflows.GetAsync(friend, workflow.Id));
    }

    [StoreFact]
    public async Task ManagingShares_NeedsAdminPermission_AndIsNotFoundForStrangers_AndWritesNothing()
    {
        var owner = await _h.MemberAsync();
        var editor = await _h.MemberAsync();
        var stranger = await _h.MemberAsync();
        var workflow = await _h.WorkflowAsync(owner);
        await _h.Shares.GrantAsync(owner, workflow.Id, editor.UserId, SharePermission.Edit);
        var before = await _h.CountAsync("workflow_shares");

        await Assert.ThrowsAsync<InsufficientPermissionException>(() => _h.Shares.GrantAsync(editor, workflow.Id, stranger.UserId, SharePermission.View));
        await Assert.ThrowsAsync<InsufficientPermissionException>(() => _h.Shares.ListAsync(editor, workflow.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Shares.GrantAsync(stranger, workflow.Id, stranger.UserId, SharePermission.Admin));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Shares.CreatePublicLinkAsync(stranger, workflow.Id, SharePermission.View));
        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.Shares.GrantAsync(owner, workflow.Id, owner.UserId, SharePermission.View));
        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.Shares.GrantAsync(owner, workflow.Id, Guid.NewGuid(), SharePermission.View));
        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.Shares.GrantAsync(owner, workflow.Id, stranger.UserId, (SharePermission)8));
        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.Shares.CreatePublicLinkAsync(owner, workflow.Id, SharePermission.Edit));
        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.Shares.CreatePublicLinkAsync(owner, workflow.Id, SharePermission.View, _h.Clock.GetUtcNow().AddDays(-1)));

        Assert.Equal(before, await _h.CountAsync("workflow_shares"));
        var admin = await _h.AdminAsync();
        Assert.Equal(SharePermission.View, (await _h.Shares.GrantAsync(admin, workflow.Id, stranger.UserId, SharePermission.View)).Permission);
    }

    [StoreFact]
    public async Task APublicLink_StoresOnlyTheHashAndPrefix_AndResolvesWhileLive()
    {
        var owner = await _h.MemberAsync();
        var workflow = await _h.WorkflowAsync(owner);

        var link = await _h.Shares.CreatePublicLinkAsync(owner, workflow.Id, SharePermission.Execute, _h.Clock.GetUtcNow().AddHours(1));

        Assert.StartsWith(link.Share.TokenPrefix!, link.Token, StringComparison.Ordinal);
        Assert.DoesNotContain(link.Token, link.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await _h.Database.CountAsync("SELECT count(*) FROM workflow_shares WHERE token_hash = @token OR token_prefix = @token", new { token = link.Token }));
        Assert.Equal(1, await _h.Database.CountAsync("SELECT count(*) FROM workflow_shares WHERE token_hash = @hash", new { hash = ShareTokens.Hash(link.Token) }));

        var resolved = (await _h.Shares.UseTokenAsync(link.Token))?.Share;
        Assert.Equal((workflow.Id, SharePermission.Execute, 1L), (resolved!.WorkflowId, resolved.Permission, resolved.AccessCount));
        Assert.NotNull(resolved.LastAccessedAt);
        Assert.Null(await _h.Shares.UseTokenAsync(link.Token + "x"));

        _h.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Null(await _h.Shares.UseTokenAsync(link.Token));
    }

    [StoreFact]
    public async Task ARevokedPublicLink_NoLongerResolves()
    {
        var owner = await _h.MemberAsync();
        var workflow = await _h.WorkflowAsync(owner);
        var link = await _h.Shares.CreatePublicLinkAsync(owner, workflow.Id, SharePermission.View);

        Assert.True(await _h.Shares.RevokeAsync(owner, workflow.Id, link.Share.Id));

        Assert.Null(await _h.Shares.UseTokenAsync(link.Token));
    }

    [StoreFact]
    public async Task ALinkToAnArchivedWorkflow_DoesNotResolve_AndCountsNothing()
    {
        var owner = await _h.MemberAsync();
        var workflow = await _h.WorkflowAsync(owner);
        var link = await _h.Shares.CreatePublicLinkAsync(owner, workflow.Id, SharePermission.Execute);
        var use = await _h.Shares.UseTokenAsync(link.Token);
        Assert.Equal((workflow.Id, SharePermission.Execute), (use!.Workflow.Id, use.Workflow.Permission));

        await _h.Workflows.ArchiveAsync(owner, workflow.Id);

        Assert.Null(await _h.Shares.UseTokenAsync(link.Token));
        Assert.Null(await _h.Shares.UseTokenAsync("tfs_00000000_" + new string('A', 43)));
        Assert.Equal(1, Assert.Single(await _h.Shares.ListAsync(owner, workflow.Id)).AccessCount);
    }

    [StoreFact]
    public async Task ParallelUsesOfAPublicLink_AreEachCounted()
    {
        var owner = await _h.MemberAsync();
        var workflow = await _h.WorkflowAsync(owner);
        var link = await _h.Shares.CreatePublicLinkAsync(owner, workflow.Id, SharePermission.View);

        await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => _h.Shares.UseTokenAsync(link.Token)));

        Assert.Equal(30, Assert.Single(await _h.Shares.ListAsync(owner, workflow.Id)).AccessCount);
    }
}

public sealed class SqliteShareRepositoryTests(SqliteStoreFixture store) : ShareRepositorySuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresShareRepositoryTests(PostgresStoreFixture store) : ShareRepositorySuite(store), IClassFixture<PostgresStoreFixture>;
