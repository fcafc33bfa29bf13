using Toolflow.Core.Definitions;
using Toolflow.Storage.Repositories.Executions;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.Repositories.Executions;

/// <summary>GET /executions: every execution of every workflow the caller may see, newest first, filtered and paged.</summary>
public abstract class ExecutionListVisibleSuite(StoreFixture store)
{
    private readonly RepositoryHarness _h = new(store.Database);

    [StoreFact]
    public async Task AMember_SeesTheirOwnAndSharedWorkflowsRuns_NewestFirst_PageByPage_AndNoOneElses()
    {
        var member = await _h.MemberAsync("lister");
        var friend = await _h.MemberAsync("friend");
        var stranger = await _h.MemberAsync("stranger");
        var own = await _h.WorkflowAsync(member, "Own", []);
        var shared = await _h.WorkflowAsync(friend, "Shared", []);
        var hidden = await _h.WorkflowAsync(stranger, "Hidden", []);
        await _h.Shares.GrantAsync(friend, shared.Id, member.UserId, SharePermission.View);
        var first = (await _h.Executions.CreateAsync(member, new NewExecution(own.Id))).Execution.Id;
        _h.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = (await _h.Executions.CreateAsync(friend, new NewExecution(shared.Id))).Execution.Id;
        _h.Clock.Advance(TimeSpan.FromSeconds(1));
        var strangers = (await _h.Executions.CreateAsync(stranger, new NewExecution(hidden.Id))).Execution.Id;
        _h.Clock.Advance(TimeSpan.FromSeconds(1));
        var third = (await _h.Executions.CreateAsync(member, new NewExecution(own.Id))).Execution.Id;

        var page1 = await _h.Executions.ListVisibleAsync(member, new ExecutionListQuery { Limit = 2 });
        var page2 = await _h.Executions.ListVisibleAsync(member, new ExecutionListQuery { Limit = 2, Cursor = page1.NextCursor });
        var friends = await _h.Executions.ListVisibleAsync(friend, new ExecutionListQuery { Limit = 100 });

        Assert.Equal([third, second], page1.Items.Select(e => e.Id));
        Assert.NotNull(page1.NextCursor);
        Assert.Equal([first], page2.Items.Select(e => e.Id));
        Assert.Null(page2.NextCursor);
        Assert.Equal([second], friends.Items.Select(e => e.Id));
        Assert.DoesNotContain(strangers, (await _h.Executions.ListVisibleAsync(member, new ExecutionListQuery { Limit = 100 })).Items.Select(e => e.Id));
    }

    [StoreFact]
    public async Task StatusAndTimeFilters_Apply_AndAnAdminSeesEveryOwnersRuns()
    {
        var member = await _h.MemberAsync("filters");
        var admin = await _h.AdminAsync();
        var workflow = await _h.WorkflowAsync(member, "Filtered", []);
        var from = _h.Clock.GetUtcNow();
        var queued = (await _h.Executions.CreateAsync(member, new NewExecution(workflow.Id))).Execution.Id;
        var cancelled = (await _h.Executions.CreateAsync(member, new NewExecution(workflow.Id))).Execution.Id;
        await _h.Executions.RequestTransitionAsync(member, cancelled, ExecutionStatus.Cancelled);

        var onlyCancelled = await _h.Executions.ListVisibleAsync(member, new ExecutionListQuery { Statuses = [ExecutionStatus.Cancelled] });
        var before = await _h.Executions.ListVisibleAsync(member, new ExecutionListQuery { CreatedTo = from });
        var byAdmin = await _h.Executions.ListVisibleAsync(admin, new ExecutionListQuery { Limit = 100, CreatedFrom = from });

        Assert.Equal([cancelled], onlyCancelled.Items.Select(e => e.Id));
        Assert.Empty(before.Items);
        Assert.Contains(queued, byAdmin.Items.Select(e => e.Id));
        Assert.Contains(cancelled, byAdmin.Items.Select(e => e.Id));
    }
}

public sealed class SqliteExecutionListVisibleTests(SqliteStoreFixture store) : ExecutionListVisibleSuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresExecutionListVisibleTests(PostgresStoreFixture store) : ExecutionListVisibleSuite(store), IClassFixture<PostgresStoreFixture>;
